/**
 * How a task's schedule differs between two versions, as facts: `mandate
 * start` lists them and the `revise` change records them in the task's
 * history. They are worded only when read (src/i18n/describe-history.ts), in
 * the reader's language.
 */
import type { ScheduleChange, StatedDue } from '../shared/task-facts';
import type { Recipient, Recurrence, ReminderPolicy, TaskInfo } from '../shared/types';

export type { ScheduleChange, StatedDue };

export interface ScheduleFacts {
  dueDate: string;
  dueTime?: string;
  /** The due date hangs on an event whose date is not yet published. */
  tentative?: boolean;
  recurrence?: Recurrence;
  policy: ReminderPolicy;
  assignees: Recipient[];
  manager?: Recipient;
  info: TaskInfo;
}

export function statedDue(date: string, time?: string): StatedDue {
  return time ? { date, time } : { date };
}

/** A stated due in the one way every language writes it: `2027-03-01` or `2027-03-01 12:00`. */
export function describeDue(date: string, time?: string): string {
  return time ? `${date} ${time}` : date;
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changes from `before` to `after`, one fact per aspect; empty when nothing does. */
export function scheduleChanges(before: ScheduleFacts, after: ScheduleFacts): ScheduleChange[] {
  const changes: ScheduleChange[] = [];
  if (before.dueDate !== after.dueDate || before.dueTime !== after.dueTime) {
    changes.push({
      field: 'due',
      from: statedDue(before.dueDate, before.dueTime),
      to: statedDue(after.dueDate, after.dueTime),
    });
  }
  if ((before.tentative === true) !== (after.tentative === true))
    changes.push({ field: 'tentative', to: after.tentative === true });
  if (!same(before.recurrence, after.recurrence)) changes.push({ field: 'recurrence' });
  if (!same(before.policy, after.policy)) changes.push({ field: 'policy' });
  // A person counts as changed when anything of theirs does (address, zone, language).
  const keys = (people: Recipient[]) => people.map((p) => p.key);
  if (!same(before.assignees, after.assignees))
    changes.push({ field: 'assignees', from: keys(before.assignees), to: keys(after.assignees) });
  if (!same(before.manager, after.manager))
    changes.push({
      field: 'manager',
      ...(before.manager ? { from: before.manager.key } : {}),
      ...(after.manager ? { to: after.manager.key } : {}),
    });
  if (!same(before.info, after.info)) changes.push({ field: 'info' });
  return changes;
}

const DUE = String.raw`(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?`;

/**
 * A change as the English phrase tasks revised before these facts recorded
 * it (`due 2027-01-10 -> 2027-01-15`, `assignees fr -> ru`, ...), read back
 * as the fact it stated, so old histories read in every language.
 */
export function recordedPhrase(text: string): ScheduleChange {
  const due = new RegExp(`^due ${DUE} -> ${DUE}$`).exec(text);
  if (due)
    return { field: 'due', from: statedDue(due[1]!, due[2]), to: statedDue(due[3]!, due[4]) };
  if (text === 'date now tentative') return { field: 'tentative', to: true };
  if (text === 'date confirmed') return { field: 'tentative', to: false };
  if (text === 'recurrence') return { field: 'recurrence' };
  if (text === 'reminder policy') return { field: 'policy' };
  if (text === 'task description') return { field: 'info' };
  const people = /^assignees (\S*) -> (\S*)$/.exec(text);
  if (people) {
    const list = (s: string) => s.split(',').filter(Boolean);
    return { field: 'assignees', from: list(people[1]!), to: list(people[2]!) };
  }
  const manager = /^manager (\S+) -> (\S+)$/.exec(text);
  if (manager)
    return {
      field: 'manager',
      ...(manager[1] !== '-' ? { from: manager[1]! } : {}),
      ...(manager[2] !== '-' ? { to: manager[2]! } : {}),
    };
  return { field: 'note', text };
}
