/**
 * Parses a catalog's YAML with positions and checks it against the v1
 * contract, collecting every problem (not only the first) with the line and
 * column of the offending node.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type {
  Catalog,
  CatalogEvent,
  Deliverable,
  DueSpec,
  Person,
  Recurrence,
  ReminderPolicy,
  Resolution,
  Task,
} from '../shared/types';
import { DELIVERABLE_KINDS, LOCALES } from '../shared/types';
import type { CatalogProblem } from './problems';
import {
  isCalendarDate,
  isDateShaped,
  isWallTime,
  isZeroDuration,
  parseDuration,
} from '../time/duration';
import { isValidZone } from '../time/wall-clock';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The built-in policy for keys that `defaults` leaves out. */
export const BUILT_IN_POLICY: ReminderPolicy = {
  reminders: [],
  sendAt: '09:00',
  overdueEvery: 'P7D',
  escalateAfter: null,
  skipWeekends: false,
};

const POLICY_KEYS = [
  'reminders',
  'sendAt',
  'overdueEvery',
  'escalateAfter',
  'skipWeekends',
] as const;

export interface ValidationResult {
  catalog?: Catalog;
  problems: CatalogProblem[];
}

type Entry = { key: Scalar; value: Node | null };

class Checker {
  readonly problems: CatalogProblem[] = [];
  document?: Document;
  constructor(readonly lines: LineCounter) {}

  /**
   * An alias stands for its anchor's node. Resolved one step at a time, where
   * a value is read, so a document of nested aliases is never expanded whole.
   */
  deref(node: Node | null): Node | null {
    if (node && isAlias(node) && this.document)
      return (node.resolve(this.document) as Node | undefined) ?? null;
    return node;
  }

  report(
    node: Node | null | undefined,
    path: string,
    message: string,
    fallback?: Node | null,
  ): void {
    const offset = (node ?? fallback)?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    this.problems.push({ line, column: col, path, message });
  }

