/**
 * The reminder plan against the catalog spec (its section
 * "The plan"). Every expected instant here was worked out by hand from the
 * spec's rules, with the reasoning next to it: the calendar arithmetic, the
 * weekday, and the zone's UTC offset on that date. Nothing is computed with
 * the code under test or with luxon.
 *
 * Calendar facts used below (2025): the 1st of each month falls on
 * Jan Wed, Feb Sat, Mar Sat, Apr Tue, May Thu, Jun Sun, Jul Tue, Aug Fri,
 * Sep Mon, Oct Wed, Nov Sat, Dec Mon; 2026-01-01 is a Thursday.
 * 2028-01-01 is a Saturday (2028 is a leap year), so 2028-02-29 is a Tuesday.
 *
 * Clock changes in 2025:
 * - Europe/Zurich: +01:00 -> +02:00 on Sun 30 Mar (last Sunday), back on Sun 26 Oct.
 * - America/New_York: -05:00 -> -04:00 on Sun 9 Mar (second Sunday), back on Sun 2 Nov
 *   (first Sunday).
 * - Australia/Sydney: +11:00 -> +10:00 on Sun 6 Apr (first Sunday), +10:00 -> +11:00 on
 *   Sun 5 Oct (first Sunday).
 * - America/Santiago (tzdata rule since 2023: "Apr Sun>=2 3:00u" and "Sep Sun>=2 4:00u"):
 *   -03:00 -> -04:00 at Sat 5 Apr 24:00 (clocks go back to 23:00), -04:00 -> -03:00 at
 *   Sat 6 Sep 24:00 (Sun 7 Sep starts at 01:00).
 * Zones without clock changes: Asia/Tokyo +09:00, Pacific/Kiritimati +14:00,
 * Pacific/Honolulu -10:00, Pacific/Pago_Pago -11:00.
 */
import { describe, it, expect } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';
import { planCatalog, toPlanEntry } from '../../src/plan/catalog-plan';
import { dueInstant, nextMessages } from '../../src/plan/occurrence-plan';
import { formatInstant, wallTimeToInstant } from '../../src/time/wall-clock';
import {
  addDuration,
  parseDuration,
  subtractDuration,
  weekendToFridayBefore,
  weekendToMondayAfter,
} from '../../src/time/duration';
import type {
  Catalog,
  OccurrenceSchedule,
  PlanEntry,
  PlannedMessage,
  Recipient,
} from '../../src/shared/types';

// ---------------------------------------------------------------------------
// Building small catalogs

/** Everyone who can get mail in these tests; `local` has no zone of its own. */
const PEOPLE: Record<string, string | undefined> = {
  local: undefined,
  zurich: 'Europe/Zurich',
  amy: 'Europe/Zurich',
  zed: 'Europe/Zurich',
  boss: 'Europe/Zurich',
  tokyo: 'Asia/Tokyo',
  kiritimati: 'Pacific/Kiritimati',
  honolulu: 'Pacific/Honolulu',
  pagopago: 'Pacific/Pago_Pago',
};

const mail = (key: string) => `${key}@example.org`;

/** One task in YAML; `fields` are its own `key: value` lines (assignees, due, policy). */
function task(id: string, ...fields: string[]): string {
  return [
    `  - id: ${id}`,
    `    clause: instructs 1`,
    `    title: Task ${id}`,
    `    responsible: Secretariat`,
    `    deliverables: [{ id: out, title: Output, kind: text }]`,
    ...fields.map((f) => `    ${f}`),
  ].join('\n');
}

/** A catalog in `zone` with the given tasks and, if any, `defaults` lines. */
function catalogYaml(zone: string, tasks: string[], defaults?: string[]): string {
  const people = Object.entries(PEOPLE).map(([key, tz]) =>
    tz
      ? `  ${key}: { name: ${key}, email: ${mail(key)}, timezone: ${tz} }`
      : `  ${key}: { name: ${key}, email: ${mail(key)} }`,
  );
  return [
    'version: 1',
    'resolution:',
    '  id: test-resolution',
    '  title: Test resolution',
    '  adoptedBy: Test Council',
    `  timezone: ${zone}`,
    'events:',
    '  council: { title: Council, start: 2025-06-17, end: 2025-06-27 }',
    '  march-end: { title: Meeting, start: 2025-03-31 }',
    'people:',
    ...people,
    ...(defaults ? ['defaults:', ...defaults.map((d) => `  ${d}`)] : []),
    'tasks:',
    ...tasks,
    '',
  ].join('\n');
}

function load(yaml: string): Catalog {
  const { catalog, problems } = validateCatalogText(yaml);
  expect(problems).toEqual([]);
  if (!catalog) throw new Error('catalog did not load');
  return catalog;
}

function catalog(zone: string, tasks: string[], defaults?: string[]): Catalog {
  return load(catalogYaml(zone, tasks, defaults));
}

/** The plan for `from < t < to`, in the spec's JSON form. */
function plan(cat: Catalog, from: string, to: string): PlanEntry[] {
  const messages = planCatalog(cat, Date.parse(from), Date.parse(to));
  for (const m of messages) expect(Date.parse(m.at)).toBe(m.atMs);
  return messages.map(toPlanEntry);
}

const reminder = (
  task: string,
  occurrence: string,
  offset: string,
  to: string,
  at: string,
): PlanEntry => ({ task, occurrence, kind: 'reminder', offset, to: mail(to), at });
const overdue = (task: string, occurrence: string, to: string, at: string): PlanEntry => ({
  task,
  occurrence,
  kind: 'overdue',
  to: mail(to),
  at,
});
const escalation = (task: string, occurrence: string, to: string, at: string): PlanEntry => ({
  task,
  occurrence,
  kind: 'escalation',
  to: mail(to),
  at,
});

const ofKind = (entries: PlanEntry[], kind: PlanEntry['kind']) =>
  entries.filter((e) => e.kind === kind);
const ofTask = (entries: PlanEntry[], id: string) => entries.filter((e) => e.task === id);

// ---------------------------------------------------------------------------

describe('calendar arithmetic (spec: DURATION)', () => {
  it('clamps P1M from Jan 31 to the end of February and does not drift', () => {
    const p1m = parseDuration('P1M')!;
    expect(addDuration('2025-01-31', p1m)).toBe('2025-02-28'); // Feb 2025 has 28 days
    // n x P1M from Jan 31 each time: Feb 28, Mar 31, Apr 30 (not Mar 28, Apr 28).
    expect(addDuration('2025-01-31', p1m, 2)).toBe('2025-03-31');
    expect(addDuration('2025-01-31', p1m, 3)).toBe('2025-04-30');
    // D - P1M from Mar 31: Feb 31 does not exist, clamped to Feb 28.
    expect(subtractDuration('2025-03-31', p1m)).toBe('2025-02-28');
  });

  it('adds P1Y to a leap day: 2028-02-29 + P1Y = 2029-02-28, + 4 x P1Y = 2032-02-29', () => {
    const p1y = parseDuration('P1Y')!;
    expect(addDuration('2028-02-29', p1y)).toBe('2029-02-28');
    expect(addDuration('2028-02-29', p1y, 4)).toBe('2032-02-29'); // 2032 is a leap year
  });

  it('counts P1W as 7 calendar days across a clock change', () => {
    // 2025-03-27 + 7 days = 2025-04-03 (the week holds the 23-hour Sunday 30 Mar).
    expect(addDuration('2025-03-27', parseDuration('P1W')!)).toBe('2025-04-03');
  });

  it('moves weekends: to the Friday before, or the Monday after', () => {
    // 2025-06-07 is a Saturday, 2025-06-08 a Sunday (June 1st is a Sunday).
    expect(weekendToFridayBefore('2025-06-07')).toBe('2025-06-06');
    expect(weekendToFridayBefore('2025-06-08')).toBe('2025-06-06');
    expect(weekendToFridayBefore('2025-06-09')).toBe('2025-06-09');
    // 2025-06-14 Saturday, 2025-06-15 Sunday -> Monday 2025-06-16.
    expect(weekendToMondayAfter('2025-06-14')).toBe('2025-06-16');
    expect(weekendToMondayAfter('2025-06-15')).toBe('2025-06-16');
    expect(weekendToMondayAfter('2025-06-13')).toBe('2025-06-13');
  });
});

