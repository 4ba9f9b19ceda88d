/**
 * Who is on a task when a catalog is applied again: the rule the workflow's
 * `revise` update follows and `mandate start` shows in its dry run, so both
 * say the same. Assignees and the manager are judged apart, each as a field:
 *
 * - the catalog says what the task has now: nothing to do;
 * - the catalog says what it said when last applied: the task's value stands
 *   (a person changed it since, and the catalog did not);
 * - nobody changed the field since: the catalog's value is taken;
 * - both changed it: a conflict. The person's value is kept unless the
 *   catalog is preferred (`mandate start --apply --prefer-catalog`).
 *
 * Pure: no Temporal, no I/O, so the workflow and the client import it alike.
 */
import type { CatalogPeople, PeopleField } from '../shared/task-facts';
import type { Recipient } from '../shared/types';

export type { CatalogPeople, PeopleField };

export interface FieldDecision {
  field: PeopleField;
  /** `catalog`: the catalog's value is taken; `task`: the task's value stands. */
  take: 'catalog' | 'task';
  /** A person changed the field since the catalog was last applied, and the catalog changed it too. */
  conflict: boolean;
  /** Nothing differs between the task and the catalog. */
  same: boolean;
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface PeopleNow {
  assignees: Recipient[];
  manager?: Recipient;
  /**
   * The catalog's people when it was last applied; absent on tasks started
   * before it was kept. Then a reassignment in the history means a person
   * changed the field, whose earlier catalog value is unknown.
   */
  catalog?: CatalogPeople;
  reassigned: boolean;
}

/** How each people field of a task is settled when `wanted` (the catalog's) is applied. */
export function decideCatalogPeople(
  now: PeopleNow,
  wanted: CatalogPeople,
  preferCatalog: boolean,
): FieldDecision[] {
  return (['assignees', 'manager'] as const).map((field) => {
    const current = now[field];
    const asked = wanted[field];
    if (same(current, asked)) return { field, take: 'task', conflict: false, same: true };
    const last = now.catalog ? now.catalog[field] : undefined;
    const catalogChanged = now.catalog ? !same(asked, last) : true;
    if (!catalogChanged) return { field, take: 'task', conflict: false, same: false };
    const personChanged = now.catalog ? !same(current, last) : now.reassigned;
    if (!personChanged) return { field, take: 'catalog', conflict: false, same: false };
    return { field, take: preferCatalog ? 'catalog' : 'task', conflict: true, same: false };
  });
}

/** The people a task has after `decisions` (see {@link decideCatalogPeople}). */
export function peopleAfter(
  now: { assignees: Recipient[]; manager?: Recipient },
  wanted: CatalogPeople,
  decisions: FieldDecision[],
): CatalogPeople {
  const takes = (field: PeopleField) => decisions.find((d) => d.field === field)?.take;
  const assignees = takes('assignees') === 'catalog' ? wanted.assignees : now.assignees;
  const manager = takes('manager') === 'catalog' ? wanted.manager : now.manager;
  return { assignees, ...(manager ? { manager } : {}) };
}