  /** The mapping's entries by key, after reporting unknown and missing keys. */
  map(
    node: Node | null,
    path: string,
    allowed: readonly string[],
    required: readonly string[],
    parent?: Node | null,
  ): Map<string, Entry> | null {
    if (!isMap(node)) {
      this.report(node, path, `expected a mapping${describe(node)}`, parent);
      return null;
    }
    const entries = new Map<string, Entry>();
    for (const pair of (node as YAMLMap).items as Pair<Node, Node | null>[]) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.report(key, path, 'keys must be text');
        continue;
      }
      const name = key.value;
      if (!allowed.includes(name)) {
        this.report(
          key,
          join(path, name),
          `unknown field (expected one of: ${allowed.join(', ')})`,
        );
        continue;
      }
      entries.set(name, { key, value: this.deref(pair.value ?? null) });
    }
    for (const name of required) {
      if (!entries.has(name)) this.report(node, join(path, name), 'missing required field');
    }
    return entries;
  }

  /** The mapping's entries, keyed by free-form names (people, events). */
  dictionary(node: Node | null, path: string, parent?: Node | null): Entry[] | null {
    if (!isMap(node)) {
      this.report(node, path, `expected a mapping${describe(node)}`, parent);
      return null;
    }
    const result: Entry[] = [];
    for (const pair of (node as YAMLMap).items as Pair<Node, Node | null>[]) {
      if (
        !isScalar(pair.key) ||
        (typeof pair.key.value !== 'string' && typeof pair.key.value !== 'number')
      ) {
        this.report(pair.key, path, 'keys must be text');
        continue;
      }
      result.push({ key: pair.key, value: this.deref(pair.value ?? null) });
    }
    return result;
  }

  seq(node: Node | null, path: string, parent?: Node | null): Node[] | null {
    if (!isSeq(node)) {
      this.report(node, path, `expected a list${describe(node)}`, parent);
      return null;
    }
    return (node as YAMLSeq<Node>).items.map((item) => this.deref(item) ?? item);
  }

  text(entry: Entry | undefined, path: string): string | undefined {
    if (!entry) return undefined;
    const { value } = entry;
    if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '')
      return value.value;
    if (isScalar(value) && typeof value.value === 'number') return String(value.value);
    this.report(value, path, `expected text${describe(value)}`, entry.key);
    return undefined;
  }

  id(entry: Entry | undefined, path: string): string | undefined {
    const value = this.text(entry, path);
    if (value !== undefined && !ID.test(value)) {
      this.report(
        entry!.value,
        path,
        `${JSON.stringify(value)} is not a valid id (expected [a-z0-9][a-z0-9-]*)`,
      );
      return undefined;
    }
    return value;
  }

  date(entry: Entry | undefined, path: string): string | undefined {
    if (!entry) return undefined;
    const value = scalarText(entry.value);
    if (value === undefined) {
      this.report(
        entry.value,
        path,
        `expected a date YYYY-MM-DD${describe(entry.value)}`,
        entry.key,
      );
      return undefined;
    }
    if (!isDateShaped(value)) {
      this.report(entry.value, path, `${value} is not a date (expected YYYY-MM-DD)`);
      return undefined;
    }
    if (!isCalendarDate(value)) {
      this.report(entry.value, path, `${value} is not a calendar date`);
      return undefined;
    }
    return value;
  }

  time(entry: Entry | undefined, path: string): string | undefined {
    if (!entry) return undefined;
    const value = scalarText(entry.value);
    if (value === undefined || !isWallTime(value)) {
      this.report(
        entry.value,
        path,
        `${value ?? 'value'} is not a wall time (expected "HH:MM", 00:00 to 23:59)`,
        entry.key,
      );
      return undefined;
    }
    return value;
  }

  duration(
    entry: { value: Node | null; key?: Node } | undefined,
    path: string,
    options: { signed?: boolean; positive?: boolean } = {},
  ): string | undefined {
    if (!entry) return undefined;
    const value = scalarText(entry.value);
    const parsed = value === undefined ? null : parseDuration(value, options.signed);
    if (!parsed) {
      const expected = options.signed
        ? 'a date duration such as P30D or -P2W (PnYnMnWnD, optional leading -)'
        : 'a date duration such as P30D (PnYnMnWnD)';
      this.report(entry.value, path, `${value ?? 'value'} is not ${expected}`, entry.key);
      return undefined;
    }
    if (options.positive && isZeroDuration(parsed)) {
      this.report(entry.value, path, `${value} must be longer than zero`);
      return undefined;
    }
    return value;
  }

  boolean(entry: Entry | undefined, path: string): boolean | undefined {
    if (!entry) return undefined;
    if (isScalar(entry.value) && typeof entry.value.value === 'boolean') return entry.value.value;
    this.report(entry.value, path, `expected true or false${describe(entry.value)}`, entry.key);
    return undefined;
  }

  zone(entry: Entry | undefined, path: string): string | undefined {
    const value = this.text(entry, path);
    if (value !== undefined && !isValidZone(value)) {
      this.report(entry!.value, path, `${value} is not an IANA time zone (e.g. Europe/Zurich)`);
      return undefined;
    }
    return value;
  }

  stringList(entry: Entry | undefined, path: string): { value: string; node: Node }[] | undefined {
    if (!entry) return undefined;
    const items = this.seq(entry.value, path, entry.key);
    if (!items) return undefined;
    const result: { value: string; node: Node }[] = [];
    items.forEach((item, i) => {
      const value = scalarText(item);
      if (value === undefined || value.trim() === '')
        this.report(item, `${path}[${i}]`, `expected text${describe(item)}`);
      else result.push({ value, node: item });
    });
    return result;
  }
}

function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  return undefined;
}

function describe(node: Node | null | undefined): string {
  if (node == null || (isScalar(node) && node.value === null)) return ', found nothing';
  // The text as written: a number too large for JavaScript still reads as the user wrote it.
  if (isScalar(node))
    return `, found ${typeof node.value === 'string' ? JSON.stringify(node.value) : (node.source ?? String(node.value))}`;
  if (isMap(node)) return ', found a mapping';
  if (isSeq(node)) return ', found a list';
  return '';
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Parses and validates catalog text. `catalog` is set only when there are no problems. */
export function validateCatalogText(raw: string): ValidationResult {
  // A byte-order mark is not a column.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const check = new Checker(lines);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const offset = syntaxErrorOffset(text, error);
      const { line, col } = lines.linePos(offset);
      check.problems.push({
        line,
        column: col,
        path: '',
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      });
    }
    return { problems: check.problems };
  }
  check.document = doc;
  const catalog = checkCatalog(check, check.deref(doc.contents as Node | null));
  const problems = check.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems.length === 0 && catalog ? { catalog, problems } : { problems };
}

