/**
 * Catalog validation against the spec's "Bad input" section: every problem is
 * reported with the 1-based line and column of the offending YAML node, the
 * field path and what is expected. Positions are counted by hand on BASE
 * below (one numbered line each); each test changes a line or two in place so
 * the numbering holds.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateCatalogText } from '../../src/catalog/validate';
import type { CatalogProblem } from '../../src/catalog/problems';

// prettier-ignore
const BASE: readonly string[] = [
  /*  1 */ 'version: 1',
  /*  2 */ 'resolution:',
  /*  3 */ '  id: test-resolution',
  /*  4 */ '  title: Test resolution',
  /*  5 */ '  adoptedBy: Test Council',
  /*  6 */ '  timezone: Europe/Zurich',
  /*  7 */ 'events:',
  /*  8 */ '  council: { title: Council, start: 2025-06-17 }',
  /*  9 */ 'people:',
  /* 10 */ '  alice: { name: Alice, email: alice@example.org }',
  /* 11 */ '  bob: { name: Bob, email: bob@example.org, timezone: Asia/Tokyo, locale: fr }',
  /* 12 */ 'defaults:',
  /* 13 */ '  reminders: [P14D, P7D]',
  /* 14 */ "  sendAt: '09:00'",
  /* 15 */ '  overdueEvery: P7D',
  /* 16 */ '  escalateAfter: P14D',
  /* 17 */ '  skipWeekends: true',
  /* 18 */ 'tasks:',
  /* 19 */ '  - id: first',
  /* 20 */ '    clause: instructs 1',
  /* 21 */ '    title: First task',
  /* 22 */ '    responsible: Secretariat',
  /* 23 */ '    assignees: [alice]',
  /* 24 */ '    manager: bob',
  /* 25 */ '    due: 2025-05-18',
  /* 26 */ '    tags: [annual]',
  /* 27 */ '    notes: Reported yearly',
  /* 28 */ '    deliverables:',
  /* 29 */ '      - { id: report, title: Report, kind: document }',
  /* 30 */ '  - id: second',
  /* 31 */ '    clause: instructs 2',
  /* 32 */ '    title: Second task',
  /* 33 */ '    responsible: Secretariat',
  /* 34 */ '    assignees: [alice, bob]',
  /* 35 */ "    due: { event: council, offset: -P30D, time: '12:00' }",
  /* 36 */ '    reminders: [P3D]',
  /* 37 */ '    dependsOn: [first]',
  /* 38 */ '    deliverables:',
  /* 39 */ '      - { id: link, title: Link, kind: link }',
];

/** BASE with whole lines replaced (1-based line number -> new text), and lines appended. */
function edit(changes: Record<number, string>, append: string[] = []): string {
  const lines = BASE.map((line, i) => changes[i + 1] ?? line);
  return [...lines, ...append, ''].join('\n');
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
  const [problem] = problems;
  expect(problem).toMatchObject({ line, column, path });
  expect(problem!.message).toMatch(expected);
}

