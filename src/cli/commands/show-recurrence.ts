/** `mandate show <resolution>/<task>/recurrence`: a recurring task's driver and its occurrences. */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { listTasks } from '../../client/listing';
import { TaskNotFoundError } from '../../client/task-actions';
import { recurrenceWorkflowId } from '../../shared/workflow-api';
import { loadConfig } from '../../config/config';
import { dueColumn } from '../due-column';

/** The resolution and task of a recurring driver's id, or undefined for any other id. */
export function recurrenceDriver(
  workflowId: string,
): { resolution: string; task: string } | undefined {
  const parts = workflowId.split('/');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  if (workflowId !== recurrenceWorkflowId(parts[0], parts[1])) return undefined;
  return { resolution: parts[0], task: parts[1] };
}

/** Prints whether the driver still runs and the occurrences it started (from visibility). */
export async function showRecurrence(
  client: Client,
  workflowId: string,
  driver: { resolution: string; task: string },
  options: { json?: boolean },
): Promise<void> {
  let running: boolean;
  try {
    running = (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw new TaskNotFoundError(`no recurring task ${workflowId} (was its catalog started?)`);
    throw error;
  }
  const occurrences = await listTasks(client, { ...driver, upcoming: true });
  if (options.json) {
    process.stdout.write(
      JSON.stringify(
        {
          workflowId,
          kind: 'recurrence',
          running,
          occurrences: occurrences.map((l) => ({ ...l, due: new Date(l.dueAt).toISOString() })),
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`${workflowId}: recurring task ${driver.task} of ${driver.resolution}`);
  out(`  driver ${running ? 'running: starts each occurrence in turn' : 'finished'}`);
  out(`occurrences (${occurrences.length}; \`mandate show <id>\` for one):`);
  if (occurrences.length === 0) out('  none started yet, none upcoming');
  const due = dueColumn(loadConfig().dataDir);
  for (const l of occurrences) {
    out(`  ${l.status.padEnd(10)} ${due(l.resolution, l.dueAt)}  ${l.workflowId}`);
  }
}
