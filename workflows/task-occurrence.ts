/**
 * One workflow per task occurrence. It asks the shared planner for the next
 * message after its cursor, waits on a durable timer that any update can cut
 * short (the "updatable timer" pattern), sends through the mail activity, and
 * loops until the task is completed or waived.
 */
import * as wf from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { createActivities } from '../activities';
import { dueInstant, nextMessages } from '../src/plan/occurrence-plan';
import type {
  ChangeNoticeKind,
  HistoryEntry,
  OccurrenceState,
  PendingNotice,
  SentMessage,
} from '../src/shared/task-state';
import {
  deliveredAt,
  deriveStatus,
  isAllAccepted,
  isClosed,
  isOutstanding,
  keysOf,
  missingDeliverables,
  unreachableOnTask,
} from '../src/shared/task-state';
import { occurrenceAttributeUpdates } from '../src/shared/occurrence-attributes';
import { describeDue, scheduleChanges } from '../src/shared/schedule-diff';
import { addDays } from '../src/time/duration';
import { heldDays } from '../src/time/held-days';
import { publicView, type TaskView } from '../src/shared/task-view';
import type { PlannedMessage, Recipient } from '../src/shared/types';
import {
  extendUpdate,
  holdUpdate,
  reassignUpdate,
  recordBounceUpdate,
  resumeUpdate,
  reviewUpdate,
  reviseUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
  type NoticeChange,
  type NoticeRequest,
  type OccurrenceWorkflowInput,
  type ReviseRequest,
} from '../src/shared/workflow-api';
import {
  decideCatalogPeople,
  peopleAfter,
  type CatalogPeople,
  type PeopleField,
} from '../src/occurrence/catalog-people';
import { messageIdFor } from './message-id';
import {
  validateBounce,
  validateExtend,
  validateHold,
  validateReassign,
  validateResume,
  validateReview,
  validateRevise,
  validateSubmit,
  validateWaive,
} from './update-validators';

