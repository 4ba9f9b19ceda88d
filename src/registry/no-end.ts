/**
 * Mandates with no end: a task that recurs without `until`, or comes round
 * with every session of a series, runs for as long as the catalog stands,
 * unless a clause provides for its review. The UN's own mandate review found
 * most active mandates carry no instruction for review or termination; this
 * lists ours.
 */
import type { Catalog } from '../shared/types';

export interface EndlessMandate {
  resolution: string;
  taskId: string;
  clause: string;
  title: string;
  responsible: string;
  /** "recurs every P1Y with no until" or "comes round with each session of council". */
  reason: string;
}

/** Words of a task that provide for its own end or review. */
const REVIEWED =
  /\b(?:sunset|terminat\w*|expir\w*|until the|review of (?:this|the present) (?:resolution|mandate))\b/i;

export function endlessMandates(catalogs: readonly Catalog[]): EndlessMandate[] {
  const found: EndlessMandate[] = [];
  for (const catalog of catalogs) {
    for (const task of catalog.tasks) {
      if (task.completed !== undefined || task.waived !== undefined) continue;
      if (REVIEWED.test(`${task.title} ${task.notes ?? ''}`)) continue;
      const reason =
        task.recurrence && task.recurrence.until === undefined
          ? `recurs every ${task.recurrence.every} with no until`
          : 'series' in task.due
            ? `comes round with each session of ${task.due.series}, with no closing session`
            : undefined;
      if (reason)
        found.push({
          resolution: catalog.resolution.id,
          taskId: task.id,
          clause: task.clause,
          title: task.title,
          responsible: task.responsible,
          reason,
        });
    }
  }
  return found;
}
