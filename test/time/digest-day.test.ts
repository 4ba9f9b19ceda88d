import { describe, expect, it } from 'vitest';
import {
  digestDayOfWeek,
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
