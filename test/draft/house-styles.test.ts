/**
 * `mandate draft` in the house styles it reads: a General Assembly text
 * (numbered paragraphs, "Also requests", "(a)" sub-items, "Decides to remain
 * seized") and an ITU Plenipotentiary Conference text (headed lists,
 * lettered sub-items, an unnumbered single item, "resolves to instruct"),
 * both written for this test. Each duty is checked against a table written by
 * hand from the text: its exact reference, its body, its due (a date at the
 * precision the text gives, a session, or left to decide), its cadence, and
 * whether it only invites; each paragraph without a duty is listed with why.
 * Then the draft's YAML: validate says what to decide at each TODO, and once
 * a person decides, the draft is a valid catalog with the sessions as events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { validateCatalogText } from '../../src/catalog/validate';
import { draftCatalog, type DraftCatalog } from '../../src/draft/draft-catalog';
import { writeDraftYaml } from '../../src/draft/write-draft-yaml';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

/** One duty as read by hand: reference, body, due ("2027-03-31", "event ga-82", "series council", "TODO"), cadence, invitation. */
type Row = [
  clause: string,
  body: string | undefined,
  due: string,
  every: string | undefined,
  invites: boolean,
];

/** What the draft made of each duty, in the table's form. */
function rows(draft: DraftCatalog): Row[] {
  return draft.tasks.map((t) => [
    t.clause,
    t.responsible,
    t.due
      ? t.due.date
      : t.session
        ? `${t.session.series ? 'series' : 'event'} ${t.session.key}`
        : 'TODO',
    t.cadence?.every,
    t.invitation,
  ]);
}

/** A person's decisions in place of the TODOs: a zone, addresses, a body, dates. */
function decide(yaml: string): string {
  const doc = parseDocument(yaml);
  doc.setIn(['resolution', 'timezone'], 'America/New_York');
  const people = doc.get('people', true);
  if (isMap(people))
    for (const pair of people.items)
      if (isMap(pair.value))
        pair.value.set('email', `${String((pair.key as { value: unknown }).value)}@example.org`);
  const events = doc.get('events', true);
  if (isMap(events))
    for (const pair of events.items) if (isMap(pair.value)) pair.value.set('start', '2027-09-14');
  const tasks = doc.get('tasks', true);
  if (!isSeq(tasks)) throw new Error('no tasks');
  for (const task of tasks.items) {
    if (!isMap(task)) continue;
    if (task.get('responsible') === 'TODO') task.set('responsible', 'Secretariat');
    const assignees = task.get('assignees', true);
    if (isSeq(assignees))
      assignees.items = assignees.items.map((a) =>
        isScalar(a) && a.value === 'TODO' ? doc.createNode('secretary-general') : a,
      );
    const due = task.get('due', true);
    if (isScalar(due) && due.value === 'TODO') task.set('due', '2027-06-30');
  }
  return doc.toString();
}

