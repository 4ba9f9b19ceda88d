/**
 * A failure of ours (a 5xx), as the people who meet it and those who mend it
 * need it: a short reference the person can quote, and one line on standard
 * error with that reference, the request and the stack.
 */
import type { Context } from 'hono';
import { randomBytes } from 'node:crypto';

/** One line a failure: `http: 500 ref=... METHOD PATH: stack`. Never the query, where the secrets are. */
export type ServerErrorLog = (line: string) => void;

const toStderr: ServerErrorLog = (line) => process.stderr.write(`${line}\n`);

/** Logs `error` with a new reference and answers that reference. */
export function reportServerError(
  c: Context,
  status: number,
  error: unknown,
  log: ServerErrorLog = toStderr,
): string {
  const reference = randomBytes(6).toString('hex');
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`http: ${status} ref=${reference} ${c.req.method} ${new URL(c.req.url).pathname}: ${detail}`);
  return reference;
}