const { sendNotice } = wf.proxyActivities<ReturnType<typeof createActivities>>({
  // A send takes milliseconds; a short limit gets a lost attempt retried soon.
  startToCloseTimeout: '30 seconds',
  // Transient SMTP trouble is retried with backoff for up to a day; permanent
  // rejections come back as a result, not an error, and are recorded.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** History length at which a run hands over to a fresh one, far below Temporal's limits. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;
const KEPT_UPDATE_IDS = 200;

export interface OccurrenceOutcome {
  status: 'completed' | 'waived';
  messagesSent: number;
}

export async function taskOccurrenceWorkflow(
  input: OccurrenceWorkflowInput,
): Promise<OccurrenceOutcome> {
  const { workflowId } = wf.workflowInfo();
  const state: OccurrenceState = input.state ?? initialState(input);
  let changed = false;
  let published = '';

  const dueAt = () => dueInstant(state.schedule);
  const view = (): TaskView =>
    publicView(state, {
      workflowId,
      now: Date.now(),
      dueAt: dueAt(),
      // From the cursor, not from now: a message whose instant has just come is still to be sent.
      next: isOutstanding(state)
        ? nextMessages(state.schedule, state.cursor).map((m) => ({
            kind: m.kind,
            to: m.to,
            at: m.at,
            ...(m.offset !== undefined ? { offset: m.offset } : {}),
          }))
        : [],
    });

  /** Applies an update once: a redelivered update id returns the current view and changes nothing. */
  const once = (apply: () => void): TaskView => {
    const id = wf.currentUpdateInfo()?.id;
    if (id !== undefined && state.appliedUpdates.includes(id)) return view();
    // While nothing was owed, no mail was due: a return must not send what was skipped.
    if (!isOutstanding(state)) state.cursor = Math.max(state.cursor, Date.now());
    apply();
    if (id !== undefined)
      state.appliedUpdates = [...state.appliedUpdates, id].slice(-KEPT_UPDATE_IDS);
    changed = true;
    publish();
    return view();
  };

  /**
   * Queues a notice of a change for the main loop to send, once per change:
   * its Message-ID comes from the history position, so a retried send is the
   * same message. Histories recorded before these notices existed replay
   * without them.
   */
  const notify = (
    kind: ChangeNoticeKind,
    recipients: PendingNotice['recipients'],
    change: NoticeChange,
  ): void => {
    if (recipients.length === 0 || !wf.patched('change-notices')) return;
    state.outbox = [
      ...(state.outbox ?? []),
      { kind, recipients, key: String(state.history.length), change },
    ];
  };

  wf.setHandler(statusQuery, view);

  wf.setHandler(
    submitUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        const target = state.deliverables.find((d) => d.deliverable.id === request.deliverableId)!;
        target.status = 'submitted';
        target.latest = request.payload;
        target.submittedAt = now;
        target.submittedBy = request.by;
        delete target.comment;
        state.history.push({
          type: 'submitted',
          at: now,
          by: request.by,
          deliverableId: request.deliverableId,
          payload: request.payload,
          late: now > dueAt(),
        });
      }),
    { validator: (request) => validateSubmit(state, request) },
  );

  wf.setHandler(
    reviewUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        const targets = state.deliverables.filter((d) =>
          request.deliverableId !== undefined
            ? d.deliverable.id === request.deliverableId
            : d.status === 'submitted',
        );
        for (const target of targets) {
          target.status = request.decision === 'accept' ? 'accepted' : 'returned';
          if (request.comment) target.comment = request.comment;
          state.history.push({
            type: 'reviewed',
            at: now,
            by: request.by,
            deliverableId: target.deliverable.id,
            decision: request.decision,
            ...(request.comment ? { comment: request.comment } : {}),
          });
        }
        const noneRequired = !state.deliverables.some((d) => d.deliverable.required);
        if (request.decision === 'return' && targets.length > 0) {
          notify('returned', state.schedule.assignees, {
            by: request.by,
            ...(request.comment ? { comment: request.comment } : {}),
          });
        }
        if (
          isAllAccepted(state) ||
          (noneRequired && request.decision === 'accept' && targets.length === 0)
        ) {
          state.completedAt = now;
          state.history.push({ type: 'completed', at: now, by: request.by });
          if (state.schedule.policy.thankYou !== false)
            notify('accepted', state.schedule.assignees, { by: request.by });
        }
      }),
    { validator: (request) => validateReview(state, request) },
  );

  wf.setHandler(
    extendUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        const before = describeDue(state.schedule.dueDate, state.schedule.dueTime);
        const previousDue = dueOf(state.schedule);
        state.schedule = { ...state.schedule, dueDate: request.dueDate };
        if (request.dueTime === null) delete state.schedule.dueTime;
        else if (request.dueTime !== undefined) state.schedule.dueTime = request.dueTime;
        state.sequence += 1;
        // Messages of the old schedule that fell before now are not sent late for the new one.
        state.cursor = Math.max(state.cursor, now);
        state.history.push({
          type: 'extended',
          at: now,
          by: request.by,
          from: before,
          to: describeDue(state.schedule.dueDate, state.schedule.dueTime),
          reason: request.reason,
        });
        notify('extended', state.schedule.assignees, {
          by: request.by,
          reason: request.reason,
          previousDue,
        });
      }),
    { validator: (request) => validateExtend(state, request, Date.now()) },
  );

  wf.setHandler(
    reassignUpdate,
    (request) =>
      once(() => {
        const before = state.schedule.assignees;
        if (request.assignees) state.schedule = { ...state.schedule, assignees: request.assignees };
        if (request.manager === null) {
          state.schedule = { ...state.schedule };
          delete state.schedule.manager;
        } else if (request.manager)
          state.schedule = { ...state.schedule, manager: request.manager };
        state.history.push({
          type: 'reassigned',
          at: Date.now(),
          by: request.by,
          assignees: keysOf(state.schedule.assignees),
          ...(state.schedule.manager ? { manager: state.schedule.manager.key } : {}),
          ...(request.reason ? { reason: request.reason } : {}),
        });
        const after = state.schedule.assignees;
        const change = { by: request.by, ...(request.reason ? { reason: request.reason } : {}) };
        notify(
          'assigned',
          after.filter((p) => !before.some((b) => b.key === p.key)),
          change,
        );
        // An address that bounced is told nothing more: its mail would only bounce again.
        const bounced = new Set((state.unreachable ?? []).map((p) => p.key));
        if (request.notifyUnassigned !== false)
          notify(
            'unassigned',
            before.filter((p) => !after.some((a) => a.key === p.key) && !bounced.has(p.key)),
            change,
          );
        if (state.unreachable) state.unreachable = unreachableOnTask(state);
      }),
    { validator: (request) => validateReassign(state, request) },
  );

  wf.setHandler(
    recordBounceUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        const status = request.status !== undefined ? { status: request.status } : {};
        state.history.push({
          type: 'bounced',
          at: now,
          messageId: request.messageId,
          to: request.to,
          permanent: request.permanent,
          ...status,
          diagnostic: request.diagnostic,
        });
        if (!request.permanent) return;
        const sent = state.history.find(
          (h) => h.type === 'message' && h.message.messageId === request.messageId,
        );
        const key = sent?.type === 'message' ? sent.message.recipient : undefined;
        const manager = state.schedule.manager;
        const person = [...state.schedule.assignees, ...(manager ? [manager] : [])].find(
          (p) => p.key === key,
        );
        // Someone already taken off the task needs no successor here.
        if (person && !(state.unreachable ?? []).some((p) => p.key === person.key)) {
          state.unreachable = [
            ...(state.unreachable ?? []),
            {
              key: person.key,
              email: request.to,
              since: now,
              ...status,
              diagnostic: request.diagnostic,
            },
          ];
        }
        if (manager && manager.key !== key && wf.patched('bounce-escalation')) {
          state.bounceNotices = [
            ...(state.bounceNotices ?? []),
            {
              key: String(state.history.length - 1),
              to: request.to,
              error: `${request.status ? `${request.status} ` : ''}${request.diagnostic}`,
            },
          ];
        }
      }),
    { validator: (request) => validateBounce(state, request) },
  );

  wf.setHandler(
    waiveUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        state.waived = { at: now, by: request.by, reason: request.reason };
        // The CANCEL replaces the invitation only with a higher SEQUENCE.
        state.sequence += 1;
        state.history.push({ type: 'waived', at: now, by: request.by, reason: request.reason });
      }),
    { validator: (request) => validateWaive(state, request) },
  );

  wf.setHandler(
    holdUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        state.hold = { since: now, by: request.by, reason: request.reason };
        state.history.push({ type: 'held', at: now, by: request.by, reason: request.reason });
        notify('on-hold', state.schedule.assignees, { by: request.by, reason: request.reason });
      }),
    { validator: (request) => validateHold(state, request) },
  );

  wf.setHandler(
    resumeUpdate,
    (request) =>
      once(() => {
        const now = Date.now();
        const hold = state.hold!;
        const days = heldDays(hold.since, now, state.schedule.zone);
        const previousDue = dueOf(state.schedule);
        const from = describeDue(state.schedule.dueDate, state.schedule.dueTime);
        delete state.hold;
        if (days > 0) {
          state.schedule = { ...state.schedule, dueDate: addDays(state.schedule.dueDate, days) };
          state.sequence += 1;
        }
        state.cursor = Math.max(state.cursor, now);
        state.history.push({
          type: 'resumed',
          at: now,
          by: request.by,
          ...(request.reason ? { reason: request.reason } : {}),
          days,
          from,
          to: describeDue(state.schedule.dueDate, state.schedule.dueTime),
        });
        notify('resumed', state.schedule.assignees, {
          by: request.by,
          ...(request.reason ? { reason: request.reason } : {}),
          previousDue,
        });
      }),
    { validator: (request) => validateResume(state, request) },
  );

  wf.setHandler(
    reviseUpdate,
    (request) =>
      once(() => {
        // A catalog applied again settles the people by the rule `mandate start` shows.
        const settled = wf.patched('catalog-people') ? settlePeople(state, request) : undefined;
        const previous = state.schedule;
        const changes = scheduleChanges(
          { ...state.schedule, info: state.info },
          { ...(settled?.schedule ?? request.schedule), info: request.info },
        );
        const catalogDue = {
          dueDate: request.schedule.dueDate,
          ...(request.schedule.dueTime ? { dueTime: request.schedule.dueTime } : {}),
        };
        const dueMoved = JSON.stringify(catalogDue) !== JSON.stringify(state.catalogDue);
        // The catalog's due date wins only when the catalog changed it; an extension stays otherwise.
        const schedule = { ...(settled?.schedule ?? request.schedule) };
        if (!dueMoved) {
          schedule.dueDate = state.schedule.dueDate;
          delete schedule.dueTime;
          if (state.schedule.dueTime) schedule.dueTime = state.schedule.dueTime;
        } else if (dueInstant(schedule) !== dueAt()) {
          state.sequence += 1;
          state.cursor = Math.max(state.cursor, Date.now());
        }
        state.catalogDue = catalogDue;
        state.schedule = schedule;
        state.info = request.info;
        const known = new Map(state.deliverables.map((d) => [d.deliverable.id, d]));
        state.deliverables = request.info.deliverables.map((d) => ({
          ...(known.get(d.id) ?? { status: 'missing' as const }),
          deliverable: d,
        }));
        state.history.push({
          type: 'revised',
          at: Date.now(),
          by: request.by,
          changes,
          ...(settled?.kept.length ? { kept: settled.kept } : {}),
        });
        if (settled) {
          state.catalogPeople = peopleOf(request.schedule);
          // The same notices as a reassignment by a person.
          const before = previous.assignees;
          const after = state.schedule.assignees;
          const bounced = new Set((state.unreachable ?? []).map((p) => p.key));
          notify(
            'assigned',
            after.filter((p) => !before.some((b) => b.key === p.key)),
            { by: request.by },
          );
          notify(
            'unassigned',
            before.filter((p) => !after.some((a) => a.key === p.key) && !bounced.has(p.key)),
            { by: request.by },
          );
          if (state.unreachable) state.unreachable = unreachableOnTask(state);
        }
      }),
    { validator: (request) => validateRevise(state, request) },
  );

  function publish(): void {
    if (input.searchAttributes === false) return;
    const status = deriveStatus(state, Date.now(), dueAt());
    const delivered = deliveredAt(state);
    // Tasks that never had a bounce publish what they always did.
    const unreachable = state.unreachable ? unreachableOnTask(state).map((p) => p.key) : undefined;
    const snapshot = JSON.stringify([
      status,
      dueAt(),
      keysOf(state.schedule.assignees),
      state.info.tags,
      delivered,
      ...(unreachable ? [unreachable] : []),
    ]);
    if (snapshot === published) return;
    const first = published === '';
    published = snapshot;
    const updates = occurrenceAttributeUpdates({
      schedule: state.schedule,
      info: state.info,
      status,
      dueAt: dueAt(),
      ...(delivered !== undefined ? { deliveredAt: delivered } : {}),
      ...(unreachable ? { unreachable } : {}),
    });
    // A start that carried exactly these (as `mandate start` does, saying so in
    // `startAttributes`) needs no first upsert: it would cost an event and a
    // visibility write per workflow. Not a patch: in this SDK a patch marker
    // upserts TemporalChangeVersion, an upsert of its own. Inputs from before
    // have no flag, so their histories replay as recorded.
    if (first && input.startAttributes === true && carried(updates)) return;
    wf.upsertSearchAttributes(updates);
  }

  async function deliver(message: PlannedMessage): Promise<void> {
    const recipient = [
      ...state.schedule.assignees,
      ...(state.schedule.manager ? [state.schedule.manager] : []),
    ].find((p) => p.key === message.recipient)!;
    const key = `${message.kind}.${message.atMs}.${message.recipient}`;
    const sent = await send({
      kind: message.kind,
      at: message.atMs,
      recipient,
      messageId: messageIdFor(workflowId, key),
      ...(message.offset !== undefined ? { offset: message.offset } : {}),
    });
    if (!sent.delivered && state.schedule.manager && state.schedule.manager.key !== recipient.key) {
      // A permanent failure goes to the manager, so a bounced address is seen by a person.
      await send({
        kind: 'delivery-failure',
        at: Date.now(),
        recipient: state.schedule.manager,
        messageId: messageIdFor(workflowId, `delivery-failure.${key}`),
        failure: { to: recipient.email, error: sent.error ?? 'rejected' },
      });
    }
  }

  /** Sends every queued notice of a change (see `notify`), then bounce escalations. */
  async function sendNotices(): Promise<void> {
    await sendChangeNotices();
    while (state.bounceNotices && state.bounceNotices.length > 0 && state.schedule.manager) {
      const batch = state.bounceNotices;
      state.bounceNotices = [];
      const manager = state.schedule.manager;
      await Promise.all(
        batch.map((notice) =>
          send({
            kind: 'delivery-failure',
            at: Date.now(),
            recipient: manager,
            messageId: messageIdFor(workflowId, `delivery-failure.bounce.${notice.key}`),
            failure: { to: notice.to, error: notice.error },
          }),
        ),
      );
    }
  }

  async function sendChangeNotices(): Promise<void> {
    while (state.outbox && state.outbox.length > 0) {
      const batch = state.outbox;
      state.outbox = [];
      await Promise.all(
        batch.flatMap((notice) =>
          notice.recipients.map((recipient) =>
            send({
              kind: notice.kind,
              at: Date.now(),
              recipient,
              messageId: messageIdFor(workflowId, `${notice.kind}.${notice.key}.${recipient.key}`),
              ...(notice.change ? { change: notice.change } : {}),
            }),
          ),
        ),
      );
    }
  }

  async function send(notice: {
    kind: SentMessage['kind'];
    at: number;
    recipient: Recipient;
    messageId: string;
    offset?: string;
    failure?: { to: string; error: string };
    change?: NoticeChange;
  }): Promise<SentMessage> {
    // Each person's mail of a task is one conversation: it replies to the first mail they got.
    // (Notices of one change go out together, so "the task's first mail" would be a race.)
    const thread = state.history.find(
      (h): h is Extract<HistoryEntry, { type: 'message' }> =>
        h.type === 'message' && h.message.recipient === notice.recipient.key,
    )?.message.messageId;
    const request: NoticeRequest = {
      workflowId,
      ...notice,
      ...(thread !== undefined && thread !== notice.messageId ? { thread } : {}),
      schedule: state.schedule,
      info: state.info,
      dueAt: dueAt(),
      missing: missingDeliverables(state).map((d) => ({ id: d.id, title: d.title, kind: d.kind })),
      sequence: state.sequence,
    };
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
      const result = await sendNotice(request);
      record = result.delivered
        ? { ...sent, delivered: true }
        : { ...sent, delivered: false, error: result.error };
    } catch (error) {
      // Retries ran out: record the failure; a mail problem never fails the workflow.
      record = {
        ...sent,
        delivered: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    state.history.push({ type: 'message', at: Date.now(), message: record });
    return record;
  }

  if (input.completedOn !== undefined && !input.state) {
    state.completedAt = Date.now();
    state.history.push({
      type: 'completed',
      at: state.completedAt,
      by: `catalog (completed ${input.completedOn})`,
    });
  }

  while (!isClosed(state)) {
    const info = wf.workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > CONTINUE_AS_NEW_AFTER_EVENTS) {
      await wf.condition(wf.allHandlersFinished);
      return await wf.continueAsNew<typeof taskOccurrenceWorkflow>({ ...input, state });
    }
    publish();
    changed = false;
    await sendNotices();
    // An update that came while the notices went out is looked at before sleeping.
    if (changed) continue;
    const now = Date.now();
    const batch = isOutstanding(state) ? nextMessages(state.schedule, state.cursor) : [];
    // Also wake just after the due instant, so the status turns overdue on time.
    const wakeForStatus = now <= dueAt() ? dueAt() + 1 : Number.POSITIVE_INFINITY;
    const target = Math.min(batch[0]?.atMs ?? Number.POSITIVE_INFINITY, wakeForStatus);
    if (target === Number.POSITIVE_INFINITY) {
      await wf.condition(() => changed);
      continue;
    }
    if (target > now && (await wf.condition(() => changed, target - now))) continue;
    const first = batch[0];
    if (first && first.atMs <= Date.now()) {
      await Promise.all(batch.map((message) => deliver(message)));
      state.cursor = first.atMs;
    }
  }

  publish();
  await sendNotices();
  if (state.waived) {
    // Take the calendar entry out of the assignees' calendars.
    await Promise.all(
      state.schedule.assignees.map((recipient) =>
        send({
          kind: 'cancellation',
          at: Date.now(),
          recipient,
          messageId: messageIdFor(workflowId, `cancellation.${recipient.key}`),
          change: { by: state.waived!.by, reason: state.waived!.reason },
        }),
      ),
    );
  }
  await wf.condition(wf.allHandlersFinished);
  return {
    status: state.waived ? 'waived' : 'completed',
    messagesSent: state.history.filter((h) => h.type === 'message' && h.message.delivered).length,
  };
}