describe('mandate draft on a General Assembly resolution', () => {
  const draft = draftCatalog(fixture('ga-style-resolution.txt'), {
    source: 'ga-style-resolution.txt',
    id: 'ga-80-999',
  });

  it('reads the title and the adopting body, not the document header', () => {
    expect(draft.style).toBe('un');
    expect(draft.resolution.title).toBe(
      '80/999. Information and communications technologies for sustainable development',
    );
    expect(draft.resolution.adoptedBy).toBe('General Assembly');
  });

  it('drafts every duty at its paragraph, with its body, due, cadence and firmness', () => {
    const SG = 'Secretary-General';
    expect(rows(draft)).toEqual<Row[]>([
      ['paragraph 3', SG, 'TODO', 'P1Y', false],
      ['paragraph 4', SG, 'event ga-82', undefined, false],
      ['paragraph 5', 'Member States', '2027-03-31', undefined, true],
      ['paragraph 6 (a)', SG, '2027-06-30', undefined, false],
      ['paragraph 6 (b)', SG, '2027-12-31', undefined, false],
      ['paragraph 6 (c)', SG, 'TODO', 'P2Y', false],
      ['paragraph 7', 'all States and relevant stakeholders', 'TODO', undefined, true],
      ['paragraph 8', 'regional commissions', 'TODO', 'P6M', true],
      ['paragraph 9', 'Economic and Social Council', 'series cstd', undefined, false],
      ['paragraph 11', undefined, 'event ga-82', undefined, false],
    ]);
    // One person per distinct body, named as the text names it.
    expect(draft.people.map((p) => p.name)).toEqual([
      SG,
      'Member States',
      'all States and relevant stakeholders',
      'regional commissions',
      'Economic and Social Council',
    ]);
  });

  it('gives each date its precision, and does not read "the 2030 Agenda" as one', () => {
    const byClause = new Map(draft.tasks.map((t) => [t.clause, t]));
    expect(byClause.get('paragraph 6 (a)')?.due).toMatchObject({
      precision: 'month',
      text: 'no later than June 2027',
    });
    expect(byClause.get('paragraph 6 (b)')?.due).toMatchObject({
      precision: 'year',
      text: 'before the end of 2027',
    });
    expect(byClause.get('paragraph 5')?.due).toMatchObject({
      precision: 'day',
      text: 'by 31 March 2027',
    });
    const p8 = byClause.get('paragraph 8')!;
    expect(p8.otherDates).toEqual([]);
    expect(p8.decisions.find((d) => d.field === 'due')?.hint).not.toContain('2030');
  });

  it('lists each paragraph that asks no one to act, with the reason', () => {
    expect(draft.noTask).toEqual([
      { clause: 'paragraph 1', reason: 'welcomes: takes a position, asks no one to act' },
      {
        clause: 'paragraph 2',
        reason: 'recalls: cites what was agreed before, asks no one to act',
      },
      { clause: 'paragraph 6', reason: 'chapeau: its sub-items carry the tasks' },
      { clause: 'paragraph 10', reason: 'reaffirms: restates a position, asks no one to act' },
      { clause: 'paragraph 12', reason: 'remains seized of the matter: asks no one to act' },
    ]);
    // Every paragraph of the text is a task or a listed no-task: none dropped.
    const all = [...draft.tasks.map((t) => t.clause), ...draft.noTask.map((n) => n.clause)];
    for (let n = 1; n <= 12; n++)
      expect(all.some((c) => c === `paragraph ${n}` || c.startsWith(`paragraph ${n} (`))).toBe(
        true,
      );
    const yaml = writeDraftYaml(draft);
    expect(yaml).toContain('#   paragraph 12: remains seized of the matter: asks no one to act');
  });

  it('declares the sessions as tentative events, and validate says what to decide', () => {
    const yaml = writeDraftYaml(draft);
    const { problems } = validateCatalogText(yaml);
    const messages = new Map(problems.map((p) => [p.path, p.message]));
    expect(messages.get('events.ga-82.start')).toMatch(
      /^still to decide: the first day of the session/,
    );
    expect(messages.get('events.cstd-next.start')).toMatch(
      /^still to decide: the first day of the session/,
    );
    expect(messages.get('tasks[0].due')).toBe(
      'still to decide: the due date (YYYY-MM-DD), or the first one: the clause gives no day ("annually": the first occurrence)',
    );
    expect(messages.get('resolution.timezone')).toMatch(/^still to decide: the IANA zone/);
    for (const p of problems) expect(p.message).not.toMatch(/TODO is not|unknown person TODO/);
  });

  it('is a valid catalog once a person decides, with the sessions as events', () => {
    const { catalog, problems } = validateCatalogText(decide(writeDraftYaml(draft)));
    expect(problems).toEqual([]);
    expect(catalog?.tasks).toHaveLength(10);
    const p4 = catalog!.tasks.find((t) => t.clause === 'paragraph 4')!;
    expect(p4.due).toMatchObject({ event: 'ga-82' });
    const p8 = catalog!.tasks.find((t) => t.clause === 'paragraph 8')!;
    expect(p8.recurrence?.every).toBe('P6M');
    expect(p8.policy.overdueEvery).toBeNull();
  });
});

describe('mandate draft on an ITU Plenipotentiary Conference resolution', () => {
  const draft = draftCatalog(fixture('itu-pp-style-resolution.txt'), {
    source: 'itu-pp-style-resolution.txt',
    id: 'pp-999',
  });
  const TDB = 'instructs the Director of the Telecommunication Development Bureau';
  const DIRS = 'resolves to instruct the Directors of the three Bureaux';

  it('drafts every duty at its reference, the unnumbered item under its heading included', () => {
    expect(draft.style).toBe('itu');
    expect(rows(draft)).toEqual<Row[]>([
      ['resolves 1', undefined, 'TODO', undefined, false],
      ['resolves 2', undefined, 'event pp-next', undefined, false],
      [
        'instructs the Secretary-General 1',
        'Secretary-General',
        'series council',
        undefined,
        false,
      ],
      ['instructs the Secretary-General 2', 'Secretary-General', 'event pp-next', undefined, false],
      [TDB, 'Director of the Telecommunication Development Bureau', '2028-01-31', undefined, false],
      [`${DIRS} 1`, 'Directors of the three Bureaux', 'TODO', 'P2Y', false],
      [`${DIRS} 2`, 'Directors of the three Bureaux', 'event council-next', undefined, false],
      ['instructs the Council', 'Council', 'TODO', 'P1Y', false],
      ['invites Member States 1', 'Member States', '2027-03-31', undefined, true],
      ['invites Member States 2', 'Member States', 'TODO', undefined, true],
      ['encourages Sector Members a)', 'Sector Members', 'TODO', 'P6M', true],
      ['encourages Sector Members b)', 'Sector Members', 'TODO', undefined, true],
    ]);
    expect(draft.noTask).toEqual([]);
    // The preamble's lettered items (recalling, considering) and its "that ..." line are no clauses.
    expect(draft.clausesFound).toBe(12);
  });

  it('is a valid catalog once a person decides', () => {
    const { catalog, problems } = validateCatalogText(decide(writeDraftYaml(draft)));
    expect(problems).toEqual([]);
    expect(Object.keys(catalog!.events).sort()).toEqual(['council-next', 'pp-next']);
    // "the Council at its next session" and "each session of the Council": one event, of the series.
    expect(catalog!.events['council-next']).toMatchObject({ series: 'council', tentative: true });
    const series = catalog!.tasks.find((t) => t.clause === 'instructs the Secretary-General 1')!;
    expect(series.due).toMatchObject({ series: 'council' });
  });
});
