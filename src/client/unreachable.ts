/**
 * The people whose mail bounced permanently and who are still on open
 * tasks, found from the MandateUnreachable search attribute (never by
 * listing every task), each with the tasks a successor would take over.
 */
import type { Client } from '@temporalio/client';
import { forEachLimited } from './for-each-limited';
import { taskActions } from './task-actions';
import { SEARCH_ATTRIBUTES, WORKFLOW_TYPES } from '../shared/workflow-api';

export interface UnreachableListing {
  key: string;
  email: string;
  /** The latest bounce's instant, status and diagnostic. */
  since: number;
  status?: string;
  diagnostic: string;
  /** Open task occurrences that still name the person, sorted. */
  tasks: string[];
}

/** The visibility query of open occurrences with someone unreachable, optionally of one resolution. */
export function unreachableQuery(resolution?: string): string {
  if (resolution !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(resolution))
    throw new Error(`${JSON.stringify(resolution)} is not a resolution id`);
  return (
    `WorkflowType = '${WORKFLOW_TYPES.occurrence}' AND ExecutionStatus = 'Running'` +
    ` AND ${SEARCH_ATTRIBUTES.unreachable.name} IS NOT NULL` +
    (resolution ? ` AND ${SEARCH_ATTRIBUTES.resolution.name} = '${resolution}'` : '')
  );
}

export async function listUnreachable(
  client: Client,
  options: { resolution?: string } = {},
): Promise<UnreachableListing[]> {
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query: unreachableQuery(options.resolution) }))
    ids.push(info.workflowId);
  const people = new Map<string, UnreachableListing>();
  await forEachLimited(ids, 8, async (workflowId) => {
    const view = await taskActions.status(client, workflowId);
    for (const person of view.unreachable ?? []) {
      const known = people.get(person.key);
      const latest = !known || person.since > known.since ? person : known;
      people.set(person.key, {
        key: person.key,
        email: latest.email,
        since: latest.since,
        ...(latest.status ? { status: latest.status } : {}),
        diagnostic: latest.diagnostic,
        tasks: [...(known?.tasks ?? []), workflowId].sort(),
      });
    }
  });
  return [...people.values()].sort((a, b) => a.key.localeCompare(b.key));
}
