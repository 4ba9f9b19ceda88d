/**
 * Listings from visibility: one list call answers "what is overdue", "what is
 * due soon" and "how does the resolution stand" from search attributes, never
 * one query per workflow.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { addDuration, daysBetween, parseDuration } from '../time/duration';
import { dateInZone } from '../time/wall-clock';
import { OWED_STATUSES, UPCOMING, type ListedStatus } from '../shared/task-state';
import { SEARCH_ATTRIBUTES, WORKFLOW_TYPES } from '../shared/workflow-api';

export interface TaskListing {
  workflowId: string;
  resolution: string;
  task: string;
  occurrence: string;
  clause: string;
  responsible: string;
  assignees: string[];
  tags: string[];
  /** v2: the series a session belongs to, if its task's due is one. */
  series?: string;
  /** `upcoming`: a recurring task's next occurrence, listed by its driver (`workflowId`) before it starts. */
  status: ListedStatus;
  /** Epoch milliseconds. */
  dueAt: number;
  /** When the last required deliverable was handed in. */
  deliveredAt?: number;
  closed: boolean;
  /** When the workflow closed (completed or waived), epoch milliseconds. */
  closedAt?: number;
  /** When tracking began (the workflow's start), epoch milliseconds. */
  startedAt?: number;
}

export interface ListFilter {
  resolution?: string;
  statuses?: ListedStatus[];
  /** Also the next occurrence of each recurring task, before its workflow starts. */
  upcoming?: boolean;
  overdue?: boolean;
  /** A date duration such as P30D: open tasks due between now and now + this. */
  dueWithin?: string;
  assignee?: string;
  tag?: string;
  task?: string;
  responsible?: string;
  clause?: string;
  series?: string;
  occurrence?: string;
}

export class ListFilterError extends Error {
  override name = 'ListFilterError';
}

function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new ListFilterError(
      `${JSON.stringify(value)}: control characters are not allowed in filters`,
    );
  if (/['"\\]/.test(value))
    throw new ListFilterError(
      `${JSON.stringify(value)}: quotes and backslashes are not allowed in filters`,
    );
  return `'${value}'`;
}

/** The visibility query for a filter, at instant `now`. */
export function visibilityQuery(filter: ListFilter, now: number): string {
  const upcoming = filter.upcoming === true || filter.statuses?.includes(UPCOMING) === true;
  const parts = [
    upcoming
      ? `(WorkflowType = '${WORKFLOW_TYPES.occurrence}' OR (WorkflowType = '${WORKFLOW_TYPES.recurrence}' AND ExecutionStatus = 'Running' AND ${SEARCH_ATTRIBUTES.status.name} = '${UPCOMING}'))`
      : `WorkflowType = '${WORKFLOW_TYPES.occurrence}'`,
  ];
  if (filter.resolution)
    parts.push(`${SEARCH_ATTRIBUTES.resolution.name} = ${quote(filter.resolution)}`);
  if (filter.task) parts.push(`${SEARCH_ATTRIBUTES.task.name} = ${quote(filter.task)}`);
  if (filter.assignee)
    parts.push(`${SEARCH_ATTRIBUTES.assignees.name} = ${quote(filter.assignee)}`);
  if (filter.tag) parts.push(`${SEARCH_ATTRIBUTES.tags.name} = ${quote(filter.tag)}`);
  if (filter.responsible)
    parts.push(`${SEARCH_ATTRIBUTES.responsible.name} = ${quote(filter.responsible)}`);
  if (filter.clause) parts.push(`${SEARCH_ATTRIBUTES.clause.name} = ${quote(filter.clause)}`);
  if (filter.series) parts.push(`${SEARCH_ATTRIBUTES.series.name} = ${quote(filter.series)}`);
  if (filter.occurrence)
    parts.push(`${SEARCH_ATTRIBUTES.occurrence.name} = ${quote(filter.occurrence)}`);
  if (filter.overdue) parts.push(`${SEARCH_ATTRIBUTES.status.name} = 'overdue'`);
  if (filter.statuses?.length)
    parts.push(`${SEARCH_ATTRIBUTES.status.name} IN (${filter.statuses.map(quote).join(', ')})`);
  if (filter.dueWithin) {
    const duration = parseDuration(filter.dueWithin);
    if (!duration)
      throw new ListFilterError(`${filter.dueWithin} is not a date duration such as P30D`);
    // Calendar arithmetic on today's date in UTC, the same rules as the planner's. A reach
    // past the last date visibility can hold means "everything still due".
    const today = dateInZone(now, 'UTC');
    let reached: string;
    try {
      reached = addDuration(today, duration);
    } catch {
      reached = ''; // beyond what a Date holds
    }
    const endDate =
      /^\d{4}-/.test(reached) && Number(reached.slice(0, 4)) <= 9999 ? reached : '9999-12-31';
    const end = new Date(now + daysBetween(today, endDate) * 86_400_000);
    const owed = [...OWED_STATUSES, ...(upcoming ? [UPCOMING] : [])];
    parts.push(`${SEARCH_ATTRIBUTES.status.name} IN (${owed.map(quote).join(', ')})`);
    parts.push(
      `${SEARCH_ATTRIBUTES.due.name} BETWEEN '${new Date(now).toISOString()}' AND '${end.toISOString()}'`,
    );
  }
  return parts.join(' AND ');
}

export function toListing(info: WorkflowExecutionInfo): TaskListing {
  const attrs = info.typedSearchAttributes;
  const due = attrs.get(SEARCH_ATTRIBUTES.due);
  const delivered = attrs.get(SEARCH_ATTRIBUTES.delivered);
  const series = attrs.get(SEARCH_ATTRIBUTES.series);
  return {
    workflowId: info.workflowId,
    resolution: attrs.get(SEARCH_ATTRIBUTES.resolution) ?? '',
    task: attrs.get(SEARCH_ATTRIBUTES.task) ?? '',
    occurrence: attrs.get(SEARCH_ATTRIBUTES.occurrence) ?? '',
    clause: attrs.get(SEARCH_ATTRIBUTES.clause) ?? '',
    responsible: attrs.get(SEARCH_ATTRIBUTES.responsible) ?? '',
    assignees: attrs.get(SEARCH_ATTRIBUTES.assignees) ?? [],
    tags: attrs.get(SEARCH_ATTRIBUTES.tags) ?? [],
    ...(series ? { series } : {}),
    status: (attrs.get(SEARCH_ATTRIBUTES.status) ?? 'open') as ListedStatus,
    dueAt: due ? due.getTime() : 0,
    ...(delivered ? { deliveredAt: delivered.getTime() } : {}),
    closed: info.status.name !== 'RUNNING',
    ...(info.closeTime ? { closedAt: info.closeTime.getTime() } : {}),
    ...(info.startTime ? { startedAt: info.startTime.getTime() } : {}),
  };
}

/** Every task occurrence that matches, sorted by due instant then workflow id. */
export async function listTasks(
  client: Client,
  filter: ListFilter,
  now = Date.now(),
): Promise<TaskListing[]> {
  const result: TaskListing[] = [];
  for await (const info of client.workflow.list({ query: visibilityQuery(filter, now) })) {
    result.push(toListing(info));
  }
  return result.sort((a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId));
}

/** Tasks per status, for overviews. */
export function countByStatus(listings: TaskListing[]): Record<ListedStatus, number> {
  const counts: Record<ListedStatus, number> = {
    open: 0,
    submitted: 0,
    returned: 0,
    overdue: 0,
    completed: 0,
    waived: 0,
    'on-hold': 0,
    upcoming: 0,
  };
  for (const l of listings) counts[l.status] += 1;
  return counts;
}
