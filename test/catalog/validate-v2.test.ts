/**
 * Validation of catalog version 2 (spec, "Version 2"): every new class of
 * problem at the line and column of its YAML node, counted by hand on BASE
 * below; and a version 1 file that uses a v2 field, rejected at that field.
 */
import { describe, expect, it } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';
import type { CatalogProblem } from '../../src/catalog/problems';

// prettier-ignore
const BASE: readonly string[] = [
  /*  1 */ 'version: 2',
  /*  2 */ 'resolution:',
  /*  3 */ '  id: v2-resolution',
  /*  4 */ '  title: Version 2 resolution',
  /*  5 */ '  adoptedBy: Test Council',
  /*  6 */ '  timezone: Europe/Zurich',
  /*  7 */ 'calendars:',
  /*  8 */ '  default: { weekend: [sat, sun], holidays: [2027-01-01] }',
  /*  9 */ '  riyadh: { weekend: [fri, sat], holidays: [2027-03-10] }',
  /* 10 */ '  geneva: { country: CH, region: GE }',
  /* 11 */ 'events:',
  /* 12 */ '  council-2027: { title: Council 2027, start: 2027-06-08, series: council }',
  /* 13 */ '  council-2028: { title: Council 2028, start: 2028-06-13, series: council, tentative: true }',
  /* 14 */ 'people:',
  /* 15 */ '  alice: { name: Alice, email: alice@example.org }',
  /* 16 */ '  arab-group: { name: Arab group, email: arab@example.org, timezone: Asia/Riyadh, calendar: riyadh }',
  /* 17 */ 'defaults:',
  /* 18 */ '  reminders: [P14D, P7D]',
  /* 19 */ '  overdueEvery: null',
  /* 20 */ '  skipWeekends: true',
  /* 21 */ 'tasks:',
  /* 22 */ '  - id: each-council',
  /* 23 */ '    clause: instructs 1',
  /* 24 */ '    title: Report to each council',
  /* 25 */ '    responsible: Secretariat',
  /* 26 */ '    assignees: [alice, arab-group]',
  /* 27 */ '    due: { series: council, offset: -P30D }',
  /* 28 */ '    deliverables: []',
  /* 29 */ '  - id: moot',
  /* 30 */ '    clause: instructs 2',
  /* 31 */ '    title: Moot task',
  /* 32 */ '    responsible: Secretariat',
  /* 33 */ '    assignees: [alice]',
  /* 34 */ '    due: 2027-03-01',
  /* 35 */ '    waived: { on: 2026-11-27, reason: Overtaken by events }',
  /* 36 */ '    overdueEvery: P7D',
  /* 37 */ '    deliverables: []',
];

/** BASE with whole lines replaced (1-based line number -> new text; may hold a newline). */
function edit(changes: Record<number, string>): string {
  return [...BASE.map((line, i) => changes[i + 1] ?? line), ''].join('\n');
}

function problemsOf(text: string): CatalogProblem[] {
  const { catalog, problems } = validateCatalogText(text);
  expect(catalog).toBeUndefined();
  return problems;
}

/** Exactly one problem, at line:column, for `path`, with a message matching `expected`. */
function expectOne(text: string, line: number, column: number, path: string, expected: RegExp) {
  const problems = problemsOf(text);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ line, column, path });
  expect(problems[0]!.message).toMatch(expected);
}

