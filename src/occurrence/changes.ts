/**
 * The state changes of a task occurrence, as pure functions: each takes the
 * state, a request and the moment (`now`, and which recorded behaviours are
 * on) and returns the new state with the notices it queued, or throws a
 * `Refusal` and changes nothing. The workflow is a shell around these: it
 * runs them as update handlers and sends what they queue.
 */
import { dueInstant } from '../plan/occurrence-plan';
import type {
  ChangeNoticeKind,
  HandedInFor,
  OccurrenceState,
  PendingNotice,
} from '../shared/task-state';
import { isAllAccepted, isOutstanding, keysOf, unreachableOnTask } from '../shared/task-state';
import type {
  BounceRequest,
  ExtendRequest,
  HoldRequest,
  NoticeChange,
  OccurrenceWorkflowInput,
  ReassignRequest,
  ResumeRequest,
  ReviewRequest,
  ReviseRequest,
  SubmitRequest,
  WaiveRequest,
} from '../shared/workflow-api';
import type { OccurrenceSchedule, Recipient } from '../shared/types';
import { addDays } from '../time/duration';
import { heldDays } from '../time/held-days';
import {
  decideCatalogPeople,
  peopleAfter,
  type CatalogPeople,
  type PeopleField,
} from './catalog-people';
import { describeDue, scheduleChanges, statedDue } from './schedule-changes';
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
} from './validate';

/**
 * Behaviours that came after tasks were already running. The workflow
 * answers with `patched()`, asked at the point the behaviour begins, so a
 * history recorded before it replays as it ran; elsewhere all are on.
 */
export type Behaviour =
  'change-notices' | 'bounce-escalation' | 'catalog-people' | 'catalog-due-notices';

export interface Moment {
  now: number;
  has: (behaviour: Behaviour) => boolean;
}

export interface Outcome {
  state: OccurrenceState;
  /** The notices of a change this step queued (also in `state.outbox`). */
  notices: PendingNotice[];
}

type Step<R> = (state: OccurrenceState, request: R, at: Moment) => void;

/** A change with its rule: `check` refuses, `apply` changes a state that passed it. */
export interface Change<R> {
  check: (state: OccurrenceState, request: R, now: number) => void;
  apply: (state: OccurrenceState, request: R, at: Moment) => Outcome;
}

/** A state's deep copy: states are plain data (they cross continue-as-new as JSON). */
function copy(state: OccurrenceState): OccurrenceState {
  return JSON.parse(JSON.stringify(state)) as OccurrenceState;
}

function change<R>(check: Change<R>['check'], step: Step<R>): Change<R> {
  return {
    check,
    apply(before, request, at) {
      const state = copy(before);
      const queued = state.outbox?.length ?? 0;
      // While nothing was owed, no mail was due: a return must not send what was skipped.
      if (!isOutstanding(state)) state.cursor = Math.max(state.cursor, at.now);
      step(state, request, at);
      return { state, notices: (state.outbox ?? []).slice(queued) };
    },
  };
}

/** Checks, then applies: a refused request throws and leaves `state` as it was. */
export function decide<R>(c: Change<R>, state: OccurrenceState, request: R, at: Moment): Outcome {
  c.check(state, request, at.now);
  return c.apply(state, request, at);
}

/**
 * Queues a notice of a change, once per change: its key is the history
 * position, so each recipient's Message-ID is the same on a retried send.
 */
function notify(
  state: OccurrenceState,
  at: Moment,
  kind: ChangeNoticeKind,
  recipients: Recipient[],
  change: NoticeChange,
): void {
  if (recipients.length === 0 || !at.has('change-notices')) return;
  state.outbox = [
    ...(state.outbox ?? []),
    { kind, recipients, key: String(state.history.length), change },
  ];
}

/** Who gains and who loses a task between two lists; those whose mail bounced are told nothing. */
function notifyPeople(
  state: OccurrenceState,
  at: Moment,
  before: Recipient[],
  change: NoticeChange,
  tellUnassigned = true,
): void {
  const after = state.schedule.assignees;
  notify(
    state,
    at,
    'assigned',
    after.filter((p) => !before.some((b) => b.key === p.key)),
    change,
  );
  const bounced = new Set((state.unreachable ?? []).map((p) => p.key));
  if (tellUnassigned)
    notify(
      state,
      at,
      'unassigned',
      before.filter((p) => !after.some((a) => a.key === p.key) && !bounced.has(p.key)),
      change,
    );
  if (state.unreachable) state.unreachable = unreachableOnTask(state);
}

