/**
 * `mandate draft` on the text of Resolution 1332 and on a second resolution
 * written for this test: the clauses it finds, what it fills in, the TODOs it
 * leaves, and that `catalog validate` names exactly those TODOs until a person
 * fills them, after which the draft is a valid catalog.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { draftCatalog } from '../../src/draft/draft-catalog';
import { writeDraftYaml } from '../../src/draft/write-draft-yaml';
import { validateCatalogText } from '../../src/catalog/validate';
import { main } from '../../src/cli/main';

const SEED = readFileSync(
  join(__dirname, '..', 'catalog', 'fixtures', 'resolution-1332.txt'),
  'utf8',
);
const SAMPLE_FILE = join(__dirname, 'fixtures', 'sample-resolution.txt');
const SAMPLE = readFileSync(SAMPLE_FILE, 'utf8');

const CWG =
  'instructs the Council Working Group on the World Summit on the Information Society and SDGs';
const SG = 'instructs the Secretary-General';
const SGD = 'instructs the Secretary-General and the Directors of the Bureaux';
const INV = 'invites Member States, Sector Members, and all Stakeholders';
const range = (heading: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${heading} ${i + 1}`);

/** The operative clauses of Resolution 1332 with an action, read off the text by hand. */
const SEED_TASK_CLAUSES = [
  'resolves 1',
  'resolves 2',
  'resolves 3 a)',
  'resolves 3 b)',
  'resolves 4',
  'resolves 5',
  'resolves 6',
  `${CWG} 1 i)`,
  `${CWG} 1 ii)`,
  `${CWG} 1 iii)`,
  `${CWG} 1 iv)`,
  `${CWG} 2`,
  ...range(SG, 14),
  ...range(SGD, 5),
  ...range(INV, 6),
  ...'abcdefghij'.split('').map((l) => `Annex ${l})`),
];

/** What a person would write in place of each TODO: a zone, addresses, a body, a date. */
function fillTodos(yaml: string): string {
  const doc = parseDocument(yaml);
  doc.setIn(['resolution', 'timezone'], 'Europe/Zurich');
  const people = doc.get('people', true) as YAMLMap;
  const firstPerson = String((people.items[0]?.key as { value: unknown }).value);
  for (const pair of people.items) {
    if (isMap(pair.value))
      pair.value.set('email', `${String((pair.key as { value: unknown }).value)}@example.org`);
  }
  const events = doc.get('events', true);
  if (isMap(events))
    for (const pair of events.items) if (isMap(pair.value)) pair.value.set('start', '2027-06-01');
  const tasks = doc.get('tasks', true);
  if (!isSeq(tasks)) throw new Error('no tasks');
  for (const task of tasks.items) {
    if (!isMap(task)) continue;
    if (task.get('responsible') === 'TODO') task.set('responsible', 'ITU General Secretariat');
    const assignees = task.get('assignees', true);
    if (isSeq(assignees))
      assignees.items = assignees.items.map((a) =>
        isScalar(a) && a.value === 'TODO' ? doc.createNode(firstPerson) : a,
      );
    const due = task.get('due', true);
    if (isScalar(due) && due.value === 'TODO') task.set('due', '2027-06-30');
  }
  return doc.toString();
}