describe('catalog version 2: the typed catalog', () => {
  it('accepts BASE and reads calendars, series, tentative, overdueEvery null and waived', () => {
    const { catalog, problems } = validateCatalogText(edit({}));
    expect(problems).toEqual([]);
    expect(catalog!.version).toBe(2);
    expect(catalog!.calendars!['riyadh']).toMatchObject({
      weekend: ['fri', 'sat'],
      holidays: ['2027-03-10'],
    });
    expect(catalog!.calendars!['geneva']).toMatchObject({
      weekend: ['sat', 'sun'],
      holidays: [],
      country: 'CH',
      region: 'GE',
    });
    expect(catalog!.events['council-2028']).toMatchObject({ series: 'council', tentative: true });
    expect(catalog!.people['arab-group']!.calendar).toBe('riyadh');
    expect(catalog!.people['alice']!.calendar).toBeUndefined();
    expect(catalog!.defaults.overdueEvery).toBeNull();
    const [series, moot] = catalog!.tasks;
    expect(series!.due).toEqual({ kind: 'series', series: 'council', offset: '-P30D' });
    expect(series!.policy.overdueEvery).toBeNull();
    expect(moot!.waived).toEqual({ on: '2026-11-27', reason: 'Overtaken by events' });
    expect(moot!.policy.overdueEvery).toBe('P7D');
  });

  it('adds the public holidays of a country calendar (Geneva: Jeune genevois, not Saint-Etienne)', () => {
    const { catalog } = validateCatalogText(edit({}));
    const geneva = catalog!.calendars!['geneva']!;
    // Tasks fall in 2027 and 2028: the years 2026 to 2030 are looked up.
    expect(geneva.publicHolidayYears).toEqual([2026, 2030]);
    expect(geneva.publicHolidays).toContain('2027-03-26'); // Good Friday
    expect(geneva.publicHolidays).toContain('2027-09-09'); // Jeune genevois
    expect(geneva.publicHolidays).toContain('2027-12-31'); // Restauration de la Republique
    expect(geneva.publicHolidays).not.toContain('2027-12-26'); // a bank holiday only
    expect(geneva.publicHolidays).not.toContain('2025-12-25'); // outside the years
    expect(catalog!.calendars!['riyadh']!.publicHolidays).toBeUndefined();
  });

  it('accepts a country written in lower case and a region written CH-GE', () => {
    const { catalog, problems } = validateCatalogText(
      edit({ 10: '  geneva: { country: ch, region: CH-GE }' }),
    );
    expect(problems).toEqual([]);
    expect(catalog!.calendars!['geneva']).toMatchObject({ country: 'CH', region: 'GE' });
  });

  it('accepts an empty weekend and a calendar of defaults', () => {
    const { catalog, problems } = validateCatalogText(
      edit({ 9: '  riyadh: { weekend: [] }', 10: '  geneva: {}' }),
    );
    expect(problems).toEqual([]);
    expect(catalog!.calendars!['riyadh']).toMatchObject({ weekend: [], holidays: [] });
    expect(catalog!.calendars!['geneva']).toMatchObject({ weekend: ['sat', 'sun'] });
  });
});

