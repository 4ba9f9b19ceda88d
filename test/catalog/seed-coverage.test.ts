/**
 * Walks the text of ITU Council Resolution 1332 (a verbatim copy in
 * fixtures/resolution-1332.txt) and checks that the shipped catalog has a task
 * for every operative clause that asks for a dated, regular or recurring action,
 * an open one for every clause that says "regular(ly)", "annually", "each",
 * "continue to" or the like; that closed tasks say why; that invitations never chase.
 *
 * The clause list comes from the text, by the splitter `mandate draft` uses
 * (src/draft/operative-clauses.ts): each operative section heading
 * ("resolves", "instructs ...", "invites ...", "encourages ...", the Annex),
 * then the item number, then the sub-item. A clause is named
 * `<heading> <number> <sub>)`, e.g. "resolves 3 a)" or
 * "instructs the Secretary-General 7"; Annex items are "Annex c)". Sub-item
 * markers are written with ")" whatever the text uses ("a." or "a)").
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { operativeClauses } from '../../src/draft/operative-clauses';

const SEED_FILE = join(__dirname, 'fixtures', 'resolution-1332.txt');
const CATALOG_FILE = join(__dirname, '..', '..', 'catalogs', 'itu-council-1332.yaml');

const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

/**
 * Clauses judged to ask for no dated or recurring action. Each must exist in
 * the text and must not itself mention a time or a rhythm (see RHYTHM_WORDS, TIME_WORDS
 * and DATES).
 */
const NON_DATED: Record<string, string> = {
  'resolves 1': 'declaratory: ITU plays a leading facilitating role (Tunis Agenda 109)',
  'resolves 4': 'standing mandate: the CWG continues under the Annex terms of reference',
  'Annex b)': 'standing term of reference: oversee and discuss, no time stated',
  'Annex d)': 'standing term of reference: inform the membership, no time stated',
  'Annex e)': 'standing term of reference: make proposals, no time stated',
  'Annex f)': 'standing term of reference: give guidance, no time stated',
  'Annex g)': 'standing term of reference: give guidance, no time stated',
  'Annex j)': 'standing term of reference: monitor AI actions, no period stated',
};

/**
 * Words of a regular or recurring action. A clause that says one asks for an
 * action that comes round, so it needs a task that is still open: a series, a
 * recurrence, or a task not yet closed.
 */
const RHYTHM_WORDS =
  /\b(?:regular(?:ly)?|annual(?:ly)?|yearly|each|every year|continue to|periodic(?:ally)?)\b/i;
/** Words that make a clause dated or recurring; an exempted clause may not contain one. */
const TIME_WORDS = /\b(?:timely|deadlines?|session)\b/i;
/** A year or a month name; "2030" in "the 2030 Agenda" or "Connect 2030" is a name, not a date. */
const DATES =
  /(?<!Connect )\b(?:(?:19|20)\d\d(?! (?:[Aa]genda|Sustainable))|January|February|March|April|May|June|July|August|September|October|November|December)\b/;

interface Person {
  name?: unknown;
  email?: unknown;
  timezone?: unknown;
  locale?: unknown;
}

interface Task {
  id?: unknown;
  clause?: unknown;
  due?: unknown;
  recurrence?: unknown;
  completed?: unknown;
  waived?: { reason?: unknown };
  notes?: unknown;
  overdueEvery?: unknown;
  escalateAfter?: unknown;
  manager?: unknown;
  assignees?: unknown;
  tags?: unknown;
}

interface Catalog {
  resolution?: { timezone?: unknown };
  people?: Record<string, Person>;
  tasks?: Task[];
}

const seed = readFileSync(SEED_FILE, 'utf8');
const catalog = parse(readFileSync(CATALOG_FILE, 'utf8')) as Catalog;
const clauses = operativeClauses(seed);
const known = new Set(clauses.map((c) => c.name));
const required = clauses.filter((c) => !c.chapeau && !(c.name in NON_DATED));
const tasks = catalog.tasks ?? [];
const people = Object.entries(catalog.people ?? {});

function isSeries(task: Task): boolean {
  return typeof task.due === 'object' && task.due !== null && 'series' in task.due;
}

function normalise(clause: string): string {
  return clause.trim().replace(/\s+/g, ' ');
}

