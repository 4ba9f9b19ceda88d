/**
 * `dueShift` (spec, Version 2, "Due dates on working days"): a due date that
 * is not a working day of the resolution's calendar moves to the nearest
 * working day before or after it, and everything after rule 1 starts from
 * the moved date; the occurrence keeps its name. Every instant below was
 * worked out by hand, with the reasoning next to it.
 *
 * Calendar facts (2027): 1 January is a Friday; 2 January a Saturday; 2
 * February and 2 March Tuesdays; 2 April a Friday; 5 April a Monday; 30
 * April a Friday, 1 May a Saturday, 2 May a Sunday, 3 May a Monday; 5 June a
 * Saturday, 8 June a Tuesday. Europe/Zurich is +01:00 until Sun 28 March
 * 2027, then +02:00 until Sun 31 October.
 */
import { describe, expect, it } from 'vitest';
import { validateCatalogText } from '../../src/catalog/validate';
import { planCatalog, toPlanEntry } from '../../src/plan/catalog-plan';
import { dueInstant } from '../../src/plan/occurrence-plan';
import { scheduleFor, taskTemplate, trackedOccurrences } from '../../src/plan/occurrences';
import type { Catalog, PlanEntry } from '../../src/shared/types';
import { dueShiftCatalog, shiftTask } from '../support/due-shift-catalog';

const mail = (key: string) => `${key}@example.org`;

function load(yaml: string): Catalog {
  const { catalog, problems } = validateCatalogText(yaml);
  expect(problems).toEqual([]);
  return catalog!;
}

function plan(cat: Catalog, from: string, to: string): PlanEntry[] {
  return planCatalog(cat, Date.parse(from), Date.parse(to)).map(toPlanEntry);
}

const reminder = (task: string, occurrence: string, offset: string, at: string) =>
  ({ task, occurrence, kind: 'reminder', offset, to: mail('amy'), at }) as PlanEntry;
const overdue = (task: string, occurrence: string, at: string) =>
  ({ task, occurrence, kind: 'overdue', to: mail('amy'), at }) as PlanEntry;

/** The due instant of a task's first occurrence. */
function firstDueAt(cat: Catalog, id: string): string {
  const template = taskTemplate(
    cat,
    cat.tasks.find((t) => t.id === id)!,
  );
  const [schedule] = trackedOccurrences(
    template,
    Date.parse('2026-12-01T00:00:00Z'),
    Date.parse('2028-01-01T00:00:00Z'),
  );
  return new Date(dueInstant(schedule ?? scheduleFor(template, template.firstDue))).toISOString();
}

