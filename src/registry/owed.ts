/**
 * What the catalogs ask of each body in a window: every occurrence due in
 * it, from the planner's own reading of each task (recurrences, series,
 * completed and waived tasks as the plan has them), so the registry counts
 * exactly what the engine would track.
 */
import { dueInstant } from '../plan/occurrence-plan';
import { taskTemplate, trackedOccurrences } from '../plan/occurrences';
import type { Catalog, Task } from '../shared/types';

/** One occurrence owed in the window. */
export interface OwedOccurrence {
  resolution: string;
  taskId: string;
  clause: string;
  title: string;
  /** The body accountable, as the catalog names it. */
  responsible: string;
  /** YYYY-MM-DD in the resolution's zone. */
  dueDate: string;
  /** "invitation" when the task only reminds (overdueEvery: null), else "owed". */
  kind: 'owed' | 'invitation';
  tentative: boolean;
}

/** Whether a task only invites (reminders, never overdue notices). */
export function isInvitation(task: Task): boolean {
  return task.policy.overdueEvery === null;
}

/** The occurrences of every task of the catalogs due in [from, to), by due date. */
export function owedOccurrences(
  catalogs: readonly Catalog[],
  from: number,
  to: number,
): OwedOccurrence[] {
  const owed: OwedOccurrence[] = [];
  for (const catalog of catalogs) {
    for (const task of catalog.tasks) {
      const template = taskTemplate(catalog, task);
      for (const schedule of trackedOccurrences(template, from, to)) {
        const at = dueInstant(schedule);
        if (at <= from || at > to) continue;
        owed.push({
          resolution: catalog.resolution.id,
          taskId: task.id,
          clause: task.clause,
          title: task.title,
          responsible: task.responsible,
          dueDate: schedule.dueDate,
          kind: isInvitation(task) ? 'invitation' : 'owed',
          tentative: schedule.tentative === true,
        });
      }
    }
  }
  return owed.sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.resolution.localeCompare(b.resolution) ||
      a.taskId.localeCompare(b.taskId),
  );
}
