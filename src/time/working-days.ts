/**
 * Working days of a recipient's calendar (catalog v2): a date is a working
 * day unless its weekday is a weekend day or it is a holiday. Pure calendar
 * arithmetic on dates; workflow-safe.
 */
import type { WorkingCalendar } from '../shared/types';
import { addDays, weekday } from './duration';

/** Saturday and Sunday, no holidays: every v1 recipient, and a v2 one without a calendar. */
export const WEEKEND_ONLY: WorkingCalendar = { weekend: [6, 7], holidays: [] };

interface Lookup {
  weekend: boolean[];
  holidays: Set<string>;
  longestRun: number;
}

// A workflow asks about the same calendar object many times: index it once.
const lookups = new WeakMap<WorkingCalendar, Lookup>();

function lookup(calendar: WorkingCalendar): Lookup {
  let found = lookups.get(calendar);
  if (!found) {
    const weekend = Array.from({ length: 8 }, (_, day) => calendar.weekend.includes(day));
    found = { weekend, holidays: new Set(calendar.holidays), longestRun: 0 };
    found.longestRun = longestRun(calendar, found);
    lookups.set(calendar, found);
  }
  return found;
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const { weekend, holidays } = lookup(calendar);
  return !weekend[weekday(date)] && !holidays.has(date);
}

/** The date itself if it is a working day, else the nearest working day before it. */
export function workingDayOnOrBefore(date: string, calendar: WorkingCalendar): string {
  return walk(date, calendar, -1);
}

/** The date itself if it is a working day, else the nearest working day after it. */
export function workingDayOnOrAfter(date: string, calendar: WorkingCalendar): string {
  return walk(date, calendar, 1);
}

function walk(date: string, calendar: WorkingCalendar, step: 1 | -1): string {
  const limit = lookup(calendar).longestRun;
  if (!Number.isFinite(limit))
    throw new Error('a calendar of seven weekend days has no working day');
  let day = date;
  for (let i = 0; i <= limit; i++) {
    if (isWorkingDay(day, calendar)) return day;
    day = addDays(day, step);
  }
  throw new Error(`no working day within ${limit} days of ${date}`);
}

/**
 * The most days in a row that are not working days: how far a walk can move
 * a date. A run is made of weekend days and holidays, so it either lies
 * within one weekend or touches a holiday.
 */
export function longestNonWorkingRun(calendar: WorkingCalendar): number {
  return lookup(calendar).longestRun;
}

function longestRun(calendar: WorkingCalendar, { weekend, holidays }: Lookup): number {
  const off = (date: string) => weekend[weekday(date)] === true || holidays.has(date);
  const weekendDays = weekend.filter(Boolean).length;
  if (weekendDays >= 7) return Number.POSITIVE_INFINITY;
  let longest = weekendDays;
  const seen = new Set<string>();
  for (const holiday of calendar.holidays) {
    if (seen.has(holiday)) continue;
    let start = holiday;
    while (off(addDays(start, -1))) start = addDays(start, -1);
    let length = 0;
    for (let day = start; off(day); day = addDays(day, 1)) {
      seen.add(day);
      length++;
    }
    longest = Math.max(longest, length);
  }
  return longest;
}
