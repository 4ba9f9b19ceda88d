/**
 * The mail activity: composes a notice and hands it to SMTP. Transient
 * failures (4xx replies, refused connections) throw, so Temporal retries them
 * with backoff; permanent rejections (5xx, a bad address) come back as a
 * result that the workflow records, and are never retried.
 */
import { log } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import { composeNotice, type ComposeOptions } from '../src/mail/compose';
import type { NoticeRequest, NoticeResult } from '../src/shared/workflow-api';

export interface MailDependencies {
  transport: Transporter;
  compose: Omit<ComposeOptions, 'now'>;
  /** Clock for the mail's own timestamps; the workflow's planned instant goes in the Date header. */
  now?: () => number;
}

/** An SMTP failure that a retry may cure. */
export class TransientMailError extends Error {
  override name = 'TransientMailError';
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

export function isPermanentSmtpFailure(error: SmtpError): boolean {
  return (
    typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600
  );
}

export function createMailActivities(deps: MailDependencies) {
  const now = deps.now ?? Date.now;
  return {
    /** Sends one notice. Idempotent in effect: the Message-ID is the workflow's, so a resend is the same message. */
    async sendNotice(request: NoticeRequest): Promise<NoticeResult> {
      const mail = composeNotice(request, { ...deps.compose, now: now() });
      try {
        await deps.transport.sendMail({
          from: mail.from,
          to: mail.to,
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
          ...(mail.references ? { references: mail.references } : {}),
          date: mail.date,
          headers: mail.headers,
          ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
        });
        log.info('notice sent', {
          messageId: mail.messageId,
          kind: request.kind,
          to: request.recipient.email,
        });
        return { delivered: true };
      } catch (raw) {
        const error = raw as SmtpError;
        if (isPermanentSmtpFailure(error)) {
          log.warn('notice rejected permanently', {
            messageId: mail.messageId,
            to: request.recipient.email,
            response: error.response,
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