describe('due instant (rule 2) and wall times', () => {
  const at = (iso: string) => Date.parse(iso);

  it('is the end of the due date in the resolution zone: 00:00 of D+1', () => {
    // Sat 2025-03-29 ends at Sun 30 Mar 00:00, still +01:00 (the change is at 02:00).
    expect(dueInstant({ dueDate: '2025-03-29', zone: 'Europe/Zurich' })).toBe(
      at('2025-03-30T00:00:00.000+01:00'),
    );
    // Sun 2025-03-30 ends at Mon 31 Mar 00:00 +02:00: that day lasted 23 hours.
    const short = dueInstant({ dueDate: '2025-03-30', zone: 'Europe/Zurich' });
    expect(short).toBe(at('2025-03-31T00:00:00.000+02:00'));
    expect(short - at('2025-03-30T00:00:00.000+01:00')).toBe(23 * 3_600_000);
    // Sun 2025-10-26 (back to +01:00) lasted 25 hours.
    const long = dueInstant({ dueDate: '2025-10-26', zone: 'Europe/Zurich' });
    expect(long).toBe(at('2025-10-27T00:00:00.000+01:00'));
    expect(long - at('2025-10-26T00:00:00.000+02:00')).toBe(25 * 3_600_000);
  });

  it('reads the end of the day in other hemispheres and the US', () => {
    // Sydney: Sun 2025-04-06 is already +10:00 at its end.
    expect(dueInstant({ dueDate: '2025-04-06', zone: 'Australia/Sydney' })).toBe(
      at('2025-04-07T00:00:00.000+10:00'),
    );
    // New York: Sun 2025-11-02 ends at Mon 3 Nov 00:00 -05:00.
    expect(dueInstant({ dueDate: '2025-11-02', zone: 'America/New_York' })).toBe(
      at('2025-11-03T00:00:00.000-05:00'),
    );
    // Santiago: at -03:00 the clock never reaches Sun 6 Apr 00:00 (it jumps back from
    // Sat 23:59:59 to Sat 23:00 -04:00), so 00:00 of 6 Apr happens once, at -04:00.
    expect(dueInstant({ dueDate: '2025-04-05', zone: 'America/Santiago' })).toBe(
      at('2025-04-06T00:00:00.000-04:00'),
    );
  });

  it('reads a due time in the resolution zone', () => {
    // 2025-05-18 is in summer time: 23:00 +02:00.
    expect(dueInstant({ dueDate: '2025-05-18', dueTime: '23:00', zone: 'Europe/Zurich' })).toBe(
      at('2025-05-18T23:00:00.000+02:00'),
    );
  });

  it('formats instants with the zone offset of that date', () => {
    expect(
      formatInstant(wallTimeToInstant('2025-03-30', '09:00', 'Europe/Zurich'), 'Europe/Zurich'),
    ).toBe('2025-03-30T09:00:00.000+02:00');
    expect(formatInstant(at('2025-06-12T19:00:00.000Z'), 'Pacific/Kiritimati')).toBe(
      '2025-06-13T09:00:00.000+14:00',
    );
    expect(formatInstant(at('2025-06-12T20:00:00.000Z'), 'Pacific/Pago_Pago')).toBe(
      '2025-06-12T09:00:00.000-11:00',
    );
  });
});

