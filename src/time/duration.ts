/**
 * ISO 8601 date durations (`PnYnMnWnD`) and calendar-date arithmetic, as the
 * catalog spec defines them. Pure: safe in workflow code.
 */

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

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(isoDate: string): [number, number, number] {
  return [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))];
}

// Calendar dates <-> day numbers, remembered: plans revisit the same few
// thousand dates millions of times. Pure, bounded, safe in workflow code.
const dayOf = new Map<string, number>();
const dateOf = new Map<number, string>();

/** Days since 1970-01-01 of a calendar date: the day number that hot loops count in. */
export function epochDay(isoDate: string): number {
  let day = dayOf.get(isoDate);
  if (day === undefined) {
    const [y, m, d] = parts(isoDate);
    day = Date.UTC(y, m - 1, d) / 86_400_000;
    if (dayOf.size > 100_000) dayOf.clear();
    dayOf.set(isoDate, day);
  }
  return day;
}

/** The calendar date of a day number ({@link epochDay}). */
export function fromEpochDay(day: number): string {
  let date = dateOf.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dateOf.size > 100_000) dateOf.clear();
    dateOf.set(day, date);
  }
  return date;
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when `text` is `YYYY-MM-DD` and names a real calendar date. */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = parts(text);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * The dates the engine tracks, inclusive: every instant of them is a safe
 * epoch millisecond, a zone rule and a mail date; a catalog, a request or
 * a form that names a date outside is refused at that date.
 */
export const DATE_RANGE = { first: '1970-01-01', last: '2200-12-31' } as const;

/** Why a calendar date is outside {@link DATE_RANGE}, or null. */
export function dateRangeProblem(date: string): string | null {
  return date < DATE_RANGE.first || date > DATE_RANGE.last
    ? `${date} is outside the dates the engine tracks (${DATE_RANGE.first} to ${DATE_RANGE.last})`
    : null;
}

export function isDateShaped(text: string): boolean {
  return DATE.test(text);
}

/** True for a 24-hour wall time `HH:MM`. */
export function isWallTime(text: string): boolean {
  return TIME.test(text);
}

/**
 * Adds `factor` times the duration to a calendar date in one step, so that
 * month-end clamping is computed from the start each time (no drift): years
 * and months first (clamped to the month's end), then weeks and days. Plain
 * integer arithmetic on calendar dates: no zone, no clock change.
 */
export function addDuration(isoDate: string, duration: DateDuration, factor = 1): string {
  const k = duration.sign * factor;
  // Weeks and days only (every overdue step of the seed policy): no month to clamp.
  if (duration.years === 0 && duration.months === 0) {
    return addDays(isoDate, (duration.weeks * 7 + duration.days) * k);
  }
  const [y, m, d] = parts(isoDate);
  const months = y * 12 + (m - 1) + (duration.years * 12 + duration.months) * k;
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const clamped = format(year, month, Math.min(d, daysInMonth(year, month)));
  const days = (duration.weeks * 7 + duration.days) * k;
  return days === 0 ? clamped : addDays(clamped, days);
}

/** Subtracts the duration (years and months first, then days), as `D - O` in the spec. */
export function subtractDuration(isoDate: string, duration: DateDuration): string {
  return addDuration(isoDate, duration, -1);
}

export function addDays(isoDate: string, days: number): string {
  return fromEpochDay(epochDay(isoDate) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function weekday(isoDate: string): number {
  return weekdayOfDay(epochDay(isoDate));
}

/** ISO weekday of a day number ({@link epochDay}). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
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
