/**
 * A person's calendar feed over HTTP: `GET /calendar/<person>/feed.ics`,
 * signed (the link keys; a dropped key revokes it: 404, as for a feed that
 * never was). Calendars poll every few minutes, so the answer carries an
 * ETag and a matching `If-None-Match` gets 304 without a body; the tasks are
 * still read, since only they can say whether anything changed.
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { forEachLimited } from '../client/for-each-limited';
import { listTasks } from '../client/listing';
import { taskActions } from '../client/task-actions';
import { personFeed } from '../calendar/person-feed';
import { verifyFeed, verifyStaffFeed, type FeedScope } from '../links/signed-link';
import { staffFeed } from '../calendar/staff-feed';
import { UNFINISHED_STATUSES } from '../shared/task-state';
import type { TaskView } from '../shared/task-view';
import type { HttpDependencies } from './deps';

export function registerCalendarFeedRoutes(app: Hono, deps: HttpDependencies): void {
  // Staff feeds first: `resolution` and `responsible` are path words, not person keys.
  app.get('/calendar/:kind{resolution|responsible}/:value/feed.ics', async (c) => {
    const scope: FeedScope = {
      kind: c.req.param('kind') as FeedScope['kind'],
      value: c.req.param('value'),
    };
    if (!verifyStaffFeed(deps.linkSecret, scope, new URL(c.req.url).searchParams))
      throw new HTTPException(404, { message: 'no such calendar feed' });
    const listings = await listTasks(deps.client, {
      ...(scope.kind === 'resolution' ? { resolution: scope.value } : { responsible: scope.value }),
      statuses: [...UNFINISHED_STATUSES, 'on-hold'],
    });
    const views: TaskView[] = [];
    await forEachLimited(listings, 8, async (l) => {
      views.push(await taskActions.status(deps.client, l.workflowId));
    });
    const body = staffFeed(scope, views, { publicUrl: new URL(c.req.url).origin });
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    const headers = { etag, 'cache-control': 'private, max-age=300' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': 'text/calendar; charset=utf-8' });
  });

  app.get('/calendar/:person/feed.ics', async (c) => {
    const person = c.req.param('person');
    if (!verifyFeed(deps.linkSecret, person, new URL(c.req.url).searchParams))
      throw new HTTPException(404, { message: 'no such calendar feed' });
    const listings = await listTasks(deps.client, {
      assignee: person,
      statuses: [...UNFINISHED_STATUSES, 'on-hold'],
    });
    const views: TaskView[] = [];
    await forEachLimited(listings, 8, async (l) => {
      views.push(await taskActions.status(deps.client, l.workflowId));
    });
    const body = personFeed(person, views, {
      linkSecret: deps.linkSecret,
      publicUrl: new URL(c.req.url).origin,
    });
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    const headers = { etag, 'cache-control': 'private, max-age=300' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': 'text/calendar; charset=utf-8' });
  });
}
