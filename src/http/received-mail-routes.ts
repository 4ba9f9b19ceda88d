/**
 * A reply as it came, for staff: `GET /received-mail/<key>.eml`, the key
 * being the Message-ID in base64url as the task page and the overview link it.
 * Downloaded, never shown inline: it is what a stranger wrote.
 */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole } from './auth';
import type { HttpDependencies } from './deps';
import { attachmentDisposition } from './document-download';
import type { StaffPrincipal } from './sessions';

export function registerReceivedMailRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  app.get('/received-mail/:file', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    const key = /^([A-Za-z0-9_-]{1,400})\.eml$/.exec(c.req.param('file'))?.[1];
    const messageId = key ? Buffer.from(key, 'base64url').toString('utf8') : undefined;
    const raw = messageId ? await deps.receivedMail?.message(messageId) : undefined;
    if (!raw) throw new HTTPException(404, { message: 'no such reply was read' });
    return c.body(new Uint8Array(raw), 200, {
      'content-type': 'message/rfc822',
      'content-disposition': attachmentDisposition('reply.eml'),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });
}
