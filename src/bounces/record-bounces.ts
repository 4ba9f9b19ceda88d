/**
 * Matching a delivery status notification to the task that sent the mail
 * and recording it there, through the validated `recordBounce` update. The
 * Message-ID of the bounced mail names the task's workflow; the update id
 * comes from the notification's own Message-ID and the recipient, so reading
 * the same notification again records nothing new.
 */
import type { Client } from '@temporalio/client';
import { taskActions, TaskActionRejectedError, TaskNotFoundError } from '../client/task-actions';
import { workflowIdsOf } from '../shared/message-id';
import type { DeliveryReport } from './dsn';

export interface RecipientOutcome {
  recipient: string;
  /** The task it was recorded on; undefined when no task of ours sent that mail. */
  workflowId?: string;
  /** Why it was not recorded. */
  reason?: string;
  /** Set when the task now counts the recipient unreachable: who they are there. */
  unreachable?: { key: string; name: string; status?: string; diagnostic: string };
}

/** Who the history names for changes the bounce reader makes. */
export const BOUNCE_READER = 'bounce mailbox';

/**
 * Records each failed or delayed recipient of `report` on its task. Rejects
 * only when Temporal cannot be reached (the message is read again later).
 */
export async function recordReport(
  client: Client,
  report: DeliveryReport,
): Promise<RecipientOutcome[]> {
  const candidates = report.originalMessageId ? workflowIdsOf(report.originalMessageId) : [];
  const outcomes: RecipientOutcome[] = [];
  for (const entry of report.recipients) {
    let outcome: RecipientOutcome = {
      recipient: entry.recipient,
      reason: report.originalMessageId
        ? `${report.originalMessageId} is no Message-ID of an open task`
        : 'the notification names no original Message-ID',
    };
    for (const workflowId of candidates) {
      try {
        const view = await taskActions.recordBounce(
          client,
          workflowId,
          {
            by: BOUNCE_READER,
            messageId: report.originalMessageId!,
            to: entry.recipient,
            permanent: entry.permanent,
            ...(entry.status ? { status: entry.status } : {}),
            diagnostic: entry.diagnostic,
          },
          { updateId: `bounce:${report.reportId}:${entry.recipient}` },
        );
        const person = view.unreachable?.find((p) => p.email === entry.recipient);
        const named = [...view.assignees, ...(view.manager ? [view.manager] : [])].find(
          (p) => p.key === person?.key,
        );
        outcome = {
          recipient: entry.recipient,
          workflowId,
          ...(person
            ? {
                unreachable: {
                  key: person.key,
                  name: named?.name ?? person.key,
                  ...(person.status ? { status: person.status } : {}),
                  diagnostic: person.diagnostic,
                },
              }
            : {}),
        };
        break;
      } catch (error) {
        // Another reading of the id, a closed task, or mail this task did not send.
        if (error instanceof TaskNotFoundError) continue;
        if (error instanceof TaskActionRejectedError) {
          outcome = { recipient: entry.recipient, reason: error.message };
          continue;
        }
        throw error;
      }
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
