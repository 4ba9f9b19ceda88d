/**
 * The dashboard overview from visibility counts and filtered lists: counts by
 * status, the overdue tasks and those due in the next 30 days. Its cost grows
 * with what it shows, never with the number of tasks: at 40,000 open tasks a
 * listing of everything takes many seconds, a count a few milliseconds.
 */
import type { Client } from '@temporalio/client';
import { TASK_STATUSES, type TaskStatus } from '../shared/task-state';
import { SEARCH_ATTRIBUTES } from '../shared/workflow-api';
import { toListing, visibilityQuery, type ListFilter, type TaskListing } from './listing';

/** The overdue and due-soon lists show at most this many tasks each; the counts are exact. */
export const OVERVIEW_LIST_LIMIT = 200;

const DAY = 86_400_000;
const YEAR = 366 * DAY;

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
 * two filtered lists, all at once.
 */
export async function taskOverview(
  client: Client,
  filter: Pick<ListFilter, 'resolution'>,
  now = Date.now(),
  limit = OVERVIEW_LIST_LIMIT,
): Promise<TaskOverview> {
  const scope = visibilityQuery(filter, now);
  const overdueQuery = visibilityQuery({ ...filter, overdue: true }, now);
  const soonQuery = visibilityQuery({ ...filter, dueWithin: 'P30D' }, now);
  const count = async (query: string) => (await client.workflow.count(query)).count;
  const [statusCounts, overdueTotal, soonTotal] = await Promise.all([
    Promise.all(
      TASK_STATUSES.map((status) =>
        count(`${scope} AND ${SEARCH_ATTRIBUTES.status.name} = '${status}'`),
      ),
    ),
    count(overdueQuery),
    count(soonQuery),
  ]);
  const [overdue, soon] = await Promise.all([
    earliestDue(client, overdueQuery, overdueTotal, now - 10 * YEAR, now, limit),
    earliestDue(client, soonQuery, soonTotal, now, now + 30 * DAY, limit),
  ]);
  const counts = Object.fromEntries(TASK_STATUSES.map((s, i) => [s, statusCounts[i]!])) as Record<
    TaskStatus,
    number
  >;
  return {
    counts,
    total: statusCounts.reduce((a, b) => a + b, 0),
    overdue: { listings: overdue, total: overdueTotal },
    soon: { listings: soon, total: soonTotal },
  };
}

/**
 * The earliest-due listings of the query, at most `limit` of them (visibility
 * cannot order by a search attribute). When more match, the due instant is
 * bisected with counts between `lo` and `hi` until at most `limit` are due by
 * it: a dozen counts, each a few milliseconds, in place of reading them all.
 */
async function earliestDue(
  client: Client,
  query: string,
  total: number,
  lo: number,
  hi: number,
  limit: number,
): Promise<TaskListing[]> {
  const dueBy = (t: number) =>
    `${query} AND ${SEARCH_ATTRIBUTES.due.name} <= '${new Date(t).toISOString()}'`;
  let bounded = query;
  if (total > limit) {
    let [low, high] = [lo, hi];
    // Twelve halvings: within 1/4096 of the range (about a day over ten years).
    for (let i = 0; i < 12; i++) {
      const mid = Math.floor((low + high) / 2);
      if ((await client.workflow.count(dueBy(mid))).count <= limit) low = mid;
      else high = mid;
    }
    // Everything due by `high`: more than `limit`, by at most one step's worth, so the
    // earliest `limit` are among them (a step can hold no task at all below `low`).
    bounded = dueBy(high);
  }
  const found: TaskListing[] = [];
  const read = total > limit ? limit * READ_FACTOR : limit;
  for await (const info of client.workflow.list({
    query: bounded,
    pageSize: Math.min(limit, 1000),
  })) {
    found.push(toListing(info));
    if (found.length >= read) break;
  }
  return found
    .sort((a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId))
    .slice(0, limit);
}

/** At most this many times `limit` are read past the bisection (a step crowded with dues). */
const READ_FACTOR = 5;
