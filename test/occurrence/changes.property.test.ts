/**
 * Properties of the task occurrence's domain core (src/occurrence/changes.ts):
 * random sequences of requests and clock moves, run against the pure state
 * changes as the workflow runs them, with fast-check's shrinking.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as core from '../../src/occurrence/changes';
import { publicView, searchFacts } from '../../src/occurrence/projection';
import { Refusal } from '../../src/occurrence/refusal';
import { validateCatalogText } from '../../src/catalog/validate';
import { dueInstant, nextMessages } from '../../src/plan/occurrence-plan';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import {
  deriveStatus,
  isClosed,
  TASK_STATUSES,
  type DeliverablePayload,
  type OccurrenceState,
} from '../../src/shared/task-state';
import type { Recipient } from '../../src/shared/types';
import { addDays } from '../../src/time/duration';
import { heldDays } from '../../src/time/held-days';
import { wallTimeToInstant } from '../../src/time/wall-clock';

const RUNS = 500;
const HOUR = 3_600_000;
const DUE = '2031-03-14';

const { catalog } = validateCatalogText(`
version: 1
resolution: { id: props, title: Properties, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  amy: { name: Amy, email: amy@example.org }
  ben: { name: Ben, email: ben@example.org, timezone: Asia/Tokyo, locale: fr }
  cat: { name: Cat, email: cat@example.org, timezone: America/New_York, locale: es }
  boss: { name: Boss, email: boss@example.org }
defaults: { reminders: [P14D, P7D, P1D], sendAt: "09:00", overdueEvery: P7D, escalateAfter: P14D }
tasks:
  - id: report
    clause: "requests 1"
    title: The report
    responsible: Secretariat
    assignees: [amy, ben]
    manager: boss
    due: ${DUE}
    deliverables:
      - { id: text, title: The text, kind: text }
      - { id: annex, title: An annex, kind: link, required: false }
`);
if (!catalog) throw new Error('the test catalog is invalid');
const template = taskTemplate(catalog, catalog.tasks[0]!);
const schedule = scheduleFor(template, DUE);
const person = (key: string): Recipient => {
  const found = [...template.assignees, template.manager!].find((p) => p.key === key);
  return found ?? { ...template.assignees[0]!, key, name: key, email: `${key}@example.org` };
};
const START = wallTimeToInstant('2031-02-01', '08:00', 'Europe/Zurich');

type Request =
  | { change: 'submit'; request: Parameters<typeof core.submit.apply>[1] }
  | { change: 'review'; request: Parameters<typeof core.review.apply>[1] }
  | { change: 'extend'; request: Parameters<typeof core.extend.apply>[1] }
  | { change: 'reassign'; request: Parameters<typeof core.reassign.apply>[1] }
  | { change: 'waive'; request: Parameters<typeof core.waive.apply>[1] }
  | { change: 'hold'; request: Parameters<typeof core.hold.apply>[1] }
  | { change: 'resume'; request: Parameters<typeof core.resume.apply>[1] }
  | { change: 'recordBounce'; request: Parameters<typeof core.recordBounce.apply>[1] }
  | { change: 'revise'; request: Parameters<typeof core.revise.apply>[1] };

/** Mostly well formed, sometimes not: refusals are part of the sequences. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });
const by = mostly(fc.constantFrom('secretariat', 'amy'), fc.constantFrom(' ', ''));
const reason = mostly(fc.constantFrom('Council moved', 'Data late'), fc.constantFrom('', '  '));
const people = fc.uniqueArray(fc.constantFrom('amy', 'ben', 'cat', 'dan'), { maxLength: 3 });

const handIn = mostly<{ deliverableId: string; payload: DeliverablePayload }>(
  fc.constantFrom(
    { deliverableId: 'text', payload: { kind: 'text', text: 'Our contribution' } },
    { deliverableId: 'annex', payload: { kind: 'link', url: 'https://example.org/annex.pdf' } },
  ),
  fc.constantFrom(
    { deliverableId: 'text', payload: { kind: 'text', text: '   ' } },
    { deliverableId: 'nope', payload: { kind: 'text', text: 'Lost' } },
  ),
);

const request: fc.Arbitrary<Request> = fc.oneof(
  {
    arbitrary: fc.record({
      change: fc.constant('submit' as const),
      request: fc.tuple(by, handIn).map(([who, h]) => ({ by: who, ...h })),
    }),
    weight: 4,
  },
  fc.record({
    change: fc.constant('review' as const),
    request: fc.record(
      {
        by,
        decision: fc.constantFrom('accept' as const, 'return' as const),
        deliverableId: fc.constantFrom('text', 'annex'),
        comment: mostly(fc.constant('Add the annex'), fc.constant('')),
      },
      { requiredKeys: ['by', 'decision', 'comment'] },
    ),
  }),
  fc.record({
    change: fc.constant('extend' as const),
    request: fc.record(
      {
        by,
        reason,
        dueDate: fc.integer({ min: -30, max: 60 }).map((d) => addDays(DUE, d)),
        dueTime: fc.constantFrom('12:00', null, undefined),
      },
      { requiredKeys: ['by', 'reason', 'dueDate'] },
    ),
  }),
  fc.record({
    change: fc.constant('reassign' as const),
    request: fc.record(
      {
        by,
        assignees: people.map((keys) => keys.map(person)),
        manager: fc.constantFrom(person('boss'), person('dan'), null),
        notifyUnassigned: fc.boolean(),
      },
      { requiredKeys: ['by'] },
    ),
  }),
  // A waiver ends a sequence: rarer, so the rest gets tried.
  {
    arbitrary: fc.record({
      change: fc.constant('waive' as const),
      request: fc.record({ by, reason }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      change: fc.constant('hold' as const),
      request: fc.record({ by, reason }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ change: fc.constant('resume' as const), request: fc.record({ by }) }),
    weight: 4,
  },
  fc.record({
    change: fc.constant('recordBounce' as const),
    request: fc.record({
      by: fc.constant('bounce mailbox'),
      messageId: fc.constantFrom('<unknown@example.org>', 'not-an-id'),
      to: fc.constant('amy@example.org'),
      permanent: fc.boolean(),
      diagnostic: fc.constant('550 5.1.1 user unknown'),
    }),
  }),
  fc.record({
    change: fc.constant('revise' as const),
    request: fc.record(
      {
        by: fc.constant('mandate start --apply'),
        schedule: fc
          .record({ days: fc.integer({ min: 0, max: 21 }), keys: people })
          .map(({ days, keys }) => ({
            ...schedule,
            dueDate: addDays(DUE, days),
            assignees: keys.map(person),
          })),
        info: fc.constant(template.info),
        preferCatalog: fc.boolean(),
      },
      { requiredKeys: ['by', 'schedule', 'info'] },
    ),
  }),
);

/** A step: the clock moves on (0 to 6 days), then a request is made. */
const steps = fc.array(fc.record({ wait: fc.integer({ min: 0, max: 6 * 24 }), request }), {
  maxLength: 25,
});

