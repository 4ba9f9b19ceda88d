/**
 * The published views of a resolution's open tasks: one visibility listing
 * finds them, then each answers its `status` query (the manager is in the
 * view, not in the search attributes, and a reassignment may have changed it).
 */
import type { Client } from '@temporalio/client';
import { forEachLimited } from '../client/for-each-limited';
import { listTasks } from '../client/listing';
import type { TaskView } from '../shared/task-view';
import { statusQuery } from '../shared/workflow-api';
import { UNFINISHED_STATUSES } from '../shared/task-state';

/** Where a digest finds its tasks' views. */
export type TaskViewSource = (resolutionId: string) => Promise<TaskView[]>;

/** Views of the open tasks found through visibility (statuses that a digest can list). */
export function visibleTaskViews(client: Client): TaskViewSource {
  return async (resolutionId) => {
    const listings = await listTasks(client, {
      resolution: resolutionId,
      statuses: [...UNFINISHED_STATUSES],
    });
    return viewsOf(
      client,
      listings.filter((l) => !l.closed).map((l) => l.workflowId),
    );
  };
}

/** Views of the given workflows, by their `status` query; a workflow gone since is left out. */
export async function viewsOf(client: Client, workflowIds: readonly string[]): Promise<TaskView[]> {
  const views: TaskView[] = [];
  await forEachLimited([...workflowIds], 16, async (workflowId) => {
    try {
      views.push(await client.workflow.getHandle(workflowId).query(statusQuery));
    } catch (error) {
      if ((error as Error).name !== 'WorkflowNotFoundError') throw error;
    }
  });
  return views;
}
