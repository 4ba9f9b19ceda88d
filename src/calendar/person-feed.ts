/**
 * A person's calendar feed: one entry per open occurrence they are assigned,
 * across resolutions, written as the mailed invitations write them (the same
 * UID, SEQUENCE and due rule), so a calendar that has both shows one entry.
 * The feed is a function of the views alone, its stamp their latest change,
 * so the same tasks give the same bytes and an ETag can stand for them.
 */
import { WORDS } from '../i18n/mail-words';
import { handInLinkFor } from '../links/hand-in-url';
import type { LinkSecret } from '../links/signed-link';
import type { TaskView } from '../shared/task-view';
import type { Locale } from '../shared/types';
import { dueEntry } from './due-entry';
import { calendarName, renderCalendar } from './ics';
import { calendarUid } from './uid';

export function personFeed(
  person: string,
  views: readonly TaskView[],
  options: { linkSecret: LinkSecret; publicUrl: string },
): string {
  const mine = views
    .filter((v) => v.assignees.some((a) => a.key === person))
    .sort((a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId));
  const me = mine.flatMap((v) => v.assignees).find((a) => a.key === person);
  const locale: Locale = me?.locale ?? 'en';
  const words = WORDS[locale];
  const base = options.publicUrl.replace(/\/$/, '');
  const stamp = Math.max(0, ...mine.map((v) => Math.max(v.startedAt, v.history.at(-1)?.at ?? 0)));
  return renderCalendar({
    method: 'PUBLISH',
    ...(me ? { name: `mandate-tracker: ${calendarName(me.name)}` } : { name: 'mandate-tracker' }),
    stamp,
    events: mine.map((v) => {
      const link = handInLinkFor(
        options.linkSecret,
        base,
        { workflowId: v.workflowId, person, dueAt: v.dueAt },
        locale,
      );
      return {
        uid: calendarUid(v),
        ...dueEntry({
          date: v.due.date,
          ...(v.due.time !== undefined ? { time: v.due.time } : {}),
          at: v.dueAt,
          tentative: v.tentative === true,
        }),
        summary: `${words.due}${words.colon}${v.task.title}`,
        description: `${v.task.clause} — ${v.resolution.title}\n${words.handIn}${words.colon}${link}`,
        url: link,
        sequence: v.sequence,
      };
    }),
  });
}