describe('mandate draft on Resolution 1332', () => {
  const draft = draftCatalog(SEED, { source: 'resolution-1332.txt', id: 'itu-council-1332' });

  it('finds every operative clause of the seed and drafts one task per clause that acts', () => {
    expect(draft.tasks.map((t) => t.clause)).toEqual(SEED_TASK_CLAUSES);
    // The two chapeaux (resolves 3 and the CWG's item 1) are clauses too, with no task of their own.
    expect(draft.chapeaux).toEqual(['resolves 3', `${CWG} 1`]);
    expect(draft.clausesFound).toBe(SEED_TASK_CLAUSES.length + 2);
    expect(new Set(draft.tasks.map((t) => t.id)).size).toBe(draft.tasks.length);
  });

  it('reads the responsible body from the heading, and the clause text into notes', () => {
    const sg7 = draft.tasks.find((t) => t.clause === `${SG} 7`);
    expect(sg7?.responsible).toBe('Secretary-General');
    expect(sg7?.notes).toMatch(/^to contribute annually on relevant ITU activities to the ECOSOC/);
    expect(sg7?.cadence?.every).toBe('P1Y');
    expect(draft.tasks.find((t) => t.clause === 'Annex c)')?.responsible).toBe(
      'Council Working Group on WSIS&SDG',
    );
    const r3b = draft.tasks.find((t) => t.clause === 'resolves 3 b)');
    expect(r3b?.responsible).toBeUndefined();
    expect(r3b?.notes).toContain('including by: ... b) providing input');
    expect(draft.tasks.filter((t) => t.invitation).map((t) => t.clause)).toEqual(range(INV, 6));
  });

  it("reads each duty's body, session and cadence as a hand reading of the text does", () => {
    // Read by hand: the body each heading names, and the duties with a session or a rhythm.
    const bodies: Record<string, string | undefined> = {
      resolves: undefined,
      [CWG]: 'Council Working Group on the World Summit on the Information Society and SDGs',
      [SGD]: 'Secretary-General and the Directors of the Bureaux',
      [SG]: 'Secretary-General',
      [INV]: 'Member States, Sector Members, and all Stakeholders',
      Annex: 'Council Working Group on WSIS&SDG',
    };
    const timed: Record<string, [due: string, every?: string]> = {
      [`${CWG} 2`]: ['event council-2025'], // "to update Council 2025"
      [`${SG} 3`]: ['event pp-2026'], // "to the 2026 Plenipotentiary Conference"
      [`${SG} 6`]: ['TODO', 'P1Y'], // "to report annually"
      [`${SG} 7`]: ['TODO', 'P1Y'], // "to contribute annually"
      [`${SG} 8`]: ['event council-2025'], // "to the 2025 session of the Council"
      [`${INV} 5`]: ['TODO', 'P1Y'], // "the annual WSIS Project Prizes"
      'Annex c)': ['TODO', 'P1Y'], // "on a yearly basis"
    };
    const expected = SEED_TASK_CLAUSES.map((clause) => {
      const heading = Object.keys(bodies)
        .sort((a, b) => b.length - a.length)
        .find((h) => clause.startsWith(h))!;
      const [due, every] = timed[clause] ?? ['TODO'];
      return [clause, bodies[heading], due, every];
    });
    expect(
      draft.tasks.map((t) => [
        t.clause,
        t.responsible,
        t.session ? `event ${t.session.key}` : (t.due?.date ?? 'TODO'),
        t.cadence?.every,
      ]),
    ).toEqual(expected);
    // "the financial plan and biennial budget" (resolves 3, SG 2) is the budget's rhythm, not a duty's.
    expect(draft.tasks.find((t) => t.clause === `${SG} 2`)?.cadence).toBeUndefined();
  });

  it('does not make a day of a month the text names as when something happens', () => {
    // "1st Physical meeting: October 2024": the meeting's day is in the facts, not the text.
    const cwg = [`${CWG} 1 i)`, `${CWG} 1 ii)`, `${CWG} 1 iii)`].map((clause) =>
      draft.tasks.find((t) => t.clause === clause),
    );
    expect(cwg.map((t) => t?.due)).toEqual([undefined, undefined, undefined]);
    expect(cwg.map((t) => t?.decisions.find((d) => d.field === 'due')?.hint)).toEqual([
      'the clause gives no day; the text names August 2024 without a day',
      'the clause gives no day; the text names October 2024 without a day',
      'the clause gives no day; the text names February 2025 without a day',
    ]);
  });

  it('says how many tasks need a decision, and validate names exactly the TODOs', () => {
    const yaml = writeDraftYaml(draft);
    const undecided = draft.tasks.filter((t) => t.decisions.length > 0);
    expect(draft.tasksNeedingDecision).toBe(undecided.length);
    expect(yaml).toContain(
      `# ${undecided.length} of the ${draft.tasks.length} tasks need a decision (TODO);`,
    );

    const { catalog, problems } = validateCatalogText(yaml);
    expect(catalog).toBeUndefined();
    const lines = yaml.split('\n');
    for (const p of problems) {
      const line = lines[p.line - 1] ?? '';
      // Every problem is at a TODO value, and says what to decide.
      const marked = /\bTODO\b/.test(line) && p.message.startsWith('still to decide: ');
      expect(marked, `problem without a TODO: ${p.path}: ${p.message} at "${line}"`).toBe(true);
    }
    const dueProblems = problems.filter((p) => /^tasks\[\d+\]\.due$/.test(p.path));
    expect(dueProblems).toHaveLength(
      draft.tasks.filter((t) => t.due === undefined && t.session === undefined).length,
    );
    // A task on a session names it; the session's date is the one decision, in events.
    expect(problems.filter((p) => /^events\./.test(p.path)).map((p) => p.path)).toEqual(
      draft.events.map((e) => `events.${e.key}.start`),
    );
    const responsibleProblems = problems.filter((p) => /\.responsible$/.test(p.path));
    expect(responsibleProblems.map((p) => p.message)).toEqual(
      Array(7).fill(
        'still to decide: "resolves" names no body: who is accountable, and who gets the mail',
      ),
    );
  });

  it('validates once its TODOs are filled, keeping every task and the invitations reminder-only', () => {
    const filled = fillTodos(writeDraftYaml(draft));
    const { catalog, problems } = validateCatalogText(filled);
    expect(problems).toEqual([]);
    expect(catalog?.tasks).toHaveLength(SEED_TASK_CLAUSES.length);
    const invitation = catalog?.tasks.find((t) => t.clause === `${INV} 5`);
    expect(invitation?.policy.overdueEvery).toBeNull();
    const sg6 = catalog?.tasks.find((t) => t.clause === `${SG} 6`);
    expect(sg6?.recurrence?.every).toBe('P1Y');
  });
});

