/**
 * The contract's central promise: for every catalog and window, what the real
 * workflows send (through the real mail activity, to a real SMTP sink, on the
 * time-skipping server) equals the plan. Any difference fails and is printed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { validateCatalogText } from '../../src/catalog/validate';
import { planCatalog, toPlanEntry } from '../../src/plan/catalog-plan';
import { simulate } from '../../src/simulate/simulate';
import type { Catalog, PlanEntry } from '../../src/shared/types';
import { dueShiftCatalog, shiftTask } from '../support/due-shift-catalog';

function load(text: string): Catalog {
  const { catalog, problems } = validateCatalogText(text);
  expect(problems).toEqual([]);
  return catalog!;
}

function key(e: PlanEntry): string {
  return `${e.task} ${e.occurrence} ${e.kind}${e.offset ? ` ${e.offset}` : ''} ${e.to} ${Date.parse(e.at)}`;
}

/** Fails with the entries that only one side has. */
function expectSamePlan(planned: PlanEntry[], received: PlanEntry[]): void {
  const plannedKeys = new Set(planned.map(key));
  const receivedKeys = new Set(received.map(key));
  const missing = [...plannedKeys].filter((k) => !receivedKeys.has(k));
  const extra = [...receivedKeys].filter((k) => !plannedKeys.has(k));
  expect({
    missing: missing.slice(0, 20),
    extra: extra.slice(0, 20),
    counts: [planned.length, received.length],
  }).toEqual({
    missing: [],
    extra: [],
    counts: [planned.length, planned.length],
  });
  // Same order and the same offsets in `at`, too.
  expect(received).toEqual(planned);
}

/** A catalog with people around the world, dates relative to today so the test works on any day. */
function multiZoneCatalog(today: DateTime): string {
  const d = (days: number) => today.plus({ days }).toISODate();
  return `
version: 1
resolution: { id: multi-zone, title: Multi-zone test, adoptedBy: Test Council, timezone: Europe/Zurich }
events:
  council: { title: Council, start: ${d(75)}, end: ${d(80)}, place: Geneva }
people:
  geneva: { name: Geneva, email: geneva@example.org, timezone: Europe/Zurich, locale: fr }
  kiritimati: { name: Kiritimati, email: kiritimati@example.org, timezone: Pacific/Kiritimati, locale: en }
  honolulu: { name: Honolulu, email: honolulu@example.org, timezone: Pacific/Honolulu, locale: es }
  sydney: { name: Sydney, email: sydney@example.org, timezone: Australia/Sydney, locale: ar }
  santiago: { name: Santiago, email: santiago@example.org, timezone: America/Santiago, locale: es }
  chair: { name: Chair, email: chair@example.org, timezone: America/New_York, locale: ru }
defaults:
  reminders: [P14D, P7D, P1D, P0D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: P10D
  skipWeekends: true
tasks:
  - id: report-to-council
    clause: instructs 1
    title: Report to Council
    responsible: Secretariat
    assignees: [geneva, kiritimati, honolulu]
    manager: chair
    due: { event: council, offset: -P30D, time: "12:00" }
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: monthly-input
    clause: invites 2
    title: Monthly input
    responsible: Member States
    assignees: [sydney, santiago]
    manager: chair
    due: ${d(10)}
    recurrence: { every: P1M, until: ${d(400)} }
    reminders: [P7D, P6D, P5D]
    overdueEvery: P3D
    deliverables: [{ id: input, title: Input, kind: text }]
  - id: late-already
    clause: resolves 3
    title: Already late
    responsible: Secretariat
    assignees: [honolulu, kiritimati]
    due: ${d(-40)}
    skipWeekends: false
    sendAt: "23:30"
    deliverables: [{ id: note, title: Note, kind: link }]
  - id: done-already
    clause: resolves 4
    title: Done
    responsible: Secretariat
    assignees: [geneva]
    due: ${d(-5)}
    completed: ${d(-6)}
    deliverables: []
`;
}

/**
 * A version 2 catalog, dates relative to today: calendars with explicit
 * holidays, a Friday-Saturday weekend with SA's holidays, Geneva's holidays;
 * a series with a closed session and two to come; a reminder-only task; a
 * waived task; a recurring task and an overdue one whose two assignees have
 * different calendars.
 */
function versionTwoCatalog(today: DateTime): string {
  const d = (days: number) => today.plus({ days }).toISODate();
  return `
version: 2
resolution: { id: v2-sim, title: Version 2 simulation, adoptedBy: Test Council, timezone: Europe/Zurich }
calendars:
  default: { weekend: [sat, sun], holidays: [${d(12)}, ${d(13)}, ${d(40)}] }
  riyadh: { weekend: [fri, sat], country: SA, holidays: [${d(20)}, ${d(21)}] }
  geneva: { country: CH, region: GE }
events:
  session-past: { title: Past session, start: ${d(-10)}, series: session }
  session-next: { title: Next session, start: ${d(45)}, series: session, tentative: true }
  session-later: { title: Later session, start: ${d(120)}, series: session }
people:
  geneva: { name: Geneva, email: geneva@example.org, locale: fr, calendar: geneva }
  riyadh: { name: Riyadh, email: riyadh@example.org, timezone: Asia/Riyadh, locale: ar, calendar: riyadh }
  zurich: { name: Zurich, email: zurich@example.org }
  chair: { name: Chair, email: chair@example.org, timezone: America/New_York, locale: ru }
defaults:
  reminders: [P14D, P7D, P1D, P0D]
  overdueEvery: P7D
  escalateAfter: P10D
  skipWeekends: true
tasks:
  - id: session-report
    clause: instructs 1
    title: Report before each session
    responsible: Secretariat
    assignees: [geneva, riyadh]
    manager: chair
    due: { series: session, offset: -P20D, time: "12:00" }
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: reminder-only
    clause: invites 2
    title: Reminder only
    responsible: Member States
    assignees: [riyadh, zurich]
    manager: riyadh
    due: ${d(30)}
    overdueEvery: null
    escalateAfter: P3D
    deliverables: []
  - id: moot
    clause: resolves 3
    title: Waived
    responsible: Secretariat
    assignees: [zurich]
    due: ${d(25)}
    waived: { on: ${d(-1)}, reason: Overtaken by events }
    deliverables: []
  - id: monthly
    clause: resolves 4
    title: Monthly input
    responsible: Member States
    assignees: [geneva, riyadh]
    due: ${d(5)}
    recurrence: { every: P1M, until: ${d(200)} }
    reminders: [P3D, P2D]
    deliverables: [{ id: input, title: Input, kind: text }]
  - id: late-already
    clause: resolves 5
    title: Already late
    responsible: Secretariat
    assignees: [riyadh, zurich]
    due: ${d(-15)}
    overdueEvery: P5D
    deliverables: []
`;
}