describe('clock changes (rules 3 and 4 in the recipient zone)', () => {
  // Each task is due on a Monday the day after a clock change, with reminders the
  // Friday (P3D) or Monday (P7D) before and on the Sunday of the change (P1D).
  // No defaults block: skipWeekends is false, sendAt 09:00, overdue every P7D.

  it('Europe/Zurich: last Sunday of March', () => {
    const cat = catalog('Europe/Zurich', [
      task('spring', 'assignees: [local]', 'due: 2025-03-31', 'reminders: [P7D, P1D]'),
    ]);
    expect(plan(cat, '2025-03-20T00:00:00+01:00', '2025-04-09T00:00:00+02:00')).toStrictEqual([
      // Mon 31 Mar - 7 = Mon 24 Mar, before the change: +01:00.
      reminder('spring', '2025-03-31', 'P7D', 'local', '2025-03-24T09:00:00.000+01:00'),
      // Mon 31 Mar - 1 = Sun 30 Mar; 09:00 is after the 02:00 -> 03:00 jump: +02:00.
      reminder('spring', '2025-03-31', 'P1D', 'local', '2025-03-30T09:00:00.000+02:00'),
      // Due instant Tue 1 Apr 00:00 +02:00; D+1 = Tue 1 Apr, D+1+P7D = Tue 8 Apr.
      overdue('spring', '2025-03-31', 'local', '2025-04-01T09:00:00.000+02:00'),
      overdue('spring', '2025-03-31', 'local', '2025-04-08T09:00:00.000+02:00'),
    ]);
  });

  it('Europe/Zurich: last Sunday of October', () => {
    const cat = catalog('Europe/Zurich', [
      task('autumn', 'assignees: [local]', 'due: 2025-10-27', 'reminders: [P7D, P1D]'),
    ]);
    expect(plan(cat, '2025-10-15T00:00:00+02:00', '2025-10-29T00:00:00+01:00')).toStrictEqual([
      // Mon 27 Oct - 7 = Mon 20 Oct, still summer time.
      reminder('autumn', '2025-10-27', 'P7D', 'local', '2025-10-20T09:00:00.000+02:00'),
      // Sun 26 Oct at 09:00 is after the 03:00 -> 02:00 fall back: +01:00.
      reminder('autumn', '2025-10-27', 'P1D', 'local', '2025-10-26T09:00:00.000+01:00'),
      // D+1 = Tue 28 Oct.
      overdue('autumn', '2025-10-27', 'local', '2025-10-28T09:00:00.000+01:00'),
    ]);
  });

  const usTasks = [
    task('us-spring', 'assignees: [local]', 'due: 2025-03-10', 'reminders: [P3D, P1D]'),
    task('us-autumn', 'assignees: [local]', 'due: 2025-11-03', 'reminders: [P3D, P1D]'),
  ];

  it('America/New_York: second Sunday of March', () => {
    const cat = catalog('America/New_York', usTasks);
    expect(plan(cat, '2025-03-01T00:00:00-05:00', '2025-03-12T00:00:00-04:00')).toStrictEqual([
      // Mon 10 Mar - 3 = Fri 7 Mar, EST.
      reminder('us-spring', '2025-03-10', 'P3D', 'local', '2025-03-07T09:00:00.000-05:00'),
      // Sun 9 Mar 09:00, after the 02:00 -> 03:00 jump: EDT.
      reminder('us-spring', '2025-03-10', 'P1D', 'local', '2025-03-09T09:00:00.000-04:00'),
      // D+1 = Tue 11 Mar.
      overdue('us-spring', '2025-03-10', 'local', '2025-03-11T09:00:00.000-04:00'),
    ]);
  });

  it('America/New_York: first Sunday of November', () => {
    const cat = catalog('America/New_York', usTasks);
    const entries = plan(cat, '2025-10-25T00:00:00-04:00', '2025-11-05T00:00:00-05:00');
    expect(ofTask(entries, 'us-autumn')).toStrictEqual([
      // Mon 3 Nov - 3 = Fri 31 Oct, EDT.
      reminder('us-autumn', '2025-11-03', 'P3D', 'local', '2025-10-31T09:00:00.000-04:00'),
      // Sun 2 Nov 09:00, after the 02:00 -> 01:00 fall back: EST.
      reminder('us-autumn', '2025-11-03', 'P1D', 'local', '2025-11-02T09:00:00.000-05:00'),
      overdue('us-autumn', '2025-11-03', 'local', '2025-11-04T09:00:00.000-05:00'),
    ]);
  });

  const sydneyTasks = [
    task('au-april', 'assignees: [local]', 'due: 2025-04-07', 'reminders: [P3D, P1D]'),
    task('au-october', 'assignees: [local]', 'due: 2025-10-06', 'reminders: [P3D, P1D]'),
  ];

  it('Australia/Sydney: first Sunday of April (summer time ends)', () => {
    const cat = catalog('Australia/Sydney', sydneyTasks);
    expect(plan(cat, '2025-04-01T00:00:00+11:00', '2025-04-09T00:00:00+10:00')).toStrictEqual([
      // Mon 7 Apr - 3 = Fri 4 Apr, AEDT.
      reminder('au-april', '2025-04-07', 'P3D', 'local', '2025-04-04T09:00:00.000+11:00'),
      // Sun 6 Apr 09:00, after 03:00 -> 02:00: AEST.
      reminder('au-april', '2025-04-07', 'P1D', 'local', '2025-04-06T09:00:00.000+10:00'),
      overdue('au-april', '2025-04-07', 'local', '2025-04-08T09:00:00.000+10:00'),
    ]);
  });

  it('Australia/Sydney: first Sunday of October (summer time starts)', () => {
    const cat = catalog('Australia/Sydney', sydneyTasks);
    const entries = plan(cat, '2025-10-01T00:00:00+10:00', '2025-10-08T00:00:00+11:00');
    expect(ofTask(entries, 'au-october')).toStrictEqual([
      // Mon 6 Oct - 3 = Fri 3 Oct, AEST.
      reminder('au-october', '2025-10-06', 'P3D', 'local', '2025-10-03T09:00:00.000+10:00'),
      // Sun 5 Oct 09:00, after 02:00 -> 03:00: AEDT.
      reminder('au-october', '2025-10-06', 'P1D', 'local', '2025-10-05T09:00:00.000+11:00'),
      overdue('au-october', '2025-10-06', 'local', '2025-10-07T09:00:00.000+11:00'),
    ]);
  });

  const chileTasks = [
    task('cl-april', 'assignees: [local]', 'due: 2025-04-07', 'reminders: [P3D, P1D]'),
    task('cl-september', 'assignees: [local]', 'due: 2025-09-08', 'reminders: [P3D, P1D]'),
  ];

  it('America/Santiago: summer time ends in April', () => {
    const cat = catalog('America/Santiago', chileTasks);
    expect(plan(cat, '2025-04-01T00:00:00-03:00', '2025-04-09T00:00:00-04:00')).toStrictEqual([
      // Mon 7 Apr - 3 = Fri 4 Apr, -03:00.
      reminder('cl-april', '2025-04-07', 'P3D', 'local', '2025-04-04T09:00:00.000-03:00'),
      // Sun 6 Apr: the clocks went back at the start of the day: -04:00.
      reminder('cl-april', '2025-04-07', 'P1D', 'local', '2025-04-06T09:00:00.000-04:00'),
      overdue('cl-april', '2025-04-07', 'local', '2025-04-08T09:00:00.000-04:00'),
    ]);
  });

  it('America/Santiago: summer time starts in September', () => {
    const cat = catalog('America/Santiago', chileTasks);
    const entries = plan(cat, '2025-09-01T00:00:00-04:00', '2025-09-10T00:00:00-03:00');
    expect(ofTask(entries, 'cl-september')).toStrictEqual([
      // Mon 8 Sep - 3 = Fri 5 Sep, -04:00.
      reminder('cl-september', '2025-09-08', 'P3D', 'local', '2025-09-05T09:00:00.000-04:00'),
      // Sun 7 Sep started at 01:00 -03:00.
      reminder('cl-september', '2025-09-08', 'P1D', 'local', '2025-09-07T09:00:00.000-03:00'),
      overdue('cl-september', '2025-09-08', 'local', '2025-09-09T09:00:00.000-03:00'),
    ]);
  });
});

