/**
 * Implementation rates as UN decision-tracking tables publish them: of the
 * occurrences that fell due in a period, how many were completed on time,
 * completed late, are still overdue, wait for review, were waived or are on
 * hold; and the on-time rate. Pure: rows in, numbers out.
 */
import { TASK_STATUSES } from '../shared/task-state';
import type { ReportRow } from './rows';

/**
 * A period as instants, `from` exclusive and `to` inclusive: the start of the
 * first day and the end of the last. A due date without a time falls due at
 * 00:00 of the next day, and that instant still belongs to the due date (as
 * due-display.ts shows it), so the period is open at the start.
 */
export interface RatePeriod {
  from: number;
  to: number;
}

export interface RateCounts {
  /** Occurrences whose due instant fell in the period (and by `now`). */
  due: number;
  onTime: number;
  late: number;
  /** Past due and still owed (open or returned past the due instant). */
  overdue: number;
  /** Past due, handed in, waiting for the secretariat's review. */
  awaitingReview: number;
  waived: number;
  /** `on-hold`, counted only where the engine publishes that status. */
  onHold: number;
  /**
   * onTime / (due − waived − onHold): waived and held occurrences are no
   * longer owed, so they count neither for nor against. Null when nothing
   * owed fell due.
   */
  onTimeRate: number | null;
}

export interface RateGroup {
  key: string;
  counts: RateCounts;
}

export interface Rates {
  period: RatePeriod;
  /** True when the engine publishes `on-hold`, so the column shows. */
  hasOnHold: boolean;
  resolution: RateCounts;
  byClause: RateGroup[];
  byResponsible: RateGroup[];
}

/** Whether TASK_STATUSES (or a list given) has `on-hold`. */
export function publishesOnHold(statuses: readonly string[] = TASK_STATUSES): boolean {
  return statuses.includes('on-hold');
}

type Bucket = Exclude<keyof RateCounts, 'due' | 'onTimeRate'>;

/**
 * Where a row falls, or null when it did not fall due in the period. Rows
 * not started are left out: nothing tracks them, so nothing is known.
 */
export function rateBucket(row: ReportRow, period: RatePeriod, now: number): Bucket | null {
  if (row.dueAt === undefined || row.status === 'not-started') return null;
  if (row.dueAt <= period.from || row.dueAt > period.to || row.dueAt > now) return null;
  switch (row.status as string) {
    case 'completed': {
      // Handed in by the due instant is on time, even when accepted later.
      const done = row.deliveredAt ?? row.completedAt ?? row.closedAt;
      return done === undefined || done <= row.dueAt ? 'onTime' : 'late';
    }
    case 'waived':
      return 'waived';
    case 'on-hold':
      return 'onHold';
    case 'submitted':
      return 'awaitingReview';
    default:
      // open, returned and overdue past the due instant are all still owed.
      return 'overdue';
  }
}

function emptyCounts(): RateCounts {
  return {
    due: 0,
    onTime: 0,
    late: 0,
    overdue: 0,
    awaitingReview: 0,
    waived: 0,
    onHold: 0,
    onTimeRate: null,
  };
}

function finish(counts: RateCounts): RateCounts {
  const owed = counts.due - counts.waived - counts.onHold;
  return { ...counts, onTimeRate: owed > 0 ? counts.onTime / owed : null };
}

function countRows(rows: ReportRow[], period: RatePeriod, now: number): RateCounts {
  const counts = emptyCounts();
  for (const row of rows) {
    const bucket = rateBucket(row, period, now);
    if (!bucket) continue;
    counts.due += 1;
    counts[bucket] += 1;
  }
  return finish(counts);
}

function grouped(
  rows: ReportRow[],
  keyOf: (row: ReportRow) => string,
  period: RatePeriod,
  now: number,
): RateGroup[] {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return [...groups].map(([key, group]) => ({ key, counts: countRows(group, period, now) }));
}

/** Rates of the resolution, per clause (catalog order) and per responsible body (first seen). */
export function computeRates(
  rows: ReportRow[],
  period: RatePeriod,
  now: number,
  statuses: readonly string[] = TASK_STATUSES,
): Rates {
  return {
    period,
    hasOnHold: publishesOnHold(statuses),
    resolution: countRows(rows, period, now),
    byClause: grouped(rows, (r) => r.clause, period, now),
    byResponsible: grouped(rows, (r) => r.responsible, period, now),
  };
}

/** A rate as a whole percentage in a BCP 47 locale, or an en dash when there is none. */
export function percent(rate: number | null, intlTag = 'en-GB'): string {
  return rate === null
    ? '–'
    : new Intl.NumberFormat(intlTag, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
