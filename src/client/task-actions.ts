/**
 * The secretariat's and focal points' actions on one task occurrence, as
 * validated updates; shared by the CLI and the HTTP API.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  extendUpdate,
  reassignUpdate,
  reviewUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
  type ExtendRequest,
  type ReassignRequest,
  type ReviewRequest,
  type SubmitRequest,
  type TaskStatusView,
  type WaiveRequest,
} from '../shared/workflow-api';

/** An update the workflow refused (its validator said why); nothing changed. */
export class TaskActionRejectedError extends Error {
  override name = 'TaskActionRejectedError';
}

export class TaskNotFoundError extends Error {
  override name = 'TaskNotFoundError';
}

async function run<T>(workflowId: string, call: () => Promise<T>): Promise<T> {
  if (!workflowId.trim())
    throw new TaskNotFoundError('no task given (expected <resolution>/<task>/<occurrence>)');
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as Error | undefined;
      throw new TaskActionRejectedError(`${workflowId}: ${cause?.message ?? error.message}`);
    }
    if (/already completed/i.test((error as Error).message)) {
      throw new TaskActionRejectedError(`${workflowId}: the task is closed; no change is possible`);
    }
    if (
      (error as Error).name === 'WorkflowNotFoundError' ||
      /not found/i.test((error as Error).message)
    ) {
      throw new TaskNotFoundError(`no task ${workflowId}`);
    }
    throw error;
  }
}

export interface ActionOptions {
  /** Makes redelivery of the same action have one effect. */
  updateId?: string;
}

function update<Req>(
  definition: UpdateDefinition<TaskStatusView, [Req]>,
  client: Client,
  workflowId: string,
  request: Req,
  options: ActionOptions,
): Promise<TaskStatusView> {
  return run(workflowId, () =>
    client.workflow.getHandle(workflowId).executeUpdate(definition, {
      args: [request],
      ...(options.updateId ? { updateId: options.updateId } : {}),
    }),
  );
}

export const taskActions = {
  status: (client: Client, workflowId: string) =>
    run(workflowId, () => client.workflow.getHandle(workflowId).query(statusQuery)),
  submit: (
    client: Client,
    workflowId: string,
    request: SubmitRequest,
    options: ActionOptions = {},
  ) => update(submitUpdate, client, workflowId, request, options),
  review: (
    client: Client,
    workflowId: string,
    request: ReviewRequest,
    options: ActionOptions = {},
  ) => update(reviewUpdate, client, workflowId, request, options),
  extend: (
    client: Client,
    workflowId: string,
    request: ExtendRequest,
    options: ActionOptions = {},
  ) => update(extendUpdate, client, workflowId, request, options),
  waive: (client: Client, workflowId: string, request: WaiveRequest, options: ActionOptions = {}) =>
    update(waiveUpdate, client, workflowId, request, options),
  reassign: (
    client: Client,
    workflowId: string,
    request: ReassignRequest,
    options: ActionOptions = {},
  ) => update(reassignUpdate, client, workflowId, request, options),
};
