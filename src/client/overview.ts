/**
 * The dashboard overview from visibility counts and filtered lists: counts by
 * status, the overdue tasks and those due in the next 30 days. Its cost grows
 * with what it shows, never with the number of tasks: at 40,000 open tasks a
 * listing of everything takes many seconds, a count a few milliseconds.
 *
 * A count is a round trip to the visibility store, so the overview asks
 * everything it can at once: the counts by status, the two totals and the
 * first round of the search for each list's earliest dues, then at most
 * three more rounds of counts for each list, and the listings. Where a
 * search ended is remembered: a dashboard asked again (the usual case) checks
 * that threshold with one count and needs no search.
 */
import type { Client } from '@temporalio/client';
import { TASK_STATUSES, type TaskStatus } from '../shared/task-state';
import type { Catalog } from '../shared/types';
import { SEARCH_ATTRIBUTES } from '../shared/workflow-api';
import { toListing, visibilityQuery, type ListFilter, type TaskListing } from './listing';

/** The overdue and due-soon lists show at most this many tasks each; the counts are exact. */
export const OVERVIEW_LIST_LIMIT = 200;

const DAY = 86_400_000;
const YEAR = 366 * DAY;

/** Thresholds each round of the search counts at once, per list. */
const ROUND_WIDTH = 8;
/**
 * Rounds of counts at most, per list (the first goes with the counts by
 * status): each later one splits its step into ROUND_WIDTH + 1, so four reach
 * the 1/4096 of the range twelve halvings did (due soon: 9^4 steps), except
 * for dues more than 10 years / 9 (407 days) ago, whose wide first steps (see
 * overdueSteps) end up to 3.7 times coarser (3.3 days). A coarse step only
 * means more is read at the end, never a different list.
 */
const MAX_ROUNDS = 4;
/**
 * A threshold with at most this many times `limit` due by it ends the search:
 * reading them is one page (5 × 200 = the largest page, 1,000), cheaper than
 * another round of counts.
 */
const READ_FACTOR = 5;

/**
 * The threshold each list's last search ended on, by resolution filter and
 * list. Dues move slowly, so it usually still holds; a count checks it
 * every time, and one that no longer holds only costs a search.
 */
const remembered = new Map<string, number>();
const REMEMBERED_LIMIT = 1_000;

function remember(key: string, threshold: number | undefined): void {
  if (threshold === undefined) return;
  if (remembered.size >= REMEMBERED_LIMIT && !remembered.has(key)) remembered.clear();
  remembered.set(key, threshold);
}

export interface TaskOverview {
  counts: Record<TaskStatus, number>;
  total: number;
  /** Overdue tasks, earliest due first (at most `limit`), and how many there are. */
  overdue: { listings: TaskListing[]; total: number };
  /** Open, returned or submitted tasks due within 30 days (at most `limit`), and how many. */
  soon: { listings: TaskListing[]; total: number };
}

/**
 * One count per status (visibility groups counts by ExecutionStatus only) and
 * two filtered lists. Nothing waits for an answer it does not need: the first
 * round of both searches goes out with the counts, and is unused for a list
 * whose total turns out to fit.
 */
export async function taskOverview(
  client: Client,
  filter: Pick<ListFilter, 'resolution'>,
  now = Date.now(),
  limit = OVERVIEW_LIST_LIMIT,
): Promise<TaskOverview> {
  const scope = visibilityQuery(filter, now);
  const overdueQuery = visibilityQuery({ ...filter, overdue: true }, now);
  // Due soon includes a recurring task's next occurrence before its workflow starts.
  const soonQuery = visibilityQuery({ ...filter, dueWithin: 'P30D', upcoming: true }, now);
  // The same query is counted once (the overdue total is the count of status overdue).
  const asked = new Map<string, Promise<number>>();
  const count = (query: string) => {
    let answer = asked.get(query);
    if (!answer) {
      answer = client.workflow.count(query).then((c) => c.count);
      asked.set(query, answer);
    }
    return answer;
  };
  const overdueSearch: DueSearch = { query: overdueQuery, lo: now - 10 * YEAR, hi: now };
  const soonSearch: DueSearch = { query: soonQuery, lo: now, hi: now + 30 * DAY };
  const key = `${filter.resolution ?? ''}\u0000${limit}`;
  // A remembered threshold goes out alone; the first round only where there is none.
  const firstRound = (search: DueSearch, list: string, spread: () => number[]) => {
    const known = remembered.get(`${key}\u0000${list}`);
    return known !== undefined && known > search.lo && known <= search.hi ? [known] : spread();
  };
  const overdueFirst = firstRound(overdueSearch, 'overdue', () => overdueSteps(now));
  const soonFirst = firstRound(soonSearch, 'soon', () => steps(soonSearch.lo, soonSearch.hi));
  const [statusCounts, overdueTotal, soonTotal, overdueCounts, soonCounts] = await Promise.all([
    Promise.all(
      TASK_STATUSES.map((status) =>
        count(`${scope} AND ${SEARCH_ATTRIBUTES.status.name} = '${status}'`),
      ),
    ),
    count(overdueQuery),
    count(soonQuery),
    Promise.all(overdueFirst.map((t) => count(dueBy(overdueQuery, t)))),
    Promise.all(soonFirst.map((t) => count(dueBy(soonQuery, t)))),
  ]);
  const [overdue, soon] = await Promise.all([
    earliestDue(client, count, overdueSearch, overdueTotal, overdueFirst, overdueCounts, limit),
    earliestDue(client, count, soonSearch, soonTotal, soonFirst, soonCounts, limit),
  ]);
  remember(`${key}\u0000overdue`, overdue.threshold);
  remember(`${key}\u0000soon`, soon.threshold);
  const counts = Object.fromEntries(TASK_STATUSES.map((s, i) => [s, statusCounts[i]!])) as Record<
    TaskStatus,
    number
  >;
  return {
    counts,
    total: statusCounts.reduce((a, b) => a + b, 0),
    overdue: { listings: overdue.listings, total: overdueTotal },
    soon: { listings: soon.listings, total: soonTotal },
  };
}

