/**
 * The bounce-mailbox activity: reads the unseen messages over IMAP, parses
 * each as a delivery status notification and records its recipients on
 * their tasks; flags each message only after that (see src/bounces).
 */
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { ImapConfig } from '../src/config/config';
import { parseBounce } from '../src/bounces/dsn';
import { readBounceMailbox } from '../src/bounces/mailbox';
import { recordReport } from '../src/bounces/record-bounces';
import type { Transporter } from 'nodemailer';
import { mailAddress, type MailAddress } from '../src/mail/address';
import { composeSuccessorRequest, type SuccessorRequest } from '../src/mail/compose-successor';
import type { BounceRead } from '../src/shared/workflow-api';
import { handleReply, type ReplyDependencies } from '../src/replies/handle-reply';

export interface BounceDependencies {
  imap: ImapConfig;
  /** The Temporal client the records go through. */
  client: Client;
  /** Set when replies hand in (MANDATE_REPLY_ADDRESS): the mailbox's replies are read too. */
  replies?: Omit<ReplyDependencies, 'client' | 'transport' | 'compose'>;
}

export function createBounceActivities(deps: {
  bounces?: BounceDependencies;
  transport: Transporter;
  compose: { from: string; contact?: MailAddress; publicUrl: string };
}) {
  return {
    /**
     * Asks the secretariat (its contact address, else the sender's) to name a
     * successor. Its Message-ID names the person and address, so a retry is the same mail.
     */
    async askForSuccessor(request: SuccessorRequest): Promise<void> {
      const mail = composeSuccessorRequest(request, {
        from: deps.compose.from,
        to: deps.compose.contact ?? mailAddress(deps.compose.from),
        publicUrl: deps.compose.publicUrl,
      });
      await deps.transport.sendMail(mail);
      log.info('successor requested', { person: request.key, to: mail.to });
    },
    /** One read of the bounce mailbox. Throws (and is retried) when IMAP or Temporal is down. */
    async readBounces(): Promise<BounceRead> {
      const bounces = deps.bounces;
      if (!bounces) {
        throw ApplicationFailure.nonRetryable(
          'no bounce mailbox is configured on this worker (set MANDATE_IMAP_HOST)',
          'BounceMailboxNotConfigured',
        );
      }
      const totals: BounceRead = {
        read: 0,
        notifications: 0,
        recorded: 0,
        unmatched: 0,
        ignored: 0,
        unreachable: [],
        // Counted only where replies are read.
        ...(bounces.replies ? { replies: 0, handedIn: 0, unusable: 0, answered: 0 } : {}),
      };
      const replies = bounces.replies && {
        ...bounces.replies,
        client: bounces.client,
        transport: deps.transport,
        compose: { from: deps.compose.from, publicUrl: deps.compose.publicUrl },
      };
      await readBounceMailbox(bounces.imap, async ({ uid, source }) => {
        totals.read += 1;
        const parsed = await parseBounce(source);
        if (parsed.kind === 'not-a-dsn') {
          const handled = replies ? await handleReply(source, replies) : undefined;
          if (handled && handled.disposition !== 'ignored') {
            totals.replies! += 1;
            if (handled.disposition === 'recorded') totals.handedIn! += 1;
            else totals.unusable! += 1;
            if (handled.answered) totals.answered! += 1;
            log.info('reply read', {
              uid,
              messageId: handled.record?.messageId,
              outcome: handled.record?.outcome,
              reason: handled.record?.reason,
              task: handled.record?.workflowId,
            });
            return handled.disposition;
          }
          totals.ignored += 1;
          log.info('not a delivery status notification; left in place', {
            uid,
            subject: parsed.subject,
            reason: parsed.reason,
          });
          return 'ignored';
        }
        totals.notifications += 1;
        const outcomes = await recordReport(bounces.client, parsed.report);
        const recorded = outcomes.filter((o) => o.workflowId !== undefined);
        totals.recorded += recorded.length;
        totals.unmatched += outcomes.length - recorded.length;
        for (const o of outcomes) {
          if (o.workflowId && o.unreachable)
            totals.unreachable.push({
              ...o.unreachable,
              email: o.recipient,
              workflowId: o.workflowId,
            });
          if (o.workflowId)
            log.info('bounce recorded', { uid, to: o.recipient, task: o.workflowId });
          else
            log.warn('bounce matches no task; left for a person', {
              uid,
              to: o.recipient,
              reason: o.reason,
            });
        }
        return recorded.length > 0 ? 'recorded' : 'unmatched';
      });
      return totals;
    },
  };
}
