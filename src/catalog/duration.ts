/**
 * ISO 8601 date durations (`PnYnMnWnD`) and calendar-date arithmetic, as the
 * catalog spec defines them. Pure: safe in workflow code.
 */
import { DateTime } from 'luxon';

export interface DateDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  /** -1 for `-P...` (offsets only), 1 otherwise. */
  readonly sign: 1 | -1;
  /** The duration exactly as written, e.g. `P14D` or `-P30D`. */
  readonly text: string;
}

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Parses a date duration; `null` when the text is not one. */
export function parseDuration(text: string, allowSign = false): DateDuration | null {
  const match = DURATION.exec(text);
  if (!match || text.replace('-', '') === 'P') return null;
  if (match[1] && !allowSign) return null;
  return {
    sign: match[1] ? -1 : 1,
    years: Number(match[2] ?? 0),
    months: Number(match[3] ?? 0),
    weeks: Number(match[4] ?? 0),
    days: Number(match[5] ?? 0),
    text,
  };
}

export function isZeroDuration(d: DateDuration): boolean {
  return d.years === 0 && d.months === 0 && d.weeks === 0 && d.days === 0;
}

/** True when `text` is `YYYY-MM-DD` and names a real calendar date. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  return DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    { zone: 'UTC' },
  ).isValid;
}

export function isDateShaped(text: string): boolean {
  return DATE.test(text);
}

/** True for a 24-hour wall time `HH:MM`. */
export function isWallTime(text: string): boolean {
  return TIME.test(text);
}

/** A calendar date as a luxon value pinned to UTC, so arithmetic never meets a clock change. */
export function toCalendarDate(isoDate: string): DateTime {
  return DateTime.fromISO(isoDate, { zone: 'UTC' });
}

export function formatCalendarDate(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/**
 * Adds `factor` times the duration to a calendar date in one step, so that
 * month-end clamping is computed from the start each time (no drift): years
 * and months first (clamped to the month's end), then weeks and days.
 */
export function addDuration(isoDate: string, duration: DateDuration, factor = 1): string {
  const k = duration.sign * factor;
  const date = toCalendarDate(isoDate)
    .plus({ years: duration.years * k, months: duration.months * k })
    .plus({ days: (duration.weeks * 7 + duration.days) * k });
  return formatCalendarDate(date);
}

/** Subtracts the duration (years and months first, then days), as `D - O` in the spec. */
export function subtractDuration(isoDate: string, duration: DateDuration): string {
  return addDuration(isoDate, duration, -1);
}

export function addDays(isoDate: string, days: number): string {
  return formatCalendarDate(toCalendarDate(isoDate).plus({ days }));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round(toCalendarDate(b).diff(toCalendarDate(a), 'days').days);
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function weekday(isoDate: string): number {
  return toCalendarDate(isoDate).weekday;
}

/** A Saturday or Sunday becomes the Friday before. */
export function weekendToFridayBefore(isoDate: string): string {
  const day = weekday(isoDate);
  return day === 6 ? addDays(isoDate, -1) : day === 7 ? addDays(isoDate, -2) : isoDate;
}

/** A Saturday or Sunday becomes the Monday after. */
export function weekendToMondayAfter(isoDate: string): string {
  const day = weekday(isoDate);
  return day === 6 ? addDays(isoDate, 2) : day === 7 ? addDays(isoDate, 1) : isoDate;
}

/** Fewest and most calendar days that one step of the duration can span. */
export function durationDayBounds(d: DateDuration): { min: number; max: number } {
  const fixed = d.weeks * 7 + d.days;
  return { min: d.years * 365 + d.months * 28 + fixed, max: d.years * 366 + d.months * 31 + fixed };
}
