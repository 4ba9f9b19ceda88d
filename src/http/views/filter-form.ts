/**
 * The fields of a task filter, for a GET form: its URL is the list's
 * shareable address. Text fields suggest what the loaded catalogs name
 * (a datalist) and take anything else.
 */
import { html, type Html } from '../../html/template';
import { TASK_STATUSES } from '../../shared/task-state';
import type { Catalog } from '../../shared/types';
import { filterEntries, type FilterParam, type TaskFilter } from '../task-filter';

type TextParam = Exclude<FilterParam, 'status' | 'dueWithin'>;

const LABELS: Record<TextParam, string> = {
  resolution: 'Resolution',
  assignee: 'Assignee (person key)',
  responsible: 'Responsible',
  tag: 'Tag',
  series: 'Series',
  clause: 'Clause',
  occurrence: 'Occurrence or session',
};

/** The reaches the "due within" choice offers; any other date duration works in the URL. */
const DUE_WITHIN = [
  ['P7D', '7 days'],
  ['P14D', '14 days'],
  ['P30D', '30 days'],
  ['P90D', '90 days'],
] as const;

/** What the catalogs name, per text filter, for suggestions. */
export function filterChoices(catalogs: Iterable<Catalog>): Record<TextParam, string[]> {
  const sets: Record<TextParam, Set<string>> = {
    resolution: new Set(),
    assignee: new Set(),
    responsible: new Set(),
    tag: new Set(),
    series: new Set(),
    clause: new Set(),
    occurrence: new Set(),
  };
  for (const catalog of catalogs) {
    sets.resolution.add(catalog.resolution.id);
    for (const key of Object.keys(catalog.people)) sets.assignee.add(key);
    for (const event of Object.values(catalog.events))
      if (event.series) sets.series.add(event.series);
    for (const task of catalog.tasks) {
      sets.responsible.add(task.responsible);
      sets.clause.add(task.clause);
      for (const tag of task.tags) sets.tag.add(tag);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'en'));
  return Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, sorted(s)])) as Record<
    TextParam,
    string[]
  >;
}

/** Every filter field, each labelled, showing the filter as set. */
export function filterFields(filter: TaskFilter, choices?: Record<TextParam, string[]>): Html {
  const checked = new Set(filter.status ?? []);
  const known = DUE_WITHIN.some(([v]) => v === filter.dueWithin);
  const text = (key: TextParam) => {
    const list = choices?.[key].length ? `f-${key}-choices` : undefined;
    return html`<label for="f-${key}">${LABELS[key]}</label
      ><input
        id="f-${key}"
        name="${key}"
        type="text"
        value="${filter[key] ?? ''}"
        ${list && html`list="${list}"`}
      />${
        list &&
        html`<datalist id="${list}">
          ${choices![key].map((v) => html`<option value="${v}"></option>`)}
        </datalist>`
      }`;
  };
  return html`${text('resolution')}
    <fieldset class="choices">
      <legend>Status (any of)</legend>
      ${TASK_STATUSES.map(
        (s) =>
          html`<label class="check"
            ><input type="checkbox" name="status" value="${s}" ${checked.has(s) && 'checked'} />
            ${s}</label
          >`,
      )}
    </fieldset>
    <label for="f-dueWithin">Due within</label
    ><select id="f-dueWithin" name="dueWithin">
      <option value="">any time</option>
      ${DUE_WITHIN.map(
        ([v, label]) =>
          html`<option value="${v}" ${filter.dueWithin === v && 'selected'}>${label}</option>`,
      )}
      ${
        filter.dueWithin &&
        !known &&
        html`<option value="${filter.dueWithin}" selected>${filter.dueWithin}</option>`
      }
    </select>
    ${text('assignee')} ${text('responsible')} ${text('tag')} ${text('series')} ${text('clause')}
    ${text('occurrence')}`;
}

/** The filter as hidden fields, so a second form carries it on. */
export function filterHiddenFields(filter: TaskFilter): Html {
  return html`${filterEntries(filter).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`,
  )}`;
}
