/**
 * Serving a handed-in document: its stored type, a download disposition
 * with the original file name (RFC 6266, RFC 5987 for non-ASCII names) and
 * no sniffing by the browser, so a document never renders as a page.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { DeliverableStore, DocumentReference } from '../deliverables/store';
import type { TaskView } from '../shared/task-view';

/** RFC 5987 ext-value: UTF-8, percent-encoded beyond the attr-chars. */
function extValue(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;
}

/**
 * `attachment` with an ASCII fallback `filename` for old clients and the
 * exact name in `filename*`.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=${extValue(name)}`;
}

/**
 * The document's bytes as a download. `reference` names and types it; without
 * one the store's own record is used, and failing that a neutral binary type.
 */
export async function documentResponse(
  c: Context,
  store: DeliverableStore,
  sha256: string,
  reference?: DocumentReference,
): Promise<Response> {
  const content = await store.get(sha256);
  if (!content) throw new HTTPException(404, { message: `no document with sha256 ${sha256}` });
  const known = reference ?? (await store.reference(sha256));
  return c.body(new Uint8Array(content), 200, {
    'content-type': known?.mediaType ?? 'application/octet-stream',
    'content-disposition': attachmentDisposition(known?.name ?? sha256),
    'content-length': String(content.length),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  });
}

/** The latest reference with this hash handed in to the task, if any was. */
export function documentOfTask(view: TaskView, sha256: string): DocumentReference | undefined {
  let found: DocumentReference | undefined;
  for (const entry of view.history)
    if (
      entry.type === 'submitted' &&
      entry.payload.kind === 'document' &&
      entry.payload.sha256 === sha256
    )
      found = entry.payload;
  return found;
}
