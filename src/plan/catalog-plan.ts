/**
 * The plan of a whole catalog for a window: every message the workflows will
 * send with `from < instant < to` when nobody hands anything in.
 */
import type { Catalog, OccurrenceSchedule, PlanEntry, PlannedMessage } from '../shared/types';
import { durationDayBounds, parseDuration } from '../time/duration';
import { longestNonWorkingRun } from '../time/working-days';
import { codePointOrder, dueInstant, occurrenceMessages, workingDays } from './occurrence-plan';
import { taskTemplate, trackedOccurrences } from './occurrences';

/**
 * In spec order (`compareMessages`), without comparing strings: messages are
 * made task by task and occurrence by occurrence in the order compareMessages
 * uses, each occurrence's already sorted, so among messages at one instant
 * that order is the spec's, and grouping by instant (keeping the order within
 * a group) is the whole sort.
 */
export function planCatalog(catalog: Catalog, from: number, to: number): PlannedMessage[] {
  return messagesBetween(trackedInOrder(catalog, from, to), from, to);
}

/** Thirty days: a tenth of a large two-year plan held at a time. */
const SLICE_MS = 30 * 86_400_000;

/**
 * {@link planCatalog} in pieces of time, earliest first: their concatenation
 * is exactly its result, and only one piece is held at a time, so a plan of
 * any size can be written out in constant memory.
 */
export function* planCatalogInSlices(
  catalog: Catalog,
  from: number,
  to: number,
  sliceMs = SLICE_MS,
): Generator<PlannedMessage[]> {
  const tracked = trackedInOrder(catalog, from, to);
  for (let start = from; start < to; start += sliceMs) {
    const end = Math.min(to, start + sliceMs);
    // Both bounds are exclusive: the next piece begins one millisecond before `end`.
    const after = start === from ? from : start - 1;
    yield messagesBetween(
      tracked.filter((t) => t.earliest < end),
      after,
      end,
    );
  }
}

interface Tracked {
  schedule: OccurrenceSchedule;
  /** No message of the schedule comes before this instant. */
  earliest: number;
}

function trackedInOrder(catalog: Catalog, from: number, to: number): Tracked[] {
  const result: Tracked[] = [];
  const tasks = [...catalog.tasks].sort((a, b) => codePointOrder(a.id, b.id));
  for (const task of tasks) {
    const schedules = trackedOccurrences(taskTemplate(catalog, task), from, to).sort((a, b) =>
      codePointOrder(a.occurrence, b.occurrence),
    );
    for (const schedule of schedules)
      result.push({ schedule, earliest: earliestMessage(schedule) });
  }
  return result;
}

/**
 * A bound below every message of the schedule: its due instant less the
 * longest reminder in days (a year counts 366, a month 31), the longest walk
 * back past non-working days, and three days for the zones (a due date's
 * end and a reminder's `sendAt` each up to 14 hours from UTC).
 */
function earliestMessage(schedule: OccurrenceSchedule): number {
  const lead = Math.max(
    0,
    ...schedule.policy.reminders.map((text) => {
      const parsed = parseDuration(text);
      return parsed ? durationDayBounds(parsed).max : Number.POSITIVE_INFINITY;
    }),
  );
  const walk = Math.max(0, ...schedule.assignees.map((a) => longestNonWorkingRun(workingDays(a))));
  return dueInstant(schedule) - (lead + walk + 3) * 86_400_000;
}

function messagesBetween(tracked: Tracked[], after: number, before: number): PlannedMessage[] {
  const atInstant = new Map<number, PlannedMessage[]>();
  for (const { schedule } of tracked) {
    for (const m of occurrenceMessages(schedule, after, before)) {
      const group = atInstant.get(m.atMs);
      if (group) group.push(m);
      else atInstant.set(m.atMs, [m]);
    }
  }
  const messages: PlannedMessage[] = [];
  for (const instant of [...atInstant.keys()].sort((a, b) => a - b)) {
    for (const m of atInstant.get(instant)!) messages.push(m);
  }
  return messages;
}

/** The spec's JSON form of a message. */
export function toPlanEntry(message: Omit<PlanEntry, 'kind'> & { kind: string }): PlanEntry {
  return {
    task: message.task,
    occurrence: message.occurrence,
    kind: message.kind as PlanEntry['kind'],
    ...(message.offset !== undefined ? { offset: message.offset } : {}),
    to: message.to,
    at: message.at,
  };
}
