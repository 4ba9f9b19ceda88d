/**
 * Turns the text of a resolution into a draft catalog: one task per
 * operative clause, with what the text says (clause, body, dates, cadence,
 * sessions) filled in and what a person must decide left as a TODO. A
 * paragraph that asks no one to act is listed with the reason, never
 * dropped.
 */
import { findCadence, type Cadence } from './find-cadence';
import { findTimes, isDue, type FoundDate } from './find-dates';
import { findSessions, type FoundSession } from './find-sessions';
import { readResolutionText, type OperativeClause } from './operative-clauses';
import { addresseeOf, bodyKey, type Addressee } from './responsible';

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
  /** The first date the clause names that can stand as a due date, if any. */
  due?: FoundDate;
  /** Without a date: the session the clause hangs on (an event, or a series). */
  session?: FoundSession;
  /** Other dates the clause names, for the comment. */
  otherDates: FoundDate[];
  /** "annually", "every two years", "twice a year": a recurrence. */
  cadence?: Cadence;
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
  /** Every clause with no task of its own, and why: chapeaux, descriptive items, paragraphs that ask no one. */
  noTask: { clause: string; reason: string }[];
  /** The sessions the tasks hang on, declared as tentative events whose dates a person fills in. */
  events: FoundSession[];
  /** The house style the text was read in. */
  style: 'itu' | 'un';
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
  const noTask: { clause: string; reason: string }[] = [];
  const events = new Map<string, FoundSession>();

  for (const clause of read.clauses) {
    if (clause.opening?.noTask !== undefined) {
      noTask.push({ clause: clause.name, reason: clause.opening.noTask });
      continue;
    }
    if (clause.chapeau) {
      noTask.push({ clause: clause.name, reason: 'chapeau: its sub-items carry the tasks' });
      continue;
    }
    // An Annex item that asks for action starts "to ..."; others describe (membership, chairing).
    if (clause.section === 'Annex' && !/^to\s/i.test(clause.text)) {
      skipped.push(clause.name);
      noTask.push({ clause: clause.name, reason: 'describes, asks for no action' });
      continue;
    }
    const addressee: Addressee = clause.opening
      ? {
          ...(clause.opening.body !== undefined ? { body: clause.opening.body } : {}),
          invitation: clause.opening.invitation,
        }
      : addresseeOf(clause.section, read.annexTitle);
    let assignee: string | undefined;
    if (addressee.body !== undefined) {
      assignee = bodyKey(addressee.body);
      people.set(assignee, addressee.body);
    }
    const task = draftTask(clause, addressee, assignee, ids, read.adoptedBy);
    if (task.session && !events.has(task.session.key)) events.set(task.session.key, task.session);
    tasks.push(task);
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
    noTask,
    events: [...events.values()],
    style: read.style,
    tasksNeedingDecision: tasks.filter((t) => t.decisions.length > 0).length,
  };
}

function draftTask(
  clause: OperativeClause,
  addressee: { body?: string; invitation: boolean },
  assignee: string | undefined,
  ids: Set<string>,
  adoptedBy: string | undefined,
): DraftTask {
  // A sub-item's sessions and cadence may sit in its chapeau ("to report annually: (a) on ...").
  const times = findTimes(clause.text);
  const due = times.dates.find(isDue);
  const otherDates = times.dates.filter((d) => d !== due);
  const cadence = findCadence(clause.text) ?? findCadence(clause.parentText ?? '');
  const session =
    due === undefined
      ? (findSessions(clause.text, adoptedBy)[0] ??
        findSessions(clause.parentText ?? '', adoptedBy)[0])
      : undefined;
  const decisions: Decision[] = [];

  if (addressee.body === undefined) {
    const who =
      clause.opening !== undefined
        ? `"${clause.opening.verb}" names no body`
        : `"${clause.section}" names no body`;
    decisions.push({
      field: 'responsible',
      hint: `${who}: who is accountable, and who gets the mail`,
    });
  }
  if (due === undefined && session === undefined) {
    const months = otherDates.filter((d) => d.precision === 'month').map((d) => d.text);
    const named = [
      ...(months.length > 0 ? [`names ${months.join(', ')} without a day`] : []),
      ...(times.years.length > 0 ? [`names ${times.years.join(', ')}`] : []),
    ];
    const said = named.length > 0 ? `; the text ${named.join(' and ')}` : '';
    const rhythm = cadence
      ? ` ("${cadence.words}": the first occurrence)`
      : times.rhythm.length > 0
        ? `; it says "${times.rhythm.join('", "')}": a recurrence, or a series of meetings ({ series: ... })`
        : '';
    decisions.push({ field: 'due', hint: `the clause gives no day${said}${rhythm}` });
  }

  const notes =
    clause.parentText !== undefined
      ? `${clause.parentText} ... ${clause.label ?? `${clause.marker ?? ''})`} ${clause.text}`
      : clause.text;
  return {
    id: uniqueId(taskId(clause), ids),
    clause: clause.name,
    title: titleFrom(
      clause.opening && clause.parentText === undefined ? actionOf(clause.text) : clause.text,
    ),
    ...(addressee.body !== undefined ? { responsible: addressee.body } : {}),
    ...(assignee !== undefined ? { assignee } : {}),
    invitation: addressee.invitation,
    ...(due !== undefined ? { due } : {}),
    ...(session !== undefined ? { session } : {}),
    otherDates,
    ...(cadence !== undefined ? { cadence } : {}),
    notes,
    decisions,
    line: clause.line,
  };
}

function taskId(clause: OperativeClause): string {
  const heading =
    clause.opening !== undefined
      ? `${clause.opening.verb.split(' ')[0]} ${clause.opening.body ?? ''}`
      : clause.section;
  const [verb = 'clause', ...rest] = heading.toLowerCase().trim().split(/\s+/);
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

/** A paragraph's action without its opening: "Requests the Secretary-General to report ..." gives "to report ...". */
function actionOf(text: string): string {
  const at = text.search(/\s(?:to|that)\s+[a-z]/);
  return at < 0 ? text : text.slice(at + 1);
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
