/** The table of task occurrences every staff list shows (overview sections, filtered lists). */
import type { TaskListing } from '../../client/listing';
import { html, type Html } from '../../html/template';
import { deadlineOf, describeDeadline } from '../../i18n/deadline';
import type { Catalog } from '../../shared/types';
import { UPCOMING } from '../../shared/task-state';
import { isTentativeOccurrence } from '../../plan/occurrences';

export function listingTable(
  listings: TaskListing[],
  catalogs: ReadonlyMap<string, Catalog>,
): Html {
  if (listings.length === 0) return html`<p class="muted">None.</p>`;
  const rows = listings.map(
    (l) =>
      html`<tr>
        <td>
          ${
            l.status === UPCOMING
              ? html`${taskTitle(catalogs, l)}
                  <span class="muted">(next occurrence, not started)</span>`
              : html`<a href="/tasks/${l.workflowId}">${taskTitle(catalogs, l)}</a>`
          }<br /><span class="muted">${l.clause}</span>
        </td>
        <td>${l.responsible}</td>
        <td>${dueText(catalogs, l)}</td>
        <td class="status status-${l.status}">${l.status}</td>
      </tr>`,
  );
  return html`<div class="table-wrap">
    <table>
      <thead>
        <tr>
          <th scope="col">Task</th>
          <th scope="col">Responsible</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** The task's catalog title and its occurrence, or its id when no catalog is loaded. */
export function taskTitle(catalogs: ReadonlyMap<string, Catalog>, l: TaskListing): string {
  const task = catalogs.get(l.resolution)?.tasks.find((t) => t.id === l.task);
  return `${task?.title ?? l.task} (${l.occurrence})`;
}

function dueText(catalogs: ReadonlyMap<string, Catalog>, l: TaskListing): string {
  const catalog = catalogs.get(l.resolution);
  const zone = catalog?.resolution.timezone ?? 'UTC';
  const task = catalog?.tasks.find((t) => t.id === l.task);
  const stated = describeDeadline(deadlineOf(l.dueAt, zone), zone, l.dueAt, 'en').stated;
  return catalog && task && isTentativeOccurrence(catalog, task, l.occurrence)
    ? `${stated} (date to be confirmed)`
    : stated;
}