/**
 * Where a syntax error belongs. An unclosed quote is reported by the parser at
 * the end of the input; the offending node is the scalar that the quote opens.
 */
function syntaxErrorOffset(
  text: string,
  error: { pos: [number, number]; code: string; message: string },
): number {
  const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
  if (error.code === 'MISSING_CHAR' && quote) {
    for (let i = Math.min(error.pos[0], text.length) - 1; i >= 0; i--) {
      if (text[i] !== quote) continue;
      if (quote === '"' && text[i - 1] === '\\') continue;
      if (quote === "'" && (text[i - 1] === "'" || text[i + 1] === "'")) continue;
      return i;
    }
  }
  return error.pos[0];
}

function checkCatalog(check: Checker, root: Node | null): Catalog | undefined {
  const top = check.map(
    root,
    '',
    ['version', 'resolution', 'events', 'people', 'defaults', 'tasks'],
    ['version', 'resolution', 'people', 'tasks'],
  );
  if (!top) return undefined;

  const version = top.get('version');
  if (version && !(isScalar(version.value) && version.value.value === 1)) {
    check.report(version.value, 'version', `expected 1${describe(version.value)}`, version.key);
  }

  const resolution = checkResolution(check, top.get('resolution'));
  const zone = resolution?.timezone;
  const events = checkEvents(check, top.get('events'));
  const people = checkPeople(check, top.get('people'), zone);
  const defaults = checkPolicy(check, top.get('defaults'), 'defaults', BUILT_IN_POLICY);
  const tasks = checkTasks(check, top.get('tasks'), {
    eventKeys: declaredKeys(top.get('events')),
    peopleKeys: declaredKeys(top.get('people')),
    defaults: defaults ?? BUILT_IN_POLICY,
  });

  if (!resolution || !events || !people || !defaults || !tasks) return undefined;
  return { version: 1, resolution, events, people, defaults, tasks };
}

function checkResolution(check: Checker, entry: Entry | undefined): Resolution | undefined {
  if (!entry) return undefined;
  const path = 'resolution';
  const fields = check.map(
    entry.value,
    path,
    ['id', 'title', 'adoptedBy', 'adopted', 'timezone', 'source'],
    ['id', 'title', 'adoptedBy', 'timezone'],
    entry.key,
  );
  if (!fields) return undefined;
  const id = check.id(fields.get('id'), `${path}.id`);
  const title = check.text(fields.get('title'), `${path}.title`);
  const adoptedBy = check.text(fields.get('adoptedBy'), `${path}.adoptedBy`);
  const adopted = check.date(fields.get('adopted'), `${path}.adopted`);
  const timezone = check.zone(fields.get('timezone'), `${path}.timezone`);
  const source = check.text(fields.get('source'), `${path}.source`);
  if (!id || !title || !adoptedBy || !timezone) return undefined;
  if (fields.has('adopted') && !adopted) return undefined;
  return {
    id,
    title,
    adoptedBy,
    timezone,
    ...(adopted ? { adopted } : {}),
    ...(source ? { source } : {}),
  };
}

