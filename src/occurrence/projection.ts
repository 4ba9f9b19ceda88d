/**
 * What an occurrence's state shows to the world: the published view that
 * queries and updates answer, and the facts its search attributes carry.
 * Both are read from the state by one rule each, so a listing and a task
 * page never disagree.
 */
import type { OccurrenceFacts } from '../shared/occurrence-attributes';
import type { HistoryEntry, OccurrenceState } from '../shared/task-state';
import {
  deliveredAt,
  deriveStatus,
  isClosed,
  isOutstanding,
  keysOf,
  unreachableOnTask,
} from '../shared/task-state';
import { nextMessages, occurrenceMessages } from '../plan/occurrence-plan';
import type { DueView, HistoryView, NextMessageView, TaskView } from '../shared/task-view';
import { dueAtOf, isUnreachable } from './changes';
import { recordedPhrase } from './schedule-changes';

function dueView(date: string, time: string | undefined): DueView {
  return time !== undefined ? { date, time } : { date };
}

/** A history entry as published: a revision recorded as English phrases reads back as facts. */
export function historyView(entry: HistoryEntry): HistoryView {
  if (entry.type !== 'revised') return entry;
  return {
    ...entry,
    changes: entry.changes.map((c) => (typeof c === 'string' ? recordedPhrase(c) : c)),
  };
}

/** A week of planned mail is shown from the next message on, at most this many. */
const NEXT_SPAN_MS = 7 * 86_400_000;
const NEXT_MOST = 20;

/**
 * The messages planned from the cursor if nobody acts: every one in the week
 * from the next, to every recipient (not only the first instant's), none to
 * an address that bounced. From the cursor, not from now: a message whose
 * instant has just come is still to be sent.
 */
export function nextMessagesOf(state: OccurrenceState): NextMessageView[] {
  if (!isOutstanding(state)) return [];
  const first = nextMessages(state.schedule, state.cursor)[0];
  if (!first) return [];
  return occurrenceMessages(state.schedule, state.cursor, first.atMs + NEXT_SPAN_MS)
    .filter((m) => !isUnreachable(state, m.recipient))
    .slice(0, NEXT_MOST)
    .map((m) => ({
      kind: m.kind,
      to: m.to,
      at: m.at,
      ...(m.offset !== undefined ? { offset: m.offset } : {}),
    }));
}

/** The published view of a state at `now` (pure: the workflow calls it with its own clock). */
export function publicView(
  state: OccurrenceState,
  context: { workflowId: string; now: number },
): TaskView {
  const { schedule, info } = state;
  const delivered = deliveredAt(state);
  const dueAt = dueAtOf(state);
  return {
    workflowId: context.workflowId,
    resolution: { id: schedule.resolutionId, title: info.resolutionTitle, zone: schedule.zone },
    task: {
      id: schedule.taskId,
      title: info.title,
      clause: info.clause,
      responsible: info.responsible,
      ...(info.notes !== undefined ? { notes: info.notes } : {}),
      tags: info.tags,
      dependsOn: info.dependsOn,
    },
    occurrence: schedule.occurrence,
    status: deriveStatus(state, context.now, dueAt),
    closed: isClosed(state),
    dueAt,
    due: dueView(schedule.dueDate, schedule.dueTime),
    catalogDue: dueView(state.catalogDue.dueDate, state.catalogDue.dueTime),
    ...(state.catalogPeople ? { catalogPeople: state.catalogPeople } : {}),
    tentative: schedule.tentative === true,
    policy: schedule.policy,
    assignees: schedule.assignees,
    ...(schedule.manager ? { manager: schedule.manager } : {}),
    deliverables: state.deliverables.map((d) => ({
      id: d.deliverable.id,
      title: d.deliverable.title,
      kind: d.deliverable.kind,
      required: d.deliverable.required,
      status: d.status,
      ...(d.latest !== undefined ? { latest: d.latest } : {}),
      ...(d.submittedAt !== undefined ? { submittedAt: d.submittedAt } : {}),
      ...(d.submittedBy !== undefined ? { submittedBy: d.submittedBy } : {}),
      ...(d.submittedFor !== undefined ? { submittedFor: d.submittedFor } : {}),
      ...(d.submittedByMail !== undefined ? { submittedByMail: d.submittedByMail } : {}),
      ...(d.comment !== undefined ? { comment: d.comment } : {}),
    })),
    ...(delivered !== undefined ? { deliveredAt: delivered } : {}),
    sequence: state.sequence,
    startedAt: state.startedAt,
    ...(state.completedAt !== undefined ? { completedAt: state.completedAt } : {}),
    ...(state.waived ? { waived: state.waived } : {}),
    ...(state.hold ? { hold: state.hold } : {}),
    ...(unreachableOnTask(state).length > 0 ? { unreachable: unreachableOnTask(state) } : {}),
    history: state.history.map(historyView),
    sending:
      (state.outbox ?? []).reduce((n, notice) => n + notice.recipients.length, 0) +
      (state.bounceNotices?.length ?? 0),
    next: nextMessagesOf(state),
  };
}

/**
 * The facts an occurrence's search attributes carry, and the snapshot that
 * says whether they changed since last published (the snapshot keeps the
 * shape recorded histories were published with).
 */
export function searchFacts(
  state: OccurrenceState,
  now: number,
): { attributes: OccurrenceFacts; snapshot: unknown[] } {
  const dueAt = dueAtOf(state);
  const status = deriveStatus(state, now, dueAt);
  const delivered = deliveredAt(state);
  // Tasks that never had a bounce publish what they always did.
  const unreachable = state.unreachable ? unreachableOnTask(state).map((p) => p.key) : undefined;
  return {
    attributes: {
      schedule: state.schedule,
      info: state.info,
      status,
      dueAt,
      ...(delivered !== undefined ? { deliveredAt: delivered } : {}),
      ...(unreachable ? { unreachable } : {}),
    },
    snapshot: [
      status,
      dueAt,
      keysOf(state.schedule.assignees),
      state.info.tags,
      delivered,
      ...(unreachable ? [unreachable] : []),
    ],
  };
}
