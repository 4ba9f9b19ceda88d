/**
 * The reporting burden: per body and month, how many occurrences the
 * catalogs ask of it (owed, and invited), as a table a manager reads and a
 * chart draws.
 */
import type { OwedOccurrence } from './owed';

export interface BurdenRow {
  body: string;
  /** Per month of the window (YYYY-MM, in window order): occurrences due. */
  months: Record<string, number>;
  total: number;
  /** Of the total, those that only invite. */
  invitations: number;
  /** The resolutions asking, by id. */
  resolutions: string[];
}

/** The months of a window, YYYY-MM, first to last. */
export function monthsOf(fromDate: string, toDate: string): string[] {
  const months: string[] = [];
  let [year, month] = fromDate.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = toDate.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month++;
    if (month === 13) {
      month = 1;
      year++;
    }
  }
  return months;
}

/** One row per body, the busiest first. */
export function burdenRows(
  owed: readonly OwedOccurrence[],
  months: readonly string[],
): BurdenRow[] {
  const rows = new Map<string, BurdenRow>();
  for (const o of owed) {
    const row =
      rows.get(o.responsible) ??
      ({
        body: o.responsible,
        months: Object.fromEntries(months.map((m) => [m, 0])),
        total: 0,
        invitations: 0,
        resolutions: [],
      } satisfies BurdenRow);
    const month = o.dueDate.slice(0, 7);
    if (month in row.months) row.months[month] = (row.months[month] ?? 0) + 1;
    row.total++;
    if (o.kind === 'invitation') row.invitations++;
    if (!row.resolutions.includes(o.resolution)) row.resolutions.push(o.resolution);
    rows.set(o.responsible, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.body.localeCompare(b.body));
}
