/**
 * The filters of a task list as URL query parameters, so that a filtered
 * list can be shared as a link: what visibility can answer goes to the
 * listing query, the rest (clause, session, responsible) is applied after.
 */
import { ListFilterError, listTasks, type ListFilter, type TaskListing } from '../client/listing';
import type { Client } from '@temporalio/client';
import { TASK_STATUSES, type TaskStatus } from '../shared/task-state';

/** The query parameters a filtered list understands, in the order forms show them. */
export const FILTER_PARAMS = [
  'resolution',
  'status',
  'dueWithin',
  'assignee',
  'responsible',
  'tag',
  'clause',
  'occurrence',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
export type TaskFilter = Partial<Record<FilterParam, string>>;

/** The filter of a request's query (unknown parameters are ignored, empty ones dropped). */
export function filterOf(query: Record<string, string | undefined>): TaskFilter {
  const filter: TaskFilter = {};
  for (const key of FILTER_PARAMS) {
    const v = query[key]?.trim();
    if (v) filter[key] = v;
  }
  return filter;
}

/** The filter as a query string (`?a=b&…`, or empty), for links and forms. */
export function filterQuery(filter: TaskFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_PARAMS) if (filter[key]) params.set(key, filter[key]);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Lists the task occurrences a filter selects (ListFilterError on a bad value). */
export async function filteredTasks(
  client: Client,
  filter: TaskFilter,
  now: number,
): Promise<TaskListing[]> {
  const status = filter.status;
  if (status && !(TASK_STATUSES as readonly string[]).includes(status))
    throw new ListFilterError(`status: ${status} is not one of ${TASK_STATUSES.join(', ')}`);
  const query: ListFilter = {
    ...(filter.resolution ? { resolution: filter.resolution } : {}),
    ...(status ? { statuses: [status as TaskStatus] } : {}),
    ...(filter.dueWithin ? { dueWithin: filter.dueWithin } : {}),
    ...(filter.assignee ? { assignee: filter.assignee } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
  };
  const all = await listTasks(client, query, now);
  return all.filter(
    (l) =>
      (!filter.clause || l.clause === filter.clause) &&
      (!filter.occurrence || l.occurrence === filter.occurrence) &&
      (!filter.responsible || l.responsible === filter.responsible),
  );
}
