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
  epochDay,
  parseDuration,
  subtractDuration,
  type DateDuration,
} from '../time/duration';
import {
  WEEKEND_ONLY,
  longestNonWorkingRun,
  workingDayNumberOnOrAfter,
  workingDayNumberOnOrBefore,
} from '../time/working-days';
import { dateInZone, instantFormatter, instantsAt, wallTimeToInstant } from '../time/wall-clock';

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

/**
 * The messages of one schedule to one recipient, at the policy's `sendAt` in
 * their zone: `instant` of a date, then `make` for the instants that are kept
 * (most candidates are not, so nothing is made before that is known).
 */
function messagesTo(schedule: OccurrenceSchedule, recipient: Recipient) {
  const instant = instantsAt(schedule.policy.sendAt, recipient.timezone);
  const format = instantFormatter(recipient.timezone);
  const { taskId: task, occurrence } = schedule;
  const { email: to, key } = recipient;
  // Two literal shapes (with and without `offset`) keep the key order of the published JSON.
  const make = (kind: PlannedMessage['kind'], atMs: number, offset?: string): PlannedMessage =>
    offset !== undefined
      ? { task, occurrence, kind, offset, to, at: format(atMs), atMs, recipient: key }
      : { task, occurrence, kind, to, at: format(atMs), atMs, recipient: key };
  return { instant, make };
}

/**
 * The recipient's working days. Without a calendar of its own (every v1
 * recipient) Saturday and Sunday are the weekend: the v1 rules of moving a
 * weekend to the Friday before or the Monday after are the walks below on it.
 */
export function workingDays(recipient: Recipient): WorkingCalendar {
  return recipient.workingDays ?? WEEKEND_ONLY;
}

// Dates below are day numbers (`epochDay`): the overdue loop runs millions of
// times in a large plan, and numbers need no parsing or lookup by text.

/** Rule 3: R = D - O, walked back to the assignee's working day with skipWeekends. */
function reminderDate(schedule: OccurrenceSchedule, offset: DateDuration, to: Recipient): number {
  const date = epochDay(subtractDuration(schedule.dueDate, offset));
  return schedule.policy.skipWeekends ? workingDayNumberOnOrBefore(date, workingDays(to)) : date;
}

/**
 * Rule 4: the k-th overdue date, D+1 + k x overdueEvery, walked on to the
 * assignee's working day. Made once per occurrence and assignee.
 */
function overdueDates(
  schedule: OccurrenceSchedule,
  every: DateDuration,
  to: Recipient,
): (k: number) => number {
  const dayAfterDue = addDays(schedule.dueDate, 1);
  const first = epochDay(dayAfterDue);
  // Weeks and days are a fixed number of days a step; months and years are clamped from D+1.
  const step =
    every.years === 0 && every.months === 0 ? (every.weeks * 7 + every.days) * every.sign : null;
  const calendar = schedule.policy.skipWeekends ? workingDays(to) : null;
  return (k) => {
    const date = step !== null ? first + step * k : epochDay(addDuration(dayAfterDue, every, k));
    return calendar ? workingDayNumberOnOrAfter(date, calendar) : date;
  };
}

/** Rule 5: E = D + escalateAfter, walked on to the manager's working day. */
function escalationDate(schedule: OccurrenceSchedule, after: DateDuration, to: Recipient): number {
  const date = epochDay(addDuration(schedule.dueDate, after));
  return schedule.policy.skipWeekends ? workingDayNumberOnOrAfter(date, workingDays(to)) : date;
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

/** Plain code-point order of two strings, as the spec sorts. */
export function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const cmp = codePointOrder;

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
  const inWindow = (atMs: number) => atMs > after && atMs < before;

  const toAssignee = schedule.assignees.map((assignee) => messagesTo(schedule, assignee));

  for (const offset of policy.reminders) {
    const lead = duration(offset);
    schedule.assignees.forEach((assignee, i) => {
      const { instant, make } = toAssignee[i]!;
      const atMs = instant(reminderDate(schedule, lead, assignee));
      if (atMs < due && inWindow(atMs)) found.push(make('reminder', atMs, offset));
    });
  }

  if (before > due && policy.overdueEvery !== null) {
    const every = duration(policy.overdueEvery);
    const startDate = dateInZone(Math.max(after, due), 'UTC');
    const firstK = overdueIndexBefore(schedule, every, addDays(startDate, -2));
    schedule.assignees.forEach((assignee, i) => {
      const { instant, make } = toAssignee[i]!;
      const overdueDate = overdueDates(schedule, every, assignee);
      for (let k = firstK; ; k++) {
        const atMs = instant(overdueDate(k));
        if (!Number.isFinite(atMs))
          throw new Error(`cannot schedule for ${assignee.key} in zone ${assignee.timezone}`);
        if (atMs >= before) break;
        if (atMs > due && inWindow(atMs)) found.push(make('overdue', atMs));
      }
    });
  }

  if (schedule.manager && policy.escalateAfter !== null) {
    const date = escalationDate(schedule, duration(policy.escalateAfter), schedule.manager);
    const { instant, make } = messagesTo(schedule, schedule.manager);
    const atMs = instant(date);
    if (atMs > due && inWindow(atMs)) found.push(make('escalation', atMs));
  }

  return dedupeSorted(sortMessages(found));
}

/**
 * Rule 9: one message per (occurrence, kind, recipient, instant); the first
 * reminder offset wins. Sorting is stable and puts equal keys next to each
 * other in the order they were found, so keeping the first of a run is enough.
 */
function dedupeSorted(messages: PlannedMessage[]): PlannedMessage[] {
  let kept = 0;
  for (const m of messages) {
    const previous = kept > 0 ? messages[kept - 1]! : undefined;
    const same =
      previous !== undefined &&
      previous.atMs === m.atMs &&
      previous.kind === m.kind &&
      previous.to === m.to &&
      previous.task === m.task &&
      previous.occurrence === m.occurrence;
    if (!same) messages[kept++] = m;
  }
  messages.length = kept;
  return messages;
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
    const { instant } = messagesTo(schedule, assignee);
    const overdueDate = overdueDates(schedule, every, assignee);
    for (let k = overdueIndexBefore(schedule, every, addDays(fromDate, -2)); ; k++) {
      const atMs = instant(overdueDate(k));
      if (!Number.isFinite(atMs))
        throw new Error(`cannot schedule for ${assignee.key} in zone ${assignee.timezone}`);
      if (atMs > after && atMs > due) {
        horizon = Math.min(horizon, atMs + 1);
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
