/**
 * A staff calendar feed: one entry per open occurrence of a resolution, or
 * of one responsible body in it, with the same UID and SEQUENCE as the mailed
 * invitations (a calendar that has both shows one entry), each linking to its
 * task page rather than a hand-in link. Like a person's feed, its bytes
 * depend only on the views, so an ETag can stand for them.
 */
import type { TaskView } from '../shared/task-view';
import { dueEntry } from './due-entry';
import { calendarName, renderCalendar } from './ics';
import { calendarUid } from './uid';

/** What a staff feed covers: a resolution, or one responsible body in it. */
export interface StaffFeedScope {
  resolution: string;
  responsible?: string | undefined;
}

export function staffFeed(
  scope: StaffFeedScope,
  views: readonly TaskView[],
  options: { publicUrl: string },
): string {
  const covered = views
    .filter(
      (v) =>
        v.resolution.id === scope.resolution &&
        (scope.responsible === undefined || v.task.responsible === scope.responsible),
    )
    .sort((a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId));
  const base = options.publicUrl.replace(/\/$/, '');
  const stamp = Math.max(
    0,
    ...covered.map((v) => Math.max(v.startedAt, v.history.at(-1)?.at ?? 0)),
  );
  return renderCalendar({
    method: 'PUBLISH',
    name: `mandate-tracker: ${calendarName(
      scope.responsible === undefined
        ? scope.resolution
        : `${scope.resolution}, ${scope.responsible}`,
    )}`,
    stamp,
    events: covered.map((v) => {
      const page = `${base}/tasks/${v.workflowId}`;
      return {
        uid: calendarUid(v),
        ...dueEntry({
          date: v.due.date,
          ...(v.due.time !== undefined ? { time: v.due.time } : {}),
          at: v.dueAt,
          tentative: v.tentative === true,
        }),
        summary: `Due: ${v.task.title} (${v.task.responsible})`,
        description: `${v.task.clause} — ${v.resolution.title}\nStatus: ${v.status}\nAssignees: ${v.assignees.map((a) => a.name).join(', ')}\nTask: ${page}`,
        url: page,
        sequence: v.sequence,
      };
    }),
  });
}
