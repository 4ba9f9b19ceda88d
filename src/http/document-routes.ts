/**
 * Handed-in documents in the browser: staff open them from a task page
 * (session), a focal point from their hand-in page (the signed link's query,
 * and only documents handed in to the task that link names).
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { taskActions } from '../client/task-actions';
import { verifyLink } from '../links/signed-link';
import { PAGE_WORDS } from '../i18n/page-words';
import { SHA256_PATTERN } from '../deliverables/store';
import { requireRole } from './auth';
import { staffOf } from './staff';
import type { HttpDependencies } from './deps';
import { documentOfTask, documentResponse } from './document-download';
import { unverifiedLinkLocale } from './link-locale';
import { pageErrorHandler } from './page-errors';

export function documentWebRoutes(deps: HttpDependencies): Hono {
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
    const params = new URL(c.req.url).searchParams;
    const words = PAGE_WORDS[unverifiedLinkLocale(params, c.req.header('accept-language'))];
    const check = verifyLink(deps.linkSecret, params, deps.now());
    if (!check.ok)
      throw new HTTPException(check.reason === 'expired' ? 410 : 400, {
        message: check.reason === 'expired' ? words.expired : words.invalid,
      });
    const view = await taskActions.status(deps.client, check.claims.workflowId);
    const person = view.assignees.find((p) => p.key === check.claims.person);
    if (!person) throw new HTTPException(403, { message: words.notYours });
    // A closed task's documents stay readable: the link still expires on its own.
    const reference = documentOfTask(view, sha256);
    if (!reference)
      throw new HTTPException(404, { message: 'no such document was handed in to this task' });
    return documentResponse(c, deps.store, sha256, reference);
  });

  return app;
}
