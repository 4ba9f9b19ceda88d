/** Rules for the task list: each task, its references, deliverables and dependsOn cycles. */
import { isSeq } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { Deliverable, ReminderPolicy, Task, Waiver } from '../shared/types';
import { DELIVERABLE_KINDS } from '../shared/types';
import { checkDue, checkRecurrence, type DueContext } from './check-due';
import { POLICY_KEYS, V2_POLICY_KEYS, applyPolicy } from './check-policy';
import type { Checker } from './field-checks';
import { scalarText, type Entry } from './yaml-reader';

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

export interface TaskContext extends DueContext {
  /** Keys declared under people, valid or not: references are checked against them. */
  peopleKeys: Set<string> | undefined;
  defaults: ReminderPolicy;
}

export function checkTasks(
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
    const fields = check.fields(
      item,
      path,
      TASK_KEYS,
      ['waived', ...V2_POLICY_KEYS],
      TASK_REQUIRED,
    );
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
  const notes = check.text(fields.get('notes'), `${path}.notes`, { multiline: true });

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
  // Judged on the node, so that a series due with a problem of its own still has its conflicts reported.
  const seriesDue =
    check.version === 2 && check.child(fields.get('due')?.value ?? null, 'series') !== undefined;
  const recurrence = checkRecurrence(check, fields.get('recurrence'), `${path}.recurrence`);
  if (fields.has('recurrence') && !recurrence) ok = false;
  if (seriesDue && fields.has('recurrence')) {
    check.report(
      fields.get('recurrence')!.value,
      `${path}.recurrence`,
      'recurrence is not allowed on a series due (each session of the series is an occurrence)',
      fields.get('recurrence')!.key,
    );
    ok = false;
  } else if (recurrence && due && due.kind !== 'series') {
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
  } else if (completedEntry && seriesDue) {
    check.report(
      completedEntry.value,
      `${path}.completed`,
      'completed is not allowed on a series due (a session is handed in, not the series)',
      completedEntry.key,
    );
    ok = false;
  }

  const waivedEntry = fields.get('waived');
  const waived = checkWaiver(check, waivedEntry, `${path}.waived`);
  if (waivedEntry) {
    if (!waived) ok = false;
    const conflict = fields.has('recurrence')
      ? 'waived is only allowed on a task without recurrence'
      : seriesDue
        ? 'waived is not allowed on a series due'
        : completedEntry
          ? 'a task is either completed or waived, not both (remove one)'
          : undefined;
    if (conflict) {
      check.report(waivedEntry.value, `${path}.waived`, conflict, waivedEntry.key);
      ok = false;
    }
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
    ...(waived ? { waived } : {}),
    ...(notes ? { notes } : {}),
    policy,
  };
}

/** `waived: { on: DATE, reason: TEXT }`, both required. */
function checkWaiver(check: Checker, entry: Entry | undefined, path: string): Waiver | undefined {
  if (!entry) return undefined;
  const fields = check.map(entry.value, path, ['on', 'reason'], ['on', 'reason'], entry.key);
  if (!fields) return undefined;
  const on = check.date(fields.get('on'), `${path}.on`);
  const reason = check.text(fields.get('reason'), `${path}.reason`, { multiline: true });
  return on !== undefined && reason !== undefined ? { on, reason } : undefined;
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
