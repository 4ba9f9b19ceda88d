/**
 * The occurrence workflow's mail: it sends through the mail activity what
 * the planner makes due and what the core's changes queued, each once (its
 * Message-ID comes from what it is for), and records every send in the
 * task's history. A mail problem never fails the workflow.
 */
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { dueAtOf, peopleOnTask } from '../src/occurrence/changes';
import type { HistoryEntry, OccurrenceState, SentMessage } from '../src/shared/task-state';
import { missingDeliverables } from '../src/shared/task-state';
import type { PlannedMessage, Recipient } from '../src/shared/types';
import type { NoticeRequest } from '../src/shared/workflow-api';
import { messageIdFor } from '../src/shared/message-id';

const { sendNotice } = wf.proxyActivities<ReturnType<typeof createActivities>>({
  // A send takes milliseconds; a short limit gets a lost attempt retried soon.
  startToCloseTimeout: '30 seconds',
  // Transient SMTP trouble is retried with backoff for up to a day; permanent
  // rejections come back as a result, not an error, and are recorded.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

type Send = Pick<NoticeRequest, 'kind' | 'at' | 'messageId' | 'offset' | 'failure' | 'change'> & {
  recipient: Recipient;
};

export class OccurrenceMail {
  /** `state` reads the workflow's current state: a change replaces it while a send is out. */
  constructor(
    private readonly workflowId: string,
    private readonly state: () => OccurrenceState,
  ) {}

  /** Sends a planned message; a permanent failure is told to the manager. */
  async deliver(message: PlannedMessage): Promise<void> {
    const recipient = peopleOnTask(this.state()).find((p) => p.key === message.recipient)!;
    const key = `${message.kind}.${message.atMs}.${message.recipient}`;
    const sent = await this.send({
      kind: message.kind,
      at: message.atMs,
      recipient,
      messageId: messageIdFor(this.workflowId, key),
      ...(message.offset !== undefined ? { offset: message.offset } : {}),
    });
    const manager = this.state().schedule.manager;
    if (!sent.delivered && manager && manager.key !== recipient.key) {
      // A permanent failure goes to the manager, so a bounced address is seen by a person.
      await this.send({
        kind: 'delivery-failure',
        at: Date.now(),
        recipient: manager,
        messageId: messageIdFor(this.workflowId, `delivery-failure.${key}`),
        failure: { to: recipient.email, error: sent.error ?? 'rejected' },
      });
    }
  }

  /** Sends every notice the changes queued (once each, by its key), then bounce escalations. */
  async sendNotices(): Promise<void> {
    // A batch leaves the outbox once sent, so the view counts what is still on its way.
    for (let outbox = this.state().outbox; outbox?.length; outbox = this.state().outbox) {
      await Promise.all(
        outbox.flatMap((notice) =>
          notice.recipients.map((recipient) =>
            this.send({
              kind: notice.kind,
              at: Date.now(),
              recipient,
              messageId: messageIdFor(
                this.workflowId,
                `${notice.kind}.${notice.key}.${recipient.key}`,
              ),
              ...(notice.change ? { change: notice.change } : {}),
            }),
          ),
        ),
      );
      this.state().outbox = (this.state().outbox ?? []).slice(outbox.length);
    }
    for (
      let batch = this.state().bounceNotices;
      batch?.length && this.state().schedule.manager;
      batch = this.state().bounceNotices
    ) {
      const manager = this.state().schedule.manager!;
      await Promise.all(
        batch.map((notice) =>
          this.send({
            kind: 'delivery-failure',
            at: Date.now(),
            recipient: manager,
            messageId: messageIdFor(this.workflowId, `delivery-failure.bounce.${notice.key}`),
            failure: { to: notice.to, error: notice.error },
          }),
        ),
      );
      this.state().bounceNotices = (this.state().bounceNotices ?? []).slice(batch.length);
    }
  }

  /** Takes a waived task's calendar entry out of the assignees' calendars. */
  async cancel(waived: { by: string; reason: string }): Promise<void> {
    await Promise.all(
      this.state().schedule.assignees.map((recipient) =>
        this.send({
          kind: 'cancellation',
          at: Date.now(),
          recipient,
          messageId: messageIdFor(this.workflowId, `cancellation.${recipient.key}`),
          change: { by: waived.by, reason: waived.reason },
        }),
      ),
    );
  }

  private async send(notice: Send): Promise<SentMessage> {
    const state = this.state();
    // Each person's mail of a task is one conversation: it replies to the first mail they got.
    // (Notices of one change go out together, so "the task's first mail" would be a race.)
    const thread = state.history.find(
      (h): h is Extract<HistoryEntry, { type: 'message' }> =>
        h.type === 'message' && h.message.recipient === notice.recipient.key,
    )?.message.messageId;
    const sent = {
      kind: notice.kind,
      to: notice.recipient.email,
      recipient: notice.recipient.key,
      at: notice.at,
      messageId: notice.messageId,
      ...(notice.offset !== undefined ? { offset: notice.offset } : {}),
    };
    let record: SentMessage;
    try {
      const result = await sendNotice({
        workflowId: this.workflowId,
        ...notice,
        ...(thread !== undefined && thread !== notice.messageId ? { thread } : {}),
        schedule: state.schedule,
        info: state.info,
        dueAt: dueAtOf(state),
        missing: missingDeliverables(state).map((d) => ({
          id: d.id,
          title: d.title,
          kind: d.kind,
        })),
        sequence: state.sequence,
      });
      record = result.delivered
        ? { ...sent, delivered: true }
        : { ...sent, delivered: false, error: result.error };
    } catch (error) {
      // Retries ran out: record the failure.
      record = {
        ...sent,
        delivered: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    this.state().history.push({ type: 'message', at: Date.now(), message: record });
    return record;
  }
}