describe('month ends and leap days', () => {
  it('clamps P1M in overdue notices, escalation and reminders', () => {
    const cat = catalog('Europe/Zurich', [
      // D = Thu 30 Jan; overdue dates D+1 + k x P1M = Jan 31, Feb 28, Mar 31, Apr 30.
      task('overdue-monthly', 'assignees: [zurich]', 'due: 2025-01-30', 'overdueEvery: P1M'),
      // E = Jan 31 + P1M = Feb 28 (clamped).
      task(
        'escalate-monthly',
        'assignees: [zurich]',
        'manager: boss',
        'due: 2025-01-31',
        'escalateAfter: P1M',
        'overdueEvery: P1Y',
      ),
      // R = Mar 31 - P1M = Feb 31 -> Feb 28.
      task(
        'remind-monthly',
        'assignees: [zurich]',
        'due: 2025-03-31',
        'reminders: [P1M]',
        'overdueEvery: P1Y',
      ),
    ]);
    expect(plan(cat, '2025-01-01T00:00:00+01:00', '2025-05-01T00:00:00+02:00')).toStrictEqual([
      overdue('overdue-monthly', '2025-01-30', 'zurich', '2025-01-31T09:00:00.000+01:00'),
      // escalate-monthly: D+1 = Sat 1 Feb (skipWeekends is off by default).
      overdue('escalate-monthly', '2025-01-31', 'zurich', '2025-02-01T09:00:00.000+01:00'),
      // Three tasks at Fri 28 Feb 09:00 +01:00, sorted by task id.
      escalation('escalate-monthly', '2025-01-31', 'boss', '2025-02-28T09:00:00.000+01:00'),
      overdue('overdue-monthly', '2025-01-30', 'zurich', '2025-02-28T09:00:00.000+01:00'),
      reminder('remind-monthly', '2025-03-31', 'P1M', 'zurich', '2025-02-28T09:00:00.000+01:00'),
      // Mar 31 is after the March change: +02:00.
      overdue('overdue-monthly', '2025-01-30', 'zurich', '2025-03-31T09:00:00.000+02:00'),
      // remind-monthly: D+1 = Apr 1.
      overdue('remind-monthly', '2025-03-31', 'zurich', '2025-04-01T09:00:00.000+02:00'),
      overdue('overdue-monthly', '2025-01-30', 'zurich', '2025-04-30T09:00:00.000+02:00'),
    ]);
  });

  const monthly = (until: string) =>
    catalog('Europe/Zurich', [
      task(
        'monthly',
        'assignees: [zurich]',
        'due: 2025-01-31',
        `recurrence: { every: P1M, until: ${until} }`,
        'reminders: [P0D]',
      ),
    ]);

  it('recurs P1M from Jan 31 without drift, up to until inclusive', () => {
    // Occurrence n = Jan 31 + n x P1M: Jan 31, Feb 28, Mar 31, Apr 30; May 31 > until.
    const entries = plan(
      monthly('2025-04-30'),
      '2025-01-01T00:00:00+01:00',
      '2025-07-01T00:00:00+02:00',
    );
    expect(ofKind(entries, 'reminder')).toStrictEqual([
      reminder('monthly', '2025-01-31', 'P0D', 'zurich', '2025-01-31T09:00:00.000+01:00'),
      reminder('monthly', '2025-02-28', 'P0D', 'zurich', '2025-02-28T09:00:00.000+01:00'),
      reminder('monthly', '2025-03-31', 'P0D', 'zurich', '2025-03-31T09:00:00.000+02:00'),
      // Due exactly on `until`: still tracked.
      reminder('monthly', '2025-04-30', 'P0D', 'zurich', '2025-04-30T09:00:00.000+02:00'),
    ]);
    expect([...new Set(entries.map((e) => e.occurrence))].sort()).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
    ]);
  });

  it('stops before an occurrence due the day after until', () => {
    const entries = plan(
      monthly('2025-04-29'),
      '2025-01-01T00:00:00+01:00',
      '2025-07-01T00:00:00+02:00',
    );
    expect(ofKind(entries, 'reminder').map((e) => e.occurrence)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
    ]);
  });

  it('recurs P1Y from a leap day: Feb 28 in common years, Feb 29 again in 2032', () => {
    const cat = catalog('Europe/Zurich', [
      task(
        'leap',
        'assignees: [zurich]',
        'due: 2028-02-29',
        'recurrence: { every: P1Y, until: 2032-12-31 }',
        'reminders: [P0D]',
        'overdueEvery: P1Y',
      ),
    ]);
    const entries = plan(cat, '2028-01-01T00:00:00+01:00', '2033-01-01T00:00:00+01:00');
    // February is always +01:00 in Zurich. Tue 2028-02-29, Wed 2029-02-28,
    // Thu 2030-02-28, Fri 2031-02-28, Sun 2032-02-29 (D0 + 4 x P1Y).
    expect(ofKind(entries, 'reminder')).toStrictEqual([
      reminder('leap', '2028-02-29', 'P0D', 'zurich', '2028-02-29T09:00:00.000+01:00'),
      reminder('leap', '2029-02-28', 'P0D', 'zurich', '2029-02-28T09:00:00.000+01:00'),
      reminder('leap', '2030-02-28', 'P0D', 'zurich', '2030-02-28T09:00:00.000+01:00'),
      reminder('leap', '2031-02-28', 'P0D', 'zurich', '2031-02-28T09:00:00.000+01:00'),
      reminder('leap', '2032-02-29', 'P0D', 'zurich', '2032-02-29T09:00:00.000+01:00'),
    ]);
  });

  it('escalates P1Y after a leap day on Feb 28 of the next year', () => {
    const cat = catalog('Europe/Zurich', [
      task(
        'leap-escalation',
        'assignees: [zurich]',
        'manager: boss',
        'due: 2028-02-29',
        'escalateAfter: P1Y',
        'overdueEvery: P1Y',
      ),
    ]);
    const entries = plan(cat, '2028-01-01T00:00:00+01:00', '2030-01-01T00:00:00+01:00');
    expect(ofKind(entries, 'escalation')).toStrictEqual([
      // 2028-02-29 + P1Y = 2029-02-28 (Wednesday).
      escalation('leap-escalation', '2028-02-29', 'boss', '2029-02-28T09:00:00.000+01:00'),
    ]);
    // D+1 = 2028-03-01; D+1 + P1Y = 2029-03-01 (both +01:00, before the March change).
    expect(ofKind(entries, 'overdue')).toStrictEqual([
      overdue('leap-escalation', '2028-02-29', 'zurich', '2028-03-01T09:00:00.000+01:00'),
      overdue('leap-escalation', '2028-02-29', 'zurich', '2029-03-01T09:00:00.000+01:00'),
    ]);
  });
});

describe('weekends (skipWeekends)', () => {
  it('moves reminders to the Friday before, overdue notices and escalation to the Monday after', () => {
    const cat = catalog(
      'Europe/Zurich',
      [
        task(
          'weekend',
          'assignees: [zurich]',
          'manager: boss',
          'due: 2025-06-10',
          'reminders: [P10D, P3D]',
          'overdueEvery: P3D',
          'escalateAfter: P5D',
        ),
      ],
      ['skipWeekends: true'],
    );
    // D = Tue 10 Jun 2025, all dates in summer time (+02:00).
    expect(plan(cat, '2025-05-25T00:00:00+02:00', '2025-06-24T00:00:00+02:00')).toStrictEqual([
      // 10 Jun - 10 = Sat 31 May -> Fri 30 May.
      reminder('weekend', '2025-06-10', 'P10D', 'zurich', '2025-05-30T09:00:00.000+02:00'),
      // 10 Jun - 3 = Sat 7 Jun -> Fri 6 Jun.
      reminder('weekend', '2025-06-10', 'P3D', 'zurich', '2025-06-06T09:00:00.000+02:00'),
      // D+1 = Wed 11 Jun.
      overdue('weekend', '2025-06-10', 'zurich', '2025-06-11T09:00:00.000+02:00'),
      // E = 10 Jun + 5 = Sun 15 Jun -> Mon 16 Jun; D+1+P3D = Sat 14 Jun -> Mon 16 Jun.
      // Same instant, same task and occurrence: escalation sorts before overdue.
      escalation('weekend', '2025-06-10', 'boss', '2025-06-16T09:00:00.000+02:00'),
      overdue('weekend', '2025-06-10', 'zurich', '2025-06-16T09:00:00.000+02:00'),
      // D+1+P6D = Tue 17 Jun (counted from D+1, not from the moved Monday).
      overdue('weekend', '2025-06-10', 'zurich', '2025-06-17T09:00:00.000+02:00'),
      // D+1+P9D = Fri 20 Jun, D+1+P12D = Mon 23 Jun.
      overdue('weekend', '2025-06-10', 'zurich', '2025-06-20T09:00:00.000+02:00'),
      overdue('weekend', '2025-06-10', 'zurich', '2025-06-23T09:00:00.000+02:00'),
    ]);
  });

  it('rule 9: reminders moved onto the same Friday are one, with the offset listed first', () => {
    const cat = catalog(
      'Europe/Zurich',
      [
        task(
          'dedupe',
          'assignees: [zurich, tokyo]',
          'due: 2025-06-10',
          // P3D -> Sat 7 Jun -> Fri 6 Jun; P2D -> Sun 8 Jun -> Fri 6 Jun; P4D = Fri 6 Jun.
          'reminders: [P3D, P2D, P4D]',
        ),
      ],
      ['skipWeekends: true'],
    );
    const entries = plan(cat, '2025-06-01T00:00:00+02:00', '2025-06-10T00:00:00+02:00');
    expect(entries).toStrictEqual([
      // Tokyo 09:00 +09:00 = 00:00Z, before Zurich 09:00 +02:00 = 07:00Z.
      reminder('dedupe', '2025-06-10', 'P3D', 'tokyo', '2025-06-06T09:00:00.000+09:00'),
      reminder('dedupe', '2025-06-10', 'P3D', 'zurich', '2025-06-06T09:00:00.000+02:00'),
    ]);
  });

  it('rule 9: overdue notices moved onto the same Monday are one', () => {
    const cat = catalog(
      'Europe/Zurich',
      [task('daily', 'assignees: [zurich]', 'due: 2025-06-12', 'overdueEvery: P1D')],
      ['skipWeekends: true'],
    );
    // D = Thu 12 Jun: Fri 13, Sat 14 -> Mon 16, Sun 15 -> Mon 16, Mon 16, Tue 17.
    expect(plan(cat, '2025-06-12T00:00:00+02:00', '2025-06-18T00:00:00+02:00')).toStrictEqual([
      overdue('daily', '2025-06-12', 'zurich', '2025-06-13T09:00:00.000+02:00'),
      overdue('daily', '2025-06-12', 'zurich', '2025-06-16T09:00:00.000+02:00'),
      overdue('daily', '2025-06-12', 'zurich', '2025-06-17T09:00:00.000+02:00'),
    ]);
  });
});

