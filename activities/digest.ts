/**
 * The digest activities: gather what a recipient's week holds from the
 * tasks' published views, and send it. Sending is like a notice's: transient
 * SMTP failures throw (Temporal retries), permanent ones come back as a
 * result; the message is built once and archived. The Message-ID is per
 * recipient and week, so a retry is the same mail.
 */
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import { digestContent } from '../src/digest/digest-content';
import type { TaskViewSource } from '../src/digest/task-views';
import { composeDigest, type DigestComposeOptions } from '../src/mail/compose-digest';
import type { DigestContent, DigestInput, DigestMailRequest } from '../src/shared/digest';
import type { NoticeResult } from '../src/shared/workflow-api';
import type { SentArchive } from '../src/mail/sent-archive';
import { TransientMailError, buildMessage, isPermanentSmtpFailure } from './mail';

export interface DigestDependencies {
  transport: Transporter;
  compose: DigestComposeOptions;
  archive?: SentArchive;
  /** Where the tasks' views come from; without it the digest cannot run. */
  taskViews?: TaskViewSource;
}

export function createDigestActivities(deps: DigestDependencies) {
  return {
    /** What the recipient's digest lists at `at`. Reads only; safe to retry. */
    async collectDigest(input: DigestInput & { at: number }): Promise<DigestContent> {
      if (!deps.taskViews)
        throw ApplicationFailure.create({
          type: 'DigestNotConfigured',
          message: 'this worker was built without a source of task views (a Temporal client)',
          nonRetryable: true,
        });
      const views = await deps.taskViews(input.resolutionId);
      return digestContent(views, { role: input.role, personKey: input.recipient.key }, input.at);
    },

    /** Sends one digest. */
    async sendDigest(request: DigestMailRequest): Promise<NoticeResult> {
      const mail = composeDigest(request, deps.compose);
      const { raw, envelope } = await buildMessage(mail);
      // Kept before it is sent, like every notice: a message that went out is in the archive.
      await deps.archive?.write(mail.messageId, raw);
      try {
        await deps.transport.sendMail({ envelope, raw });
        log.info('digest sent', { messageId: mail.messageId, to: mail.to.address });
        return { delivered: true };
      } catch (failure) {
        const error = failure as Error & {
          responseCode?: number;
          response?: string;
          code?: string;
        };
        if (isPermanentSmtpFailure(error)) {
          log.warn('digest rejected permanently', {
            messageId: mail.messageId,
            to: mail.to.address,
          });
          return { delivered: false, permanent: true, error: error.response ?? error.message };
        }
        throw new TransientMailError(
          `SMTP ${error.responseCode ?? error.code ?? 'error'}: ${error.response ?? error.message}`,
        );
      }
    },
  };
}