describe('validateCatalogText: one test per class of problem', () => {
  it('accepts BASE', () => {
    expect(validateCatalogText(edit({})).problems).toEqual([]);
  });

  it('YAML syntax error', () => {
    // "title: First task: draft" is a mapping inside a plain value; the value starts at col 12.
    const problems = problemsOf(edit({ 21: '    title: First task: draft' }));
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]).toMatchObject({ line: 21, column: 12 });
    expect(problems[0]!.message).toMatch(/YAML/);
  });

  describe('unknown fields point at the key', () => {
    it('at top level', () => {
      expectOne(edit({}, ['extra: true']), 40, 1, 'extra', /unknown field.*tasks/);
    });

    it('in a task', () => {
      // "    reminder: [P3D]": the key starts at col 5.
      expectOne(
        edit({ 36: '    reminder: [P3D]' }),
        36,
        5,
        'tasks[1].reminder',
        /unknown field.*reminders/,
      );
    });

    it('in a person', () => {
      // "  alice: { name: Alice, email: alice@example.org, phone: '123' }"
      //  cols: alice 3, { 10, name 12, Alice 18, email 25, address 32-48, phone 51.
      expectOne(
        edit({ 10: "  alice: { name: Alice, email: alice@example.org, phone: '123' }" }),
        10,
        51,
        'people.alice.phone',
        /unknown field.*email/,
      );
    });
  });

  describe('missing fields point at the parent mapping', () => {
    it('a task without due', () => {
      // The task mapping starts at "id" in "  - id: first": col 5.
      expectOne(edit({ 25: '    # due: removed' }), 19, 5, 'tasks[0].due', /missing/);
    });

    it('a person without email', () => {
      // "  alice: { name: Alice }": the flow mapping starts at col 10.
      expectOne(edit({ 10: '  alice: { name: Alice }' }), 10, 10, 'people.alice.email', /missing/);
    });
  });

  it('duplicate task ids', () => {
    // "  - id: first": the id value at col 9. (dependsOn dropped, or it would be a self-cycle.)
    expectOne(
      edit({ 30: '  - id: first', 37: '    # no dependsOn' }),
      30,
      9,
      'tasks[1].id',
      /duplicate task id first.*line 19/,
    );
  });

  describe('unknown people', () => {
    it('in assignees', () => {
      // "    assignees: [alice, carol]": [ at 16, alice 17, carol 24.
      expectOne(
        edit({ 34: '    assignees: [alice, carol]' }),
        34,
        24,
        'tasks[1].assignees[1]',
        /unknown person carol.*people/,
      );
    });

    it('as manager', () => {
      // "    manager: dave": the value at col 14.
      expectOne(
        edit({ 24: '    manager: dave' }),
        24,
        14,
        'tasks[0].manager',
        /unknown person dave.*people/,
      );
    });
  });

  it('unknown event', () => {
    // "    due: { event: meeting, ...": { at 10, event 12, meeting 19.
    expectOne(
      edit({ 35: "    due: { event: meeting, offset: -P30D, time: '12:00' }" }),
      35,
      19,
      'tasks[1].due.event',
      /unknown event meeting.*events/,
    );
  });

  it('unknown dependsOn target', () => {
    // "    dependsOn: [frist]": [ at 16, frist 17.
    expectOne(
      edit({ 37: '    dependsOn: [frist]' }),
      37,
      17,
      'tasks[1].dependsOn[0]',
      /unknown task frist/,
    );
  });

  describe('dependsOn cycles', () => {
    it('first -> second -> first, reported on the first task in the file', () => {
      expectOne(
        edit({ 26: '    dependsOn: [second]' }),
        26,
        17,
        'tasks[0].dependsOn[0]',
        /cycle.*first -> second -> first/,
      );
    });

    it('a task that depends on itself', () => {
      expectOne(
        edit({ 37: '    dependsOn: [second]' }),
        37,
        17,
        'tasks[1].dependsOn[0]',
        /cycle.*second -> second/,
      );
    });
  });

  describe('invalid dates ("    due: X": the value at col 10)', () => {
    it.each([
      ['2025-02-30', /2025-02-30 is not a calendar date/],
      ['2025-13-01', /2025-13-01 is not a calendar date/],
      ['tomorrow', /tomorrow is not a date.*YYYY-MM-DD/],
    ])('%s', (value, expected) => {
      expectOne(edit({ 25: `    due: ${value}` }), 25, 10, 'tasks[0].due', expected);
    });
  });

  describe('invalid durations ("    reminders: [X]": the item at col 17)', () => {
    it.each(['P', '30D', 'PT1H', '-P1D'])('%s', (value) => {
      expectOne(
        edit({ 36: `    reminders: [${value}]` }),
        36,
        17,
        'tasks[1].reminders[0]',
        new RegExp(`${value} is not a date duration.*PnYnMnWnD`),
      );
    });

    it('a signed overdueEvery', () => {
      // "  overdueEvery: -P1D": the value at col 17.
      expectOne(
        edit({ 15: '  overdueEvery: -P1D' }),
        15,
        17,
        'defaults.overdueEvery',
        /-P1D is not a date duration/,
      );
    });
  });

  it('zero overdueEvery', () => {
    expectOne(
      edit({ 15: '  overdueEvery: P0D' }),
      15,
      17,
      'defaults.overdueEvery',
      /P0D must be longer than zero/,
    );
  });

  describe('invalid times ("  sendAt: X": the value at col 11)', () => {
    it.each([
      ["'24:00'", /24:00 is not a wall time.*HH:MM/],
      ['9am', /9am is not a wall time.*HH:MM/],
    ])('%s', (value, expected) => {
      expectOne(edit({ 14: `  sendAt: ${value}` }), 14, 11, 'defaults.sendAt', expected);
    });

    it('in a due', () => {
      // "    due: { event: council, offset: -P30D, time: '25:00' }": the quote at col 49.
      expectOne(
        edit({ 35: "    due: { event: council, offset: -P30D, time: '25:00' }" }),
        35,
        49,
        'tasks[1].due.time',
        /25:00 is not a wall time/,
      );
    });
  });

  describe('invalid zones', () => {
    it('of the resolution', () => {
      // "  timezone: Europe/Geneva": the value at col 13.
      expectOne(
        edit({ 6: '  timezone: Europe/Geneva' }),
        6,
        13,
        'resolution.timezone',
        /Europe\/Geneva is not an IANA time zone/,
      );
    });

    it('of a person', () => {
      // bob's line: { 8, name 10, Bob 16, email 21, bob@example.org 28-42, timezone 45, value 55.
      expectOne(
        edit({
          11: '  bob: { name: Bob, email: bob@example.org, timezone: Asia/Tokio, locale: fr }',
        }),
        11,
        55,
        'people.bob.timezone',
        /Asia\/Tokio is not an IANA time zone/,
      );
    });
  });

  it('invalid locale', () => {
    // ... timezone: Asia/Tokyo (55-64), locale: at 67, value at 75.
    expectOne(
      edit({
        11: '  bob: { name: Bob, email: bob@example.org, timezone: Asia/Tokyo, locale: de }',
      }),
      11,
      75,
      'people.bob.locale',
      /de is not a supported locale.*ar, zh, en, fr, ru, es/,
    );
  });

  it('invalid e-mail', () => {
    expectOne(
      edit({ 10: '  alice: { name: Alice, email: alice.example.org }' }),
      10,
      32,
      'people.alice.email',
      /alice\.example\.org is not an e-mail address/,
    );
  });

  it('recurrence on an event due', () => {
    // "    recurrence: { every: P1Y }": the mapping at col 17.
    expectOne(
      edit({ 36: '    recurrence: { every: P1Y }' }),
      36,
      17,
      'tasks[1].recurrence',
      /recurrence needs a DATE due/,
    );
  });

  it('completed on a recurring task', () => {
    // "    completed: 2025-05-10": the value at col 16.
    expectOne(
      edit({
        26: '    recurrence: { every: P1Y, until: 2030-12-31 }',
        27: '    completed: 2025-05-10',
      }),
      27,
      16,
      'tasks[0].completed',
      /only allowed on a task without recurrence/,
    );
  });

  it('recurrence until before the first due date', () => {
    // "    recurrence: { every: P1Y, until: 2025-05-17 }": { 17, every 19, P1Y 26, until 31, value 38.
    expectOne(
      edit({ 26: '    recurrence: { every: P1Y, until: 2025-05-17 }' }),
      26,
      38,
      'tasks[0].recurrence.until',
      /2025-05-17 is before the first due date 2025-05-18/,
    );
    // until on the first due date itself is fine.
    const ok = validateCatalogText(
      edit({ 26: '    recurrence: { every: P1Y, until: 2025-05-18 }' }),
    );
    expect(ok.problems).toEqual([]);
  });

  it('version other than 1 or 2', () => {
    expectOne(edit({ 1: 'version: 3' }), 1, 10, 'version', /expected 1 or 2/);
  });
});

