import { describe, expect, it } from 'vitest';
import {
  digestDayOfWeek,
  nextDigestInstant,
  weekStartDay,
  weekStartOf,
  workingWeekdays,
} from '../../src/time/digest-day';
import type { WorkingCalendar } from '../../src/shared/types';

const GENEVA: WorkingCalendar = { weekend: [6, 7], holidays: ['2027-03-29'] };
const RIYADH: WorkingCalendar = { weekend: [5, 6], holidays: [] };

describe('the digest day', () => {
  it('is Monday for a Saturday-Sunday weekend', () => {
    expect(weekStartDay(GENEVA)).toBe(1);
    // Wednesday 10 March 2027 lies in the week of Monday 8 March.
    expect(weekStartOf('2027-03-10', GENEVA)).toBe('2027-03-08');
    expect(digestDayOfWeek('2027-03-10', GENEVA)).toBe('2027-03-08');
  });

  it('moves to Tuesday when Monday is a holiday (Easter Monday 2027)', () => {
    expect(digestDayOfWeek('2027-03-29', GENEVA)).toBe('2027-03-30');
    expect(digestDayOfWeek('2027-04-02', GENEVA)).toBe('2027-03-30');
  });

  it('is Sunday for a Friday-Saturday weekend', () => {
    expect(weekStartDay(RIYADH)).toBe(7);
    // Thursday 11 March 2027 lies in the week of Sunday 7 March; Friday 12 March starts none.
    expect(digestDayOfWeek('2027-03-11', RIYADH)).toBe('2027-03-07');
    expect(weekStartOf('2027-03-12', RIYADH)).toBe('2027-03-07');
    expect(digestDayOfWeek('2027-03-14', RIYADH)).toBe('2027-03-14');
  });

  it('is Monday without a weekend, and the day after a one-day weekend', () => {
    expect(weekStartDay({ weekend: [], holidays: [] })).toBe(1);
    expect(weekStartDay({ weekend: [5], holidays: [] })).toBe(6);
  });

  it('is missing in a week without a working day', () => {
    const closed: WorkingCalendar = {
      weekend: [6, 7],
      holidays: ['2027-12-27', '2027-12-28', '2027-12-29', '2027-12-30', '2027-12-31'],
    };
    expect(digestDayOfWeek('2027-12-29', closed)).toBeUndefined();
  });

  it('fires the schedule on the weekdays that are not weekend days', () => {
    expect(workingWeekdays(GENEVA)).toEqual([1, 2, 3, 4, 5]);
    expect(workingWeekdays(RIYADH)).toEqual([1, 2, 3, 4, 7]);
  });
});

describe('the next digest', () => {
  const at = (iso: string) => Date.parse(iso);
  it('is this morning at 08:00 before eight on a digest day, else the next digest day', () => {
    // Monday 8 March 2027, 07:00 in Zurich (06:00 UTC).
    expect(nextDigestInstant(at('2027-03-08T06:00:00Z'), 'Europe/Zurich', GENEVA, '08:00')).toBe(
      at('2027-03-08T07:00:00Z'),
    );
    // The same Monday at 09:00: the next is Monday 15 March.
    expect(nextDigestInstant(at('2027-03-08T08:00:00Z'), 'Europe/Zurich', GENEVA, '08:00')).toBe(
      at('2027-03-15T07:00:00Z'),
    );
    // From Thursday 25 March: Easter Monday 29 March is a holiday, so Tuesday 30 March (summer time).
    expect(nextDigestInstant(at('2027-03-25T12:00:00Z'), 'Europe/Zurich', GENEVA, '08:00')).toBe(
      at('2027-03-30T06:00:00Z'),
    );
    // Riyadh (UTC+3) from Thursday 11 March: Sunday 14 March, 05:00 UTC.
    expect(nextDigestInstant(at('2027-03-11T12:00:00Z'), 'Asia/Riyadh', RIYADH, '08:00')).toBe(
      at('2027-03-14T05:00:00Z'),
    );
  });
});
