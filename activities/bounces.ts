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
import type { BounceTotals } from '../src/shared/workflow-api';

export interface BounceDependencies {
  imap: ImapConfig;
  /** The Temporal client the records go through. */
  client: Client;
}

export function createBounceActivities(deps: { bounces?: BounceDependencies }) {
  return {
    /** One read of the bounce mailbox. Throws (and is retried) when IMAP or Temporal is down. */
    async readBounces(): Promise<BounceTotals> {
      const bounces = deps.bounces;
      if (!bounces) {
        throw ApplicationFailure.nonRetryable(
          'no bounce mailbox is configured on this worker (set MANDATE_IMAP_HOST)',
          'BounceMailboxNotConfigured',
        );
      }
      const totals: BounceTotals = {
        read: 0,
        notifications: 0,
        recorded: 0,
        unmatched: 0,
        ignored: 0,
      };
      await readBounceMailbox(bounces.imap, async ({ uid, source }) => {
        totals.read += 1;
        const parsed = await parseBounce(source);
        if (parsed.kind === 'not-a-dsn') {
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
