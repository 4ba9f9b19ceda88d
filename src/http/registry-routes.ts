/**
 * `GET /registry` for staff: every known catalog in one view, as a page or,
 * with `format=csv|xlsx|json`, as a download. The window is `from` and `to`
 * (YYYY-MM-DD), the year ahead by default.
 */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DateTime } from 'luxon';
import { burdenChart } from '../registry/burden-chart';
import { buildRegistry } from '../registry/registry';
import { registryCsv, registryXlsx } from '../registry/registry-formats';
import { isCalendarDate } from '../time/duration';
import { requireRole } from './auth';
import type { HttpDependencies } from './deps';
import type { StaffPrincipal } from './sessions';
import { registryPage } from './views/registry';

export function registerRegistryRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  app.get('/registry', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    deps.refreshCatalogs?.();
    const today = DateTime.fromMillis(deps.now(), { zone: 'UTC' });
    const from = c.req.query('from') || today.toISODate()!;
    if (!isCalendarDate(from))
      throw new HTTPException(400, { message: `from: ${from} is not a date (YYYY-MM-DD)` });
    const to =
      c.req.query('to') ||
      DateTime.fromISO(from, { zone: 'UTC' }).plus({ years: 1, days: -1 }).toISODate()!;
    if (!isCalendarDate(to) || to < from)
      throw new HTTPException(400, { message: `to: ${to} is not a date on or after ${from}` });
    const registry = buildRegistry([...deps.catalogs.values()], { from, to });
    const format = c.req.query('format') ?? 'html';
    const name = `registry-${from}-${to}`;
    if (format === 'json') return c.json(registry);
    if (format === 'csv')
      return c.body(registryCsv(registry), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      });
    if (format === 'xlsx')
      return c.body(new Uint8Array(await registryXlsx(registry)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      });
    if (format !== 'html')
      throw new HTTPException(400, {
        message: `format: ${format} is not one of html, csv, xlsx, json`,
      });
    return c.html(registryPage(registry, await burdenChart(registry)));
  });
}
