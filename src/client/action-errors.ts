/**
 * The errors of task actions, in a module of their own: the CLI's error
 * report names them without loading the Temporal client.
 */

/** An update the workflow refused (its validator said why); nothing changed. */
export class TaskActionRejectedError extends Error {
  override name = 'TaskActionRejectedError';
}

/** A refusal because the request itself is invalid, whatever the task's state. */
export class TaskRequestInvalidError extends TaskActionRejectedError {
  override name = 'TaskRequestInvalidError';
}

export class TaskNotFoundError extends Error {
  override name = 'TaskNotFoundError';
}
