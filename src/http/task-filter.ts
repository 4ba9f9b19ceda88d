/**
 * The filters of a task list as URL query parameters, so that a filtered
 * list can be shared as a link. The page, its CSV and `GET /api/tasks` read
 * them with the one schema the OpenAPI document publishes, and every filter
 * is a term of the visibility query (nothing is listed to be dropped after).
 */
import { ListFilterError, listTasks, type ListFilter, type TaskListing } from '../client/listing';
import type { Client } from '@temporalio/client';
import type { ListedStatus } from '../shared/task-state';
import { ListQuery } from './schemas';

/** The query parameters a filtered list understands, in the order forms show them. */
export const FILTER_PARAMS = [
  'resolution',
  'status',
  'dueWithin',
  'assignee',
  'responsible',
  'tag',
  'series',
  'clause',
  'occurrence',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
type TextParam = Exclude<FilterParam, 'status'>;
const TEXT_PARAMS = FILTER_PARAMS.filter((p): p is TextParam => p !== 'status');

/** A checked filter: each field as given, statuses as a list. */
export type TaskFilter = Partial<Record<TextParam, string>> & { status?: ListedStatus[] };

/**
 * The filter of a request's query, checked: a bad value throws ListFilterError
 * naming its parameter (400). Empty parameters, as a GET form sends for empty
 * fields, are dropped; unknown ones ignored; `overdue=true` is `status=overdue`.
 */
export function parseTaskFilter(params: URLSearchParams): TaskFilter {
  const query: Record<string, string | string[]> = {};
  for (const key of [...FILTER_PARAMS, 'overdue']) {
    const values = params
      .getAll(key)
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length) query[key] = values.length === 1 ? values[0]! : values;
  }
  const parsed = ListQuery.safeParse(query);
  if (!parsed.success)
    throw new ListFilterError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`).join('; '),
    );
  const { status, overdue, ...rest } = parsed.data;
  const filter: TaskFilter = {};
  for (const key of TEXT_PARAMS) if (rest[key]) filter[key] = rest[key];
  const statuses = new Set<ListedStatus>(
    status === undefined ? [] : Array.isArray(status) ? status : [status],
  );
  if (overdue === 'true') statuses.add('overdue');
  if (statuses.size) filter.status = [...statuses];
  return filter;
}

/** Whether the filter selects anything less than every task. */
export function isFiltered(filter: TaskFilter): boolean {
  return Object.keys(filter).length > 0;
}

/** The filter as query parameters (statuses repeated), for links and hidden fields. */
export function filterEntries(filter: TaskFilter): [string, string][] {
  const entries: [string, string][] = [];
  for (const key of FILTER_PARAMS) {
    if (key === 'status') for (const s of filter.status ?? []) entries.push([key, s]);
    else if (filter[key]) entries.push([key, filter[key]]);
  }
  return entries;
}

/** The filter as a query string (`?a=b&…`, or empty), for links. */
export function filterQuery(filter: TaskFilter): string {
  const text = new URLSearchParams(filterEntries(filter)).toString();
  return text ? `?${text}` : '';
}

/** Lists the task occurrences a filter selects, in one visibility query. */
export async function filteredTasks(
  client: Client,
  filter: TaskFilter,
  now: number,
): Promise<TaskListing[]> {
  const { status, ...text } = filter;
  const query: ListFilter = { ...text, ...(status ? { statuses: status } : {}) };
  return listTasks(client, query, now);
}
