/**
 * Turns the text of a resolution into a draft catalog: one task per
 * operative clause, with what the text says (clause, body, dates, rhythm)
 * filled in and what a person must decide left as a TODO.
 */
import { findTimes, type FoundDate } from './find-dates';
import { readResolutionText, type OperativeClause } from './operative-clauses';
import { addresseeOf, bodyKey } from './responsible';

/** A decision left to a person, on one field of a task (or of the catalog). */
export interface Decision {
  /** The field, e.g. "due", "responsible". */
  field: string;
  /** What to decide, for the TODO comment. */
  hint: string;
}

/** One drafted task. */
export interface DraftTask {
  id: string;
  clause: string;
  title: string;
  /** Undefined when the heading names no body: a decision. */
  responsible?: string;
  /** People key of the responsible body, if there is one. */
  assignee?: string;
  /** An invitation: reminders only. */
  invitation: boolean;
  /** The first date the clause names, if any. */
  due?: FoundDate;
  /** Other dates the clause names, for the comment. */
  otherDates: FoundDate[];
  /** "annually" and the like: a yearly recurrence. */
  annual: boolean;
  /** The clause text (with its chapeau for a sub-item). */
  notes: string;
  decisions: Decision[];
  /** 1-based line of the clause in the text. */
  line: number;
}

/** A drafted catalog, before it is written as YAML. */
export interface DraftCatalog {
  resolution: { id: string; title?: string; adoptedBy?: string; source: string };
  people: { key: string; name: string }[];
  tasks: DraftTask[];
  /** Operative clauses found in the text, chapeaux included. */
  clausesFound: number;
  /** Clauses that are chapeaux: their sub-items carry the tasks. */
  chapeaux: string[];
  /** Annex items that ask for no action ("Membership: open to all ..."): no task. */
  skipped: string[];
  /** Tasks with at least one decision left. */
  tasksNeedingDecision: number;
}

export interface DraftOptions {
  /** The file name the text came from (written as `resolution.source`). */
  source: string;
  /** The resolution id; default: from the file name. */
  id?: string;
}

/** A catalog id from a file name: "itu-council-resolution-1332.txt" gives "itu-council-resolution-1332". */
export function idFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'resolution' : id;
}

/** Drafts a catalog from the text of a resolution. */
export function draftCatalog(text: string, options: DraftOptions): DraftCatalog {
  const read = readResolutionText(text);
  const people = new Map<string, string>();
  const ids = new Set<string>();
  const tasks: DraftTask[] = [];
  const skipped: string[] = [];

  for (const clause of read.clauses) {
    if (clause.chapeau) continue;
    // An Annex item that asks for action starts "to ..."; others describe (membership, chairing).
    if (clause.section === 'Annex' && !/^to\s/i.test(clause.text)) {
      skipped.push(clause.name);
      continue;
    }
    const addressee = addresseeOf(clause.section, read.annexTitle);
    let assignee: string | undefined;
    if (addressee.body !== undefined) {
      assignee = bodyKey(addressee.body);
      people.set(assignee, addressee.body);
    }
    tasks.push(draftTask(clause, addressee, assignee, ids));
  }

  return {
    resolution: {
      id: options.id ?? idFromFileName(options.source),
      ...(read.title !== undefined ? { title: read.title } : {}),
      ...(read.adoptedBy !== undefined ? { adoptedBy: read.adoptedBy } : {}),
      source: options.source,
    },
    people: [...people].map(([key, name]) => ({ key, name })),
    tasks,
    clausesFound: read.clauses.length,
    chapeaux: read.clauses.filter((c) => c.chapeau).map((c) => c.name),
    skipped,
    tasksNeedingDecision: tasks.filter((t) => t.decisions.length > 0).length,
  };
}

function draftTask(
  clause: OperativeClause,
  addressee: { body?: string; invitation: boolean },
  assignee: string | undefined,
  ids: Set<string>,
): DraftTask {
  const times = findTimes(clause.text);
  const [due, ...otherDates] = times.dates;
  const decisions: Decision[] = [];

  if (addressee.body === undefined) {
    decisions.push({
      field: 'responsible',
      hint: `"${clause.section}" names no body: who is accountable, and who gets the mail`,
    });
  }
  if (due === undefined) {
    const named = times.years.length > 0 ? `; the text names ${times.years.join(', ')}` : '';
    const rhythm = times.annual
      ? ' (yearly: the first occurrence)'
      : times.rhythm.length > 0
        ? `; it says "${times.rhythm.join('", "')}": a recurrence, or a series of meetings ({ series: ... })`
        : '';
    decisions.push({ field: 'due', hint: `the clause gives no day${named}${rhythm}` });
  }

  const notes =
    clause.parentText !== undefined
      ? `${clause.parentText} ... ${clause.marker ?? ''}) ${clause.text}`
      : clause.text;
  return {
    id: uniqueId(taskId(clause), ids),
    clause: clause.name,
    title: titleFrom(clause.text),
    ...(addressee.body !== undefined ? { responsible: addressee.body } : {}),
    ...(assignee !== undefined ? { assignee } : {}),
    invitation: addressee.invitation,
    ...(due !== undefined ? { due } : {}),
    otherDates,
    annual: times.annual,
    notes,
    decisions,
    line: clause.line,
  };
}

function taskId(clause: OperativeClause): string {
  const [verb = 'clause', ...rest] = clause.section.toLowerCase().split(/\s+/);
  const body = rest.length > 0 ? bodyKey(rest.join(' ')).split('-').slice(0, 3).join('-') : '';
  const parts = [verb, body, clause.number ?? '', clause.marker ?? ''].filter((p) => p !== '');
  return parts.join('-').replace(/[^a-z0-9-]+/g, '');
}

function uniqueId(id: string, ids: Set<string>): string {
  let candidate = id;
  for (let n = 2; ids.has(candidate); n++) candidate = `${id}-${n}`;
  ids.add(candidate);
  return candidate;
}

/** A title from the clause's opening words: "to report annually on ..." gives "Report annually on ...". */
function titleFrom(text: string): string {
  const body = text
    .replace(/^(?:to|that)\s+/i, '')
    .replace(/[,;.:]+$/, '')
    .trim();
  const words = body.split(/\s+/);
  let title = '';
  for (const word of words) {
    if ((title + ' ' + word).length > 90) {
      title += ' ...';
      break;
    }
    title = title === '' ? word : `${title} ${word}`;
  }
  return title.charAt(0).toUpperCase() + title.slice(1);
}
