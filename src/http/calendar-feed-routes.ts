/**
 * Calendar feeds over HTTP, signed with the link keys (a dropped key revokes
 * them: 404, as for a feed that never was):
 *
 * - `GET /calendar/<person>/feed.ics`: a focal point's open tasks, each with
 *   its hand-in link;
 * - `GET /calendar/resolution/<id>/feed.ics[?responsible=<body>]`: for staff,
 *   a resolution's open tasks (or one responsible body's in it), each with
 *   its task page.
 *
 * Calendars poll every few minutes, so the answer carries an ETag and a
 * matching `If-None-Match` gets 304 without a body; the tasks are still read,
 * since only they can say whether anything changed.
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { forEachLimited } from '../client/for-each-limited';
import { listTasks, type ListFilter } from '../client/listing';
import { taskActions } from '../client/task-actions';
import { personFeed } from '../calendar/person-feed';
import { staffFeed } from '../calendar/staff-feed';
import { verifyFeed, type FeedScope } from '../links/signed-link';
import { UNFINISHED_STATUSES } from '../shared/task-state';
import type { TaskView } from '../shared/task-view';
import type { HttpDependencies } from './deps';

export function registerCalendarFeedRoutes(app: Hono, deps: HttpDependencies): void {
  /** The feed of `scope` if the query signs it: its open tasks, written by `render`. */
  async function serveFeed(
    c: Context,
    scope: FeedScope,
    filter: ListFilter,
    render: (views: TaskView[], publicUrl: string) => string,
  ): Promise<Response> {
    if (!verifyFeed(deps.linkSecret, scope, new URL(c.req.url).searchParams))
      throw new HTTPException(404, { message: 'no such calendar feed' });
    const listings = await listTasks(deps.client, {
      ...filter,
      statuses: [...UNFINISHED_STATUSES, 'on-hold'],
    });
    const views: TaskView[] = [];
    await forEachLimited(listings, 8, async (l) => {
      views.push(await taskActions.status(deps.client, l.workflowId));
    });
    const body = render(views, new URL(c.req.url).origin);
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    const headers = { etag, 'cache-control': 'private, max-age=300' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, 'content-type': 'text/calendar; charset=utf-8' });
  }

  app.get('/calendar/resolution/:resolution/feed.ics', (c) => {
    const scope = {
      resolution: c.req.param('resolution'),
      responsible: c.req.query('responsible'),
    };
    return serveFeed(
      c,
      scope,
      {
        resolution: scope.resolution,
        ...(scope.responsible !== undefined ? { responsible: scope.responsible } : {}),
      },
      (views, publicUrl) => staffFeed(scope, views, { publicUrl }),
    );
  });

  app.get('/calendar/:person/feed.ics', (c) => {
    const person = c.req.param('person');
    return serveFeed(c, { person }, { assignee: person }, (views, publicUrl) =>
      personFeed(person, views, { linkSecret: deps.linkSecret, publicUrl }),
    );
  });
}
