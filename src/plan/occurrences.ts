/**
 * From a catalog task to the occurrences that are tracked (rules 1, 6 and 7 of
 * the catalog spec, and v2's series), each as a self-contained schedule.
 * Pure: the planner and the recurring-task driver workflow share it.
 */
import type {
  Catalog,
  OccurrenceSchedule,
  Person,
  Recipient,
  SeriesSession,
  Task,
  TaskTemplate,
  WorkingCalendar,
} from '../shared/types';
import { WEEKDAY_NAMES } from '../shared/types';
import {
  addDuration,
  daysBetween,
  durationDayBounds,
  parseDuration,
  subtractDuration,
  type DateDuration,
} from '../time/duration';
import { dateInZone } from '../time/wall-clock';
import {
  longestNonWorkingRun,
  WEEKEND_ONLY,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from '../time/working-days';
import { dueInstant, nextMessages, workingDays } from './occurrence-plan';

/** Rule 1: the task's first due date (the DATE, or the event's start plus the offset). */
export function firstDueDate(catalog: Catalog, task: Task): string {
  const { due } = task;
  if (due.kind === 'date') return due.date;
  if (due.kind === 'series') {
    const first = seriesSessions(catalog, task)[0];
    if (!first) throw new Error(`task ${task.id}: series ${due.series} has no session`);
    return first.dueDate;
  }
  const event = catalog.events[due.event];
  if (!event) throw new Error(`task ${task.id}: unknown event ${due.event}`);
  return addDuration(event.start, mustParse(due.offset, true));
}

/** A series due's occurrences: each event of the series, in catalog order, due on its start + offset. */
export function seriesSessions(catalog: Catalog, task: Task): SeriesSession[] {
  const { due } = task;
  if (due.kind !== 'series') return [];
  const offset = mustParse(due.offset, true);
  return Object.values(catalog.events)
    .filter((event) => event.series === due.series)
    .map((event) => ({
      event: event.key,
      dueDate: addDuration(event.start, offset),
      ...(event.tentative ? { tentative: true } : {}),
    }));
}

/**
 * A person's working days (v2): their `calendar`, else the calendar named
 * `default`, else none (Saturday and Sunday, no holidays). The country's
 * public holidays were added when the catalog was read.
 */
export function workingCalendarOf(catalog: Catalog, person: Person): WorkingCalendar | undefined {
  return calendarNamed(catalog, person.calendar ?? 'default');
}

/**
 * The resolution's working days, where `dueShift` moves due dates to:
 * `resolution.calendar`, else the calendar named `default`, else none
 * (Saturday and Sunday, no holidays).
 */
export function resolutionCalendarOf(catalog: Catalog): WorkingCalendar | undefined {
  return calendarNamed(catalog, catalog.resolution.calendar ?? 'default');
}

function calendarNamed(catalog: Catalog, name: string): WorkingCalendar | undefined {
  let known = workingCalendars.get(catalog);
  if (!known) {
    known = new Map();
    workingCalendars.set(catalog, known);
  }
  if (known.has(name)) return known.get(name);
  const calendar = (catalog.calendars ?? {})[name];
  const working = calendar && {
    weekend: calendar.weekend.map((day) => WEEKDAY_NAMES.indexOf(day) + 1).sort(),
    holidays: [...new Set([...calendar.holidays, ...(calendar.publicHolidays ?? [])])].sort(),
  };
  known.set(name, working);
  return working;
}

// One object per catalog calendar, shared by every task that uses it, so that
// the working-day lookups (indexed per calendar object) are built once.
const workingCalendars = new WeakMap<Catalog, Map<string, WorkingCalendar | undefined>>();

/** A catalog person as a recipient, with their working days. */
export function recipientOf(catalog: Catalog, person: Person): Recipient {
  const { key, name, email, timezone, locale } = person;
  const workingDays = workingCalendarOf(catalog, person);
  return { key, name, email, timezone, locale, ...(workingDays ? { workingDays } : {}) };
}

/** Resolves a task's events, people and defaults into a template. */
export function taskTemplate(catalog: Catalog, task: Task): TaskTemplate {
  const person = (key: string) => {
    const found = catalog.people[key];
    if (!found) throw new Error(`task ${task.id}: unknown person ${key}`);
    return recipientOf(catalog, found);
  };
  const sessions = seriesSessions(catalog, task);
  return {
    resolutionId: catalog.resolution.id,
    taskId: task.id,
    zone: catalog.resolution.timezone,
    firstDue: firstDueDate(catalog, task),
    ...(task.due.time !== undefined ? { dueTime: task.due.time } : {}),
    ...(task.recurrence ? { recurrence: task.recurrence } : {}),
    ...(task.due.kind === 'series' ? { sessions } : {}),
    ...(task.due.kind === 'event' && catalog.events[task.due.event]?.tentative
      ? { tentative: true }
      : {}),
    ...(task.completed !== undefined ? { completed: task.completed } : {}),
    ...(task.waived !== undefined ? { waived: task.waived } : {}),
    policy: task.policy,
    ...(task.policy.dueShift && resolutionCalendarOf(catalog)
      ? { dueCalendar: resolutionCalendarOf(catalog)! }
      : {}),
    assignees: task.assignees.map(person),
    ...(task.manager !== undefined ? { manager: person(task.manager) } : {}),
    info: {
      resolutionTitle: catalog.resolution.title,
      title: task.title,
      clause: task.clause,
      responsible: task.responsible,
      deliverables: task.deliverables,
      dependsOn: task.dependsOn,
      tags: task.tags,
      ...(task.notes !== undefined ? { notes: task.notes } : {}),
      ...(task.due.kind === 'series' ? { series: task.due.series } : {}),
    },
  };
}

/**
 * The schedule of the template's occurrence due on `dueDate` (rule 1's date),
 * named by that date or, for a series session, by its event key. With
 * `dueShift`, a date that is not a working day of the resolution's calendar
 * moves to the nearest one before or after it; the name stays.
 */
export function scheduleFor(
  template: TaskTemplate,
  dueDate: string,
  occurrence: string = dueDate,
): OccurrenceSchedule {
  return {
    resolutionId: template.resolutionId,
    taskId: template.taskId,
    occurrence,
    zone: template.zone,
    dueDate: shiftedDue(template, dueDate),
    ...(template.dueTime !== undefined ? { dueTime: template.dueTime } : {}),
    ...(template.tentative || template.sessions?.find((s) => s.event === occurrence)?.tentative
      ? { tentative: true }
      : {}),
    policy: template.policy,
    assignees: template.assignees,
    ...(template.manager ? { manager: template.manager } : {}),
  };
}

/** Rule 1's date moved to a working day of the resolution's calendar, as `dueShift` says. */
export function shiftedDue(
  template: Pick<TaskTemplate, 'policy' | 'dueCalendar'>,
  date: string,
): string {
  const shift = template.policy.dueShift;
  if (!shift) return date;
  const calendar = template.dueCalendar ?? WEEKEND_ONLY;
  return shift === 'before'
    ? workingDayOnOrBefore(date, calendar)
    : workingDayOnOrAfter(date, calendar);
}

/** How many days `dueShift` can move a due date: the longest run of days off in the calendar. */
function shiftReach(template: TaskTemplate): number {
  return template.policy.dueShift ? longestNonWorkingRun(template.dueCalendar ?? WEEKEND_ONLY) : 0;
}

/** Whether an occurrence of a catalog task hangs on a date not yet published (its event's, or its session's). */
export function isTentativeOccurrence(catalog: Catalog, task: Task, occurrence: string): boolean {
  const template = taskTemplate(catalog, task);
  return scheduleFor(template, template.firstDue, occurrence).tentative === true;
}

/** Due date of occurrence n, computed from the first each time so month-end clamping never drifts. */
export function nthDueDate(template: TaskTemplate, n: number): string {
  if (!template.recurrence) return template.firstDue;
  return addDuration(template.firstDue, mustParse(template.recurrence.every), n);
}

/** An occurrence index at or before the first one that can be due after the date `from`. */
export function firstIndexNear(template: TaskTemplate, fromDate: string): number {
  if (!template.recurrence) return 0;
  const { max } = durationDayBounds(mustParse(template.recurrence.every));
  // A date moved later by dueShift may fall after `from` though rule 1's date does not.
  const days = daysBetween(template.firstDue, fromDate) - shiftReach(template);
  return Math.max(0, Math.floor(days / max) - 2);
}

/** True when occurrence n is past the recurrence's `until`. */
export function isPastUntil(template: TaskTemplate, dueDate: string): boolean {
  const until = template.recurrence?.until;
  return until !== undefined && dueDate > until;
}

/**
 * The occurrences of a task that are tracked from instant `from` and may send
 * something before `to`: rule 7. A task with `completed` or `waived` has
 * none; a task without recurrence has its one occurrence even when it is
 * overdue; a recurring task's occurrence, and a series session, is tracked
 * only when its due instant is after `from`.
 */
export function trackedOccurrences(
  template: TaskTemplate,
  from: number,
  to: number,
): OccurrenceSchedule[] {
  if (template.completed !== undefined || template.waived !== undefined) return [];
  if (template.sessions) {
    return template.sessions
      .map((session) => scheduleFor(template, session.dueDate, session.event))
      .filter((schedule) => dueInstant(schedule) > from);
  }
  if (!template.recurrence) return [scheduleFor(template, template.firstDue)];
  if (to === Number.POSITIVE_INFINITY && template.recurrence.until === undefined) {
    throw new Error(`task ${template.taskId}: an endless recurrence needs a bounded window`);
  }
  const lead = longestReminder(template);
  // A reminder walks back past non-working days: that much more room.
  const walk = template.policy.skipWeekends
    ? Math.max(0, ...template.assignees.map((a) => longestNonWorkingRun(workingDays(a))))
    : 0;
  const toDate = dateInZone(to, 'UTC');
  const result: OccurrenceSchedule[] = [];
  for (let n = firstIndexNear(template, dateInZone(from, 'UTC')); ; n++) {
    const dueDate = nthDueDate(template, n);
    if (isPastUntil(template, dueDate)) break;
    // Its first reminder lies well after `to` (room for weekend and zone shifts): none later can send.
    if (
      to !== Number.POSITIVE_INFINITY &&
      daysBetween(toDate, subtractDuration(dueDate, lead)) > 4 + walk + shiftReach(template)
    )
      break;
    const schedule = scheduleFor(template, dueDate);
    if (dueInstant(schedule) > from) result.push(schedule);
  }
  return result;
}

/** The longest reminder lead of the template (P0D when it has none). */
function longestReminder(template: TaskTemplate): DateDuration {
  let longest = mustParse('P0D');
  for (const text of template.policy.reminders) {
    const parsed = mustParse(text);
    if (durationDayBounds(parsed).max > durationDayBounds(longest).max) longest = parsed;
  }
  return longest;
}

/**
 * When a recurring task's driver must have started an occurrence's workflow:
 * one day before its first message (or its due instant when it sends none).
 */
export function occurrenceStartInstant(schedule: OccurrenceSchedule): number {
  const first = nextMessages(schedule, Number.NEGATIVE_INFINITY)[0];
  const due = dueInstant(schedule);
  return Math.min(first?.atMs ?? due, due) - 86_400_000;
}

function mustParse(text: string, signed = false): DateDuration {
  const parsed = parseDuration(text, signed);
  if (!parsed) throw new Error(`not a date duration: ${text}`);
  return parsed;
}
