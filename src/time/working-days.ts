/**
 * Working days of a recipient's calendar (catalog v2): a date is a working
 * day unless its weekday is a weekend day or it is a holiday. Pure calendar
 * arithmetic on dates; workflow-safe.
 */
import type { WorkingCalendar } from '../shared/types';
import { addDays, epochDay, fromEpochDay, weekday, weekdayOfDay } from './duration';

/** Saturday and Sunday, no holidays: every v1 recipient, and a v2 one without a calendar. */
export const WEEKEND_ONLY: WorkingCalendar = { weekend: [6, 7], holidays: [] };

interface Lookup {
  weekend: boolean[];
  holidays: Set<string>;
  /** The holidays as day numbers, for walks that count in numbers. */
  holidayDays: Set<number>;
  longestRun: number;
}

// A workflow asks about the same calendar object many times: index it once.
const lookups = new WeakMap<WorkingCalendar, Lookup>();

function lookup(calendar: WorkingCalendar): Lookup {
  let found = lookups.get(calendar);
  if (!found) {
    const weekend = Array.from({ length: 8 }, (_, day) => calendar.weekend.includes(day));
    found = {
      weekend,
      holidays: new Set(calendar.holidays),
      holidayDays: new Set(calendar.holidays.map(epochDay)),
      longestRun: 0,
    };
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

/** {@link workingDayOnOrBefore} on day numbers ({@link epochDay}). */
export function workingDayNumberOnOrBefore(day: number, calendar: WorkingCalendar): number {
  return walk(day, calendar, -1);
}

/** {@link workingDayOnOrAfter} on day numbers ({@link epochDay}). */
export function workingDayNumberOnOrAfter(day: number, calendar: WorkingCalendar): number {
  return walk(day, calendar, 1);
}

function walk(date: string, calendar: WorkingCalendar, step: 1 | -1): string;
function walk(date: number, calendar: WorkingCalendar, step: 1 | -1): number;
function walk(date: string | number, calendar: WorkingCalendar, step: 1 | -1): string | number {
  const { weekend, holidayDays, longestRun: limit } = lookup(calendar);
  if (!Number.isFinite(limit))
    throw new Error('a calendar of seven weekend days has no working day');
  let day = typeof date === 'string' ? epochDay(date) : date;
  for (let i = 0; i <= limit; i++) {
    if (!weekend[weekdayOfDay(day)] && !holidayDays.has(day)) {
      return typeof date === 'string' ? fromEpochDay(day) : day;
    }
    day += step;
  }
  throw new Error(
    `no working day within ${limit} days of ${typeof date === 'string' ? date : fromEpochDay(date)}`,
  );
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