function initialState(input: OccurrenceWorkflowInput): OccurrenceState {
  const now = Date.now();
  const start = wf.workflowInfo().startTime.getTime();
  return {
    schedule: input.schedule,
    info: input.info,
    deliverables: input.info.deliverables.map((deliverable) => ({
      deliverable,
      status: 'missing',
    })),
    catalogDue: {
      dueDate: input.schedule.dueDate,
      ...(input.schedule.dueTime ? { dueTime: input.schedule.dueTime } : {}),
    },
    catalogPeople: peopleOf(input.schedule),
    cursor: input.sendAfter ?? start,
    sequence: 0,
    startedAt: now,
    history: [
      {
        type: 'started',
        at: now,
        dueDate: input.schedule.dueDate,
        ...(input.schedule.dueTime ? { dueTime: input.schedule.dueTime } : {}),
      },
    ],
    appliedUpdates: [],
  };
}

/** The people of a schedule, in the catalog's shape. */
function peopleOf(schedule: OccurrenceState['schedule']): CatalogPeople {
  return {
    assignees: schedule.assignees,
    ...(schedule.manager ? { manager: schedule.manager } : {}),
  };
}

/**
 * The schedule a catalog revision leaves, with the people settled field by
 * field (src/occurrence/catalog-people.ts), and the fields where a person's
 * change was kept against the catalog's.
 */
