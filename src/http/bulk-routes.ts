/**
 * Extending every open task of a filtered list (e.g. every task of one
 * session by a week): a preview of each change, then one validated extend
 * update per task, each with its own outcome.
 */
import type { Context, Hono } from 'hono';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { TaskActionRejectedError, taskActions } from '../client/task-actions';
import { ListFilterError } from '../client/listing';
import type { TaskView } from '../shared/task-view';
import { requireRole } from './auth';
import { checkCsrf, csrfToken } from './csrf';
import type { HttpDependencies } from './deps';
import { actorOf, type StaffPrincipal } from './sessions';
import { filteredTasks, isFiltered, parseTaskFilter, type TaskFilter } from './task-filter';
import { filterChoices } from './views/filter-form';
import { bulkExtendPage, bulkResultPage, type BulkRow } from './views/bulk';

const dueText = (d: { date: string; time?: string }) => `${d.date}${d.time ? ` ${d.time}` : ''}`;

/** The open tasks the filter selects, each with its due date now and after adding `days`. */
async function plan(
  deps: HttpDependencies,
  filter: TaskFilter,
  days: number,
): Promise<{ view: TaskView; row: BulkRow; dueDate: string }[]> {
  const listed = (await filteredTasks(deps.client, filter, deps.now())).filter((l) => !l.closed);
  const views = await Promise.all(listed.map((l) => taskActions.status(deps.client, l.workflowId)));
  return views
    .filter((v) => !v.closed)
    .map((view) => {
      const dueDate = DateTime.fromISO(view.due.date).plus({ days }).toISODate()!;
      return {
        view,
        dueDate,
        row: {
          workflowId: view.workflowId,
          title: view.task.title,
          occurrence: view.occurrence,
          from: dueText(view.due),
          to: dueText({ ...view.due, date: dueDate }),
        },
      };
    });
}

function daysOf(raw: string): number | string {
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    return `days: ${JSON.stringify(raw)} is not a whole number of days from 1 to 3650`;
  return days;
}

export function registerBulkRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  app.get('/bulk/extend', async (c) => {
    requireRole(staff(c), ['secretariat']);
    const query = c.req.query();
    const rawDays = query.days ?? '';
    const reason = (query.reason ?? '').trim();
    const csrf = csrfToken(c, deps.secureCookies);
    const choices = filterChoices(deps.catalogs.values());
    let filter: TaskFilter;
    try {
      filter = parseTaskFilter(new URL(c.req.url).searchParams);
    } catch (error) {
      // A bad filter value is shown on the form, with what was typed, not as a bare 400 page.
      if (!(error instanceof ListFilterError)) throw error;
      return c.html(
        bulkExtendPage({
          filter: {},
          days: rawDays,
          reason,
          csrf,
          choices,
          rows: undefined,
          error: error.message,
        }),
        400,
      );
    }
    const base = { filter, days: rawDays, reason, csrf, choices };
    if (!rawDays && !reason) return c.html(bulkExtendPage({ ...base, rows: undefined }));
    const days = daysOf(rawDays);
    const error =
      typeof days === 'string'
        ? days
        : !reason
          ? 'reason: say why (it is recorded in each history)'
          : !isFiltered(filter)
            ? 'choose at least one filter: extending every task at once is not offered'
            : undefined;
    if (error || typeof days === 'string')
      return c.html(bulkExtendPage({ ...base, rows: undefined, error: error! }), 400);
    const planned = await plan(deps, filter, days);
    return c.html(bulkExtendPage({ ...base, rows: planned.map((p) => p.row) }));
  });

  app.post('/bulk/extend', async (c) => {
    const principal = requireRole(staff(c), ['secretariat']);
    const form = await c.req.formData();
    checkCsrf(c, form);
    const fields: Record<string, string> = {};
    const params = new URLSearchParams();
    for (const [k, v] of form)
      if (typeof v === 'string') {
        fields[k] = v;
        params.append(k, v);
      }
    const filter = parseTaskFilter(params);
    const days = daysOf(fields.days ?? '');
    const reason = (fields.reason ?? '').trim();
    if (typeof days === 'string' || !reason || !isFiltered(filter))
      return c.redirect(`/bulk/extend`, 303);
    const nonce = fields.nonce ?? randomUUID();
    const planned = await plan(deps, filter, days);
    const by = actorOf(principal);
    const rows: BulkRow[] = [];
    // One at a time: each update waits for its workflow, and a refusal stops nothing else.
    for (const p of planned) {
      try {
        await taskActions.extend(
          deps.client,
          p.view.workflowId,
          { dueDate: p.dueDate, reason, by },
          { updateId: `bulk-${nonce}-${p.view.workflowId}` },
        );
        rows.push({ ...p.row, outcome: { ok: true, message: 'extended' } });
      } catch (error) {
        if (!(error instanceof TaskActionRejectedError)) throw error;
        rows.push({ ...p.row, outcome: { ok: false, message: error.message } });
      }
    }
    return c.html(bulkResultPage(rows, String(days)));
  });
}
