/**
 * The one rule for how a task's due date sits in a calendar, for the mailed
 * invitation and `plan --ics` alike: a due with a time is the hour before it;
 * a due without one is an all-day entry on its stated date (not an hour
 * before midnight, which reads as a meeting at 23:00, or at 06:00 in
 * Shanghai). A tentative date says so (STATUS:TENTATIVE).
 */
import type { IcsEvent } from './ics';

export interface DueFacts {
  /** The stated date (after any extension), in the resolution's zone. */
  date: string;
  time?: string;
  /** The due instant, epoch milliseconds. */
  at: number;
  tentative?: boolean;
}

/** A timed entry rings a day before it; an all-day entry at 09:00 the day before. */
const TIMED_ALARM_MINUTES = 24 * 60;
const ALL_DAY_ALARM_MINUTES = 15 * 60;

export function dueEntry(
  due: DueFacts,
): Pick<IcsEvent, 'start' | 'end' | 'allDay' | 'status' | 'alarmMinutesBefore'> {
  const status = due.tentative ? 'TENTATIVE' : 'CONFIRMED';
  if (due.time === undefined)
    return { start: due.at, allDay: due.date, status, alarmMinutesBefore: ALL_DAY_ALARM_MINUTES };
  return {
    start: due.at - 60 * 60_000,
    end: due.at,
    status,
    alarmMinutesBefore: TIMED_ALARM_MINUTES,
  };
}