describe('simulate equals plan', () => {
  it('for a version 2 catalog (calendars, series, reminder-only, waived) over eight months', async () => {
    const today = DateTime.now().setZone('Europe/Zurich').startOf('day');
    const catalog = load(versionTwoCatalog(today));
    const from = Date.now() + 60_000;
    const to = today.plus({ months: 8 }).toMillis();
    const planned = planCatalog(catalog, from, to).map(toPlanEntry);
    expect(planned.length).toBeGreaterThan(100);
    // Every feature shows in the plan: sessions by event key, the closed one absent, nothing waived.
    const occurrences = new Set(planned.map((e) => `${e.task} ${e.occurrence}`));
    expect(occurrences).toContain('session-report session-next');
    expect(occurrences).toContain('session-report session-later');
    expect(occurrences).not.toContain('session-report session-past');
    expect(planned.filter((e) => e.task === 'moot')).toEqual([]);
    expect(planned.filter((e) => e.task === 'reminder-only' && e.kind === 'overdue')).toEqual([]);
    const received = (await simulate(catalog, { from, to })).map(toPlanEntry);
    expectSamePlan(planned, received);
  }, 600_000);

  it('for due dates moved to working days (dueShift), the planner test cases together', async () => {
    // The tasks of test/plan/planner-due-shift.test.ts, whose instants were worked out by hand.
    const catalog = load(
      dueShiftCatalog({
        resolution: 'calendar: geneva',
        calendars: [
          'default: { holidays: [2027-04-05] }',
          'geneva: { holidays: [2027-04-05, 2027-05-03] }',
        ],
        defaults: [
          'dueShift: before',
          'reminders: [P7D, P1D, P0D]',
          'overdueEvery: P7D',
          'overdueFor: P21D',
        ],
        tasks: [
          shiftTask('saturday', 'due: 2027-05-01'),
          shiftTask('holiday', 'due: 2027-04-05', 'dueShift: after'),
          shiftTask('timed', 'due: { date: 2027-05-02, time: "12:00" }', 'dueShift: after'),
          shiftTask('session', 'due: { series: council, offset: -P3D }', 'skipWeekends: true'),
          shiftTask('monthly', 'due: 2027-01-02', 'recurrence: { every: P1M, until: 2027-06-30 }'),
          shiftTask('kept', 'due: 2027-05-01', 'dueShift: null'),
        ],
      }),
    );
    const from = Date.now() + 60_000;
    const to = Date.parse('2027-07-15T00:00:00Z');
    const planned = planCatalog(catalog, from, to).map(toPlanEntry);
    // The moved dates show: Sat 1 May's P1D reminder on Thu 29 Apr, the kept one's on Fri 30 Apr.
    expect(planned).toContainEqual(
      expect.objectContaining({
        task: 'saturday',
        offset: 'P1D',
        at: '2027-04-29T09:00:00.000+02:00',
      }),
    );
    expect(planned).toContainEqual(
      expect.objectContaining({ task: 'kept', offset: 'P1D', at: '2027-04-30T09:00:00.000+02:00' }),
    );
    const received = (await simulate(catalog, { from, to })).map(toPlanEntry);
    expectSamePlan(planned, received);
  }, 600_000);

  it('for a multi-zone catalog over a year', async () => {
    const today = DateTime.now().setZone('Europe/Zurich').startOf('day');
    const catalog = load(multiZoneCatalog(today));
    const from = Date.now() + 60_000;
    const to = today.plus({ months: 12 }).toMillis();
    const planned = planCatalog(catalog, from, to).map(toPlanEntry);
    expect(planned.length).toBeGreaterThan(300);
    const received = (await simulate(catalog, { from, to })).map(toPlanEntry);
    expectSamePlan(planned, received);
  }, 600_000);

  it('for the shipped Resolution 1332 catalog over the two years that follow today', async () => {
    const catalog = load(
      readFileSync(join(__dirname, '..', '..', 'catalogs', 'itu-council-1332.yaml'), 'utf8'),
    );
    const from = Date.now() + 60_000;
    const to = DateTime.fromMillis(from).plus({ years: 2 }).toMillis();
    const planned = planCatalog(catalog, from, to).map(toPlanEntry);
    // Reminders, overdue notices (four at most per occurrence) and escalations for the 2027 and 2028 sessions.
    expect(planned.length).toBeGreaterThan(300);
    expect(new Set(planned.map((e) => e.kind))).toEqual(
      new Set(['reminder', 'overdue', 'escalation']),
    );
    const received = (await simulate(catalog, { from, to })).map(toPlanEntry);
    expectSamePlan(planned, received);
  }, 900_000);
});
