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
import { DAY_MS, dailyClock, wallTimeToInstant, type DailyClock } from '../time/wall-clock';

/** Parsed durations by text: a plan reads the same few policy durations for every occurrence. */
const durations = new Map<string, DateDuration>();

function duration(text: string): DateDuration {
  let parsed = durations.get(text);
  if (!parsed) {
    parsed = parseDuration(text) ?? undefined;
    if (!parsed) throw new Error(`not a date duration: ${text}`);
    if (durations.size >= 1_000) durations.clear();
    durations.set(text, parsed);
  }
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
 * their zone: `instant` of a day number, then `make` for the days that are
 * kept (most candidates are not, so nothing is made before that is known).
 * A class, not closures: one is made per occurrence and recipient of a plan.
 */
class Sender {
  private readonly clock: DailyClock;
  constructor(
    private readonly schedule: OccurrenceSchedule,
    private readonly recipient: Recipient,
  ) {
    this.clock = dailyClock(schedule.policy.sendAt, recipient.timezone);
  }

  instant(day: number): number {
    return this.clock.instant(day);
  }

  unschedulable(): Error {
    return new Error(
      `cannot schedule for ${this.recipient.key} in zone ${this.recipient.timezone}`,
    );
  }

  make(kind: PlannedMessage['kind'], day: number, atMs: number, offset?: string): PlannedMessage {
    const { taskId: task, occurrence } = this.schedule;
    const { email: to, key: recipient } = this.recipient;
    const at = this.clock.text(day);
    // Two literal shapes (with and without `offset`) keep the key order of the published JSON.
    const message: PlannedMessage =
      offset !== undefined
        ? { task, occurrence, kind, offset, to, at, atMs, recipient }
        : { task, occurrence, kind, to, at, atMs, recipient };
    if (this.schedule.tentative) message.tentative = true;
    return message;
  }
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
class OverdueDates {
  private readonly dayAfterDue: string;
  private readonly first: number;
  /** Weeks and days are a fixed number of days a step; months and years are clamped from D+1. */
  private readonly step: number | null;
  private readonly calendar: WorkingCalendar | null;
  /** Days that a walk past non-working days can add, for any assignee of the schedule. */
  private readonly walk: number;
  /** The most days one step can span (a month counts 31). */
  private readonly longestStep: number;
  /** `overdueFor`: the last date (epoch day, before any walk) a notice may have; Infinity without one. */
  private readonly lastDay: number;

  constructor(
    schedule: OccurrenceSchedule,
    readonly every: DateDuration,
    to: Recipient,
  ) {
    this.dayAfterDue = addDays(schedule.dueDate, 1);
    this.first = epochDay(this.dayAfterDue);
    this.step =
      every.years === 0 && every.months === 0 ? (every.weeks * 7 + every.days) * every.sign : null;
    this.calendar = schedule.policy.skipWeekends ? workingDays(to) : null;
    this.walk = schedule.policy.skipWeekends
      ? Math.max(0, ...schedule.assignees.map((a) => longestNonWorkingRun(workingDays(a))))
      : 0;
    this.longestStep = durationDayBounds(every).max;
    const { overdueFor } = schedule.policy;
    this.lastDay =
      overdueFor === undefined
        ? Number.POSITIVE_INFINITY
        : epochDay(addDuration(schedule.dueDate, duration(overdueFor)));
  }

  /** True when the k-th notice's date (rule 4's, before the walk) is past `overdueFor`: it and all later ones are not sent. */
  ended(k: number): boolean {
    if (this.lastDay === Number.POSITIVE_INFINITY) return false;
    return this.date(k) > this.lastDay;
  }

  /**
   * A k low enough that the k-th overdue date is on or before the UTC date two
   * days before `instant`, found without a walk from 0: room is left for the
   * longest walk past non-working days of any assignee.
   */
  indexBefore(instant: number): number {
    const days = Math.floor(instant / DAY_MS) - 2 - this.first - this.walk;
    return Math.max(0, Math.floor(days / this.longestStep) - 2);
  }

  day(k: number): number {
    const date = this.date(k);
    return this.calendar ? workingDayNumberOnOrAfter(date, this.calendar) : date;
  }

  /** D+1 + k x overdueEvery, before any walk past non-working days. */
  private date(k: number): number {
    return this.step !== null
      ? this.first + this.step * k
      : epochDay(addDuration(this.dayAfterDue, this.every, k));
  }
}

/** Rule 5: E = D + escalateAfter, walked on to the manager's working day. */
function escalationDate(schedule: OccurrenceSchedule, after: DateDuration, to: Recipient): number {
  const date = epochDay(addDuration(schedule.dueDate, after));
  return schedule.policy.skipWeekends ? workingDayNumberOnOrAfter(date, workingDays(to)) : date;
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
  const found: PlannedMessage[] = [];
  const window = occurrenceWindow(schedule, after, before);
  // Offset by offset: among recipients sharing an address, rule 9 keeps the first offset.
  const senders = schedule.assignees.map((assignee) => new Sender(schedule, assignee));
  for (const offset of schedule.policy.reminders)
    schedule.assignees.forEach((assignee, i) =>
      reminder(window, assignee, senders[i]!, offset, found),
    );
  const every = overdueStep(schedule);
  if (every)
    schedule.assignees.forEach((assignee, i) =>
      overdueNotices(
        window,
        new OverdueRun(senders[i]!, new OverdueDates(schedule, every, assignee)),
        found,
      ),
    );
  escalation(window, found);
  return dedupeSorted(sortMessages(found));
}

/**
 * One occurrence's messages for the catalog plan, window after window (a large
 * plan is written a slice of time at a time), in the order the catalog plan
 * needs: kind, then address, then time. Grouped by instant, keeping this
 * order, task by task and occurrence by occurrence, that is the spec's order,
 * so no occurrence is sorted on its own. Reminders and the escalation are
 * found once; overdue notices window by window. Only when two assignees share
 * an address are the occurrence's messages sorted (rule 9 merges theirs).
 */
export class OccurrenceStream {
  private readonly assignees: Recipient[] | null;
  private readonly due: number;
  private found?: {
    escalation: PlannedMessage[];
    reminders: PlannedMessage[];
    /** The latest reminder or escalation: windows after it have only overdue notices. */
    lastFixed: number;
    overdue: OverdueRun[];
  };

  constructor(readonly schedule: OccurrenceSchedule) {
    this.assignees = byAddress(schedule.assignees);
    this.due = dueInstant(schedule);
  }

  /** Appends the messages with `after < instant < before` to `into`. */
  append(after: number, before: number, into: PlannedMessage[]): void {
    const { schedule, assignees } = this;
    if (!assignees) {
      for (const m of occurrenceMessages(schedule, after, before)) into.push(m);
      return;
    }
    const found = (this.found ??= this.findFixed(assignees));
    // 'escalation' < 'overdue' < 'reminder'; each recipient's run is in time order.
    const fixed = after < found.lastFixed;
    if (fixed)
      for (const m of found.escalation) if (m.atMs > after && m.atMs < before) into.push(m);
    const window = { schedule, after, before, due: this.due };
    for (const run of found.overdue) overdueNotices(window, run, into);
    if (fixed) for (const m of found.reminders) if (m.atMs > after && m.atMs < before) into.push(m);
  }

  private findFixed(assignees: Recipient[]) {
    const { schedule } = this;
    const always = { schedule, after: -Infinity, before: Infinity, due: this.due };
    const escalations: PlannedMessage[] = [];
    escalation(always, escalations);
    // One sender per assignee, for their reminders and their overdue notices alike.
    const senders = assignees.map((assignee) => new Sender(schedule, assignee));
    const reminders: PlannedMessage[] = [];
    assignees.forEach((assignee, i) => {
      const start = reminders.length;
      for (const offset of schedule.policy.reminders)
        reminder(always, assignee, senders[i]!, offset, reminders);
      if (reminders.length - start > 1) sortRun(reminders, start);
    });
    const every = overdueStep(schedule);
    const overdue = every
      ? assignees.map(
          (assignee, i) => new OverdueRun(senders[i]!, new OverdueDates(schedule, every, assignee)),
        )
      : [];
    const lastFixed = Math.max(-Infinity, ...[...escalations, ...reminders].map((m) => m.atMs));
    return { escalation: escalations, reminders, lastFixed, overdue };
  }
}

function overdueStep(schedule: OccurrenceSchedule): DateDuration | null {
  return schedule.policy.overdueEvery === null ? null : duration(schedule.policy.overdueEvery);
}

interface OccurrenceWindow {
  schedule: OccurrenceSchedule;
  after: number;
  before: number;
  due: number;
}

function occurrenceWindow(
  schedule: OccurrenceSchedule,
  after: number,
  before: number,
): OccurrenceWindow {
  return { schedule, after, before, due: dueInstant(schedule) };
}

/** The assignees in address order, or null when two share an address. */
function byAddress(assignees: Recipient[]): Recipient[] | null {
  if (assignees.length < 2) return assignees;
  const sorted = [...assignees].sort((a, b) => cmp(a.email, b.email));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.email === sorted[i - 1]!.email) return null;
  return sorted;
}

/** Rule 3: one assignee's reminder at one offset, if it falls in the window. */
function reminder(
  window: OccurrenceWindow,
  assignee: Recipient,
  sender: Sender,
  offset: string,
  into: PlannedMessage[],
): void {
  const { schedule, after, before, due } = window;
  const day = reminderDate(schedule, duration(offset), assignee);
  const atMs = sender.instant(day);
  if (atMs < due && atMs > after && atMs < before)
    into.push(sender.make('reminder', day, atMs, offset));
}

/**
 * One recipient's reminders from `start` on, sorted by time (stably, so the
 * first offset stays first), keeping one per instant (rule 9).
 */
function sortRun(messages: PlannedMessage[], start: number): void {
  const run = messages.splice(start).sort((a, b) => a.atMs - b.atMs);
  for (const m of run) {
    const last = messages.length > start ? messages[messages.length - 1]! : undefined;
    if (last?.atMs !== m.atMs) messages.push(m);
  }
}

/**
 * One assignee's overdue notices, and where the last window stopped: a plan
 * written slice after slice picks each run up there, not from a new start.
 */
class OverdueRun {
  /** The first k at or past the last window's end, and that end. */
  resumeAt = 0;
  resumeBefore = Number.NaN;

  constructor(
    readonly sender: Sender,
    readonly dates: OverdueDates,
  ) {}
}

/** Rule 4, for one assignee, in time order (a walk past non-working days can repeat an instant). */
function overdueNotices(window: OccurrenceWindow, run: OverdueRun, into: PlannedMessage[]): void {
  const { after, before, due } = window;
  if (before <= due) return;
  const { sender, dates } = run;
  // Instants never fall as k grows, so every k before resumeAt is at or before `after`.
  let k = after >= run.resumeBefore - 1 ? run.resumeAt : dates.indexBefore(Math.max(after, due));
  let last = Number.NaN;
  for (; ; k++) {
    if (dates.ended(k)) break;
    const day = dates.day(k);
    const atMs = sender.instant(day);
    if (!Number.isFinite(atMs)) throw sender.unschedulable();
    if (atMs >= before) break;
    if (atMs > due && atMs > after && atMs !== last) {
      into.push(sender.make('overdue', day, atMs));
      last = atMs;
    }
  }
  run.resumeAt = k;
  run.resumeBefore = before;
}

/** Rule 5. */
function escalation(window: OccurrenceWindow, into: PlannedMessage[]): void {
  const { schedule, after, before, due } = window;
  if (!schedule.manager || schedule.policy.escalateAfter === null) return;
  const day = escalationDate(schedule, duration(schedule.policy.escalateAfter), schedule.manager);
  const sender = new Sender(schedule, schedule.manager);
  const atMs = sender.instant(day);
  if (atMs > due && atMs > after && atMs < before) into.push(sender.make('escalation', day, atMs));
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
  const every =
    schedule.policy.overdueEvery === null ? undefined : duration(schedule.policy.overdueEvery);
  for (const assignee of schedule.assignees) {
    if (!every) break;
    const sender = new Sender(schedule, assignee);
    const overdueDates = new OverdueDates(schedule, every, assignee);
    for (let k = overdueDates.indexBefore(Math.max(after, due)); ; k++) {
      if (overdueDates.ended(k)) break;
      const atMs = sender.instant(overdueDates.day(k));
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
