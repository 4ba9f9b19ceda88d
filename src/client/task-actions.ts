/**
 * The secretariat's and focal points' actions on one task occurrence, as
 * validated updates; shared by the CLI and the HTTP API.
 */
import { workflowExists } from './workflow-exists';
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  extendUpdate,
  reassignUpdate,
  recordBounceUpdate,
  reviewUpdate,
  statusQuery,
  submitUpdate,
  UPDATE_REFUSALS,
  waiveUpdate,
  holdUpdate,
  resumeUpdate,
  type BounceRequest,
  type HoldRequest,
  type ResumeRequest,
  type ExtendRequest,
  type ReassignRequest,
  type ReviewRequest,
  type SubmitRequest,
  type WaiveRequest,
} from '../shared/workflow-api';
import type { TaskView } from '../shared/task-view';
import {
  TaskActionRejectedError,
  TaskNotFoundError,
  TaskRequestInvalidError,
} from './action-errors';

export { TaskActionRejectedError, TaskNotFoundError, TaskRequestInvalidError };

async function run<T>(client: Client, workflowId: string, call: () => Promise<T>): Promise<T> {
  if (!workflowId.trim())
    throw new TaskNotFoundError('no task given (expected <resolution>/<task>/<occurrence>)');
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as Error | undefined;
      const message = `${workflowId}: ${cause?.message ?? error.message}`;
      if (cause instanceof ApplicationFailure && cause.type === UPDATE_REFUSALS.invalid)
        throw new TaskRequestInvalidError(message);
      throw new TaskActionRejectedError(message);
    }
    if (error instanceof WorkflowNotFoundError) {
      // An update to a closed workflow is refused as "not found": tell the two apart.
      if (await workflowExists(client, workflowId))
        throw new TaskActionRejectedError(
          `${workflowId}: the task is closed; no change is possible`,
        );
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
  definition: UpdateDefinition<TaskView, [Req]>,
  client: Client,
  workflowId: string,
  request: Req,
  options: ActionOptions,
): Promise<TaskView> {
  return run(client, workflowId, () =>
    client.workflow.getHandle(workflowId).executeUpdate(definition, {
      args: [request],
      ...(options.updateId ? { updateId: options.updateId } : {}),
    }),
  );
}

export const taskActions = {
  status: (client: Client, workflowId: string) =>
    run(client, workflowId, () => client.workflow.getHandle(workflowId).query(statusQuery)),
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
  /** Puts the task on hold: nothing is sent until it resumes. */
  hold: (client: Client, workflowId: string, request: HoldRequest, options: ActionOptions = {}) =>
    update(holdUpdate, client, workflowId, request, options),
  /** Resumes a held task; its due date moves forward by the calendar days it was held, a part of a day counting as a whole day. */
  resume: (
    client: Client,
    workflowId: string,
    request: ResumeRequest,
    options: ActionOptions = {},
  ) => update(resumeUpdate, client, workflowId, request, options),
  reassign: (
    client: Client,
    workflowId: string,
    request: ReassignRequest,
    options: ActionOptions = {},
  ) => update(reassignUpdate, client, workflowId, request, options),
  /**
   * Waits (at most `timeoutMs`) until the notices a change queued have gone
   * out, so a page shown next lists them; the last view either way.
   */
  async noticesSent(client: Client, workflowId: string, timeoutMs = 5_000): Promise<TaskView> {
    const handle = client.workflow.getHandle(workflowId);
    const until = Date.now() + timeoutMs;
    for (;;) {
      const view = await handle.query(statusQuery);
      if (view.sending === 0 || Date.now() >= until) return view;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },
  /** Records a delivery status notification for one of the task's mails (the bounce reader). */
  recordBounce: (
    client: Client,
    workflowId: string,
    request: BounceRequest,
    options: ActionOptions = {},
  ) => update(recordBounceUpdate, client, workflowId, request, options),
};
