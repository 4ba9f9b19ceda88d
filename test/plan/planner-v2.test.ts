/**
 * The plan of catalog version 2 (spec, "Version 2"): working days per
 * recipient, series, reminder-only and waived tasks. Every expected instant
 * was worked out by hand from the spec, with the reasoning next to it; none
 * is computed by the code under test.
 *
 * Calendar facts (2027): 2027-01-01 is a Friday; the 1st of each month falls
 * on Jan Fri, Feb Mon, Mar Mon, Apr Thu, May Sat, Jun Tue, Jul Thu, Aug Sun,
 * Sep Wed, Oct Fri, Nov Mon, Dec Wed. Easter Sunday 2027 is 28 March (Good
 * Friday 26 March, Easter Monday 29 March). 2028-05-01 is a Monday,
 * 2028-06-13 a Tuesday.
 * Zones: Europe/Zurich is +01:00 until Sun 28 Mar 2027 (last Sunday of
 * March), then +02:00 until Sun 31 Oct 2027; +02:00 in May and June 2028.
 * Asia/Riyadh is +03:00 all year.
 * Holidays of the data (date-holidays, public ones): Geneva's Jeune genevois
 * on Thu 9 Sep 2027 (a holiday of the canton, not of Switzerland); Saudi
 * National Day on Thu 23 Sep 2027.
 */
import { describe, expect, it } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';
import { planCatalog, toPlanEntry } from '../../src/plan/catalog-plan';
import { nextMessages } from '../../src/plan/occurrence-plan';
import { taskTemplate, trackedOccurrences } from '../../src/plan/occurrences';
import type { Catalog, PlanEntry } from '../../src/shared/types';

const mail = (key: string) => `${key}@example.org`;

/**
 * A version 2 catalog in Europe/Zurich. People: amy (Zurich, no calendar of
 * her own), arab (Riyadh, calendar riyadh: Friday-Saturday weekend), boss
 * (Zurich) and the people given in `people` lines.
 */
function catalogYaml(options: {
  calendars?: string[];
  people?: string[];
  events?: string[];
  tasks: string[];
  defaults?: string[];
}): string {
  return [
    'version: 2',
    'resolution: { id: v2-plan, title: V2 plan, adoptedBy: Council, timezone: Europe/Zurich }',
    'calendars:',
    '  riyadh: { weekend: [fri, sat] }',
    ...(options.calendars ?? []).map((c) => `  ${c}`),
    'events:',
    '  council-2027: { title: Council 2027, start: 2027-06-08, series: council }',
    '  council-2028: { title: Council 2028, start: 2028-06-13, series: council, tentative: true }',
    ...(options.events ?? []).map((e) => `  ${e}`),
    'people:',
    `  amy: { name: Amy, email: ${mail('amy')} }`,
    `  arab: { name: Arab group, email: ${mail('arab')}, timezone: Asia/Riyadh, calendar: riyadh }`,
    `  boss: { name: Boss, email: ${mail('boss')} }`,
    ...(options.people ?? []).map((p) => `  ${p}`),
    ...(options.defaults ? ['defaults:', ...options.defaults.map((d) => `  ${d}`)] : []),
    'tasks:',
    ...options.tasks,
    '',
  ].join('\n');
}

/** One task; `fields` are its own `key: value` lines. */
function task(id: string, ...fields: string[]): string {
  return [
    `  - id: ${id}`,
    '    clause: instructs 1',
    `    title: Task ${id}`,
    '    responsible: Secretariat',
    '    deliverables: []',
    ...fields.map((f) => `    ${f}`),
  ].join('\n');
}

function load(yaml: string): Catalog {
  const { catalog, problems } = validateCatalogText(yaml);
  expect(problems).toEqual([]);
  return catalog!;
}

function plan(cat: Catalog, from: string, to: string): PlanEntry[] {
  return planCatalog(cat, Date.parse(from), Date.parse(to)).map(toPlanEntry);
}

const reminder = (task: string, occurrence: string, offset: string, to: string, at: string) =>
  ({ task, occurrence, kind: 'reminder', offset, to: mail(to), at }) as PlanEntry;
const overdue = (task: string, occurrence: string, to: string, at: string) =>
  ({ task, occurrence, kind: 'overdue', to: mail(to), at }) as PlanEntry;
const escalation = (task: string, occurrence: string, to: string, at: string) =>
  ({ task, occurrence, kind: 'escalation', to: mail(to), at }) as PlanEntry;

