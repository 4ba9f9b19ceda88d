/**
 * Starts the bounce-mailbox reader once per namespace: each worker process
 * with a mailbox configured asks for it, and the one workflow id keeps it
 * single (a running reader is left as it is).
 */
import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { ImapConfig } from '../config/config';
import { BOUNCE_READER_WORKFLOW_ID, WORKFLOW_TYPES } from '../shared/workflow-api';
import type { bounceMailboxWorkflow } from '../../workflows/bounce-mailbox';

export async function ensureBounceReader(
  client: Client,
  imap: ImapConfig,
  taskQueue: string,
): Promise<string> {
  const handle = await client.workflow.start<typeof bounceMailboxWorkflow>(WORKFLOW_TYPES.bounces, {
    taskQueue,
    workflowId: BOUNCE_READER_WORKFLOW_ID,
    args: [{ every: imap.everyMinutes * 60_000 }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
  });
  return handle.workflowId;
}