const by = (request: { by: string; reason?: string }): NoticeChange => ({
  by: request.by,
  ...(request.reason ? { reason: request.reason } : {}),
});

/** Only the fields a hand-in for someone has, the note trimmed and left out when empty. */
const handedInFor = (f: HandedInFor): HandedInFor => ({
  person: f.person,
  via: f.via,
  ...(f.note?.trim() ? { note: f.note.trim() } : {}),
});

export const dueAtOf = (state: OccurrenceState): number => dueInstant(state.schedule);

export const submit = change<SubmitRequest>(validateSubmit, (state, request, { now }) => {
  const target = state.deliverables.find((d) => d.deliverable.id === request.deliverableId)!;
  target.status = 'submitted';
  target.latest = request.payload;
  target.submittedAt = now;
  target.submittedBy = request.by;
  if (request.for) target.submittedFor = handedInFor(request.for);
  else delete target.submittedFor;
  if (request.mail) target.submittedByMail = { messageId: request.mail.messageId };
  else delete target.submittedByMail;
  delete target.comment;
  state.history.push({
    type: 'submitted',
    at: now,
    by: request.by,
    deliverableId: request.deliverableId,
    payload: request.payload,
    late: now > dueAtOf(state),
    ...(request.for ? { for: handedInFor(request.for) } : {}),
    ...(request.mail ? { mail: { messageId: request.mail.messageId } } : {}),
  });
});

export const review = change<ReviewRequest>(validateReview, (state, request, at) => {
  const { now } = at;
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
    notify(state, at, 'returned', state.schedule.assignees, {
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
    if (state.schedule.policy.thankYou !== false) {
      // The thank-you takes the deadline out of the calendars: a CANCEL replaces it only with a higher SEQUENCE.
      state.sequence += 1;
      notify(state, at, 'accepted', state.schedule.assignees, { by: request.by });
    }
  }
});

export const extend = change<ExtendRequest>(validateExtend, (state, request, at) => {
  const before = describeDue(state.schedule.dueDate, state.schedule.dueTime);
  const previousDue = statedDue(state.schedule.dueDate, state.schedule.dueTime);
  state.schedule = { ...state.schedule, dueDate: request.dueDate };
  if (request.dueTime === null) delete state.schedule.dueTime;
  else if (request.dueTime !== undefined) state.schedule.dueTime = request.dueTime;
  state.sequence += 1;
  // Messages of the old schedule that fell before now are not sent late for the new one.
  state.cursor = Math.max(state.cursor, at.now);
  state.history.push({
    type: 'extended',
    at: at.now,
    by: request.by,
    from: before,
    to: describeDue(state.schedule.dueDate, state.schedule.dueTime),
    reason: request.reason,
  });
  notify(state, at, 'extended', state.schedule.assignees, { ...by(request), previousDue });
});

export const reassign = change<ReassignRequest>(validateReassign, (state, request, at) => {
  const before = state.schedule.assignees;
  if (request.assignees) state.schedule = { ...state.schedule, assignees: request.assignees };
  if (request.manager === null) {
    state.schedule = { ...state.schedule };
    delete state.schedule.manager;
  } else if (request.manager) state.schedule = { ...state.schedule, manager: request.manager };
  state.history.push({
    type: 'reassigned',
    at: at.now,
    by: request.by,
    assignees: keysOf(state.schedule.assignees),
    ...(state.schedule.manager ? { manager: state.schedule.manager.key } : {}),
    ...(request.reason ? { reason: request.reason } : {}),
  });
  notifyPeople(state, at, before, by(request), request.notifyUnassigned !== false);
});

export const recordBounce = change<BounceRequest>(validateBounce, (state, request, at) => {
  const { now } = at;
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
  const person = peopleOnTask(state).find((p) => p.key === key);
  // Someone already taken off the task needs no successor here.
  if (person && !(state.unreachable ?? []).some((p) => p.key === person.key)) {
    state.unreachable = [
      ...(state.unreachable ?? []),
      { key: person.key, email: request.to, since: now, ...status, diagnostic: request.diagnostic },
    ];
  }
  if (manager && manager.key !== key && at.has('bounce-escalation')) {
    state.bounceNotices = [
      ...(state.bounceNotices ?? []),
      {
        key: String(state.history.length - 1),
        to: request.to,
        error: `${request.status ? `${request.status} ` : ''}${request.diagnostic}`,
      },
    ];
  }
});

export const waive = change<WaiveRequest>(validateWaive, (state, request, { now }) => {
  state.waived = { at: now, by: request.by, reason: request.reason };
  // The CANCEL replaces the invitation only with a higher SEQUENCE.
  state.sequence += 1;
  state.history.push({ type: 'waived', at: now, by: request.by, reason: request.reason });
});

export const hold = change<HoldRequest>(validateHold, (state, request, at) => {
  state.hold = { since: at.now, by: request.by, reason: request.reason };
  state.history.push({ type: 'held', at: at.now, by: request.by, reason: request.reason });
  notify(state, at, 'on-hold', state.schedule.assignees, by(request));
});

export const resume = change<ResumeRequest>(
  (state, request) => validateResume(state, request),
  (state, request, at) => {
    const { now } = at;
    const days = heldDays(state.hold!.since, now, state.schedule.zone);
    const previousDue = statedDue(state.schedule.dueDate, state.schedule.dueTime);
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
    notify(state, at, 'resumed', state.schedule.assignees, { ...by(request), previousDue });
  },
);

export const revise = change<ReviseRequest>(
  (state, request) => validateRevise(state, request),
  (state, request, at) => {
    // A catalog applied again settles the people by the rule `mandate start` shows.
    const settled = at.has('catalog-people') ? settlePeople(state, request) : undefined;
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
    const moved = dueMoved && dueInstant(schedule) !== dueAtOf(state);
    // A session's date published: the catalog no longer calls it tentative.
    const confirmed = previous.tentative === true && schedule.tentative !== true;
    if (!dueMoved) {
      schedule.dueDate = state.schedule.dueDate;
      delete schedule.dueTime;
      if (state.schedule.dueTime) schedule.dueTime = state.schedule.dueTime;
    } else if (dueInstant(schedule) !== dueAtOf(state)) {
      state.sequence += 1;
      state.cursor = Math.max(state.cursor, at.now);
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
      at: at.now,
      by: request.by,
      changes,
      ...(settled?.kept.length ? { kept: settled.kept } : {}),
    });
    // The people who stay are told of a new or a confirmed date (newcomers hear of it as assigned).
    if ((moved || confirmed) && isOutstanding(state) && at.has('catalog-due-notices')) {
      if (!moved) state.sequence += 1;
      const bounced = new Set((state.unreachable ?? []).map((p) => p.key));
      notify(
        state,
        at,
        'rescheduled',
        state.schedule.assignees.filter(
          (p) => previous.assignees.some((b) => b.key === p.key) && !bounced.has(p.key),
        ),
        {
          by: request.by,
          ...(moved ? { previousDue: statedDue(previous.dueDate, previous.dueTime) } : {}),
        },
      );
    }
    if (settled) {
      state.catalogPeople = peopleOf(request.schedule);
      // The same notices as a reassignment by a person.
      notifyPeople(state, at, previous.assignees, { by: request.by });
    }
  },
);

