/**
 * The fields of a task filter, for a GET form: its URL is the list's
 * shareable address. The assignee is chosen by name from the loaded
 * catalogs' people; text fields suggest what the catalogs name (a datalist)
 * and take anything else.
 */
import { html, type Html } from '../../html/template';
import { TASK_STATUSES } from '../../shared/task-state';
import type { Catalog } from '../../shared/types';
import { filterEntries, type FilterParam, type TaskFilter } from '../task-filter';

type TextParam = Exclude<FilterParam, 'status' | 'dueWithin' | 'assignee'>;

/** A person the assignee filter offers: the value is their key, the label their name. */
export interface PersonChoice {
  key: string;
  label: string;
}

/** What the filters offer: the catalogs' people by name, and suggestions for the text fields. */
export type FilterChoices = Record<TextParam, string[]> & { assignee: PersonChoice[] };

const LABELS: Record<TextParam, string> = {
  resolution: 'Resolution',
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
export function filterChoices(catalogs: Iterable<Catalog>): FilterChoices {
  const people = new Map<string, string>();
  const sets: Record<TextParam, Set<string>> = {
    resolution: new Set(),
    responsible: new Set(),
    tag: new Set(),
    series: new Set(),
    clause: new Set(),
    occurrence: new Set(),
  };
  for (const catalog of catalogs) {
    sets.resolution.add(catalog.resolution.id);
    // A key two catalogs share is one filter value; the first catalog's name labels it.
    for (const [key, person] of Object.entries(catalog.people))
      if (!people.has(key)) people.set(key, `${person.name} (${person.email})`);
    for (const event of Object.values(catalog.events))
      if (event.series) sets.series.add(event.series);
    for (const task of catalog.tasks) {
      sets.responsible.add(task.responsible);
      sets.clause.add(task.clause);
      for (const tag of task.tags) sets.tag.add(tag);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'en'));
  return {
    ...(Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, sorted(s)])) as Record<
      TextParam,
      string[]
    >),
    assignee: [...people]
      .map(([key, label]) => ({ key, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en')),
  };
}

/**
 * The assignee, chosen by name. A key the catalogs do not name (from a shared
 * address, or a person since removed) stays chosen, shown as it is.
 */
function assigneeField(filter: TaskFilter, people: PersonChoice[]): Html {
  const chosen = filter.assignee;
  const unknown = chosen !== undefined && !people.some((p) => p.key === chosen);
  return html`<label for="f-assignee">Assignee</label
    ><select id="f-assignee" name="assignee">
      <option value="">anyone</option>
      ${people.map(
        (p) => html`<option value="${p.key}" ${chosen === p.key && 'selected'}>${p.label}</option>`,
      )}
      ${unknown && html`<option value="${chosen}" selected>${chosen} (not in a loaded catalog)</option>`}
    </select>`;
}

/** Every filter field, each labelled, showing the filter as set. */
export function filterFields(filter: TaskFilter, choices: FilterChoices): Html {
  const checked = new Set(filter.status ?? []);
  const known = DUE_WITHIN.some(([v]) => v === filter.dueWithin);
  const text = (key: TextParam) => {
    const list = choices[key].length ? `f-${key}-choices` : undefined;
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
          ${choices[key].map((v) => html`<option value="${v}"></option>`)}
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
    ${assigneeField(filter, choices.assignee)} ${text('responsible')} ${text('tag')}
    ${text('series')} ${text('clause')} ${text('occurrence')}`;
}

/** The filter as hidden fields, so a second form carries it on. */
export function filterHiddenFields(filter: TaskFilter): Html {
  return html`${filterEntries(filter).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`,
  )}`;
}
