/**
 * The plan of a whole catalog for a window: every message the workflows will
 * send with `from < instant < to` when nobody hands anything in.
 */
import type { Catalog, PlanEntry, PlannedMessage } from '../shared/types';
import { codePointOrder, occurrenceMessages } from './occurrence-plan';
import { taskTemplate, trackedOccurrences } from './occurrences';

/**
 * In spec order (`compareMessages`), without comparing strings: messages are
 * made task by task and occurrence by occurrence in code-point order, each
 * occurrence's already sorted, so among messages at one instant that order is
 * the spec's, and grouping by instant (keeping the order within a group) is
 * the whole sort.
 */
export function planCatalog(catalog: Catalog, from: number, to: number): PlannedMessage[] {
  const atInstant = new Map<number, PlannedMessage[]>();
  const tasks = [...catalog.tasks].sort((a, b) => codePointOrder(a.id, b.id));
  for (const task of tasks) {
    const schedules = trackedOccurrences(taskTemplate(catalog, task), from, to).sort((a, b) =>
      codePointOrder(a.occurrence, b.occurrence),
    );
    for (const schedule of schedules) {
      for (const m of occurrenceMessages(schedule, from, to)) {
        const group = atInstant.get(m.atMs);
        if (group) group.push(m);
        else atInstant.set(m.atMs, [m]);
      }
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
