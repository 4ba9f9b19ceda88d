/**
 * Filtered task lists for staff: the page (`/tasks?…`) and the same list as
 * CSV (`/tasks.csv?…`); the query is the one `GET /api/tasks` takes.
 */
import type { Context, Hono } from 'hono';
import { ListFilterError } from '../client/listing';
import { requireRole } from './auth';
import type { HttpDependencies } from './deps';
import type { StaffPrincipal } from './sessions';
import { CSV_HEADERS, listingCsv } from './listing-csv';
import { filteredTasks, parseTaskFilter, type TaskFilter } from './task-filter';
import { taskListPage } from './views/task-list';

export function registerListRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  app.get('/tasks', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    const params = new URL(c.req.url).searchParams;
    let filter: TaskFilter;
    try {
      filter = parseTaskFilter(params);
    } catch (error) {
      if (!(error instanceof ListFilterError)) throw error;
      // The form keeps what can be kept, so the mistake is fixed where it was made.
      return c.html(
        taskListPage({ filter: {}, error: error.message, catalogs: deps.catalogs }),
        400,
      );
    }
    const listings = await filteredTasks(deps.client, filter, deps.now());
    return c.html(taskListPage({ filter, listings, catalogs: deps.catalogs }));
  });

  app.get('/tasks.csv', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    const filter = parseTaskFilter(new URL(c.req.url).searchParams);
    const listings = await filteredTasks(deps.client, filter, deps.now());
    return c.body(listingCsv(listings, deps.catalogs), 200, CSV_HEADERS);
  });
}