/**
 * The counts with the tasks a started catalog waived: no workflow stands for
 * them (nothing is ever sent), yet they are tasks of the resolution, and the
 * rates count them as waived too.
 */
export function withCatalogWaivers(
  counts: Record<TaskStatus, number>,
  catalogs: Iterable<Catalog>,
): Record<TaskStatus, number> {
  let waived = 0;
  for (const catalog of catalogs) waived += catalog.tasks.filter((t) => t.waived).length;
  return { ...counts, waived: counts.waived + waived };
}

/** A list's query and the due range its search spreads thresholds over. */
interface DueSearch {
  query: string;
  lo: number;
  /** Past `hi`, only the query itself bounds the due (the due-soon list's end; none for overdue). */
  hi: number;
}

function dueBy(query: string, t: number): string {
  return `${query} AND ${SEARCH_ATTRIBUTES.due.name} <= '${new Date(t).toISOString()}'`;
}

/** ROUND_WIDTH instants evenly inside (low, high), whole milliseconds, fewer if the step is that small. */
function steps(low: number, high: number): number[] {
  const found = new Set<number>();
  for (let i = 1; i <= ROUND_WIDTH; i++) {
    const t = Math.floor(low + ((high - low) * i) / (ROUND_WIDTH + 1));
    if (t > low && t < high) found.add(t);
  }
  return [...found];
}

/** The overdue list's first round: `now` and instants 10 years / 3^j before it, oldest first. */
function overdueSteps(now: number): number[] {
  // Most overdue tasks are recent, so the steps are finest just before now where the counts climb;
  // the sparse years before get wide ones.
  return Array.from({ length: ROUND_WIDTH - 1 }, (_, j) =>
    Math.floor(now - (10 * YEAR) / 3 ** (j + 1)),
  ).concat(now);
}

/**
 * The earliest-due listings of the query, at most `limit` of them, ties by
 * workflow id (visibility cannot order by a search attribute). When more
 * match, counts narrow the due instant by which `limit` are due: each round
 * takes the first of its thresholds with `limit` due by it, and the next
 * round splits the step before it, until few enough are due by it to read
 * (READ_FACTOR) or MAX_ROUNDS are done. Then everything due by that
 * threshold is read, sorted and cut: the earliest `limit` are all among them,
 * however many share a due instant.
 */
async function earliestDue(
  client: Client,
  count: (query: string) => Promise<number>,
  search: DueSearch,
  total: number,
  first: number[],
  firstCounts: number[],
  limit: number,
): Promise<{ listings: TaskListing[]; threshold?: number }> {
  const { query, hi } = search;
  // The bracket (low, high]: fewer than `limit` due by low, `dueByHigh` (>= limit) by high;
  // high undefined is the whole query.
  let low = search.lo;
  let high: number | undefined;
  let dueByHigh = total;
  const narrow = (thresholds: number[], counts: number[]) => {
    const i = counts.findIndex((c) => c >= limit);
    if (i < 0) {
      low = thresholds.at(-1) ?? low;
      return;
    }
    if (i > 0) low = thresholds[i - 1]!;
    high = thresholds[i]!;
    dueByHigh = counts[i]!;
  };
  if (total > limit) {
    narrow(first, firstCounts);
    for (let round = 1; round < MAX_ROUNDS && dueByHigh > READ_FACTOR * limit; round++) {
      // Past hi nothing is counted: the overdue list counted hi itself in its first round.
      const thresholds = steps(low, Math.min(high ?? hi, hi));
      if (thresholds.length === 0) break;
      narrow(thresholds, await Promise.all(thresholds.map((t) => count(dueBy(query, t)))));
    }
  }
  const found: TaskListing[] = [];
  for await (const info of client.workflow.list({
    query: high === undefined ? query : dueBy(query, high),
    pageSize: Math.min(Math.max(limit, total > limit ? dueByHigh : 0), 1000),
  })) {
    found.push(toListing(info));
    if (total <= limit && found.length >= limit) break;
  }
  const listings = found
    .sort((a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId))
    .slice(0, limit);
  // Worth remembering only where it ended the search: few enough due by it to read at once.
  return high !== undefined && dueByHigh <= READ_FACTOR * limit
    ? { listings, threshold: high }
    : { listings };
}
