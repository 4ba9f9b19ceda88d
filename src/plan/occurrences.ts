/**
 * From a catalog task to the occurrences that are tracked (rules 1, 6 and 7 of
 * the catalog spec), each as a self-contained schedule. Pure.
 */
import type { Catalog, OccurrenceSchedule, Task } from '../shared/types';
import {
  addDuration,
  daysBetween,
  durationDayBounds,
  parseDuration,
  subtractDuration,
} from '../catalog/duration';
import { dateInZone } from './wall-clock';
import { dueInstant, nextMessages } from './occurrence-plan';

/** Rule 1: the task's first due date (the DATE, or the event's start plus the offset). */
export function firstDueDate(catalog: Catalog, task: Task): string {
  const { due } = task;
  if (due.kind === 'date') return due.date;
  const event = catalog.events[due.event];
  if (!event) throw new Error(`task ${task.id}: unknown event ${due.event}`);
  const offset = parseDuration(due.offset, true);
  if (!offset) throw new Error(`task ${task.id}: bad offset ${due.offset}`);
  return addDuration(event.start, offset);
}

/** The schedule of the task's occurrence due on `dueDate`. */
export function occurrenceSchedule(
  catalog: Catalog,
  task: Task,
  dueDate: string,
): OccurrenceSchedule {
  const person = (key: string) => {
    const found = catalog.people[key];
    if (!found) throw new Error(`task ${task.id}: unknown person ${key}`);
    return found;
  };
  return {
    resolutionId: catalog.resolution.id,
    taskId: task.id,
    occurrence: dueDate,
    zone: catalog.resolution.timezone,
    dueDate,
    ...(task.due.time !== undefined ? { dueTime: task.due.time } : {}),
    policy: task.policy,
    assignees: task.assignees.map(person),
    ...(task.manager !== undefined ? { manager: person(task.manager) } : {}),
  };
}

/** Due date of occurrence n, computed from the first each time so month-end clamping never drifts. */
export function nthDueDate(task: Task, firstDue: string, n: number): string {
  if (!task.recurrence) return firstDue;
  const every = parseDuration(task.recurrence.every);
  if (!every) throw new Error(`task ${task.id}: bad recurrence ${task.recurrence.every}`);
  return addDuration(firstDue, every, n);
}

/**
 * The occurrences of a task that are tracked from instant `from` and may send
 * something before `to`: rule 7. A task with `completed` has none; a task
 * without recurrence has its one occurrence even when it is overdue; a
 * recurring task's occurrence is tracked only when its due instant is after
 * `from`.
 */
export function trackedOccurrences(
  catalog: Catalog,
  task: Task,
  from: number,
  to: number,
): OccurrenceSchedule[] {
  if (task.completed !== undefined) return [];
  const first = firstDueDate(catalog, task);
  if (!task.recurrence) return [occurrenceSchedule(catalog, task, first)];

  const every = parseDuration(task.recurrence.every);
  if (!every) throw new Error(`task ${task.id}: bad recurrence ${task.recurrence.every}`);
  if (to === Number.POSITIVE_INFINITY && task.recurrence.until === undefined) {
    throw new Error(`task ${task.id}: an endless recurrence needs a bounded window`);
  }
  const { max } = durationDayBounds(every);
  const lead = longestReminder(task);
  const fromDate = dateInZone(from, 'UTC');
  const toDate = dateInZone(to, 'UTC');
  const result: OccurrenceSchedule[] = [];
  // Start just before the first occurrence that can be due after `from`.
  for (let n = Math.max(0, Math.floor(daysBetween(first, fromDate) / max) - 2); ; n++) {
    const dueDate = nthDueDate(task, first, n);
    if (task.recurrence.until !== undefined && dueDate > task.recurrence.until) break;
    // Its first reminder lies after `to` (with room for weekend and zone shifts): none later can send.
    if (to !== Number.POSITIVE_INFINITY && daysBetween(toDate, subtractDuration(dueDate, lead)) > 4)
      break;
    const schedule = occurrenceSchedule(catalog, task, dueDate);
    if (dueInstant(schedule) > from) result.push(schedule);
  }
  return result;
}

/** The longest reminder lead of the task, as a duration (P0D when it has none). */
function longestReminder(task: Task) {
  let longest = parseDuration('P0D')!;
  let longestDays = 0;
  for (const text of task.policy.reminders) {
    const parsed = parseDuration(text);
    if (parsed && durationDayBounds(parsed).max > longestDays) {
      longest = parsed;
      longestDays = durationDayBounds(parsed).max;
    }
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