function checkEvents(
  check: Checker,
  entry: Entry | undefined,
): Record<string, CatalogEvent> | undefined {
  if (!entry) return {};
  if (isScalar(entry.value) && entry.value.value === null) return {};
  const items = check.dictionary(entry.value, 'events', entry.key);
  if (!items) return undefined;
  const events: Record<string, CatalogEvent> = {};
  let ok = true;
  for (const item of items) {
    const key = String(item.key.value);
    const path = `events.${key}`;
    const fields = check.map(
      item.value,
      path,
      ['title', 'start', 'end', 'place', 'notes'],
      ['title', 'start'],
      item.key,
    );
    if (!fields) {
      ok = false;
      continue;
    }
    const title = check.text(fields.get('title'), `${path}.title`);
    const start = check.date(fields.get('start'), `${path}.start`);
    const end = check.date(fields.get('end'), `${path}.end`);
    const place = check.text(fields.get('place'), `${path}.place`);
    const notes = check.text(fields.get('notes'), `${path}.notes`);
    if (start && end && end < start) {
      check.report(fields.get('end')!.value, `${path}.end`, `${end} is before the start ${start}`);
      ok = false;
    }
    if (!title || !start || (fields.has('end') && !end)) {
      ok = false;
      continue;
    }
    events[key] = {
      key,
      title,
      start,
      ...(end ? { end } : {}),
      ...(place ? { place } : {}),
      ...(notes ? { notes } : {}),
    };
  }
  return ok ? events : undefined;
}

function checkPeople(
  check: Checker,
  entry: Entry | undefined,
  zone: string | undefined,
): Record<string, Person> | undefined {
  if (!entry) return undefined;
  const items = check.dictionary(entry.value, 'people', entry.key);
  if (!items) return undefined;
  const people: Record<string, Person> = {};
  let ok = true;
  for (const item of items) {
    const key = String(item.key.value);
    const path = `people.${key}`;
    const fields = check.map(
      item.value,
      path,
      ['name', 'email', 'timezone', 'locale'],
      ['name', 'email'],
      item.key,
    );
    if (!fields) {
      ok = false;
      continue;
    }
    const name = check.text(fields.get('name'), `${path}.name`);
    const email = check.text(fields.get('email'), `${path}.email`);
    if (email !== undefined && !EMAIL.test(email)) {
      check.report(
        fields.get('email')!.value,
        `${path}.email`,
        `${email} is not an e-mail address`,
      );
      ok = false;
    }
    const timezone = fields.has('timezone')
      ? check.zone(fields.get('timezone'), `${path}.timezone`)
      : zone;
    const localeEntry = fields.get('locale');
    const locale = localeEntry ? check.text(localeEntry, `${path}.locale`) : 'en';
    if (localeEntry && locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) {
      check.report(
        localeEntry.value,
        `${path}.locale`,
        `${locale} is not a supported locale (expected one of: ${LOCALES.join(', ')})`,
      );
      ok = false;
      continue;
    }
    if (!name || !email || !timezone || !locale) {
      ok = false;
      continue;
    }
    people[key] = { key, name, email, timezone, locale: locale as Person['locale'] };
  }
  return ok ? people : undefined;
}

/** A policy block (the catalog's `defaults`, or a task's own keys) over a base policy. */
function checkPolicy(
  check: Checker,
  entry: Entry | undefined,
  path: string,
  base: ReminderPolicy,
): ReminderPolicy | undefined {
  if (!entry) return base;
  const fields = check.map(entry.value, path, POLICY_KEYS, [], entry.key);
  if (!fields) return undefined;
  return applyPolicy(check, fields, path, base);
}

function applyPolicy(
  check: Checker,
  fields: Map<string, Entry>,
  path: string,
  base: ReminderPolicy,
): ReminderPolicy | undefined {
  let ok = true;
  const policy: ReminderPolicy = { ...base, reminders: [...base.reminders] };
  const reminders = fields.get('reminders');
  if (reminders) {
    const items = check.seq(reminders.value, join(path, 'reminders'), reminders.key);
    if (!items) ok = false;
    else {
      policy.reminders = [];
      items.forEach((item, i) => {
        const value = check.duration({ value: item }, `${join(path, 'reminders')}[${i}]`);
        if (value === undefined) ok = false;
        else policy.reminders.push(value);
      });
    }
  }
  if (fields.has('sendAt')) {
    const value = check.time(fields.get('sendAt'), join(path, 'sendAt'));
    if (value === undefined) ok = false;
    else policy.sendAt = value;
  }
  if (fields.has('overdueEvery')) {
    const value = check.duration(fields.get('overdueEvery'), join(path, 'overdueEvery'), {
      positive: true,
    });
    if (value === undefined) ok = false;
    else policy.overdueEvery = value;
  }
  const escalate = fields.get('escalateAfter');
  if (escalate) {
    if (isScalar(escalate.value) && escalate.value.value === null) policy.escalateAfter = null;
    else {
      const value = check.duration(escalate, join(path, 'escalateAfter'));
      if (value === undefined) ok = false;
      else policy.escalateAfter = value;
    }
  }
  if (fields.has('skipWeekends')) {
    const value = check.boolean(fields.get('skipWeekends'), join(path, 'skipWeekends'));
    if (value === undefined) ok = false;
    else policy.skipWeekends = value;
  }
  return ok ? policy : undefined;
}

