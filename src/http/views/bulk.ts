/**
 * Bulk extension of a filtered list: the filter, the preview of every
 * change, and the outcome per task after confirming.
 */
import { html, type Html } from '../../html/template';
import type { TaskFilter } from '../task-filter';
import { filterFields, filterHiddenFields, type FilterChoices } from './filter-form';
import { csrfField, nonceField } from './forms';
import { page } from './layout';

export interface BulkRow {
  workflowId: string;
  title: string;
  occurrence: string;
  from: string;
  to: string;
  /** After the run: undefined while previewing, else 'extended' or why not. */
  outcome?: { ok: boolean; message: string };
}

function hidden(filter: TaskFilter, days: string, reason: string): Html {
  return html`${filterHiddenFields(filter)}<input type="hidden" name="days" value="${days}" /><input
      type="hidden"
      name="reason"
      value="${reason}"
    />`;
}

function table(rows: BulkRow[]): Html {
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Due now</th>
          <th scope="col">New due</th>
          ${rows.some((r) => r.outcome) && html`<th scope="col">Outcome</th>`}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>
                <a href="/tasks/${r.workflowId}">${r.title}</a><br /><span class="muted"
                  >${r.occurrence}</span
                >
              </td>
              <td>${r.from}</td>
              <td>${r.to}</td>
              ${
                r.outcome &&
                html`<td
                  class="${r.outcome.ok ? 'status status-completed' : 'status status-overdue'}"
                >
                  ${r.outcome.message}
                </td>`
              }
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The filter form and, once a filter and a number of days are given, the preview with Confirm. */
export function bulkExtendPage(m: {
  filter: TaskFilter;
  days: string;
  reason: string;
  rows: BulkRow[] | undefined;
  error?: string;
  csrf: string;
  choices: FilterChoices;
}): string {
  const preview =
    m.rows &&
    (m.rows.length === 0
      ? html`<p class="notice" role="status">No open task matches this filter.</p>`
      : html`<h2 id="preview">Preview: ${m.rows.length} tasks</h2>
          ${table(m.rows)}
          <form method="post" action="/bulk/extend">
            ${csrfField(m.csrf)}${nonceField()}${hidden(m.filter, m.days, m.reason)}
            <button type="submit">Confirm: extend ${m.rows.length} tasks by ${m.days} days</button>
          </form>`);
  return page({
    title: 'Extend several tasks',
    body: html`<h1>Extend several tasks</h1>
      <form method="get" action="/bulk/extend">
        <fieldset>
          <legend>Which tasks (open ones only)</legend>
          ${filterFields(m.filter, m.choices)}
        </fieldset>
        <fieldset>
          <legend>Change</legend>
          <label for="days">Days to add to each due date</label
          ><input
            id="days"
            name="days"
            type="number"
            min="1"
            max="3650"
            required
            value="${m.days}"
          />
          <label for="reason">Reason</label
          ><input id="reason" name="reason" type="text" required value="${m.reason}" />
          ${m.error && html`<p class="error" role="alert">${m.error}</p>`}
          <button type="submit">Preview</button>
        </fieldset>
      </form>
      ${preview}`,
  });
}

/** What the bulk extension did, task by task. */
export function bulkResultPage(rows: BulkRow[], days: string): string {
  const done = rows.filter((r) => r.outcome?.ok).length;
  return page({
    title: 'Extended',
    body: html`<h1>Extended ${done} of ${rows.length} tasks by ${days} days</h1>
      <p class="notice" role="status">
        ${done} extended${done < rows.length && `, ${rows.length - done} refused (see why below)`}.
      </p>
      ${table(rows)}`,
  });
}
