/**
 * What mail one task occurrence sends, and when: rules 2-5 and 9 of the
 * catalog spec, with v2's working days (each recipient's own calendar) in
 * place of the weekend rules. Pure: shared by the `plan` command and the
 * workflows.
 */
import type {
  OccurrenceSchedule,
  PlannedMessage,
  Recipient,
  WorkingCalendar,
} from '../shared/types';
import {
  addDays,
  addDuration,
  daysBetween,
  durationDayBounds,
  parseDuration,
  subtractDuration,
  type DateDuration,
} from '../time/duration';
import {
  WEEKEND_ONLY,
  longestNonWorkingRun,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from '../time/working-days';
import { dateInZone, formatInstant, wallTimeToInstant } from '../time/wall-clock';

function duration(text: string, allowSign = false): DateDuration {
  const parsed = parseDuration(text, allowSign);
  if (!parsed) throw new Error(`not a date duration: ${text}`);
  return parsed;
}

/** Rule 2: a `time` is read in the resolution's zone; without one, the end of the due date. */
export function dueInstant(
  schedule: Pick<OccurrenceSchedule, 'dueDate' | 'dueTime' | 'zone'>,
): number {
  return schedule.dueTime
    ? wallTimeToInstant(schedule.dueDate, schedule.dueTime, schedule.zone)
    : wallTimeToInstant(addDays(schedule.dueDate, 1), '00:00', schedule.zone);
}

function message(
  schedule: OccurrenceSchedule,
  kind: PlannedMessage['kind'],
  recipient: Recipient,
  date: string,
  offset?: string,
): PlannedMessage {
  const atMs = wallTimeToInstant(date, schedule.policy.sendAt, recipient.timezone);
  return {
    task: schedule.taskId,
    occurrence: schedule.occurrence,
    kind,
    ...(offset !== undefined ? { offset } : {}),
    to: recipient.email,
    at: formatInstant(atMs, recipient.timezone),
    atMs,
    recipient: recipient.key,
  };
}

/**
 * The recipient's working days. Without a calendar of its own (every v1
 * recipient) Saturday and Sunday are the weekend: the v1 rules of moving a
 * weekend to the Friday before or the Monday after are the walks below on it.
 */
export function workingDays(recipient: Recipient): WorkingCalendar {
  return recipient.workingDays ?? WEEKEND_ONLY;
}

/** Rule 3: R = D - O, walked back to the assignee's working day with skipWeekends. */
function reminderDate(schedule: OccurrenceSchedule, offset: DateDuration, to: Recipient): string {
  const date = subtractDuration(schedule.dueDate, offset);
  return schedule.policy.skipWeekends ? workingDayOnOrBefore(date, workingDays(to)) : date;
}

/** Rule 4: the k-th overdue date, D+1 + k x overdueEvery, walked on to the assignee's working day. */
function overdueDate(
  schedule: OccurrenceSchedule,
  every: DateDuration,
  k: number,
  to: Recipient,
): string {
  const date = addDuration(addDays(schedule.dueDate, 1), every, k);
  return schedule.policy.skipWeekends ? workingDayOnOrAfter(date, workingDays(to)) : date;
}

/** Rule 5: E = D + escalateAfter, walked on to the manager's working day. */
function escalationDate(schedule: OccurrenceSchedule, after: DateDuration, to: Recipient): string {
  const date = addDuration(schedule.dueDate, after);
  return schedule.policy.skipWeekends ? workingDayOnOrAfter(date, workingDays(to)) : date;
}

/**
 * A k low enough that the k-th overdue date is still on or before `date`,
 * found without a walk from 0; room is left for the longest walk past
 * non-working days of any assignee.
 */
function overdueIndexBefore(
  schedule: OccurrenceSchedule,
  every: DateDuration,
  date: string,
): number {
  const walk = schedule.policy.skipWeekends
    ? Math.max(0, ...schedule.assignees.map((a) => longestNonWorkingRun(workingDays(a))))
    : 0;
  const days = daysBetween(addDays(schedule.dueDate, 1), date) - walk;
  const { max } = durationDayBounds(every);
  return Math.max(0, Math.floor(days / max) - 2);
}

export function sortMessages<T extends PlanSortable>(messages: T[]): T[] {
  return messages.sort(compareMessages);
}

interface PlanSortable {
  atMs: number;
  task: string;
  occurrence: string;
  kind: string;
  to: string;
}

/** Spec order: instant, then task, occurrence, kind, to (plain code-point order). */
export function compareMessages(a: PlanSortable, b: PlanSortable): number {
  return (
    a.atMs - b.atMs ||
    cmp(a.task, b.task) ||
    cmp(a.occurrence, b.occurrence) ||
    cmp(a.kind, b.kind) ||
    cmp(a.to, b.to)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every message of the occurrence with `after < instant < before`, deduplicated
 * (rule 9) and sorted. `before` may be Infinity only for occurrences whose
 * overdue notices are bounded by the caller; use {@link nextMessages} otherwise.
 */
export function occurrenceMessages(
  schedule: OccurrenceSchedule,
  after: number,
  before: number,
): PlannedMessage[] {
  const due = dueInstant(schedule);
  const { policy } = schedule;
  const found: PlannedMessage[] = [];
  const inWindow = (m: PlannedMessage) => m.atMs > after && m.atMs < before;

  for (const offset of policy.reminders) {
    const lead = duration(offset);
    for (const assignee of schedule.assignees) {
      const date = reminderDate(schedule, lead, assignee);
      const m = message(schedule, 'reminder', assignee, date, offset);
      if (m.atMs < due && inWindow(m)) found.push(m);
    }
  }

  if (before > due && policy.overdueEvery !== null) {
    const every = duration(policy.overdueEvery);
    const startDate = dateInZone(Math.max(after, due), 'UTC');
    const firstK = overdueIndexBefore(schedule, every, addDays(startDate, -2));
    for (const assignee of schedule.assignees) {
      for (let k = firstK; ; k++) {
        const m = message(schedule, 'overdue', assignee, overdueDate(schedule, every, k, assignee));
        if (!Number.isFinite(m.atMs))
          throw new Error(`cannot schedule for ${assignee.key} in zone ${assignee.timezone}`);
        if (m.atMs >= before) break;
        if (m.atMs > due && inWindow(m)) found.push(m);
      }
    }
  }

  if (schedule.manager && policy.escalateAfter !== null) {
    const date = escalationDate(schedule, duration(policy.escalateAfter), schedule.manager);
    const m = message(schedule, 'escalation', schedule.manager, date);
    if (m.atMs > due && inWindow(m)) found.push(m);
  }

  return sortMessages(dedupe(found));
}

/** Rule 9: one message per (occurrence, kind, recipient, instant); the first reminder offset wins. */
function dedupe(messages: PlannedMessage[]): PlannedMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.task}\u0000${m.occurrence}\u0000${m.kind}\u0000${m.to}\u0000${m.atMs}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The messages that come first after `after`: all those sharing the earliest
 * instant, in spec order. Empty when nothing more will ever be sent (no
 * assignees and nothing left). Overdue notices never end, so this always has
 * an answer while the occurrence has assignees.
 */
export function nextMessages(schedule: OccurrenceSchedule, after: number): PlannedMessage[] {
  const due = dueInstant(schedule);
  // The first overdue notice after `after` bounds the search: nothing later can come first.
  let horizon = Number.POSITIVE_INFINITY;
  const fromDate = dateInZone(Math.max(after, due), 'UTC');
  const every =
    schedule.policy.overdueEvery === null ? undefined : duration(schedule.policy.overdueEvery);
  for (const assignee of schedule.assignees) {
    if (!every) break;
    for (let k = overdueIndexBefore(schedule, every, addDays(fromDate, -2)); ; k++) {
      const m = message(schedule, 'overdue', assignee, overdueDate(schedule, every, k, assignee));
      if (!Number.isFinite(m.atMs))
        throw new Error(`cannot schedule for ${assignee.key} in zone ${assignee.timezone}`);
      if (m.atMs > after && m.atMs > due) {
        horizon = Math.min(horizon, m.atMs + 1);
        break;
      }
    }
  }
  if (horizon === Number.POSITIVE_INFINITY) {
    // No assignees, or no overdue notices: only reminders and an escalation can remain.
    horizon = Number.MAX_SAFE_INTEGER;
  }
  const upcoming = occurrenceMessages(schedule, after, horizon);
  const first = upcoming[0];
  return first ? upcoming.filter((m) => m.atMs === first.atMs) : [];
}