describe('working days per recipient (skipWeekends: true)', () => {
  it('a Friday-Saturday weekend; one reminder on two dates for two assignees', () => {
    // D = Sun 2027-06-20, due at the end of it: 2027-06-21T00:00+02:00 (22:00Z on the 20th).
    const cat = load(
      catalogYaml({
        tasks: [
          task(
            't',
            'assignees: [arab, amy]',
            'due: 2027-06-20',
            'reminders: [P2D, P1D, P0D]',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-06-01T00:00:00Z', '2027-06-22T00:00:00Z')).toEqual([
      // arab (weekend fri, sat): P2D is Fri 18 -> Thu 17; P1D is Sat 19 -> Fri 18 -> Thu 17,
      // the same instant: one message, offset P2D (first in reminders).
      reminder('t', '2027-06-20', 'P2D', 'arab', '2027-06-17T09:00:00.000+03:00'),
      // amy (weekend sat, sun): P2D is Fri 18; P1D (Sat 19) and P0D (Sun 20) walk back to Fri 18.
      reminder('t', '2027-06-20', 'P2D', 'amy', '2027-06-18T09:00:00.000+02:00'),
      // arab: P0D is Sun 20, a working day in Riyadh; 06:00Z is before the due instant.
      reminder('t', '2027-06-20', 'P0D', 'arab', '2027-06-20T09:00:00.000+03:00'),
      // Overdue D+1 = Mon 21, a working day for both: 06:00Z for arab, 07:00Z for amy.
      overdue('t', '2027-06-20', 'arab', '2027-06-21T09:00:00.000+03:00'),
      overdue('t', '2027-06-20', 'amy', '2027-06-21T09:00:00.000+02:00'),
    ]);
  });

  it('Good Friday and Easter Monday push a reminder back to the Thursday before', () => {
    // D = Mon 2027-04-05; P7D gives Mon 29 Mar (Easter Monday) -> Sun 28 -> Sat 27 ->
    // Fri 26 (Good Friday) -> Thu 25, still +01:00 in Zurich.
    const cat = load(
      catalogYaml({
        calendars: ['default: { holidays: [2027-03-26, 2027-03-29] }'],
        tasks: [
          task(
            't',
            'assignees: [amy]',
            'due: 2027-04-05',
            'reminders: [P7D]',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-03-01T00:00:00Z', '2027-04-05T00:00:00Z')).toEqual([
      reminder('t', '2027-04-05', 'P7D', 'amy', '2027-03-25T09:00:00.000+01:00'),
    ]);
  });

  it('an overdue notice moves past a holiday and a weekend', () => {
    // D = Thu 2027-03-25. D+1 = Fri 26 (Good Friday) -> Sat 27 -> Sun 28 -> Mon 29 (Easter
    // Monday) -> Tue 30, +02:00 since the 28th. D+1+P7D = Fri 2 Apr, a working day.
    const cat = load(
      catalogYaml({
        calendars: ['default: { holidays: [2027-03-26, 2027-03-29] }'],
        tasks: [task('t', 'assignees: [amy]', 'due: 2027-03-25', 'skipWeekends: true')],
      }),
    );
    expect(plan(cat, '2027-03-20T00:00:00Z', '2027-04-03T00:00:00Z')).toEqual([
      overdue('t', '2027-03-25', 'amy', '2027-03-30T09:00:00.000+02:00'),
      overdue('t', '2027-03-25', 'amy', '2027-04-02T09:00:00.000+02:00'),
    ]);
  });

  it("an escalation falls on the manager's calendar, not the assignee's", () => {
    // D = Thu 2027-03-25, E = D + P8D = Fri 2 Apr. amy's calendar (sat, sun) would keep Fri 2;
    // the manager arab's (fri, sat) moves it to Sun 4 Apr, 09:00 in Riyadh.
    const cat = load(
      catalogYaml({
        tasks: [
          task(
            't',
            'assignees: [amy]',
            'manager: arab',
            'due: 2027-03-25',
            'overdueEvery: null',
            'escalateAfter: P8D',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-03-20T00:00:00Z', '2027-05-01T00:00:00Z')).toEqual([
      escalation('t', '2027-03-25', 'arab', '2027-04-04T09:00:00.000+03:00'),
    ]);
  });

  it('with skipWeekends false, calendars change nothing', () => {
    // D = Sun 2027-06-20: P2D is Fri 18 and P1D Sat 19 for both, weekend or not.
    const cat = load(
      catalogYaml({
        tasks: [
          task(
            't',
            'assignees: [arab]',
            'due: 2027-06-20',
            'reminders: [P2D, P1D]',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z')).toEqual([
      reminder('t', '2027-06-20', 'P2D', 'arab', '2027-06-18T09:00:00.000+03:00'),
      reminder('t', '2027-06-20', 'P1D', 'arab', '2027-06-19T09:00:00.000+03:00'),
    ]);
  });

  it('the calendar named default is the calendar of people without one', () => {
    // default: weekend [sun] only. D = Mon 2027-06-21; P2D is Sat 19, a working day for amy
    // now; for arab (riyadh: fri, sat) it walks back to Thu 17.
    const cat = load(
      catalogYaml({
        calendars: ['default: { weekend: [sun] }'],
        tasks: [
          task(
            't',
            'assignees: [amy, arab]',
            'due: 2027-06-21',
            'reminders: [P2D]',
            'overdueEvery: null',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z')).toEqual([
      reminder('t', '2027-06-21', 'P2D', 'arab', '2027-06-17T09:00:00.000+03:00'),
      reminder('t', '2027-06-21', 'P2D', 'amy', '2027-06-19T09:00:00.000+02:00'),
    ]);
  });
});

describe('country calendars (holiday data)', () => {
  it('CH with region GE: the Jeune genevois moves a reminder; CH alone does not', () => {
    // D = Fri 2027-09-10, P1D = Thu 9 Sep: Jeune genevois in Geneva -> Wed 8 Sep.
    // For a Zurich office (country CH, no region) Thu 9 Sep is a working day.
    const cat = load(
      catalogYaml({
        calendars: ['geneva: { country: CH, region: GE }', 'zurich: { country: CH }'],
        people: [
          `gva: { name: Geneva, email: ${mail('gva')}, calendar: geneva }`,
          `zrh: { name: Zurich, email: ${mail('zrh')}, calendar: zurich }`,
        ],
        tasks: [
          task(
            't',
            'assignees: [gva, zrh]',
            'due: 2027-09-10',
            'reminders: [P1D]',
            'overdueEvery: null',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-09-01T00:00:00Z', '2027-10-01T00:00:00Z')).toEqual([
      reminder('t', '2027-09-10', 'P1D', 'gva', '2027-09-08T09:00:00.000+02:00'),
      reminder('t', '2027-09-10', 'P1D', 'zrh', '2027-09-09T09:00:00.000+02:00'),
    ]);
  });

  it('SA: Saudi National Day and the Friday-Saturday weekend', () => {
    // D = Sat 2027-09-25. P2D = Thu 23 Sep (National Day) -> Wed 22.
    // Overdue D+1 = Sun 26 Sep, a working day in Riyadh.
    const cat = load(
      catalogYaml({
        calendars: ['saudi: { weekend: [fri, sat], country: SA }'],
        people: [
          `ksa: { name: KSA, email: ${mail('ksa')}, timezone: Asia/Riyadh, calendar: saudi }`,
        ],
        tasks: [
          task(
            't',
            'assignees: [ksa]',
            'due: 2027-09-25',
            'reminders: [P2D]',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-09-01T00:00:00Z', '2027-09-27T00:00:00Z')).toEqual([
      reminder('t', '2027-09-25', 'P2D', 'ksa', '2027-09-22T09:00:00.000+03:00'),
      overdue('t', '2027-09-25', 'ksa', '2027-09-26T09:00:00.000+03:00'),
    ]);
  });
});

describe('series', () => {
  it('a past session is closed history; a future one is tracked, named by its event key', () => {
    // council-2027: 2027-06-08 - P30D = Sun 2027-05-09, due before `from`: closed.
    // council-2028: 2028-06-13 - P30D = Sun 2028-05-14. P7D reminder Sun 2028-05-07
    // (skipWeekends false); overdue D+1 = Mon 15 May; D+1+P7D = 22 May is after `to`.
    const cat = load(
      catalogYaml({
        tasks: [
          task(
            's',
            'assignees: [amy]',
            'due: { series: council, offset: -P30D }',
            'reminders: [P7D]',
          ),
          // The same due as a plain date: tracked though overdue (rule 7), unlike the session.
          task('plain', 'assignees: [amy]', 'due: 2027-05-09', 'overdueEvery: P1Y'),
        ],
      }),
    );
    // council-2028 is tentative: its entries say so; plain's do not.
    const tentative = { tentative: true as const };
    expect(plan(cat, '2027-07-01T00:00:00Z', '2028-05-20T00:00:00Z')).toEqual([
      {
        ...reminder('s', 'council-2028', 'P7D', 'amy', '2028-05-07T09:00:00.000+02:00'),
        ...tentative,
      },
      // plain: D+1 + 1 x P1Y = 2028-05-10.
      overdue('plain', '2027-05-09', 'amy', '2028-05-10T09:00:00.000+02:00'),
      { ...overdue('s', 'council-2028', 'amy', '2028-05-15T09:00:00.000+02:00'), ...tentative },
    ]);
  });

  it('before the first session is due, both sessions are tracked', () => {
    const cat = load(
      catalogYaml({
        tasks: [
          task('s', 'assignees: [amy]', 'due: { series: council, offset: -P30D, time: "12:00" }'),
        ],
      }),
    );
    const template = taskTemplate(cat, cat.tasks[0]!);
    const tracked = trackedOccurrences(
      template,
      Date.parse('2027-01-01T00:00:00Z'),
      Date.parse('2029-01-01T00:00:00Z'),
    );
    expect(tracked.map((s) => [s.occurrence, s.dueDate, s.dueTime])).toEqual([
      ['council-2027', '2027-05-09', '12:00'],
      ['council-2028', '2028-05-14', '12:00'],
    ]);
  });

  it('a session added to the catalog adds an occurrence', () => {
    // council-2029 on Tue 2029-06-12; - P30D = Sat 2029-05-13.
    const cat = load(
      catalogYaml({
        events: ['council-2029: { title: Council 2029, start: 2029-06-12, series: council }'],
        tasks: [task('s', 'assignees: [amy]', 'due: { series: council, offset: -P30D }')],
      }),
    );
    const tracked = trackedOccurrences(
      taskTemplate(cat, cat.tasks[0]!),
      Date.parse('2028-06-01T00:00:00Z'),
      Date.parse('2030-01-01T00:00:00Z'),
    );
    expect(tracked.map((s) => [s.occurrence, s.dueDate])).toEqual([['council-2029', '2029-05-13']]);
  });
});

describe('reminder-only and waived tasks', () => {
  it('overdueEvery: null sends no overdue notice, and nothing comes after the escalation', () => {
    // D = Sun 2027-06-20, reminder P1D Sat 19, escalation D + P3D = Wed 23 (no weekend rules).
    const cat = load(
      catalogYaml({
        defaults: ['overdueEvery: null'],
        tasks: [
          task(
            't',
            'assignees: [amy]',
            'manager: boss',
            'due: 2027-06-20',
            'reminders: [P1D]',
            'escalateAfter: P3D',
          ),
        ],
      }),
    );
    expect(plan(cat, '2027-06-01T00:00:00Z', '2028-01-01T00:00:00Z')).toEqual([
      reminder('t', '2027-06-20', 'P1D', 'amy', '2027-06-19T09:00:00.000+02:00'),
      escalation('t', '2027-06-20', 'boss', '2027-06-23T09:00:00.000+02:00'),
    ]);
    // A workflow asks what comes next: after the escalation, nothing ever.
    const [schedule] = trackedOccurrences(taskTemplate(cat, cat.tasks[0]!), 0, Infinity);
    expect(nextMessages(schedule!, Date.parse('2027-06-23T07:00:00Z'))).toEqual([]);
    expect(nextMessages(schedule!, Date.parse('2027-06-20T00:00:00Z'))[0]!.at).toBe(
      '2027-06-23T09:00:00.000+02:00',
    );
  });

  it('a task may turn overdue notices back on over defaults', () => {
    const cat = load(
      catalogYaml({
        defaults: ['overdueEvery: null'],
        tasks: [task('t', 'assignees: [amy]', 'due: 2027-06-20', 'overdueEvery: P7D')],
      }),
    );
    // D+1 = Mon 21 June.
    expect(plan(cat, '2027-06-01T00:00:00Z', '2027-06-22T00:00:00Z')).toEqual([
      overdue('t', '2027-06-20', 'amy', '2027-06-21T09:00:00.000+02:00'),
    ]);
  });

  it('a waived task sends nothing; without waived the same task would', () => {
    const fields = ['assignees: [amy]', 'manager: boss', 'due: 2027-06-20', 'reminders: [P1D]'];
    const waived = load(
      catalogYaml({
        tasks: [task('t', ...fields, 'waived: { on: 2027-06-01, reason: Overtaken by events }')],
      }),
    );
    const open = load(catalogYaml({ tasks: [task('t', ...fields)] }));
    expect(plan(waived, '2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z')).toEqual([]);
    // Reminder Sat 19; overdue Mon 21 and Mon 28.
    expect(plan(open, '2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z')).toEqual([
      reminder('t', '2027-06-20', 'P1D', 'amy', '2027-06-19T09:00:00.000+02:00'),
      overdue('t', '2027-06-20', 'amy', '2027-06-21T09:00:00.000+02:00'),
      overdue('t', '2027-06-20', 'amy', '2027-06-28T09:00:00.000+02:00'),
    ]);
  });
});
