/**
 * Every refused request (4xx) leaves one log line: when, status, method,
 * path, client and why. Never the query string, headers or body, where the
 * secrets are (tokens, link signatures); a hand-in link is named by its task
 * and person only.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export interface Refusal {
  at: string;
  status: number;
  method: string;
  path: string;
  client: string;
  reason: string;
  /** For hand-in links: which task and person it claimed. */
  link?: { task: string; person: string };
}

const reasons = new WeakMap<Request, string>();

/** Says why this request is refused, for the log line. */
export function noteRefusal(c: Context, reason: string): void {
  reasons.set(c.req.raw, reason);
}

/** The client's address as the socket sees it (a proxy in front is one client). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Writes one JSON line a refusal, on standard error unless told otherwise. */
export function refusalLog(
  write: (refusal: Refusal) => void = (r) => process.stderr.write(`refused ${JSON.stringify(r)}\n`),
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    if (status < 400 || status >= 500) return;
    const url = new URL(c.req.url);
    const task = url.pathname.startsWith('/hand-in') ? url.searchParams.get('task') : null;
    const person = url.pathname.startsWith('/hand-in') ? url.searchParams.get('person') : null;
    write({
      at: new Date().toISOString(),
      status,
      method: c.req.method,
      path: url.pathname,
      client: clientAddress(c),
      reason: reasons.get(c.req.raw) ?? `status ${status}`,
      ...(task && person
        ? { link: { task: task.slice(0, 300), person: person.slice(0, 200) } }
        : {}),
    });
  };
}