describe('recipients far east and far west of the resolution zone', () => {
  // Resolution zone Europe/Zurich (+02:00 in June). D = Thu 2025-06-12.
  // Without a time the due instant is Fri 13 Jun 00:00 +02:00 = 2025-06-12T22:00Z.
  // 09:00 on 12 Jun: Kiritimati 11 Jun 19:00Z, Tokyo 12 Jun 00:00Z, Zurich 07:00Z,
  // Honolulu 19:00Z, Pago Pago 20:00Z.
  const everyone = 'assignees: [zurich, honolulu, pagopago, tokyo, kiritimati]';

  it('a P0D reminder at 09:00 on the due date is before the end of the day everywhere', () => {
    const cat = catalog('Europe/Zurich', [
      task('on-the-day', everyone, 'due: 2025-06-12', 'reminders: [P0D]'),
    ]);
    const entries = plan(cat, '2025-06-01T00:00:00Z', '2025-06-21T00:00:00Z');
    expect(ofKind(entries, 'reminder')).toStrictEqual([
      reminder('on-the-day', '2025-06-12', 'P0D', 'kiritimati', '2025-06-12T09:00:00.000+14:00'),
      reminder('on-the-day', '2025-06-12', 'P0D', 'tokyo', '2025-06-12T09:00:00.000+09:00'),
      reminder('on-the-day', '2025-06-12', 'P0D', 'zurich', '2025-06-12T09:00:00.000+02:00'),
      reminder('on-the-day', '2025-06-12', 'P0D', 'honolulu', '2025-06-12T09:00:00.000-10:00'),
      reminder('on-the-day', '2025-06-12', 'P0D', 'pagopago', '2025-06-12T09:00:00.000-11:00'),
    ]);
  });

  it('skips a D+1 overdue notice that falls before the due instant far east', () => {
    const cat = catalog('Europe/Zurich', [
      task('on-the-day', everyone, 'due: 2025-06-12', 'reminders: [P0D]'),
    ]);
    const entries = plan(cat, '2025-06-01T00:00:00Z', '2025-06-21T00:00:00Z');
    expect(ofKind(entries, 'overdue')).toStrictEqual([
      // Kiritimati's 13 Jun 09:00 +14:00 = 12 Jun 19:00Z is before 22:00Z: skipped.
      // 13 Jun 09:00: Tokyo 00:00Z, Zurich 07:00Z, Honolulu 19:00Z, Pago Pago 20:00Z.
      overdue('on-the-day', '2025-06-12', 'tokyo', '2025-06-13T09:00:00.000+09:00'),
      overdue('on-the-day', '2025-06-12', 'zurich', '2025-06-13T09:00:00.000+02:00'),
      overdue('on-the-day', '2025-06-12', 'honolulu', '2025-06-13T09:00:00.000-10:00'),
      overdue('on-the-day', '2025-06-12', 'pagopago', '2025-06-13T09:00:00.000-11:00'),
      // D+1+P7D = 20 Jun: Kiritimati 19 Jun 19:00Z is its first notice.
      overdue('on-the-day', '2025-06-12', 'kiritimati', '2025-06-20T09:00:00.000+14:00'),
      overdue('on-the-day', '2025-06-12', 'tokyo', '2025-06-20T09:00:00.000+09:00'),
      overdue('on-the-day', '2025-06-12', 'zurich', '2025-06-20T09:00:00.000+02:00'),
      overdue('on-the-day', '2025-06-12', 'honolulu', '2025-06-20T09:00:00.000-10:00'),
      overdue('on-the-day', '2025-06-12', 'pagopago', '2025-06-20T09:00:00.000-11:00'),
    ]);
  });

  it('due at 12:00: the P0D reminder reaches the east, not the west', () => {
    const cat = catalog('Europe/Zurich', [
      task('noon', everyone, "due: { date: 2025-06-12, time: '12:00' }", 'reminders: [P0D]'),
    ]);
    // Due instant 12 Jun 12:00 +02:00 = 10:00Z. Honolulu (19:00Z) and Pago Pago (20:00Z)
    // would be after it.
    const entries = plan(cat, '2025-06-01T00:00:00Z', '2025-06-14T00:00:00Z');
    expect(entries).toStrictEqual([
      reminder('noon', '2025-06-12', 'P0D', 'kiritimati', '2025-06-12T09:00:00.000+14:00'),
      reminder('noon', '2025-06-12', 'P0D', 'tokyo', '2025-06-12T09:00:00.000+09:00'),
      reminder('noon', '2025-06-12', 'P0D', 'zurich', '2025-06-12T09:00:00.000+02:00'),
      // D+1 09:00 is after 10:00Z everywhere, Kiritimati included (12 Jun 19:00Z).
      overdue('noon', '2025-06-12', 'kiritimati', '2025-06-13T09:00:00.000+14:00'),
      overdue('noon', '2025-06-12', 'tokyo', '2025-06-13T09:00:00.000+09:00'),
      overdue('noon', '2025-06-12', 'zurich', '2025-06-13T09:00:00.000+02:00'),
      overdue('noon', '2025-06-12', 'honolulu', '2025-06-13T09:00:00.000-10:00'),
      overdue('noon', '2025-06-12', 'pagopago', '2025-06-13T09:00:00.000-11:00'),
    ]);
  });

  it('due at 23:00: every P0D reminder is sent, the D+1 notice far east is not', () => {
    const cat = catalog('Europe/Zurich', [
      task('late', everyone, "due: { date: 2025-06-12, time: '23:00' }", 'reminders: [P0D]'),
    ]);
    // Due instant 12 Jun 23:00 +02:00 = 21:00Z: Pago Pago's 20:00Z reminder is before it;
    // Kiritimati's 13 Jun 09:00 (12 Jun 19:00Z) notice is before it too.
    const entries = plan(cat, '2025-06-01T00:00:00Z', '2025-06-14T00:00:00Z');
    expect(ofKind(entries, 'reminder').map((e) => e.to)).toEqual(
      ['kiritimati', 'tokyo', 'zurich', 'honolulu', 'pagopago'].map(mail),
    );
    expect(ofKind(entries, 'overdue')).toStrictEqual([
      overdue('late', '2025-06-12', 'tokyo', '2025-06-13T09:00:00.000+09:00'),
      overdue('late', '2025-06-12', 'zurich', '2025-06-13T09:00:00.000+02:00'),
      overdue('late', '2025-06-12', 'honolulu', '2025-06-13T09:00:00.000-10:00'),
      overdue('late', '2025-06-12', 'pagopago', '2025-06-13T09:00:00.000-11:00'),
    ]);
  });

  it('a reminder exactly at the due instant is not before it, an overdue notice exactly at it is not after it', () => {
    const cat = catalog('Europe/Zurich', [
      // Due 22:00 +02:00 = 20:00Z = Pago Pago's 09:00 -11:00.
      task(
        'at-22',
        'assignees: [honolulu, pagopago]',
        "due: { date: 2025-06-12, time: '22:00' }",
        'reminders: [P0D]',
      ),
      // Due 21:00 +02:00 = 19:00Z = Kiritimati's 13 Jun 09:00 +14:00.
      task('at-21', 'assignees: [kiritimati]', "due: { date: 2025-06-12, time: '21:00' }"),
    ]);
    const entries = plan(cat, '2025-06-01T00:00:00Z', '2025-06-21T00:00:00Z');
    expect(ofKind(ofTask(entries, 'at-22'), 'reminder')).toStrictEqual([
      reminder('at-22', '2025-06-12', 'P0D', 'honolulu', '2025-06-12T09:00:00.000-10:00'),
    ]);
    expect(ofTask(entries, 'at-21')).toStrictEqual([
      overdue('at-21', '2025-06-12', 'kiritimati', '2025-06-20T09:00:00.000+14:00'),
    ]);
  });

  it('sends no escalation when the only one falls before the due instant', () => {
    const cat = catalog('Europe/Zurich', [
      // E = D + P1D = 13 Jun; Kiritimati 09:00 = 12 Jun 19:00Z < 22:00Z: none, ever.
      task(
        'esc-east',
        'assignees: [zurich]',
        'manager: kiritimati',
        'due: 2025-06-12',
        'escalateAfter: P1D',
      ),
      // Tokyo 13 Jun 09:00 = 00:00Z > 22:00Z: sent.
      task(
        'esc-tokyo',
        'assignees: [zurich]',
        'manager: tokyo',
        'due: 2025-06-12',
        'escalateAfter: P1D',
      ),
    ]);
    const entries = plan(cat, '2025-06-01T00:00:00Z', '2025-08-01T00:00:00Z');
    expect(ofKind(entries, 'escalation')).toStrictEqual([
      escalation('esc-tokyo', '2025-06-12', 'tokyo', '2025-06-13T09:00:00.000+09:00'),
    ]);
  });
});