const TASK_KEYS = [
  'id',
  'clause',
  'title',
  'responsible',
  'assignees',
  'manager',
  'due',
  'recurrence',
  'deliverables',
  'dependsOn',
  'tags',
  'completed',
  'notes',
  ...POLICY_KEYS,
] as const;
const TASK_REQUIRED = [
  'id',
  'clause',
  'title',
  'responsible',
  'assignees',
  'due',
  'deliverables',
] as const;

interface TaskContext {
  /** Keys declared under events and people, valid or not: references are checked against them. */
  eventKeys: Set<string> | undefined;
  peopleKeys: Set<string> | undefined;
  defaults: ReminderPolicy;
}

function declaredKeys(entry: Entry | undefined): Set<string> | undefined {
  if (!entry) return new Set();
  if (isScalar(entry.value) && entry.value.value === null) return new Set();
  if (!isMap(entry.value)) return undefined;
  return new Set(
    ((entry.value as YAMLMap).items as Pair<Node, Node | null>[])
      .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined))
      .filter((key): key is string => key !== undefined),
  );
}

function checkTasks(
  check: Checker,
  entry: Entry | undefined,
  context: TaskContext,
): Task[] | undefined {
  if (!entry) return undefined;
  const items = check.seq(entry.value, 'tasks', entry.key);
  if (!items) return undefined;
  const tasks: Task[] = [];
  const idNodes = new Map<string, Node>();
  const dependsOnNodes: {
    task: string;
    index: number;
    targets: { value: string; node: Node }[];
  }[] = [];
  let ok = true;
  items.forEach((item, index) => {
    const path = `tasks[${index}]`;
    const fields = check.map(item, path, TASK_KEYS, TASK_REQUIRED);
    if (!fields) {
      ok = false;
      return;
    }
    const id = check.id(fields.get('id'), `${path}.id`);
    if (id !== undefined) {
      if (idNodes.has(id)) {
        const first = check.lines.linePos(idNodes.get(id)!.range?.[0] ?? 0);
        check.report(
          fields.get('id')!.value,
          `${path}.id`,
          `duplicate task id ${id} (first used at line ${first.line})`,
        );
        ok = false;
      } else idNodes.set(id, fields.get('id')!.value!);
    }
    const task = checkTask(check, fields, path, context, id);
    if (id !== undefined) {
      const dependsOn = isSeq(fields.get('dependsOn')?.value ?? null)
        ? (fields.get('dependsOn')!.value as YAMLSeq<Node>).items
            .map((node) => ({ value: scalarText(node), node }))
            .filter((t): t is { value: string; node: Node } => t.value !== undefined)
        : [];
      dependsOnNodes.push({ task: id, index, targets: dependsOn });
    }
    if (task) tasks.push(task);
    else ok = false;
  });

  // dependsOn targets and cycles, once every id is known.
  const graph = new Map<string, string[]>();
  for (const { task, index, targets } of dependsOnNodes) {
    targets.forEach(({ value, node }, i) => {
      if (!idNodes.has(value)) {
        check.report(
          node,
          `tasks[${index}].dependsOn[${i}]`,
          `unknown task ${value} (not an id in tasks)`,
        );
        ok = false;
      }
    });
    graph.set(
      task,
      targets.map((t) => t.value),
    );
  }
  for (const cycle of findCycles(graph)) {
    const owner = dependsOnNodes.find((d) => d.task === cycle[0])!;
    const i = owner.targets.findIndex((t) => t.value === cycle[1]);
    check.report(
      owner.targets[i]!.node,
      `tasks[${owner.index}].dependsOn[${i}]`,
      `dependsOn cycle: ${cycle.join(' -> ')}`,
    );
    ok = false;
  }
  return ok ? tasks : undefined;
}

