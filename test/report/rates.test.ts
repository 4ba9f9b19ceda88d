/** Rates on test/report/fixtures/rates-catalog.yaml, every number worked out by hand. */
import { describe, expect, it } from 'vitest';
import { buildReport, reportPeriod } from '../../src/report/report-context';
import { computeRates, percent, type RateCounts } from '../../src/report/rates';
import { reportRows } from '../../src/report/rows';
import { TASK_STATUSES } from '../../src/shared/task-state';
import { CATALOG, LISTINGS, NOW, PERIOD } from './rates-fixture';

const counts = (c: Partial<RateCounts> & Pick<RateCounts, 'due' | 'onTimeRate'>): RateCounts => ({
  onTime: 0,
  late: 0,
  overdue: 0,
  awaitingReview: 0,
  waived: 0,
  onHold: 0,
  ...c,
});

describe('implementation rates', () => {
  const report = buildReport(CATALOG, LISTINGS, { now: NOW, ...PERIOD });

  it('counts the resolution: 8 due, 3 on time, 1 late, 1 overdue, 1 awaiting review, 2 waived', () => {
    // Due in 2027 by 1 July: annual-report Jan (on time) and Apr (late), council-doc 2027
    // (handed in on its due day: on time), member-input (overdue), review-input (handed in
    // late, not reviewed), moot-task (waived in the catalog), legacy-task (completed in the
    // catalog before its due date: on time), waived-run (waived). Not counted: annual-report
    // Jul (due after now), council-doc 2028 (not started), old-task (due in 2026).
    // On-time rate: 3 / (8 − 2 waived) = 0.5.
    expect(report.rates.resolution).toEqual(
      counts({
        due: 8,
        onTime: 3,
        late: 1,
        overdue: 1,
        awaitingReview: 1,
        waived: 2,
        onTimeRate: 0.5,
      }),
    );
  });

  it('counts per clause, in catalog order', () => {
    expect(report.rates.byClause).toEqual([
      // annual Jan, annual Apr, moot, council-2027: 2 / (4 − 1)
      {
        key: 'resolves 1',
        counts: counts({ due: 4, onTime: 2, late: 1, waived: 1, onTimeRate: 2 / 3 }),
      },
      // member (overdue), review (awaiting): 0 / 2
      {
        key: 'invites 2',
        counts: counts({ due: 2, overdue: 1, awaitingReview: 1, onTimeRate: 0 }),
      },
      // legacy (on time), waived-run (waived): 1 / (2 − 1)
      { key: 'resolves 3', counts: counts({ due: 2, onTime: 1, waived: 1, onTimeRate: 1 }) },
    ]);
  });

  it('counts per responsible body', () => {
    expect(report.rates.byResponsible).toEqual([
      // annual Jan, annual Apr, moot, council-2027, review: 2 / (5 − 1)
      {
        key: 'Secretariat',
        counts: counts({
          due: 5,
          onTime: 2,
          late: 1,
          awaitingReview: 1,
          waived: 1,
          onTimeRate: 0.5,
        }),
      },
      // member (overdue), legacy (on time), waived-run: 1 / (3 − 1)
      {
        key: 'Member States',
        counts: counts({ due: 3, onTime: 1, overdue: 1, waived: 1, onTimeRate: 0.5 }),
      },
    ]);
  });

  it('a shorter period counts only what fell due in it', () => {
    // January 2027: annual-report Jan (due 31 Jan, on time) only; legacy-task is due 1 Feb.
    const january = buildReport(CATALOG, LISTINGS, {
      now: NOW,
      from: '2027-01-01',
      to: '2027-01-31',
    });
    expect(january.rates.resolution).toEqual(counts({ due: 1, onTime: 1, onTimeRate: 1 }));
  });

  it('on-hold is its own column when the engine publishes it, and is not owed', () => {
    const rows = reportRows(CATALOG, LISTINGS).map((r) =>
      r.task === 'member-input' ? { ...r, status: 'on-hold' as never } : r,
    );
    const period = report.rates.period;
    const withHold = computeRates(rows, period, NOW, [...TASK_STATUSES, 'on-hold']);
    expect(withHold.hasOnHold).toBe(true);
    // member-input moves from overdue to on hold: 3 / (8 − 2 − 1)
    expect(withHold.resolution).toEqual(
      counts({
        due: 8,
        onTime: 3,
        late: 1,
        awaitingReview: 1,
        waived: 2,
        onHold: 1,
        onTimeRate: 0.6,
      }),
    );
    expect(computeRates(rows, period, NOW, TASK_STATUSES).hasOnHold).toBe(
      (TASK_STATUSES as readonly string[]).includes('on-hold'),
    );
  });

  it('nothing owed gives no rate, shown as a dash', () => {
    const empty = buildReport(CATALOG, [], { now: NOW, from: '2030-01-01', to: '2030-12-31' });
    expect(empty.rates.resolution).toEqual(counts({ due: 0, onTimeRate: null }));
    expect(percent(null)).toBe('–');
    expect(percent(0.5, 'en-GB')).toBe('50%');
    expect(percent(2 / 3, 'fr-FR')).toMatch(/^67\s?%$/);
  });

  it('rejects a period that is not dates or runs backwards, naming the option', () => {
    expect(() => buildReport(CATALOG, LISTINGS, { now: NOW, from: '2027-02-30' })).toThrow(
      /--from: 2027-02-30 is not a date/,
    );
    expect(() =>
      buildReport(CATALOG, LISTINGS, { now: NOW, from: '2027-05-01', to: '2027-04-01' }),
    ).toThrow(/--to: 2027-04-01 is before --from 2027-05-01/);
  });

  it('one end given alone anchors the other', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(reportPeriod('Europe/Zurich', now).dates).toEqual({
      from: '2026-01-01',
      to: '2026-12-02',
    });
    // `to` in an earlier year: 1 January of that year, not of this one (which would run backwards).
    expect(reportPeriod('Europe/Zurich', now, undefined, '2025-06-30').dates).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
    });
    // `from` after today: to the end of its year, not to today.
    expect(reportPeriod('Europe/Zurich', now, '2027-03-01').dates).toEqual({
      from: '2027-03-01',
      to: '2027-12-31',
    });
    expect(reportPeriod('Europe/Zurich', now, '2026-03-01').dates).toEqual({
      from: '2026-03-01',
      to: '2026-12-02',
    });
  });
});
