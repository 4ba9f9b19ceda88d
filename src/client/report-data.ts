/**
 * What a report of one resolution reads: its listings (with each recurring
 * task's next occurrence), and the published views of the occurrences whose
 * listing alone cannot tell the report what happened to them: those waived
 * (for the reason) and those now due on another instant than the catalog's
 * (for the extension). The CLI, the pages and the API read it alike.
 */
import type { Client } from '@temporalio/client';
import { viewsOf } from '../digest/task-views';
import { dueInstant } from '../plan/occurrence-plan';
import { scheduleFor, seriesSessions, taskTemplate } from '../plan/occurrences';
import type { TaskView } from '../shared/task-view';
import type { Catalog } from '../shared/types';
import { listTasks, type TaskListing } from './listing';

export interface ReportData {
  listings: TaskListing[];
  views: ReadonlyMap<string, TaskView>;
}

export async function reportData(
  client: Client,
  catalog: Catalog,
  now: number,
): Promise<ReportData> {
  const listings = await listTasks(
    client,
    { resolution: catalog.resolution.id, upcoming: true },
    now,
  );
  const wanted = listings.filter(
    (l) =>
      l.status !== 'upcoming' &&
      (l.status === 'waived' || plannedDueAt(catalog, l.task, l.occurrence) !== l.dueAt),
  );
  const views = await viewsOf(
    client,
    wanted.map((l) => l.workflowId),
  );
  return { listings, views: new Map(views.map((v) => [v.workflowId, v])) };
}

/** The due instant the catalog gives an occurrence, or undefined when the catalog no longer has it. */
function plannedDueAt(catalog: Catalog, taskId: string, occurrence: string): number | undefined {
  const task = catalog.tasks.find((t) => t.id === taskId);
  if (!task) return undefined;
  const template = taskTemplate(catalog, task);
  const session = seriesSessions(catalog, task).find((s) => s.event === occurrence);
  if (task.due.kind === 'series' && !session) return undefined;
  return dueInstant(scheduleFor(template, session?.dueDate ?? occurrence, occurrence));
}
