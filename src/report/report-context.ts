/**
 * Everything a report shows, computed once and read by every format: the
 * rows, the period, the rates, the language. Formats only lay it out.
 */
import type { TaskListing } from '../client/listing';
import { addDays, isCalendarDate } from '../time/duration';
import { dateInZone, wallTimeToInstant } from '../time/wall-clock';
import type { Catalog, Locale } from '../shared/types';
import type { TaskView } from '../shared/task-view';
import { computeRates, type RatePeriod, type Rates } from './rates';
import { reportRows, type ReportRow } from './rows';

export interface ReportContext {
  catalog: Catalog;
  rows: ReportRow[];
  rates: Rates;
  locale: Locale;
  generatedAt: number;
  /** The period the rates cover, as dates in the resolution's zone (both inclusive). */
  period: { from: string; to: string };
}

export class ReportPeriodError extends Error {
  override name = 'ReportPeriodError';
}

export interface ReportOptions {
  now: number;
  locale?: Locale;
  /** YYYY-MM-DD; default 1 January of the current year in the resolution's zone. */
  from?: string;
  /** YYYY-MM-DD, inclusive; default today in the resolution's zone. */
  to?: string;
  /** Published views of the occurrences listings cannot tell about (src/client/report-data.ts). */
  views?: ReadonlyMap<string, TaskView>;
}

/** A period's dates (defaults filled in, checked) and its instants in a zone. */
export function reportPeriod(
  zone: string,
  now: number,
  fromDate?: string,
  toDate?: string,
): { dates: { from: string; to: string }; instants: RatePeriod } {
  const today = dateInZone(now, zone);
  // One end given alone anchors the other: `to` alone means 1 January of its
  // year; `from` after today means the end of its year, not an empty period.
  const anchor = toDate !== undefined && isCalendarDate(toDate) ? toDate : today;
  const from = fromDate ?? `${anchor.slice(0, 4)}-01-01`;
  const to = toDate ?? (isCalendarDate(from) && from > today ? `${from.slice(0, 4)}-12-31` : today);
  for (const [name, value] of [
    ['--from', from],
    ['--to', to],
  ] as const)
    if (!isCalendarDate(value))
      throw new ReportPeriodError(`${name}: ${value} is not a date (YYYY-MM-DD)`);
  if (to < from) throw new ReportPeriodError(`--to: ${to} is before --from ${from}`);
  return {
    dates: { from, to },
    instants: {
      from: wallTimeToInstant(from, '00:00', zone),
      to: wallTimeToInstant(addDays(to, 1), '00:00', zone),
    },
  };
}

export function buildReport(
  catalog: Catalog,
  listings: TaskListing[],
  options: ReportOptions,
): ReportContext {
  const period = reportPeriod(catalog.resolution.timezone, options.now, options.from, options.to);
  const rows = reportRows(catalog, listings, options.views);
  const rates = computeRates(rows, period.instants, options.now);
  return {
    catalog,
    rows,
    rates,
    locale: options.locale ?? 'en',
    generatedAt: options.now,
    period: period.dates,
  };
}