describe('mandate draft on a second resolution', () => {
  const draft = draftCatalog(SAMPLE, { source: 'sample-resolution.txt' });

  it('finds its clauses, skips the preamble and Annex items that ask for no action', () => {
    expect(draft.resolution).toEqual({
      id: 'sample-resolution',
      title: 'Open data for disaster early warning and the monitoring of coastal risks',
      adoptedBy: 'Council of the Union',
      source: 'sample-resolution.txt',
    });
    expect(draft.tasks.map((t) => t.clause)).toEqual([
      'decides 1',
      'decides 2',
      'requests the Director of the Development Bureau 1',
      'requests the Director of the Development Bureau 2 a)',
      'requests the Director of the Development Bureau 2 b)',
      'requests the Director of the Development Bureau 3',
      'encourages Member States and Sector Members 1',
      'encourages Member States and Sector Members 2',
      'Annex b)',
      'Annex c)',
    ]);
    expect(draft.skipped).toEqual(['Annex a)']);
    expect(draft.chapeaux).toEqual(['requests the Director of the Development Bureau 2']);
  });

  it('turns days, US-style days, ranges and months into due dates, and rhythms into recurrences', () => {
    const byClause = new Map(draft.tasks.map((t) => [t.clause, t]));
    expect(byClause.get('decides 2')?.due).toEqual({
      date: '2027-09-09',
      precision: 'day',
      deadline: false,
      text: '9-10 September 2027',
    });
    const report = byClause.get('requests the Director of the Development Bureau 1');
    expect(report?.due?.date).toBe('2027-03-31');
    expect(report?.cadence?.every).toBe('P1Y');
    const guideline = byClause.get('requests the Director of the Development Bureau 2 a)');
    expect(guideline?.due).toEqual({
      date: '2027-06-30',
      precision: 'month',
      deadline: true,
      text: 'by June 2027',
    });
    const module = byClause.get('requests the Director of the Development Bureau 2 b)');
    expect(module?.due?.date).toBe('2027-03-15');
    expect(module?.otherDates.map((d) => d.text)).toEqual(['December 2027']);
    expect(byClause.get('encourages Member States and Sector Members 1')?.cadence?.every).toBe(
      'P1Y',
    );
    expect(byClause.get('Annex b)')?.cadence?.every).toBe('P1Y');
    expect(byClause.get('requests the Director of the Development Bureau 3')?.decisions).toEqual([
      expect.objectContaining({ field: 'due', hint: expect.stringContaining('"regularly"') }),
    ]);
    expect(draft.tasksNeedingDecision).toBe(7);
  });

  it('validates once its TODOs are filled', () => {
    const { problems } = validateCatalogText(fillTodos(writeDraftYaml(draft)));
    expect(problems).toEqual([]);
  });
});

describe('mandate draft (command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-draft-'));
  afterEach(() => vi.restoreAllMocks());

  it('writes the draft and says how many tasks need a decision', async () => {
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
    const out = join(dir, 'draft.yaml');
    expect(await main(['draft', SAMPLE_FILE, '--out', out])).toBe(0);
    expect(err.join('')).toContain(
      '12 operative clauses, 10 tasks; 7 need a decision (TODO); 2 with no task, listed at the top.',
    );
    const { problems } = validateCatalogText(readFileSync(out, 'utf8'));
    expect(problems.length).toBeGreaterThan(0);
    // A second run does not overwrite the draft a person may have started filling.
    expect(await main(['draft', SAMPLE_FILE, '--out', out])).toBe(2);
    expect(err.join('')).toContain('exists (use --force to overwrite it)');
    rmSync(dir, { recursive: true, force: true });
  });
});