interface Run {
  state: OccurrenceState;
  now: number;
  refused: number;
  noticeIds: string[];
}

/** Runs the steps as the workflow would, checking `each` after every step. */
function run(
  input: { wait: number; request: Request }[],
  each: (
    before: OccurrenceState,
    after: OccurrenceState,
    step: Request,
    now: number,
    refused: boolean,
  ) => void,
): Run {
  let state = core.initialState({ schedule, info: template.info }, START, START);
  let now = START;
  let refused = 0;
  const noticeIds: string[] = [];
  for (const { wait, request: step } of input) {
    now += wait * HOUR;
    const before = JSON.stringify(state);
    const change = core[step.change] as core.Change<unknown>;
    let after = state;
    let wasRefused = false;
    try {
      const outcome = core.decide(change, state, step.request, { now, has: () => true });
      after = outcome.state;
      for (const notice of outcome.notices)
        for (const r of notice.recipients) noticeIds.push(`${notice.kind}.${notice.key}.${r.key}`);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      wasRefused = true;
      refused += 1;
    }
    each(JSON.parse(before) as OccurrenceState, after, step, now, wasRefused);
    expect(JSON.stringify(state)).toBe(before); // the input state is never changed in place
    state = after;
  }
  return { state, now, refused, noticeIds };
}

describe('the occurrence core, on random sequences of requests and clock moves', () => {
  it('a refused request changes nothing', () => {
    fc.assert(
      fc.property(steps, (input) => {
        run(input, (before, after, _step, _now, refused) => {
          if (refused) expect(after).toEqual(before);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('every notice has its own Message-ID', () => {
    fc.assert(
      fc.property(steps, (input) => {
        const { noticeIds } = run(input, () => {});
        expect(new Set(noticeIds).size).toBe(noticeIds.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('the status always follows from the state, and the view and search attributes agree', () => {
    fc.assert(
      fc.property(steps, (input) => {
        run(input, (_before, after, _step, now) => {
          const dueAt = dueInstant(after.schedule);
          const status = deriveStatus(after, now, dueAt);
          expect(TASK_STATUSES).toContain(status);
          expect(isClosed(after)).toBe(status === 'completed' || status === 'waived');
          if (after.waived) expect(status).toBe('waived');
          else if (after.completedAt !== undefined) expect(status).toBe('completed');
          else if (after.hold) expect(status).toBe('on-hold');
          const view = publicView(after, { workflowId: 'w', now });
          expect(view.status).toBe(status);
          expect(searchFacts(after, now).attributes.status).toBe(status);
          // The view's due is the Due's instant.
          expect(view.dueAt).toBe(dueAt);
          expect(
            dueInstant({
              ...after.schedule,
              dueDate: view.due.date,
              ...(view.due.time ? { dueTime: view.due.time } : {}),
            }),
          ).toBe(view.dueAt);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a hold moves the due date by the whole days held, and its reminders with it', () => {
    fc.assert(
      fc.property(steps, (input) => {
        run(input, (before, after, step, now, refused) => {
          if (step.change !== 'resume' || refused) return;
          const days = heldDays(before.hold!.since, now, before.schedule.zone);
          expect(after.schedule.dueDate).toBe(addDays(before.schedule.dueDate, days));
          // What is planned after the resumption is the moved schedule's plan from now: none lost, none added.
          const moved = { ...before.schedule, dueDate: addDays(before.schedule.dueDate, days) };
          expect(nextMessages(after.schedule, after.cursor)).toEqual(
            nextMessages(moved, Math.max(before.cursor, now)),
          );
          expect(after.sequence).toBe(before.sequence + (days > 0 ? 1 : 0));
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('a closed task refuses every change', () => {
    fc.assert(
      fc.property(steps, request, (input, last) => {
        const { state, now } = run(input, () => {});
        if (!isClosed(state)) return;
        const change = core[last.change] as core.Change<unknown>;
        expect(() => core.decide(change, state, last.request, { now, has: () => true })).toThrow(
          Refusal,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