function checkTask(
  check: Checker,
  fields: Map<string, Entry>,
  path: string,
  context: TaskContext,
  id: string | undefined,
): Task | undefined {
  let ok = true;
  const clause = check.text(fields.get('clause'), `${path}.clause`);
  const title = check.text(fields.get('title'), `${path}.title`);
  const responsible = check.text(fields.get('responsible'), `${path}.responsible`);
  const notes = check.text(fields.get('notes'), `${path}.notes`);

  const personKey = (value: string, at: Node, where: string): boolean => {
    if (context.peopleKeys && !context.peopleKeys.has(value)) {
      check.report(at, where, `unknown person ${value} (not a key in people)`);
      return false;
    }
    return true;
  };
  const assigneesEntry = fields.get('assignees');
  const assignees = check.stringList(assigneesEntry, `${path}.assignees`);
  if (assignees) {
    if (assignees.length === 0) {
      check.report(assigneesEntry!.value, `${path}.assignees`, 'expected at least one person');
      ok = false;
    }
    assignees.forEach((a, i) => (ok = personKey(a.value, a.node, `${path}.assignees[${i}]`) && ok));
  } else if (assigneesEntry) ok = false;

  const managerEntry = fields.get('manager');
  const manager = check.text(managerEntry, `${path}.manager`);
  if (manager !== undefined) ok = personKey(manager, managerEntry!.value!, `${path}.manager`) && ok;
  else if (managerEntry) ok = false;

  const due = checkDue(check, fields.get('due'), `${path}.due`, context);
  const recurrence = checkRecurrence(check, fields.get('recurrence'), `${path}.recurrence`);
  if (fields.has('recurrence') && !recurrence) ok = false;
  if (recurrence && due) {
    if (due.kind === 'event') {
      check.report(
        fields.get('recurrence')!.value,
        `${path}.recurrence`,
        'recurrence needs a DATE due, not an event',
      );
      ok = false;
    } else if (recurrence.until !== undefined && recurrence.until < due.date) {
      const untilNode = (fields.get('recurrence')!.value as YAMLMap).get('until', true) as Node;
      check.report(
        untilNode,
        `${path}.recurrence.until`,
        `${recurrence.until} is before the first due date ${due.date}`,
      );
      ok = false;
    }
  }

  const deliverables = checkDeliverables(check, fields.get('deliverables'), `${path}.deliverables`);
  const dependsOn = check.stringList(fields.get('dependsOn'), `${path}.dependsOn`);
  if (fields.has('dependsOn') && !dependsOn) ok = false;
  const tags = check.stringList(fields.get('tags'), `${path}.tags`);
  if (fields.has('tags') && !tags) ok = false;

  const completedEntry = fields.get('completed');
  const completed = check.date(completedEntry, `${path}.completed`);
  if (completedEntry && !completed) ok = false;
  if (completed && fields.has('recurrence')) {
    check.report(
      completedEntry!.value,
      `${path}.completed`,
      'completed is only allowed on a task without recurrence',
    );
    ok = false;
  }

  const policy = applyPolicy(check, fields, path, context.defaults);
  if (
    !ok ||
    !id ||
    !clause ||
    !title ||
    !responsible ||
    !assignees ||
    !due ||
    !deliverables ||
    !policy
  )
    return undefined;
  return {
    id,
    clause,
    title,
    responsible,
    assignees: assignees.map((a) => a.value),
    ...(manager !== undefined ? { manager } : {}),
    due,
    ...(recurrence ? { recurrence } : {}),
    deliverables,
    dependsOn: (dependsOn ?? []).map((d) => d.value),
    tags: (tags ?? []).map((t) => t.value),
    ...(completed ? { completed } : {}),
    ...(notes ? { notes } : {}),
    policy,
  };
}

