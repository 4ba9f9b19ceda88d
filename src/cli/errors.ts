/** Errors the CLI reports to a person, with the exit code each one means. */

/** Bad command-line input: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Temporal could not be reached: exit code 3. */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

export const EXIT = {
  ok: 0,
  /** Invalid catalog or rejected request. */
  invalid: 1,
  usage: 2,
  /** Temporal or another service could not be reached. */
  unavailable: 3,
} as const;