describe('validateCatalogText: all problems and the typed catalog', () => {
  it('reports every problem of a catalog, in file order', () => {
    const problems = problemsOf(
      edit(
        {
          1: 'version: 3',
          10: '  alice: { name: Alice, email: alice.example.org }',
          15: '  overdueEvery: P0D',
          25: '    due: 2025-02-30',
          36: '    reminders: [30D]',
        },
        ['extra: true'],
      ),
    );
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [1, 10, 'version'],
      [10, 32, 'people.alice.email'],
      [15, 17, 'defaults.overdueEvery'],
      [25, 10, 'tasks[0].due'],
      [36, 17, 'tasks[1].reminders[0]'],
      [40, 1, 'extra'],
    ]);
  });

  it('reports an unknown assignee even when another person is invalid', () => {
    // alice's bad address does not make carol a known person.
    const problems = problemsOf(
      edit({
        10: '  alice: { name: Alice, email: alice.example.org }',
        34: '    assignees: [alice, carol]',
      }),
    );
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [10, 32, 'people.alice.email'],
      [34, 24, 'tasks[1].assignees[1]'],
    ]);
  });

  it('reports an unknown dependsOn target even when its task has another problem', () => {
    const problems = problemsOf(
      edit({ 34: '    assignees: [alice, carol]', 37: '    dependsOn: [frist]' }),
    );
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [34, 24, 'tasks[1].assignees[1]'],
      [37, 17, 'tasks[1].dependsOn[0]'],
    ]);
  });

  it('yields a typed catalog with the defaults applied to each task', () => {
    const { catalog, problems } = validateCatalogText(edit({}));
    expect(problems).toEqual([]);
    expect(catalog).toBeDefined();
    const { resolution, people, events, defaults, tasks } = catalog!;
    expect(resolution).toEqual({
      id: 'test-resolution',
      title: 'Test resolution',
      adoptedBy: 'Test Council',
      timezone: 'Europe/Zurich',
    });
    expect(events.council).toMatchObject({ title: 'Council', start: '2025-06-17' });
    // alice inherits the resolution zone and the default locale.
    expect(people.alice).toMatchObject({
      email: 'alice@example.org',
      timezone: 'Europe/Zurich',
      locale: 'en',
    });
    expect(people.bob).toMatchObject({ timezone: 'Asia/Tokyo', locale: 'fr' });
    const policy = {
      reminders: ['P14D', 'P7D'],
      sendAt: '09:00',
      overdueEvery: 'P7D',
      escalateAfter: 'P14D',
      skipWeekends: true,
    };
    expect(defaults).toEqual(policy);
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toMatchObject({
      id: 'first',
      assignees: ['alice'],
      manager: 'bob',
      due: { kind: 'date', date: '2025-05-18' },
      tags: ['annual'],
      policy,
    });
    // The task-level reminders win; the other keys still come from defaults.
    expect(tasks[1]).toMatchObject({
      id: 'second',
      assignees: ['alice', 'bob'],
      due: { kind: 'event', event: 'council', offset: '-P30D', time: '12:00' },
      dependsOn: ['first'],
      policy: { ...policy, reminders: ['P3D'] },
    });
    expect(tasks[1]!.deliverables).toMatchObject([{ id: 'link', title: 'Link', kind: 'link' }]);
  });
});

