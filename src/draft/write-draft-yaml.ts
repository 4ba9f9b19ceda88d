/**
 * Writes a drafted catalog as YAML (version 2), with comments: a TODO comment
 * beside every value a person must still decide. Each such value is one that
 * `mandate catalog validate` rejects (the literal `TODO`, or a missing
 * required field), so the validator lists exactly what remains.
 */
import type { YAMLMap, YAMLSeq } from 'yaml';
import { Document, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { DraftCatalog, DraftTask } from './draft-catalog';
import type { FoundSession } from './find-sessions';

/** The marker written where a decision is left to a person. */
export const TODO = 'TODO';

/** The reminder policy a draft starts from: the secretariat's usual one. */
const DRAFT_DEFAULTS = {
  reminders: ['P30D', 'P14D', 'P7D', 'P1D'],
  sendAt: '09:00',
  overdueEvery: 'P7D',
  escalateAfter: null,
  skipWeekends: true,
};

/** The draft as YAML text. */
export function writeDraftYaml(draft: DraftCatalog): string {
  const doc = new Document({
    version: 2,
    resolution: {
      id: draft.resolution.id,
      ...(draft.resolution.title !== undefined ? { title: draft.resolution.title } : {}),
      ...(draft.resolution.adoptedBy !== undefined
        ? { adoptedBy: draft.resolution.adoptedBy }
        : {}),
      timezone: TODO,
      source: draft.resolution.source,
    },
    ...(draft.events.length > 0 ? { events: eventEntries(draft.events) } : {}),
    people: Object.fromEntries(draft.people.map((p) => [p.key, { name: p.name, email: TODO }])),
    defaults: DRAFT_DEFAULTS,
    tasks: draft.tasks.map(taskObject),
  });

  doc.commentBefore = header(draft);
  const resolution = doc.get('resolution', true) as YAMLMap;
  comment(resolution, 'timezone', ' TODO: the IANA zone the dates are in, e.g. Europe/Zurich');
  if (draft.resolution.title === undefined)
    resolution.commentBefore = ' TODO: title: the text has no title line';
  if (draft.resolution.adoptedBy === undefined)
    resolution.commentBefore = `${resolution.commentBefore ?? ''}\n TODO: adoptedBy: the body that adopted the text`;

  const events = doc.get('events', true);
  if (isMap(events))
    for (const pair of events.items)
      if (isMap(pair.value))
        comment(
          pair.value,
          'start',
          ' TODO: the first day of the session, from its published calendar; until it is published, a day placed by a documented pattern (tentative)',
        );

  const people = doc.get('people', true) as YAMLMap;
  for (const pair of people.items) {
    if (isMap(pair.value))
      comment(pair.value, 'email', " TODO: the desk's e-mail address (a role mailbox)");
  }
  const defaults = doc.get('defaults', true) as YAMLMap;
  const reminders = defaults.get('reminders', true);
  if (isSeq(reminders)) reminders.flow = true;
  // A wall time stays text in every YAML reader, not a sexagesimal number.
  const sendAt = defaults.get('sendAt', true);
  if (isScalar(sendAt)) sendAt.type = Scalar.QUOTE_DOUBLE;

  const tasks = doc.get('tasks', true) as YAMLSeq;
  draft.tasks.forEach((task, i) => {
    const node = tasks.items[i];
    if (isMap(node)) annotateTask(node, task);
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function header(draft: DraftCatalog): string {
  const lines = [
    ` Draft catalog made by \`mandate draft\` from ${draft.resolution.source}.`,
    ` ${draft.clausesFound} operative clauses found, ${draft.tasks.length} tasks drafted.`,
  ];
  if (draft.noTask.length > 0) {
    lines.push(' No task:');
    for (const item of draft.noTask) lines.push(`   ${item.clause}: ${item.reason}`);
  }
  lines.push(
    ` ${draft.tasksNeedingDecision} of the ${draft.tasks.length} tasks need a decision (TODO);`,
    ` so do resolution.timezone and the e-mail of each of the ${draft.people.length} people.`,
    ' `mandate catalog validate` on this file lists every field still to fill.',
    ' A month or a year after "by", "before the end of" or "no later than" is its last day, and says so;',
    ' a month named without one is when something happens: its day is left to decide.',
  );
  return lines.join('\n');
}

function taskObject(task: DraftTask): Record<string, unknown> {
  return {
    id: task.id,
    clause: task.clause,
    title: task.title,
    responsible: task.responsible ?? TODO,
    assignees: [task.assignee ?? TODO],
    due: dueValue(task),
    // A recurrence needs a date due; a session's task recurs with the sessions of a series.
    ...(task.cadence && task.session === undefined
      ? { recurrence: { every: task.cadence.every } }
      : {}),
    ...(task.invitation ? { overdueEvery: null } : {}),
    deliverables: [],
    notes: task.notes,
  };
}

function annotateTask(node: YAMLMap, task: DraftTask): void {
  node.commentBefore = ` ${task.clause} (line ${task.line})`;
  const responsible = task.decisions.find((d) => d.field === 'responsible');
  if (responsible) comment(node, 'responsible', ` TODO: ${responsible.hint}`);

  const assignees = node.get('assignees', true);
  if (isSeq(assignees)) {
    assignees.flow = true;
    if (task.assignee === undefined)
      assignees.comment = ' TODO: who gets the mail: a key of people';
  }
  const due = task.decisions.find((d) => d.field === 'due');
  const dueNode = node.get('due', true);
  if (isMap(dueNode)) dueNode.flow = true;
  if (due) comment(node, 'due', ` TODO: the due date (YYYY-MM-DD), or the first one: ${due.hint}`);
  else if (task.due?.precision === 'month')
    comment(node, 'due', ` month only: the text says "${task.due.text}"; the month's last day`);
  else if (task.due?.precision === 'year')
    comment(node, 'due', ` year only: the text says "${task.due.text}"; the year's last day`);
  else if (task.session)
    comment(
      node,
      'due',
      ` the text says "${task.session.text}"${task.cadence ? ` and "${task.cadence.words}"` : ''}: the session's date (events)`,
    );
  if (task.due !== undefined && task.otherDates.length > 0) {
    const others = task.otherDates.map((d) => `"${d.text}"`).join(', ');
    const existing = (node.get('due', true) as Scalar | undefined)?.comment ?? '';
    comment(node, 'due', `${existing} the text also names ${others}`.trimEnd());
  }
  const recurrence = node.get('recurrence', true);
  if (isMap(recurrence)) recurrence.flow = true;
  const overdue = node.get('overdueEvery', true);
  if (isScalar(overdue)) overdue.comment = ' an invitation: reminders only, no overdue notices';
  const deliverables = node.get('deliverables', true);
  if (isSeq(deliverables)) {
    deliverables.flow = true;
    deliverables.comment = ' what must be handed in; empty: done when the secretariat accepts it';
  }
}

/** The task's due: its date, its session (an event, or a series), or TODO. */
function dueValue(task: DraftTask): unknown {
  if (task.due) return task.due.date;
  if (task.session?.series) return { series: task.session.key };
  if (task.session) return { event: task.session.key };
  return TODO;
}

/**
 * The sessions as tentative events. A series is declared by its next session,
 * so "the Council at its next session" and "each session of the Council" are
 * one event, of the series.
 */
function eventEntries(sessions: readonly FoundSession[]): Record<string, Record<string, unknown>> {
  const events: Record<string, Record<string, unknown>> = {};
  for (const session of sessions) {
    const key = session.series ? `${session.key}-next` : session.key;
    const title = session.series
      ? session.title.replace(/ \(each session\)$/, ', next session')
      : session.title;
    events[key] = {
      title: events[key]?.title ?? title,
      start: TODO,
      tentative: true,
      ...(session.series || events[key]?.series
        ? { series: events[key]?.series ?? session.key }
        : {}),
    };
  }
  return events;
}

function comment(map: YAMLMap, key: string, text: string): void {
  const value = map.get(key, true);
  if (value instanceof Scalar || isSeq(value) || isMap(value)) value.comment = text;
}
