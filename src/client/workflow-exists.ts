import { WorkflowNotFoundError, type Client } from '@temporalio/client';

/** Whether a workflow of this id was ever started (running or closed). */
export async function workflowExists(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