describe('catalog version 2: one test per class of problem', () => {
  it('an unknown calendar key on a person', () => {
    // "  arab-group: { name: Arab group, email: arab@example.org, timezone: Asia/Riyadh, calendar: nowhere }"
    // { 15, email 35, address 42-57, timezone 60, zone 70-80, calendar 83, value 93.
    expectOne(
      edit({
        16: '  arab-group: { name: Arab group, email: arab@example.org, timezone: Asia/Riyadh, calendar: nowhere }',
      }),
      16,
      93,
      'people.arab-group.calendar',
      /unknown calendar nowhere \(not a key in calendars\)/,
    );
  });

  it('a bad weekday name', () => {
    // "  riyadh: { weekend: [fri, saturday] }": [ 22, fri 23, saturday 28.
    expectOne(
      edit({ 9: '  riyadh: { weekend: [fri, saturday] }' }),
      9,
      28,
      'calendars.riyadh.weekend[1]',
      /"saturday" is not a weekday name \(expected one of: mon, tue, wed, thu, fri, sat, sun\)/,
    );
  });

  it('a duplicate weekend day, at its second use', () => {
    // "  riyadh: { weekend: [fri, sat, fri] }": fri 23, sat 28, fri 33.
    expectOne(
      edit({ 9: '  riyadh: { weekend: [fri, sat, fri] }' }),
      9,
      33,
      'calendars.riyadh.weekend[2]',
      /duplicate weekend day fri \(already at line 9, column 23\)/,
    );
  });

  it('seven weekend days, at the list', () => {
    expectOne(
      edit({ 9: '  riyadh: { weekend: [mon, tue, wed, thu, fri, sat, sun] }' }),
      9,
      22,
      'calendars.riyadh.weekend',
      /all seven days are weekend days/,
    );
  });

  it('holidays that are not DATEs', () => {
    // "  riyadh: { weekend: [fri, sat], holidays: [2027-03-10, 10 March, 2027-02-30] }"
    // holidays 34, [ 44, 2027-03-10 45-54, "10 March" 57-64, 2027-02-30 67.
    const problems = problemsOf(
      edit({
        9: '  riyadh: { weekend: [fri, sat], holidays: [2027-03-10, 10 March, 2027-02-30] }',
      }),
    );
    expect(problems).toEqual([
      {
        line: 9,
        column: 57,
        path: 'calendars.riyadh.holidays[1]',
        message: '10 March is not a date (expected YYYY-MM-DD)',
      },
      {
        line: 9,
        column: 67,
        path: 'calendars.riyadh.holidays[2]',
        message: '2027-02-30 is not a calendar date',
      },
    ]);
  });

  it('holidays that are not a list', () => {
    // "  riyadh: { holidays: 2027-03-10 }": holidays 13, value 23.
    expectOne(
      edit({ 9: '  riyadh: { holidays: 2027-03-10 }' }),
      9,
      23,
      'calendars.riyadh.holidays',
      /expected a list/,
    );
  });

  it('a country that the holiday data does not know', () => {
    // "  geneva: { country: XY, region: GE }": country 13, XY 22 (the region is not judged then).
    expectOne(
      edit({ 10: '  geneva: { country: XY, region: GE }' }),
      10,
      22,
      'calendars.geneva.country',
      /XY is not a country of the holiday data \(expected an ISO 3166-1 alpha-2 code/,
    );
  });

  it('a region that is not one of the country', () => {
    // "  geneva: { country: CH, region: XX }": region 26, XX 34.
    expectOne(
      edit({ 10: '  geneva: { country: CH, region: XX }' }),
      10,
      34,
      'calendars.geneva.region',
      /XX is not a region of CH in the holiday data \(expected one of: AG, AI, .*GE.*\)/,
    );
  });

  it('a region without a country', () => {
    expectOne(
      edit({ 10: '  geneva: { region: GE }' }),
      10,
      21,
      'calendars.geneva.region',
      /region needs a country/,
    );
  });

  it('an unknown series, at the series value', () => {
    // "    due: { series: councils, offset: -P30D }": { 10, series 12, value 20.
    expectOne(
      edit({ 27: '    due: { series: councils, offset: -P30D }' }),
      27,
      20,
      'tasks[0].due.series',
      /unknown series councils \(no event says series: councils\)/,
    );
  });

  it('an empty series', () => {
    expectOne(
      edit({ 27: '    due: { series: "", offset: -P30D }' }),
      27,
      20,
      'tasks[0].due.series',
      /expected text, found ""/,
    );
  });

  it('a series name that is not an id, on an event', () => {
    // "  council-2027: { title: Council 2027, start: 2027-06-08, series: Council 27 }": series 59, value 67.
    // The task's series is still declared by council-2028.
    expectOne(
      edit({
        12: '  council-2027: { title: Council 2027, start: 2027-06-08, series: Council 27 }',
      }),
      12,
      67,
      'events.council-2027.series',
      /"Council 27" is not a valid id/,
    );
  });

  it('tentative that is not a boolean', () => {
    // "...series: council, tentative: soon }": tentative 76, value 87.
    expectOne(
      edit({
        13: '  council-2028: { title: Council 2028, start: 2028-06-13, series: council, tentative: soon }',
      }),
      13,
      87,
      'events.council-2028.tentative',
      /expected true or false, found "soon"/,
    );
  });

  it('a series due with recurrence, at the recurrence value', () => {
    expectOne(
      edit({ 28: '    recurrence: { every: P1Y }\n    deliverables: []' }),
      28,
      17,
      'tasks[0].recurrence',
      /recurrence is not allowed on a series due/,
    );
  });

  it('a series due with completed, at the completed value', () => {
    expectOne(
      edit({ 28: '    completed: 2027-05-01\n    deliverables: []' }),
      28,
      16,
      'tasks[0].completed',
      /completed is not allowed on a series due/,
    );
  });

  it('a series due with waived, at the waived value', () => {
    expectOne(
      edit({ 28: '    waived: { on: 2027-05-01, reason: Moot }\n    deliverables: []' }),
      28,
      13,
      'tasks[0].waived',
      /waived is not allowed on a series due/,
    );
  });

  it('a series due with an event as well', () => {
    // "    due: { series: council, event: council-2027 }": event 28, and series 12 is reported.
    expectOne(
      edit({ 27: '    due: { series: council, event: council-2027 }' }),
      27,
      12,
      'tasks[0].due.series',
      /give one of date, event or series/,
    );
  });

  it('waived without on, at the waived mapping', () => {
    expectOne(
      edit({ 35: '    waived: { reason: Overtaken by events }' }),
      35,
      13,
      'tasks[1].waived.on',
      /missing required field/,
    );
  });

  it('waived without reason, at the waived mapping', () => {
    expectOne(
      edit({ 35: '    waived: { on: 2026-11-27 }' }),
      35,
      13,
      'tasks[1].waived.reason',
      /missing required field/,
    );
  });

  it('waived with an invalid date', () => {
    // "    waived: { on: 2026-11-31, reason: x }": on 15, value 19.
    expectOne(
      edit({ 35: '    waived: { on: 2026-11-31, reason: x }' }),
      35,
      19,
      'tasks[1].waived.on',
      /2026-11-31 is not a calendar date/,
    );
  });

  it('waived on a recurring task', () => {
    expectOne(
      edit({ 36: '    recurrence: { every: P1Y }' }),
      35,
      13,
      'tasks[1].waived',
      /waived is only allowed on a task without recurrence/,
    );
  });

  it('completed with waived, at the waived value', () => {
    expectOne(
      edit({ 36: '    completed: 2027-02-20' }),
      35,
      13,
      'tasks[1].waived',
      /either completed or waived, not both/,
    );
  });
});

describe('a version 1 file that uses a v2 field', () => {
  it('is rejected at each such field, and nowhere else', () => {
    const problems = problemsOf(edit({ 1: 'version: 1' }));
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [7, 1, 'calendars'],
      [12, 59, 'events.council-2027.series'],
      [13, 59, 'events.council-2028.series'],
      [13, 76, 'events.council-2028.tentative'],
      [16, 83, 'people.arab-group.calendar'],
      [19, 17, 'defaults.overdueEvery'],
      [27, 12, 'tasks[0].due.series'],
      [35, 5, 'tasks[1].waived'],
    ]);
    for (const problem of problems) expect(problem.message).toMatch(/needs version: 2/);
  });

  /** BASE turned into a valid version 1 catalog: every v2 field taken out. */
  const V1: Record<number, string> = {
    1: 'version: 1',
    7: '# no calendars',
    8: '#',
    9: '#',
    10: '#',
    12: '  council-2027: { title: Council 2027, start: 2027-06-08 }',
    13: '#',
    16: '  arab-group: { name: Arab group, email: arab@example.org }',
    19: '  overdueEvery: P7D',
    27: '    due: { event: council-2027, offset: -P30D }',
    35: '#',
  };

  it('BASE without its v2 fields is a valid version 1 catalog', () => {
    const { catalog, problems } = validateCatalogText(edit(V1));
    expect(problems).toEqual([]);
    expect(catalog!.version).toBe(1);
    expect(catalog!.calendars).toBeUndefined();
  });

  it('overdueEvery: null on a task', () => {
    // "    overdueEvery: null": the value at col 19.
    expectOne(
      edit({ ...V1, 36: '    overdueEvery: null' }),
      36,
      19,
      'tasks[1].overdueEvery',
      /null \(no overdue notices\) needs version: 2/,
    );
  });

  it('keeps the v1 message for an unknown field', () => {
    expectOne(
      edit({ ...V1, 7: 'calendar: {}' }),
      7,
      1,
      'calendar',
      /unknown field \(expected one of: version, resolution, events, people, defaults, tasks\)$/,
    );
  });
});