/** A clause as an `also:` tag names it: lower case, every run of other characters one hyphen. */
function slug(clause: string): string {
  return clause
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The clauses a task serves: its own, and each that an `also:<clause>` tag names. */
function clausesOf(task: Task): string[] {
  const own = typeof task.clause === 'string' ? [normalise(task.clause)] : [];
  const also = (Array.isArray(task.tags) ? task.tags : [])
    .filter((tag): tag is string => typeof tag === 'string' && tag.startsWith('also:'))
    .map((tag) => clauses.find((c) => slug(c.name) === tag.slice('also:'.length))?.name)
    .filter((name): name is string => name !== undefined);
  return [...own, ...also];
}

const catalogClauses = new Set(tasks.flatMap(clausesOf));

describe('catalog itu-council-1332 covers Resolution 1332', () => {
  it('finds the operative sections and their clauses in the seed text', () => {
    const sections = new Set(clauses.map((c) => c.section));
    expect(sections.has('resolves')).toBe(true);
    expect([...sections].some((s) => s.startsWith('instructs '))).toBe(true);
    expect([...sections].some((s) => s.startsWith('invites '))).toBe(true);
    expect(sections.has('Annex')).toBe(true);
    expect(required.length).toBeGreaterThan(30);
  });

  it.each(required.map((c) => [c.name, c.text] as const))(
    'has a task for clause "%s"',
    (name, text) => {
      expect(
        catalogClauses.has(name),
        `no task in catalogs/itu-council-1332.yaml has clause "${name}" ("${text.slice(0, 80)}...")`,
      ).toBe(true);
    },
  );

  it('names only clauses that exist in the text, in `also:` tags too', () => {
    const unknownAlso = tasks.flatMap((t) =>
      (Array.isArray(t.tags) ? t.tags : [])
        .filter((tag): tag is string => typeof tag === 'string' && tag.startsWith('also:'))
        .filter((tag) => !clauses.some((c) => slug(c.name) === tag.slice('also:'.length)))
        .map((tag) => `${String(t.id)}: ${tag}`),
    );
    expect(unknownAlso, 'also: tags that name no clause of the text').toEqual([]);
  });

  it('names only clauses that exist in the text', () => {
    const unknown = tasks
      .filter((t) => typeof t.clause !== 'string' || !known.has(normalise(t.clause)))
      .map((t) => `${String(t.id)}: "${String(t.clause)}"`);
    expect(
      unknown,
      `tasks whose clause is not in the resolution text:\n${unknown.join('\n')}`,
    ).toEqual([]);
  });

  it('exempts only clauses that exist and that mention no time', () => {
    for (const [name, reason] of Object.entries(NON_DATED)) {
      const clause = clauses.find((c) => c.name === name);
      expect(clause, `exempted clause "${name}" (${reason}) is not in the text`).toBeDefined();
      if (clause === undefined) continue;
      expect(clause.chapeau, `exempted clause "${name}" has sub-items`).toBe(false);
      expect(
        RHYTHM_WORDS.test(clause.text) || TIME_WORDS.test(clause.text) || DATES.test(clause.text),
        `exempted clause "${name}" mentions a time: "${clause.text}"`,
      ).toBe(false);
    }
  });

  const rhythmic = clauses.filter((c) => !c.chapeau && RHYTHM_WORDS.test(c.text));
  it.each(rhythmic.map((c) => [c.name, RHYTHM_WORDS.exec(c.text)?.[0] ?? ''] as const))(
    'has an open task for the recurring clause "%s" ("%s")',
    (name, word) => {
      const open = tasks.filter(
        (t) =>
          clausesOf(t).includes(name) &&
          (isSeries(t) ||
            t.recurrence !== undefined ||
            (t.completed === undefined && t.waived === undefined)),
      );
      expect(
        open.map((t) => t.id),
        `clause "${name}" says "${word}" but every task for it is closed (or there is none)`,
      ).not.toEqual([]);
    },
  );

  it('closes a task only with a note that says what is known', () => {
    const silent = tasks
      .filter((t) => t.completed !== undefined || t.waived !== undefined)
      .filter((t) => {
        const text = t.waived !== undefined ? t.waived.reason : t.notes;
        return typeof text !== 'string' || text.trim().length < 40;
      })
      .map((t) => String(t.id));
    expect(silent, 'closed tasks without an explanation').toEqual([]);
  });

  it('makes every invitation remind and never chase', () => {
    const invitations = tasks.filter(
      (t) => typeof t.clause === 'string' && /^(?:invites|encourages)\b/.test(t.clause),
    );
    expect(invitations.length).toBeGreaterThan(0);
    for (const t of invitations) {
      expect(t.overdueEvery, `${String(t.id)}: overdueEvery`).toBeNull();
      expect(t.escalateAfter ?? null, `${String(t.id)}: escalateAfter`).toBeNull();
      expect(t.manager, `${String(t.id)}: manager`).toBeUndefined();
    }
  });

  it('reaches people in all six ITU languages', () => {
    const locales = new Set(people.map(([, p]) => p.locale));
    const missing = LOCALES.filter((l) => !locales.has(l));
    expect(missing, `no person with locale ${missing.join(', ')}`).toEqual([]);
    for (const [key, p] of people) {
      for (const field of ['name', 'email', 'timezone', 'locale'] as const) {
        expect(typeof p[field], `people.${key}.${field}`).toBe('string');
      }
    }
  });

  it('reaches people in at least 4 time zones', () => {
    const zones = new Set(people.map(([, p]) => p.timezone ?? catalog.resolution?.timezone));
    expect(zones.size).toBeGreaterThanOrEqual(4);
  });
});
