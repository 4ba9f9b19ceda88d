/**
 * The plan of a whole catalog for a window: every message the workflows will
 * send with `from < instant < to` when nobody hands anything in.
 */
import type { Catalog, OccurrenceSchedule, PlanEntry, PlannedMessage } from '../shared/types';
import { durationDayBounds, parseDuration } from '../time/duration';
import { longestNonWorkingRun } from '../time/working-days';
import { OccurrenceStream, codePointOrder, dueInstant, workingDays } from './occurrence-plan';
import { taskTemplate, trackedOccurrences } from './occurrences';

/**
 * In spec order (`compareMessages`), without comparing strings: messages are
 * made task by task and occurrence by occurrence in the order compareMessages
 * uses, each occurrence's by kind and address, so among messages at one
 * instant that order is the spec's, and grouping by instant (keeping the order
 * within a group) is the whole sort.
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
  stream: OccurrenceStream;
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
      result.push({ stream: new OccurrenceStream(schedule), earliest: earliestMessage(schedule) });
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
  const made: PlannedMessage[] = [];
  for (const { stream } of tracked) stream.append(after, before, made);
  return groupByInstant(made);
}

/**
 * A stable sort by instant, as a counting sort: a large plan has millions of
 * messages at a few thousand distinct instants. Instants on whole minutes
 * (every `sendAt` in a zone with a whole-minute offset) are counted in an
 * array by minute; any other plan by a map of instants.
 */
function groupByInstant(messages: PlannedMessage[]): PlannedMessage[] {
  if (messages.length === 0) return messages;
  let [first, last] = [Infinity, -Infinity];
  let wholeMinutes = true;
  for (const { atMs } of messages) {
    if (atMs < first) first = atMs;
    if (atMs > last) last = atMs;
    if (atMs % 60_000 !== 0) wholeMinutes = false;
  }
  const minutes = (last - first) / 60_000 + 1;
  const key: (atMs: number) => number =
    wholeMinutes && minutes <= MAX_MINUTE_SLOTS
      ? (atMs) => (atMs - first) / 60_000
      : instantRanks(messages);
  const size = wholeMinutes && minutes <= MAX_MINUTE_SLOTS ? minutes : messages.length;
  const starts = new Int32Array(size + 1);
  for (const m of messages) starts[key(m.atMs) + 1]!++;
  for (let i = 1; i <= size; i++) starts[i]! += starts[i - 1]!;
  const sorted = new Array<PlannedMessage>(messages.length);
  for (const m of messages) sorted[starts[key(m.atMs)]!++] = m;
  return sorted;
}

/** Ten years of minutes: 21 MB of counts at most. */
const MAX_MINUTE_SLOTS = 10 * 366 * 1440;

/** Each distinct instant's rank in time order. */
function instantRanks(messages: PlannedMessage[]): (atMs: number) => number {
  const ranks = new Map<number, number>();
  for (const { atMs } of messages) ranks.set(atMs, 0);
  [...ranks.keys()].sort((a, b) => a - b).forEach((instant, rank) => ranks.set(instant, rank));
  return (atMs) => ranks.get(atMs)!;
}

/** The spec's JSON form of a message. */
export function toPlanEntry(
  message: Omit<PlanEntry, 'kind' | 'tentative'> & { kind: string; tentative?: boolean },
): PlanEntry {
  return {
    task: message.task,
    occurrence: message.occurrence,
    kind: message.kind as PlanEntry['kind'],
    ...(message.offset !== undefined ? { offset: message.offset } : {}),
    to: message.to,
    at: message.at,
    ...(message.tentative ? { tentative: true as const } : {}),
  };
}
