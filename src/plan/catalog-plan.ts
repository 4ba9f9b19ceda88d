/**
 * The plan of a whole catalog for a window: every message the workflows will
 * send with `from < instant < to` when nobody hands anything in.
 */
import type { Catalog, PlanEntry, PlannedMessage } from '../shared/types';
import { occurrenceMessages, sortMessages } from './occurrence-plan';
import { taskTemplate, trackedOccurrences } from './occurrences';

export function planCatalog(catalog: Catalog, from: number, to: number): PlannedMessage[] {
  const messages: PlannedMessage[] = [];
  for (const task of catalog.tasks) {
    for (const schedule of trackedOccurrences(taskTemplate(catalog, task), from, to)) {
      messages.push(...occurrenceMessages(schedule, from, to));
    }
  }
  return sortMessages(messages);
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