describe('event dues (rule 1)', () => {
  const cat = () =>
    catalog('Europe/Zurich', [
      // council starts Tue 2025-06-17; -P30D = Sun 2025-05-18; due 12:00 +02:00 = 10:00Z.
      task(
        'ev-minus',
        'assignees: [zurich, honolulu]',
        "due: { event: council, offset: -P30D, time: '12:00' }",
        'reminders: [P0D]',
      ),
      // offset defaults to P0D: D = 2025-06-17.
      task('ev-zero', 'assignees: [zurich]', 'due: { event: council }', 'reminders: [P0D]'),
      // +P1W: D = Tue 2025-06-24, due 08:00; the 09:00 P0D reminder is after it.
      task(
        'ev-plus',
        'assignees: [zurich]',
        "due: { event: council, offset: P1W, time: '08:00' }",
        'reminders: [P0D, P1D]',
      ),
      // march-end starts 2025-03-31; -P1M = Feb 31 -> Feb 28.
      task(
        'ev-month',
        'assignees: [zurich]',
        'due: { event: march-end, offset: -P1M }',
        'reminders: [P0D]',
      ),
    ]);

  it('shifts the event start by the offset and reads the time in the resolution zone', () => {
    const entries = plan(cat(), '2025-01-01T00:00:00+01:00', '2025-07-01T00:00:00+02:00');
    expect(ofKind(entries, 'reminder')).toStrictEqual([
      reminder('ev-month', '2025-02-28', 'P0D', 'zurich', '2025-02-28T09:00:00.000+01:00'),
      // Honolulu's 09:00 -10:00 = 19:00Z is after the 10:00Z due instant: none.
      reminder('ev-minus', '2025-05-18', 'P0D', 'zurich', '2025-05-18T09:00:00.000+02:00'),
      reminder('ev-zero', '2025-06-17', 'P0D', 'zurich', '2025-06-17T09:00:00.000+02:00'),
      // ev-plus: P0D (24 Jun 09:00) is after the 08:00 due instant; P1D = Mon 23 Jun.
      reminder('ev-plus', '2025-06-24', 'P1D', 'zurich', '2025-06-23T09:00:00.000+02:00'),
    ]);
  });

  it('starts overdue notices on D+1 in each recipient zone', () => {
    const entries = plan(cat(), '2025-05-18T00:00:00+02:00', '2025-05-20T00:00:00+02:00');
    expect(ofKind(ofTask(entries, 'ev-minus'), 'overdue')).toStrictEqual([
      // D+1 = Mon 19 May: Zurich 07:00Z, Honolulu 19:00Z.
      overdue('ev-minus', '2025-05-18', 'zurich', '2025-05-19T09:00:00.000+02:00'),
      overdue('ev-minus', '2025-05-18', 'honolulu', '2025-05-19T09:00:00.000-10:00'),
    ]);
  });
});

