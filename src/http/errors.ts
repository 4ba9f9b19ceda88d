/** One JSON error shape for every failure: `{ "error": { "message": ... } }`. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DeliverableRejectedError } from '../deliverables/store';
import {
  TaskActionRejectedError,
  TaskNotFoundError,
  TaskRequestInvalidError,
} from '../client/task-actions';
import { ListFilterError } from '../client/listing';
import { reportServerError, type ServerErrorLog } from './server-errors';

export function statusOf(error: unknown): { status: ContentfulStatusCode; message: string } {
  if (error instanceof HTTPException)
    return { status: error.status as ContentfulStatusCode, message: error.message };
  if (error instanceof TaskNotFoundError) return { status: 404, message: error.message };
  // Invalid input is 400 wherever it is found; 409 only for a conflict with the task's state.
  if (error instanceof TaskRequestInvalidError) return { status: 400, message: error.message };
  if (error instanceof TaskActionRejectedError) return { status: 409, message: error.message };
  if (error instanceof ListFilterError) return { status: 400, message: error.message };
  if (error instanceof DeliverableRejectedError) {
    const status = error.reason === 'too-large' ? 413 : error.reason === 'media-type' ? 415 : 400;
    return { status, message: error.message };
  }
  return { status: 500, message: 'internal error' };
}

/** The JSON answer to a failed API request; a failure of ours is logged and carries its reference. */
export function jsonError(c: Context, error: unknown, log?: ServerErrorLog) {
  const { status, message } = statusOf(error);
  if (status >= 500) {
    const reference = reportServerError(c, status, error, log);
    return c.json({ error: { message, reference } }, status);
  }
  return c.json({ error: { message } }, status);
}
