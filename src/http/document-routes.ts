/**
 * Handed-in documents in the browser: staff open them from a task page
 * (session), a focal point from their hand-in page (the signed link's query,
 * and only documents handed in to the task that link names).
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { SHA256_PATTERN } from '../deliverables/store';
import { requireRole } from './auth';
import { staffOf } from './staff';
import type { HttpDependencies } from './deps';
import { documentOfTask, documentResponse } from './document-download';
import type { LinkChecker } from './hand-in-link';
import { pageErrorHandler } from './page-errors';

export function documentWebRoutes(deps: HttpDependencies, links: LinkChecker): Hono {
  const app = new Hono();
  const staff = staffOf(deps);
  app.onError(pageErrorHandler(deps));

  const sha256Of = (value: string) => {
    if (!SHA256_PATTERN.test(value))
      throw new HTTPException(404, { message: 'a document is named by its 64-digit sha256' });
    return value;
  };

  app.get('/documents/:sha256', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    return documentResponse(c, deps.store, sha256Of(c.req.param('sha256')));
  });

  app.get('/hand-in/documents/:sha256', async (c) => {
    const sha256 = sha256Of(c.req.param('sha256'));
    const link = await links(c);
    if ('page' in link) return link.page;
    const view = link.view;
    // A closed task's documents stay readable: the link still expires on its own.
    const reference = documentOfTask(view, sha256);
    if (!reference)
      throw new HTTPException(404, { message: 'no such document was handed in to this task' });
    return documentResponse(c, deps.store, sha256, reference);
  });

  return app;
}