describe('validateCatalogText: one-line text', () => {
  it("takes a folded title (its final line break is YAML's, not the title's)", () => {
    const { catalog, problems } = validateCatalogText(
      edit({ 21: '    title: >', 22: '      First task, folded' }, []).replace(
        '      First task, folded\n',
        '      First task, folded\n    responsible: Secretariat\n',
      ),
    );
    expect(problems).toEqual([]);
    expect(catalog!.tasks[0]!.title).toBe('First task, folded');
  });

  it('refuses a literal title of two lines, at its value', () => {
    const text = edit({ 21: '    title: |', 22: '      First\n      task' }).replace(
      '      task\n',
      '      task\n    responsible: Secretariat\n',
    );
    expectOne(
      text,
      21,
      12,
      'tasks[0].title',
      /holds a line break \(U\+000A\); it must be one line/,
    );
  });
});

describe('the mandate CLI', () => {
  const root = resolve(__dirname, '..', '..');
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mandate-validate-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function run(...args: string[]) {
    const result = spawnSync(process.execPath, ['bin/mandate.js', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout, output: result.stdout + result.stderr };
  }

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('catalog validate: exit 1 and FILE:LINE:COLUMN: path: message, one problem a line', () => {
    const path = file(
      'invalid.yaml',
      edit({ 25: '    due: 2025-02-30', 34: '    assignees: [alice, carol]' }),
    );
    const { status, output } = run('catalog', 'validate', path);
    expect(status).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(2);
    // The spec's own example line.
    expect(lines[0]).toBe(`${path}:25:10: tasks[0].due: 2025-02-30 is not a calendar date`);
    expect(lines[1]!.startsWith(`${path}:34:24: tasks[1].assignees[1]: `)).toBe(true);
    expect(lines[1]).toMatch(/unknown person carol/);
  });

  it('catalog validate: exit 0 on a valid catalog', () => {
    const { status } = run('catalog', 'validate', file('valid.yaml', edit({})));
    expect(status).toBe(0);
  });

  it('plan refuses an invalid catalog with the same problems', () => {
    const path = file('invalid-plan.yaml', edit({ 25: '    due: 2025-02-30' }));
    const { status, output } = run(
      'plan',
      path,
      '--from',
      '2025-01-01T00:00:00+01:00',
      '--to',
      '2025-02-01T00:00:00+01:00',
      '--json',
    );
    expect(status).toBe(1);
    expect(output).toContain(`${path}:25:10: tasks[0].due: 2025-02-30 is not a calendar date`);
  });

  it('plan --json prints the spec JSON shape', () => {
    const path = file(
      'plan.yaml',
      [
        'version: 1',
        'resolution: { id: r, title: R, adoptedBy: C, timezone: Europe/Zurich }',
        'people:',
        '  alice: { name: Alice, email: alice@example.org }',
        'tasks:',
        '  - id: spring',
        '    clause: c',
        '    title: T',
        '    responsible: S',
        '    assignees: [alice]',
        '    due: 2025-03-31',
        '    reminders: [P1W, P1D]',
        '    deliverables: [{ id: d, title: D, kind: text }]',
        '',
      ].join('\n'),
    );
    const { status, stdout } = run(
      'plan',
      path,
      '--from',
      '2025-03-20T00:00:00+01:00',
      '--to',
      '2025-04-09T00:00:00+02:00',
      '--json',
    );
    expect(status).toBe(0);
    const entries = JSON.parse(stdout) as Record<string, unknown>[];
    // D = Mon 31 Mar 2025; Zurich moves to +02:00 on Sun 30 Mar at 02:00.
    expect(entries).toStrictEqual([
      {
        task: 'spring',
        occurrence: '2025-03-31',
        kind: 'reminder',
        offset: 'P1W', // as written, not P7D
        to: 'alice@example.org',
        at: '2025-03-24T09:00:00.000+01:00', // Mon 24 Mar, winter time
      },
      {
        task: 'spring',
        occurrence: '2025-03-31',
        kind: 'reminder',
        offset: 'P1D',
        to: 'alice@example.org',
        at: '2025-03-30T09:00:00.000+02:00', // Sun 30 Mar, summer time
      },
      {
        task: 'spring',
        occurrence: '2025-03-31',
        kind: 'overdue',
        to: 'alice@example.org',
        at: '2025-04-01T09:00:00.000+02:00', // D+1
      },
      {
        task: 'spring',
        occurrence: '2025-03-31',
        kind: 'overdue',
        to: 'alice@example.org',
        at: '2025-04-08T09:00:00.000+02:00', // D+1+P7D
      },
    ]);
    expect(Object.keys(entries[0]!)).toEqual(['task', 'occurrence', 'kind', 'offset', 'to', 'at']);
    expect(Object.keys(entries[2]!)).toEqual(['task', 'occurrence', 'kind', 'to', 'at']);
  });
});
