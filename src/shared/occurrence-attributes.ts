/**
 * The one builder of a task occurrence's search attributes: `mandate start`,
 * the recurring driver (when it starts an occurrence) and the occurrence
 * workflow itself (whenever its status, due date, people or tags change) all
 * publish the same set, so listings never depend on who wrote last.
 */
import type { SearchAttributePair, SearchAttributeUpdatePair } from '@temporalio/common';
import { UPCOMING, type TaskStatus } from './task-state';
import type { OccurrenceSchedule, TaskInfo, TaskTemplate } from './types';
import { SEARCH_ATTRIBUTES } from './workflow-api';

export interface OccurrenceFacts {
  schedule: Pick<OccurrenceSchedule, 'resolutionId' | 'taskId' | 'occurrence' | 'assignees'>;
  info: Pick<TaskInfo, 'clause' | 'responsible' | 'tags' | 'series'>;
  status: TaskStatus;
  dueAt: number;
  /** When the last required deliverable was handed in; unset while something is missing. */
  deliveredAt?: number;
  /**
   * Keys of people on the task whose mail bounced permanently. Undefined on
   * tasks that never had a bounce, whose attribute is left alone; an empty
   * list clears it once successors are named.
   */
  unreachable?: string[];
}

/** Every search attribute of an occurrence, as a start carries them. */
export function occurrenceSearchAttributes(facts: OccurrenceFacts): SearchAttributePair[] {
  const { schedule, info } = facts;
  const pairs: SearchAttributePair[] = [
    { key: SEARCH_ATTRIBUTES.resolution, value: schedule.resolutionId },
    { key: SEARCH_ATTRIBUTES.task, value: schedule.taskId },
    { key: SEARCH_ATTRIBUTES.occurrence, value: schedule.occurrence },
    { key: SEARCH_ATTRIBUTES.clause, value: info.clause },
    { key: SEARCH_ATTRIBUTES.responsible, value: info.responsible },
    { key: SEARCH_ATTRIBUTES.assignees, value: schedule.assignees.map((a) => a.key) },
    { key: SEARCH_ATTRIBUTES.tags, value: info.tags },
    { key: SEARCH_ATTRIBUTES.status, value: facts.status },
    { key: SEARCH_ATTRIBUTES.due, value: new Date(facts.dueAt) },
  ];
  // Only when there is one: an occurrence started before series were published upserts
  // exactly what it did then, so its history replays.
  if (info.series !== undefined) pairs.push({ key: SEARCH_ATTRIBUTES.series, value: info.series });
  if (facts.deliveredAt !== undefined)
    pairs.push({ key: SEARCH_ATTRIBUTES.delivered, value: new Date(facts.deliveredAt) });
  if (facts.unreachable?.length)
    pairs.push({ key: SEARCH_ATTRIBUTES.unreachable, value: facts.unreachable });
  return pairs;
}

/** The same set as an upsert: an occurrence with nothing delivered unsets `MandateDelivered`. */
export function occurrenceAttributeUpdates(facts: OccurrenceFacts): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = occurrenceSearchAttributes(facts);
  if (facts.deliveredAt === undefined)
    pairs.push({ key: SEARCH_ATTRIBUTES.delivered, value: null });
  if (facts.unreachable?.length === 0)
    pairs.push({ key: SEARCH_ATTRIBUTES.unreachable, value: null });
  return pairs;
}

/**
 * What a recurring task's driver carries of its task: set when `mandate start`
 * starts it, and again when its template is revised (a successor named).
 */
export function driverAttributes(template: TaskTemplate): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.resolution, value: template.resolutionId },
    { key: SEARCH_ATTRIBUTES.task, value: template.taskId },
    { key: SEARCH_ATTRIBUTES.clause, value: template.info.clause },
    { key: SEARCH_ATTRIBUTES.responsible, value: template.info.responsible },
    { key: SEARCH_ATTRIBUTES.assignees, value: template.assignees.map((a) => a.key) },
    { key: SEARCH_ATTRIBUTES.tags, value: template.info.tags },
  ];
}

/**
 * What a recurring task's driver publishes of the occurrence it will start
 * next (its other attributes, the task's, it carries from its start), so the
 * occurrence is listed as `upcoming` with its date before its workflow runs.
 */
export function upcomingAttributes(occurrence: string, dueAt: number): SearchAttributeUpdatePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.status, value: UPCOMING },
    { key: SEARCH_ATTRIBUTES.occurrence, value: occurrence },
    { key: SEARCH_ATTRIBUTES.due, value: new Date(dueAt) },
  ];
}
