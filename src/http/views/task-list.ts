/**
 * A filtered task list: the filter form (GET, so the address is the list's
 * shareable state), the count, a clear link, the CSV of the same list and
 * the table. With a bad filter value, the form and why, and no list.
 */
import type { TaskListing } from '../../client/listing';
import { html } from '../../html/template';
import type { Catalog } from '../../shared/types';
import { filterQuery, isFiltered, type TaskFilter } from '../task-filter';
import { filterChoices, filterFields } from './filter-form';
import { page } from './layout';
import { listingTable } from './listing-table';

export interface TaskListModel {
  filter: TaskFilter;
  /** Undefined when the filter was refused (see `error`). */
  listings?: TaskListing[];
  error?: string;
  catalogs: ReadonlyMap<string, Catalog>;
}

/** "Overdue" when that is the whole filter, so the overdue view reads as one. */
function titleOf(filter: TaskFilter): string {
  const onlyOverdue =
    filter.status?.length === 1 &&
    filter.status[0] === 'overdue' &&
    Object.keys(filter).every((k) => k === 'status' || k === 'resolution');
  return onlyOverdue ? 'Overdue tasks' : 'Tasks';
}

export function taskListPage(m: TaskListModel): string {
  const title = titleOf(m.filter);
  const query = filterQuery(m.filter);
  const count =
    m.listings &&
    html`<p role="status" id="list-count">
      <strong>${m.listings.length}</strong> ${m.listings.length === 1 ? 'task' : 'tasks'}
      ${isFiltered(m.filter) ? (m.listings.length === 1 ? 'matches' : 'match') : 'in all'}
      ${isFiltered(m.filter) && 'this filter'} ·
      <a href="/tasks.csv${query}" download>Download CSV</a>
    </p>`;
  return page({
    title,
    body: html`<h1>${title}</h1>
      <form method="get" action="/tasks" aria-labelledby="filter-legend">
        <fieldset>
          <legend id="filter-legend">Filter</legend>
          ${filterFields(m.filter, filterChoices(m.catalogs.values()))}
          <button type="submit">Filter</button>
          ${isFiltered(m.filter) && html` <a href="/tasks">Clear the filter</a>`}
        </fieldset>
      </form>
      ${m.error && html`<p class="error" role="alert">${m.error}</p>`} ${count}
      ${m.listings && listingTable(m.listings, m.catalogs)}`,
  });
}
