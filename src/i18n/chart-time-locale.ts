/**
 * The month and day names Vega writes on a chart's time axis, in the
 * report's language: built from Intl with the locale every other date uses,
 * so an axis reads "janv." or "يناير" where Vega's default says "Jan".
 */
import type { Locale } from '../shared/types';
import { intlLocale } from './locales';

/** d3-time-format's locale definition, which Vega's View takes as `locale.time`. */
export interface TimeLocaleDefinition {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: string[];
  shortDays: string[];
  months: string[];
  shortMonths: string[];
}

function names(tag: string, option: Intl.DateTimeFormatOptions, dates: number[]): string[] {
  const format = new Intl.DateTimeFormat(tag, { ...option, timeZone: 'UTC' });
  return dates.map((d) => format.format(d));
}

export function chartTimeLocale(locale: Locale): TimeLocaleDefinition {
  const tag = intlLocale(locale);
  const months = Array.from({ length: 12 }, (_, m) => Date.UTC(2021, m, 1));
  // 3 January 2021 was a Sunday: d3 counts days from Sunday.
  const days = Array.from({ length: 7 }, (_, d) => Date.UTC(2021, 0, 3 + d));
  const dayPeriod = (hour: number) =>
    new Intl.DateTimeFormat(tag, { hour: 'numeric', hour12: true, timeZone: 'UTC' })
      .formatToParts(Date.UTC(2021, 0, 1, hour))
      .find((p) => p.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM');
  return {
    dateTime: '%x %X',
    date: '%Y-%m-%d',
    time: '%H:%M:%S',
    periods: [dayPeriod(9), dayPeriod(15)],
    days: names(tag, { weekday: 'long' }, days),
    shortDays: names(tag, { weekday: 'short' }, days),
    months: names(tag, { month: 'long' }, months),
    shortMonths: names(tag, { month: 'short' }, months),
  };
}