/** True when `key` is on the task and their mail bounced permanently: planned mail to them waits for a successor. */
export function isUnreachable(state: OccurrenceState, key: string): boolean {
  return unreachableOnTask(state).some((p) => p.key === key);
}

/** The assignees and the manager: everyone a task's mail can go to. */
export function peopleOnTask(state: Pick<OccurrenceState, 'schedule'>): Recipient[] {
  const { assignees, manager } = state.schedule;
  return [...assignees, ...(manager ? [manager] : [])];
}

/** The people of a schedule, in the catalog's shape. */
export function peopleOf(schedule: OccurrenceSchedule): CatalogPeople {
  return {
    assignees: schedule.assignees,
    ...(schedule.manager ? { manager: schedule.manager } : {}),
  };
}

/**
 * The schedule a catalog revision leaves, with the people settled field by
 * field (catalog-people.ts), and the fields where a person's change was kept.
 */
function settlePeople(
  state: OccurrenceState,
  request: ReviseRequest,
): { schedule: OccurrenceSchedule; kept: PeopleField[] } {
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

/** The state a new occurrence begins with; `start` is when its workflow began. */
export function initialState(
  input: OccurrenceWorkflowInput,
  now: number,
  start: number,
): OccurrenceState {
  const state: OccurrenceState = {
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
  if (input.completedOn !== undefined) {
    // Done before tracking began (catalog `completed`): closed at once, nothing sent.
    state.completedAt = now;
    state.history.push({ type: 'completed', at: now, by: 'catalog', on: input.completedOn });
  }
  return state;
}