describe('what is tracked and the window (rules 7 and 8)', () => {
  const edge = () =>
    catalog('Europe/Zurich', [
      // D = Thu 12 Jun; P1D = Wed 11 Jun 09:00 +02:00.
      task('edge', 'assignees: [zurich]', 'due: 2025-06-12', 'reminders: [P1D]'),
    ]);
  const theReminder = reminder(
    'edge',
    '2025-06-12',
    'P1D',
    'zurich',
    '2025-06-11T09:00:00.000+02:00',
  );

  it('sends nothing at `from`, and what is one minute after it', () => {
    expect(plan(edge(), '2025-06-11T09:00:00+02:00', '2025-06-12T00:00:00+02:00')).toEqual([]);
    expect(plan(edge(), '2025-06-11T07:00:00Z', '2025-06-12T00:00:00+02:00')).toEqual([]);
    expect(plan(edge(), '2025-06-11T08:59:00+02:00', '2025-06-12T00:00:00+02:00')).toStrictEqual([
      theReminder,
    ]);
  });

  it('excludes `to` itself', () => {
    expect(plan(edge(), '2025-06-01T00:00:00+02:00', '2025-06-11T09:00:00+02:00')).toEqual([]);
    expect(plan(edge(), '2025-06-01T00:00:00+02:00', '2025-06-11T09:01:00+02:00')).toStrictEqual([
      theReminder,
    ]);
  });

  const pastAndRecurring = () =>
    catalog('Europe/Zurich', [
      task('once', 'assignees: [zurich]', 'due: 2025-06-02'),
      task(
        'weekly',
        'assignees: [zurich]',
        'due: 2025-06-02',
        'recurrence: { every: P1W, until: 2025-12-31 }',
      ),
    ]);

  it('keeps a past non-recurring task overdue but closes past recurring occurrences', () => {
    // from = Tue 10 Jun 12:00. once (Mon 2 Jun): notices 3, 10, 17, 24 Jun; only 17 and
    // 24 are after from. weekly: occurrences 2 Jun (due 3 Jun 00:00) and 9 Jun (due
    // 10 Jun 00:00) are history; 16 Jun (due 17 Jun 00:00) -> notices 17, 24 Jun;
    // 23 Jun -> notice 24 Jun; 30 Jun -> first notice 1 Jul, after `to`.
    const entries = plan(
      pastAndRecurring(),
      '2025-06-10T12:00:00+02:00',
      '2025-06-25T00:00:00+02:00',
    );
    expect(entries).toStrictEqual([
      overdue('once', '2025-06-02', 'zurich', '2025-06-17T09:00:00.000+02:00'),
      overdue('weekly', '2025-06-16', 'zurich', '2025-06-17T09:00:00.000+02:00'),
      overdue('once', '2025-06-02', 'zurich', '2025-06-24T09:00:00.000+02:00'),
      overdue('weekly', '2025-06-16', 'zurich', '2025-06-24T09:00:00.000+02:00'),
      overdue('weekly', '2025-06-23', 'zurich', '2025-06-24T09:00:00.000+02:00'),
    ]);
  });

  it('tracks a recurring occurrence only when its due instant is after `from`', () => {
    // Occurrence 16 Jun is due at 17 Jun 00:00 +02:00.
    expect(
      plan(pastAndRecurring(), '2025-06-17T00:00:00+02:00', '2025-06-18T00:00:00+02:00'),
    ).toStrictEqual([overdue('once', '2025-06-02', 'zurich', '2025-06-17T09:00:00.000+02:00')]);
    expect(
      plan(pastAndRecurring(), '2025-06-16T23:59:00+02:00', '2025-06-18T00:00:00+02:00'),
    ).toStrictEqual([
      overdue('once', '2025-06-02', 'zurich', '2025-06-17T09:00:00.000+02:00'),
      overdue('weekly', '2025-06-16', 'zurich', '2025-06-17T09:00:00.000+02:00'),
    ]);
  });

  it('sends nothing for a completed task', () => {
    const cat = catalog('Europe/Zurich', [
      task(
        'done',
        'assignees: [zurich]',
        'manager: boss',
        'due: 2025-06-12',
        'completed: 2025-06-01',
        'reminders: [P7D, P1D]',
        'escalateAfter: P1D',
      ),
    ]);
    expect(plan(cat, '2025-01-01T00:00:00+01:00', '2026-01-01T00:00:00+01:00')).toEqual([]);
  });
});

describe('the plan entries', () => {
  it('sorts by instant, then task, occurrence, kind and recipient address', () => {
    const cat = catalog('Europe/Zurich', [
      // Listed first, and assignees not in address order, so that only sorting helps.
      task(
        'b-task',
        'assignees: [zed, amy]',
        'manager: boss',
        'due: 2025-06-02',
        'recurrence: { every: P1W, until: 2025-06-09 }',
        'escalateAfter: P8D',
      ),
      task('a-task', 'assignees: [zed]', 'due: 2025-06-09'),
    ]);
    // b-task 2 Jun: notices 3 and 10 Jun, escalation 2 + 8 = Tue 10 Jun.
    // b-task 9 Jun: notice 10 Jun (escalation 17 Jun is after `to`). a-task: notice 10 Jun.
    expect(plan(cat, '2025-06-02T12:00:00+02:00', '2025-06-10T12:00:00+02:00')).toStrictEqual([
      overdue('b-task', '2025-06-02', 'amy', '2025-06-03T09:00:00.000+02:00'),
      overdue('b-task', '2025-06-02', 'zed', '2025-06-03T09:00:00.000+02:00'),
      overdue('a-task', '2025-06-09', 'zed', '2025-06-10T09:00:00.000+02:00'),
      escalation('b-task', '2025-06-02', 'boss', '2025-06-10T09:00:00.000+02:00'),
      overdue('b-task', '2025-06-02', 'amy', '2025-06-10T09:00:00.000+02:00'),
      overdue('b-task', '2025-06-02', 'zed', '2025-06-10T09:00:00.000+02:00'),
      overdue('b-task', '2025-06-09', 'amy', '2025-06-10T09:00:00.000+02:00'),
      overdue('b-task', '2025-06-09', 'zed', '2025-06-10T09:00:00.000+02:00'),
    ]);
  });

  it('writes the offset on reminders only, exactly as in the catalog', () => {
    const cat = catalog('Europe/Zurich', [
      // D = Mon 30 Jun: P2W = Mon 16 Jun, P1W3D = 10 days = Fri 20 Jun, P0D = 30 Jun.
      task('written', 'assignees: [zurich]', 'due: 2025-06-30', 'reminders: [P2W, P1W3D, P0D]'),
    ]);
    const entries = plan(cat, '2025-06-01T00:00:00+02:00', '2025-07-02T00:00:00+02:00');
    expect(entries).toStrictEqual([
      reminder('written', '2025-06-30', 'P2W', 'zurich', '2025-06-16T09:00:00.000+02:00'),
      reminder('written', '2025-06-30', 'P1W3D', 'zurich', '2025-06-20T09:00:00.000+02:00'),
      reminder('written', '2025-06-30', 'P0D', 'zurich', '2025-06-30T09:00:00.000+02:00'),
      overdue('written', '2025-06-30', 'zurich', '2025-07-01T09:00:00.000+02:00'),
    ]);
    expect(Object.keys(entries[0]!)).toEqual(['task', 'occurrence', 'kind', 'offset', 'to', 'at']);
    expect(Object.keys(entries[3]!)).toEqual(['task', 'occurrence', 'kind', 'to', 'at']);
  });

  it('uses the built-in policy without a defaults block', () => {
    const cat = catalog('Europe/Zurich', [
      task('plain', 'assignees: [zurich]', 'manager: boss', 'due: 2025-06-13'),
    ]);
    // No reminders, no escalation, overdue every P7D at 09:00, weekends not moved:
    // D = Fri 13 Jun, notices Sat 14 and Sat 21 Jun; Sat 28 Jun 09:00 is after `to`.
    expect(plan(cat, '2025-06-01T00:00:00+02:00', '2025-06-28T00:00:00+02:00')).toStrictEqual([
      overdue('plain', '2025-06-13', 'zurich', '2025-06-14T09:00:00.000+02:00'),
      overdue('plain', '2025-06-13', 'zurich', '2025-06-21T09:00:00.000+02:00'),
    ]);
  });

  it('fills the keys a defaults block leaves out from the built-in policy', () => {
    const cat = catalog(
      'Europe/Zurich',
      [task('partial', 'assignees: [zurich]', 'manager: boss', 'due: 2025-06-13')],
      ["sendAt: '17:30'"],
    );
    expect(plan(cat, '2025-06-01T00:00:00+02:00', '2025-06-28T00:00:00+02:00')).toStrictEqual([
      overdue('partial', '2025-06-13', 'zurich', '2025-06-14T17:30:00.000+02:00'),
      overdue('partial', '2025-06-13', 'zurich', '2025-06-21T17:30:00.000+02:00'),
    ]);
  });

  it('lets a task override the default reminders', () => {
    const cat = catalog(
      'Europe/Zurich',
      [
        task('inherits', 'assignees: [zurich]', 'due: 2025-06-12'),
        task('overrides', 'assignees: [zurich]', 'due: 2025-06-12', 'reminders: [P1D]'),
      ],
      ['reminders: [P7D]'],
    );
    const entries = plan(cat, '2025-06-01T00:00:00+02:00', '2025-06-12T00:00:00+02:00');
    expect(entries).toStrictEqual([
      // Thu 12 Jun - 7 = Thu 5 Jun; - 1 = Wed 11 Jun.
      reminder('inherits', '2025-06-12', 'P7D', 'zurich', '2025-06-05T09:00:00.000+02:00'),
      reminder('overrides', '2025-06-12', 'P1D', 'zurich', '2025-06-11T09:00:00.000+02:00'),
    ]);
  });
});