describe('dueShift', () => {
  it('before: a Saturday due moves to the Friday before; the occurrence keeps its name', () => {
    const cat = load(
      dueShiftCatalog({
        tasks: [
          shiftTask(
            's',
            'due: 2027-05-01',
            'dueShift: before',
            'reminders: [P1D]',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    // D = Sat 1 May -> Fri 30 Apr; due at the end of it, 00:00+02:00 on 1 May = 22:00Z on 30 Apr.
    expect(firstDueAt(cat, 's')).toBe('2027-04-30T22:00:00.000Z');
    // P1D from Fri 30 Apr is Thu 29 Apr, 09:00 in Zurich (+02:00). (Unmoved it would be Fri 30.)
    expect(plan(cat, '2027-04-20T00:00:00Z', '2027-05-10T00:00:00Z')).toEqual([
      reminder('s', '2027-05-01', 'P1D', '2027-04-29T09:00:00.000+02:00'),
    ]);
  });

  it('after: a holiday moves the due to the next working day, and the overdue notices with it', () => {
    const cat = load(
      dueShiftCatalog({
        calendars: ['default: { holidays: [2027-04-05] }'],
        tasks: [shiftTask('h', 'due: 2027-04-05', 'dueShift: after', 'reminders: [P0D]')],
      }),
    );
    // D = Mon 5 Apr, a holiday of the default calendar -> Tue 6 Apr; due 00:00+02:00 on 7 Apr.
    expect(firstDueAt(cat, 'h')).toBe('2027-04-06T22:00:00.000Z');
    expect(plan(cat, '2027-03-30T00:00:00Z', '2027-04-10T00:00:00Z')).toEqual([
      // P0D: Tue 6 Apr 09:00+02:00, before the due instant.
      reminder('h', '2027-04-05', 'P0D', '2027-04-06T09:00:00.000+02:00'),
      // Overdue D+1 = Wed 7 Apr 09:00+02:00 (the next, 14 Apr, is after the window).
      overdue('h', '2027-04-05', '2027-04-07T09:00:00.000+02:00'),
    ]);
  });

  it('a timed due keeps its time on the moved date', () => {
    const cat = load(
      dueShiftCatalog({
        tasks: [
          shiftTask(
            't',
            'due: { date: 2027-05-02, time: "12:00" }',
            'dueShift: after',
            'reminders: [P0D]',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    // D = Sun 2 May -> Mon 3 May, due 12:00+02:00 = 10:00Z.
    expect(firstDueAt(cat, 't')).toBe('2027-05-03T10:00:00.000Z');
    // P0D: Mon 3 May 09:00+02:00, before 12:00.
    expect(plan(cat, '2027-04-25T00:00:00Z', '2027-05-10T00:00:00Z')).toEqual([
      reminder('t', '2027-05-02', 'P0D', '2027-05-03T09:00:00.000+02:00'),
    ]);
  });

  it("a series session's offset lands on a Saturday: moved, named by its event", () => {
    const cat = load(
      dueShiftCatalog({
        tasks: [
          shiftTask(
            'c',
            'due: { series: council, offset: -P3D }',
            'dueShift: before',
            'reminders: [P1D]',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    // Tue 8 Jun - 3 days = Sat 5 Jun -> Fri 4 Jun; P1D is Thu 3 Jun 09:00+02:00.
    expect(plan(cat, '2027-05-20T00:00:00Z', '2027-06-10T00:00:00Z')).toEqual([
      reminder('c', 'council-2027', 'P1D', '2027-06-03T09:00:00.000+02:00'),
    ]);
  });

  it('a recurrence: each occurrence moves on its own, named by its date before the move', () => {
    const cat = load(
      dueShiftCatalog({
        tasks: [
          shiftTask(
            'r',
            'due: 2027-01-02',
            'recurrence: { every: P1M, until: 2027-04-30 }',
            'dueShift: after',
            'reminders: [P0D]',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    expect(plan(cat, '2026-12-25T00:00:00Z', '2027-04-30T00:00:00Z')).toEqual([
      // Sat 2 Jan -> Mon 4 Jan (no calendar: Saturday and Sunday off), +01:00.
      reminder('r', '2027-01-02', 'P0D', '2027-01-04T09:00:00.000+01:00'),
      // Tue 2 Feb, Tue 2 Mar, Fri 2 Apr are working days: unmoved.
      reminder('r', '2027-02-02', 'P0D', '2027-02-02T09:00:00.000+01:00'),
      reminder('r', '2027-03-02', 'P0D', '2027-03-02T09:00:00.000+01:00'),
      reminder('r', '2027-04-02', 'P0D', '2027-04-02T09:00:00.000+02:00'),
    ]);
  });

  it('applies with skipWeekends true as well: reminders walk back from the moved date', () => {
    const cat = load(
      dueShiftCatalog({
        tasks: [
          shiftTask(
            'w',
            'due: 2027-05-01',
            'dueShift: before',
            'reminders: [P7D, P1D]',
            'skipWeekends: true',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    // D' = Fri 30 Apr: P7D is Fri 23 Apr, P1D Thu 29 Apr, both working days.
    expect(plan(cat, '2027-04-20T00:00:00Z', '2027-05-10T00:00:00Z')).toEqual([
      reminder('w', '2027-05-01', 'P7D', '2027-04-23T09:00:00.000+02:00'),
      reminder('w', '2027-05-01', 'P1D', '2027-04-29T09:00:00.000+02:00'),
    ]);
  });

  it('dueShift: null on a task overrides a default', () => {
    const cat = load(
      dueShiftCatalog({
        defaults: ['dueShift: before', 'reminders: [P1D]', 'overdueEvery: null'],
        tasks: [
          shiftTask('moved', 'due: 2027-05-01'),
          shiftTask('kept', 'due: 2027-05-01', 'dueShift: null'),
        ],
      }),
    );
    expect(plan(cat, '2027-04-20T00:00:00Z', '2027-05-10T00:00:00Z')).toEqual([
      // The default moves Sat 1 May to Fri 30 Apr: P1D is Thu 29 Apr.
      reminder('moved', '2027-05-01', 'P1D', '2027-04-29T09:00:00.000+02:00'),
      // No shift: P1D from Sat 1 May is Fri 30 Apr.
      reminder('kept', '2027-05-01', 'P1D', '2027-04-30T09:00:00.000+02:00'),
    ]);
  });

  it("uses resolution.calendar's holidays, not the default calendar's", () => {
    const cat = load(
      dueShiftCatalog({
        resolution: 'calendar: geneva',
        calendars: ['default: { holidays: [2027-05-04] }', 'geneva: { holidays: [2027-05-03] }'],
        tasks: [
          shiftTask(
            'g',
            'due: 2027-05-02',
            'dueShift: after',
            'reminders: [P0D]',
            'overdueEvery: null',
          ),
        ],
      }),
    );
    // Sun 2 May -> Mon 3 May is a Geneva holiday -> Tue 4 May (a holiday only of `default`).
    expect(plan(cat, '2027-04-25T00:00:00Z', '2027-05-10T00:00:00Z')).toEqual([
      reminder('g', '2027-05-02', 'P0D', '2027-05-04T09:00:00.000+02:00'),
    ]);
  });
});

describe('dueShift validation', () => {
  const problems = (yaml: string) =>
    validateCatalogText(yaml).problems.map((p) => `${p.path}: ${p.message}`);

  it('names an unknown dueShift value and an unknown resolution.calendar at the field', () => {
    expect(
      problems(
        dueShiftCatalog({
          resolution: 'calendar: nowhere',
          defaults: ['dueShift: later'],
          tasks: [shiftTask('x', 'due: 2027-05-01', 'dueShift: 3')],
        }),
      ),
    ).toEqual([
      'resolution.calendar: unknown calendar nowhere (not a key in calendars)',
      'defaults.dueShift: "later" is not a due shift (expected before, after or null)',
      'tasks[0].dueShift: 3 is not a due shift (expected before, after or null)',
    ]);
  });

  it('needs version 2', () => {
    const v1 = dueShiftCatalog({ tasks: [shiftTask('x', 'due: 2027-05-01', 'dueShift: before')] })
      .replace('version: 2', 'version: 1')
      .replace(', series: council', '');
    expect(problems(v1)).toEqual([
      'tasks[0].dueShift: needs version: 2 (this catalog says version: 1)',
    ]);
  });
});

describe('overdueFor (beyond the contract, v2)', () => {
  it('ends the overdue notices that long after the due date, judged before the weekend walk', () => {
    const cat = load(
      dueShiftCatalog({
        tasks: [
          shiftTask('plain', 'due: 2027-04-30', 'overdueEvery: P7D', 'overdueFor: P21D'),
          shiftTask(
            'walked',
            'due: 2027-04-30',
            'overdueEvery: P7D',
            'overdueFor: P21D',
            'skipWeekends: true',
          ),
        ],
      }),
    );
    // D = Fri 30 Apr. N = D+1 (Sat 1 May), D+8 (Sat 8), D+15 (Sat 15); D+22 = 22 May is past D+21.
    expect(plan(cat, '2027-04-30T00:00:00Z', '2027-07-01T00:00:00Z')).toEqual([
      overdue('plain', '2027-04-30', '2027-05-01T09:00:00.000+02:00'),
      // With skipWeekends each Saturday walks to the Monday after.
      overdue('walked', '2027-04-30', '2027-05-03T09:00:00.000+02:00'),
      overdue('plain', '2027-04-30', '2027-05-08T09:00:00.000+02:00'),
      overdue('walked', '2027-04-30', '2027-05-10T09:00:00.000+02:00'),
      overdue('plain', '2027-04-30', '2027-05-15T09:00:00.000+02:00'),
      overdue('walked', '2027-04-30', '2027-05-17T09:00:00.000+02:00'),
    ]);
  });

  it('is checked: a positive duration, in version 2', () => {
    const problems = (yaml: string) =>
      validateCatalogText(yaml).problems.map((p) => `${p.path}: ${p.message}`);
    expect(
      problems(dueShiftCatalog({ tasks: [shiftTask('x', 'due: 2027-05-01', 'overdueFor: soon')] })),
    ).toEqual([expect.stringMatching(/^tasks\[0\]\.overdueFor: /)]);
  });
});