function checkDue(
  check: Checker,
  entry: Entry | undefined,
  path: string,
  context: TaskContext,
): DueSpec | undefined {
  if (!entry) return undefined;
  if (isScalar(entry.value)) {
    const date = check.date(entry, path);
    return date ? { kind: 'date', date } : undefined;
  }
  const fields = check.map(entry.value, path, ['date', 'event', 'offset', 'time'], [], entry.key);
  if (!fields) return undefined;
  const time = fields.has('time') ? check.time(fields.get('time'), `${path}.time`) : undefined;
  const timeOk = !fields.has('time') || time !== undefined;
  const withTime = time !== undefined ? { time } : {};
  if (fields.has('date') && fields.has('event')) {
    check.report(fields.get('event')!.key, `${path}.event`, 'give either date or event, not both');
    return undefined;
  }
  if (fields.has('date')) {
    const date = check.date(fields.get('date'), `${path}.date`);
    if (fields.has('offset')) {
      check.report(
        fields.get('offset')!.key,
        `${path}.offset`,
        'offset is only allowed with event',
      );
      return undefined;
    }
    return date && timeOk ? { kind: 'date', date, ...withTime } : undefined;
  }
  if (fields.has('event')) {
    let event = check.text(fields.get('event'), `${path}.event`);
    if (event !== undefined && context.eventKeys && !context.eventKeys.has(event)) {
      check.report(
        fields.get('event')!.value,
        `${path}.event`,
        `unknown event ${event} (not a key in events)`,
      );
      event = undefined;
    }
    const offset = fields.has('offset')
      ? check.duration(fields.get('offset'), `${path}.offset`, { signed: true })
      : 'P0D';
    return event !== undefined && offset !== undefined && timeOk
      ? { kind: 'event', event, offset, ...withTime }
      : undefined;
  }
  check.report(
    entry.value,
    path,
    'expected a date YYYY-MM-DD, { date, time } or { event, offset, time }',
  );
  return undefined;
}

function checkRecurrence(
  check: Checker,
  entry: Entry | undefined,
  path: string,
): Recurrence | undefined {
  if (!entry) return undefined;
  const fields = check.map(entry.value, path, ['every', 'until'], ['every'], entry.key);
  if (!fields) return undefined;
  const every = check.duration(fields.get('every'), `${path}.every`, { positive: true });
  const until = check.date(fields.get('until'), `${path}.until`);
  if (!every || (fields.has('until') && !until)) return undefined;
  return { every, ...(until ? { until } : {}) };
}

function checkDeliverables(
  check: Checker,
  entry: Entry | undefined,
  path: string,
): Deliverable[] | undefined {
  if (!entry) return undefined;
  const items = check.seq(entry.value, path, entry.key);
  if (!items) return undefined;
  const result: Deliverable[] = [];
  const seen = new Set<string>();
  let ok = true;
  items.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    const fields = check.map(
      item,
      itemPath,
      ['id', 'title', 'kind', 'required', 'description'],
      ['id', 'title', 'kind'],
    );
    if (!fields) {
      ok = false;
      return;
    }
    const id = check.id(fields.get('id'), `${itemPath}.id`);
    if (id && seen.has(id)) {
      check.report(fields.get('id')!.value, `${itemPath}.id`, `duplicate deliverable id ${id}`);
      ok = false;
    }
    if (id) seen.add(id);
    const title = check.text(fields.get('title'), `${itemPath}.title`);
    const kindEntry = fields.get('kind');
    const kind = check.text(kindEntry, `${itemPath}.kind`);
    if (kind !== undefined && !(DELIVERABLE_KINDS as readonly string[]).includes(kind)) {
      check.report(
        kindEntry!.value,
        `${itemPath}.kind`,
        `${kind} is not a deliverable kind (expected one of: ${DELIVERABLE_KINDS.join(', ')})`,
      );
      ok = false;
      return;
    }
    const required = fields.has('required')
      ? check.boolean(fields.get('required'), `${itemPath}.required`)
      : true;
    if (!id || !title || !kind || required === undefined) {
      ok = false;
      return;
    }
    result.push({ id, title, kind: kind as Deliverable['kind'], required });
  });
  return ok ? result : undefined;
}

/** Each dependsOn cycle once, as the list of task ids that closes on its first. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      const s = state.get(next);
      if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