describe('nextMessages', () => {
  const person = (key: string, timezone: string): Recipient => ({
    key,
    name: key,
    email: mail(key),
    timezone,
    locale: 'en',
  });
  const amy = person('amy', 'Europe/Zurich');
  const zed = person('zed', 'Europe/Zurich');
  const boss = person('boss', 'Europe/Zurich');
  const tokyo = person('tokyo', 'Asia/Tokyo');
  const kiritimati = person('kiritimati', 'Pacific/Kiritimati');

  // D = Thu 12 Jun 2025, due instant 13 Jun 00:00 +02:00 (12 Jun 22:00Z).
  // Reminders P7D = Thu 5 Jun, P1D = Wed 11 Jun; notices Fri 13, 20, 27 Jun ...;
  // escalation 12 + 7 = Thu 19 Jun.
  const schedule = (assignees: Recipient[], manager?: Recipient): OccurrenceSchedule => ({
    resolutionId: 'test-resolution',
    taskId: 'report',
    occurrence: '2025-06-12',
    zone: 'Europe/Zurich',
    dueDate: '2025-06-12',
    policy: {
      reminders: ['P7D', 'P1D'],
      sendAt: '09:00',
      overdueEvery: 'P7D',
      escalateAfter: 'P1W',
      skipWeekends: false,
    },
    assignees,
    ...(manager ? { manager } : {}),
  });
  const next = (s: OccurrenceSchedule, after: string) =>
    nextMessages(s, Date.parse(after)).map((m: PlannedMessage) => toPlanEntry(m));

  it('returns every message at the earliest instant after `after`', () => {
    const s = schedule([zed, amy], boss);
    expect(next(s, '2025-06-01T00:00:00+02:00')).toStrictEqual([
      reminder('report', '2025-06-12', 'P7D', 'amy', '2025-06-05T09:00:00.000+02:00'),
      reminder('report', '2025-06-12', 'P7D', 'zed', '2025-06-05T09:00:00.000+02:00'),
    ]);
    // Strictly after: from the P7D instant itself, the next ones are the P1D reminders.
    expect(next(s, '2025-06-05T09:00:00+02:00')).toStrictEqual([
      reminder('report', '2025-06-12', 'P1D', 'amy', '2025-06-11T09:00:00.000+02:00'),
      reminder('report', '2025-06-12', 'P1D', 'zed', '2025-06-11T09:00:00.000+02:00'),
    ]);
  });

  it('returns the first overdue notices after the last reminder, then the escalation', () => {
    const s = schedule([zed, amy], boss);
    expect(next(s, '2025-06-11T09:00:00+02:00')).toStrictEqual([
      overdue('report', '2025-06-12', 'amy', '2025-06-13T09:00:00.000+02:00'),
      overdue('report', '2025-06-12', 'zed', '2025-06-13T09:00:00.000+02:00'),
    ]);
    expect(next(s, '2025-06-13T09:00:00+02:00')).toStrictEqual([
      escalation('report', '2025-06-12', 'boss', '2025-06-19T09:00:00.000+02:00'),
    ]);
    expect(next(s, '2025-06-19T09:00:00+02:00')).toStrictEqual([
      overdue('report', '2025-06-12', 'amy', '2025-06-20T09:00:00.000+02:00'),
      overdue('report', '2025-06-12', 'zed', '2025-06-20T09:00:00.000+02:00'),
    ]);
  });

  it('keeps finding overdue notices long after the due date', () => {
    // 13 Jun 2025 to 1 Jan 2026 is 17 + 31 + 31 + 30 + 31 + 30 + 31 + 1 = 202 days; the next
    // multiple of 7 is 203 = 29 weeks: Fri 2 Jan 2026, winter time.
    expect(next(schedule([amy]), '2026-01-01T00:00:00+01:00')).toStrictEqual([
      overdue('report', '2025-06-12', 'amy', '2026-01-02T09:00:00.000+01:00'),
    ]);
  });

  it('returns only the recipients at the earliest instant when zones differ', () => {
    const s = schedule([amy, tokyo]);
    // Tokyo's P1D is 11 Jun 00:00Z, Zurich's 07:00Z.
    expect(next(s, '2025-06-11T00:00:00Z')).toStrictEqual([
      reminder('report', '2025-06-12', 'P1D', 'amy', '2025-06-11T09:00:00.000+02:00'),
    ]);
    // After the last reminder: Tokyo's 13 Jun 09:00 (00:00Z) comes before Zurich's (07:00Z).
    expect(next(s, '2025-06-11T09:00:00+02:00')).toStrictEqual([
      overdue('report', '2025-06-12', 'tokyo', '2025-06-13T09:00:00.000+09:00'),
    ]);
  });

  it('skips a D+1 notice far east that would come before the due instant', () => {
    const s = schedule([kiritimati]);
    // Last reminder 11 Jun 09:00 +14:00; 13 Jun 09:00 +14:00 = 12 Jun 19:00Z < 22:00Z.
    expect(next(s, '2025-06-11T09:00:00+14:00')).toStrictEqual([
      overdue('report', '2025-06-12', 'kiritimati', '2025-06-20T09:00:00.000+14:00'),
    ]);
  });
});