function settlePeople(
  state: OccurrenceState,
  request: ReviseRequest,
): { schedule: OccurrenceState['schedule']; kept: PeopleField[] } {
  const decisions = decideCatalogPeople(
    {
      ...peopleOf(state.schedule),
      ...(state.catalogPeople ? { catalog: state.catalogPeople } : {}),
      reassigned: state.history.some((e) => e.type === 'reassigned'),
    },
    peopleOf(request.schedule),
    request.preferCatalog === true,
  );
  const people = peopleAfter(peopleOf(state.schedule), peopleOf(request.schedule), decisions);
  const schedule = { ...request.schedule, assignees: people.assignees };
  delete schedule.manager;
  if (people.manager) schedule.manager = people.manager;
  return {
    schedule,
    kept: decisions.filter((d) => d.conflict && d.take === 'task').map((d) => d.field),
  };
}

/** A schedule's due date as the catalog states it. */
function dueOf(schedule: OccurrenceState['schedule']): { date: string; time?: string } {
  return schedule.dueTime !== undefined
    ? { date: schedule.dueDate, time: schedule.dueTime }
    : { date: schedule.dueDate };
}

/** True when the run already has every attribute of the update, as it would set them. */
function carried(updates: SearchAttributeUpdatePair[]): boolean {
  const current = wf.workflowInfo().typedSearchAttributes;
  return updates.every(({ key, value }) => {
    const now: unknown = current.get(key);
    if (value === null || value === undefined) return now === undefined;
    // Not `instanceof`: the decoded value may come from another realm's Date.
    if (value instanceof Date)
      return (
        typeof (now as Date | undefined)?.getTime === 'function' &&
        (now as Date).getTime() === value.getTime()
      );
    if (Array.isArray(value))
      return (
        Array.isArray(now) && now.length === value.length && value.every((v, i) => now[i] === v)
      );
    return now === value;
  });
}
