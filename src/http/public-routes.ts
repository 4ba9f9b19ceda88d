/**
 * `GET /public/<resolution>`: the read-only public page of a resolution the
 * secretariat published (MANDATE_PUBLIC_RESOLUTIONS; none by default). Any
 * other id is 404, as for a page that never was. Status per clause from the
 * listings, and the catalog's own closed tasks; no person appears.
 */
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DateTime } from 'luxon';
import { listTasks } from '../client/listing';
import { REPORT_WORDS, statusWord } from '../i18n/report-words';
import type { HttpDependencies } from './deps';
import { publicResolutionPage, type PublicClause } from './views/public-resolution';

export function registerPublicRoutes(app: Hono, deps: HttpDependencies): void {
  app.get('/public/:resolution', async (c) => {
    const id = c.req.param('resolution');
    const catalog = deps.publicResolutions?.has(id) ? deps.catalogs.get(id) : undefined;
    if (!catalog) throw new HTTPException(404, { message: 'no such page' });
    const now = deps.now();
    const zone = catalog.resolution.timezone;
    const words = REPORT_WORDS.en;
    const listings = await listTasks(deps.client, { resolution: id, upcoming: true }, now);
    const clauses = new Map<string, PublicClause>();
    for (const task of catalog.tasks) {
      const clause = clauses.get(task.clause) ?? { clause: task.clause, rows: [] };
      const mine = listings.filter((l) => l.task === task.id);
      if (mine.length > 0)
        for (const l of mine)
          clause.rows.push({
            title: task.title,
            due: DateTime.fromMillis(l.dueAt, { zone }).minus({ milliseconds: 1 }).toISODate()!,
            status: statusWord(words, l.status),
          });
      else if (task.completed !== undefined || task.waived !== undefined)
        clause.rows.push({
          title: task.title,
          due: task.completed ?? task.waived!.on,
          status: statusWord(words, task.completed !== undefined ? 'completed' : 'waived'),
        });
      if (clause.rows.length > 0) clauses.set(task.clause, clause);
    }
    const html = publicResolutionPage({
      title: catalog.resolution.title,
      adoptedBy: catalog.resolution.adoptedBy,
      asOf: DateTime.fromMillis(now, { zone }).toISODate()!,
      clauses: [...clauses.values()],
    });
    return c.html(html, 200, { 'cache-control': 'public, max-age=300' });
  });
}
