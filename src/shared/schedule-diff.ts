/**
 * The one description of how a task's schedule differs between two versions:
 * `mandate start` lists it (and `--apply` sends it), and the workflow's
 * `revise` update records the same words in the task's history.
 */
import type { Recipient, Recurrence, ReminderPolicy, TaskInfo } from './types';

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

function describeDue(date: string, time?: string): string {
  return time ? `${date} ${time}` : date;
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changes from `before` to `after`, one phrase per aspect; empty when nothing does. */
export function scheduleChanges(before: ScheduleFacts, after: ScheduleFacts): string[] {
  const changes: string[] = [];
  if (before.dueDate !== after.dueDate || before.dueTime !== after.dueTime) {
    changes.push(
      `due ${describeDue(before.dueDate, before.dueTime)} -> ${describeDue(after.dueDate, after.dueTime)}`,
    );
  }
  if ((before.tentative === true) !== (after.tentative === true))
    changes.push(after.tentative ? 'date now tentative' : 'date confirmed');
  if (!same(before.recurrence, after.recurrence)) changes.push('recurrence');
  if (!same(before.policy, after.policy)) changes.push('reminder policy');
  // A person counts as changed when anything of theirs does (address, zone, language).
  const keys = (people: Recipient[]) => people.map((p) => p.key).join(',');
  if (!same(before.assignees, after.assignees))
    changes.push(`assignees ${keys(before.assignees)} -> ${keys(after.assignees)}`);
  if (!same(before.manager, after.manager))
    changes.push(`manager ${before.manager?.key ?? '-'} -> ${after.manager?.key ?? '-'}`);
  if (!same(before.info, after.info)) changes.push('task description');
  return changes;
}

export { describeDue };
