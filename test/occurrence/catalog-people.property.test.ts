/**
 * Properties of the rule that settles a task's people when a catalog is
 * applied again (src/occurrence/catalog-people.ts), on random people,
 * reassignments and catalogs, with fast-check's shrinking.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decideCatalogPeople,
  peopleAfter,
  type CatalogPeople,
} from '../../src/occurrence/catalog-people';
import type { Recipient } from '../../src/shared/types';

const person: fc.Arbitrary<Recipient> = fc
  .constantFrom('geneva', 'tokyo', 'paris', 'riyadh', 'moscow')
  .map((key) => ({
    key,
    name: key,
    email: `${key}@example.org`,
    timezone: 'UTC',
    locale: 'en' as const,
  }));
const people: fc.Arbitrary<CatalogPeople> = fc.record(
  {
    assignees: fc.uniqueArray(person, { minLength: 1, maxLength: 3, selector: (p) => p.key }),
    manager: person,
  },
  { requiredKeys: ['assignees'] },
);

/** A task that started from `catalog`, maybe changed by a person since. */
const task = fc.record({ catalog: people, byPerson: fc.option(people, { nil: undefined }) });

const RUNS = 2_000;

describe('decideCatalogPeople', () => {
  it('the catalog the task was last given changes nothing, whatever a person did since', () => {
    fc.assert(
      fc.property(task, fc.boolean(), ({ catalog, byPerson }, prefer) => {
        const now = byPerson ?? catalog;
        const decisions = decideCatalogPeople(
          { ...now, catalog, reassigned: byPerson !== undefined },
          catalog,
          prefer,
        );
        expect(peopleAfter(now, catalog, decisions)).toEqual(now);
        expect(decisions.some((d) => d.conflict)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it("without a person's change the catalog always wins, and there is no conflict", () => {
    fc.assert(
      fc.property(people, people, fc.boolean(), (last, wanted, prefer) => {
        const decisions = decideCatalogPeople(
          { ...last, catalog: last, reassigned: false },
          wanted,
          prefer,
        );
        expect(peopleAfter(last, wanted, decisions)).toEqual(wanted);
        expect(decisions.some((d) => d.conflict)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('a conflict keeps the person unless the catalog is preferred; applying the outcome again changes nothing', () => {
    fc.assert(
      fc.property(task, people, fc.boolean(), ({ catalog, byPerson }, wanted, prefer) => {
        const now = byPerson ?? catalog;
        const state = { ...now, catalog, reassigned: byPerson !== undefined };
        const decisions = decideCatalogPeople(state, wanted, prefer);
        const after = peopleAfter(now, wanted, decisions);
        for (const d of decisions) {
          if (d.conflict) expect(after[d.field]).toEqual(prefer ? wanted[d.field] : now[d.field]);
          // A field the catalog did not change is never taken from it.
          if (JSON.stringify(wanted[d.field]) === JSON.stringify(catalog[d.field]))
            expect(after[d.field]).toEqual(now[d.field]);
        }
        // The workflow then records the catalog as last applied: a second run is a no-op.
        const again = decideCatalogPeople(
          { ...after, catalog: wanted, reassigned: state.reassigned },
          wanted,
          prefer,
        );
        expect(peopleAfter(after, wanted, again)).toEqual(after);
        expect(again.some((d) => d.conflict)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('a task from before the catalog was kept: a reassignment in its history counts as a change by a person', () => {
    fc.assert(
      fc.property(people, people, (now, wanted) => {
        const decisions = decideCatalogPeople({ ...now, reassigned: true }, wanted, false);
        expect(peopleAfter(now, wanted, decisions)).toEqual(now);
        const untouched = decideCatalogPeople({ ...now, reassigned: false }, wanted, false);
        expect(peopleAfter(now, wanted, untouched)).toEqual(wanted);
      }),
      { numRuns: RUNS },
    );
  });
});
