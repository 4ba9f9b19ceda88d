/**
 * The weekly digest's day: the first working day of the recipient's week.
 * A week starts on the day after the weekend (Monday for Saturday-Sunday,
 * Sunday for Friday-Saturday), so a holiday on that day moves the digest to
 * the next working day of the same week, and a week without a working day
 * has no digest. Pure calendar arithmetic on dates; workflow-safe.
 */
import type { WorkingCalendar } from '../shared/types';
import { addDays, weekday } from './duration';
import { dateInZone, wallTimeToInstant } from './wall-clock';
import { isWorkingDay } from './working-days';

/**
 * The ISO weekday (1 = Monday) a calendar's week starts on: the day after its
 * longest run of weekend days (the earlier one on a tie); Monday without a weekend.
 */
export function weekStartDay(calendar: WorkingCalendar): number {
  const off = (day: number) => calendar.weekend.includes(((((day - 1) % 7) + 7) % 7) + 1);
  let best = 1;
  let longest = 0;
  for (let day = 1; day <= 7; day++) {
    if (off(day)) continue;
    let run = 0;
    while (run < 7 && off(day - 1 - run)) run++;
    if (run > longest) {
      longest = run;
      best = day;
    }
  }
  return best;
}

/** The first date of the recipient's week that holds `date`. */
export function weekStartOf(date: string, calendar: WorkingCalendar): string {
  const back = (weekday(date) - weekStartDay(calendar) + 7) % 7;
  return addDays(date, -back);
}

/** The week's digest day: its first working day, or undefined when it has none. */
export function digestDayOfWeek(date: string, calendar: WorkingCalendar): string | undefined {
  const start = weekStartOf(date, calendar);
  for (let i = 0; i < 7; i++) {
    const day = addDays(start, i);
    if (isWorkingDay(day, calendar)) return day;
  }
  return undefined;
}

/** The weekdays that are not weekend days, ISO numbered: when the digest's schedule fires. */
export function workingWeekdays(calendar: WorkingCalendar): number[] {
  return [1, 2, 3, 4, 5, 6, 7].filter((day) => !calendar.weekend.includes(day));
}

/**
 * The next instant after `now` at which a digest schedule firing at `time` in
 * `zone` falls on a digest day; undefined when none does within a year.
 */
export function nextDigestInstant(
  now: number,
  zone: string,
  calendar: WorkingCalendar,
  time: string,
): number | undefined {
  const today = dateInZone(now, zone);
  for (let i = 0; i <= 366; i++) {
    const day = addDays(today, i);
    if (digestDayOfWeek(day, calendar) !== day) continue;
    const at = wallTimeToInstant(day, time, zone);
    if (at > now) return at;
  }
  return undefined;
}
