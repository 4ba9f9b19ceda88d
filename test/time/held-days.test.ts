import { describe, expect, it } from 'vitest';
import { heldDays } from '../../src/time/held-days';

const Z = 'Europe/Zurich';
const at = (iso: string) => Date.parse(iso);

describe('days a hold moves a due date (whole calendar days in the zone, rounded up)', () => {
  it.each([
    ['2026-12-07T10:00:00+01:00', '2026-12-07T15:00:00+01:00', 1],
    ['2026-12-07T10:00:00+01:00', '2026-12-09T09:00:00+01:00', 2],
    ['2026-12-07T10:00:00+01:00', '2026-12-09T10:00:00+01:00', 2],
    ['2026-12-07T10:00:00+01:00', '2026-12-09T10:01:00+01:00', 3],
    ['2026-12-07T23:30:00+01:00', '2026-12-08T00:30:00+01:00', 1],
    // Across the spring clock change (29 March 2026): counted on the wall clock, not in 24 h blocks.
    ['2026-03-28T12:00:00+01:00', '2026-03-29T12:00:00+02:00', 1],
    ['2026-12-07T10:00:00+01:00', '2026-12-07T10:00:00+01:00', 0],
  ])('%s to %s: %i', (since, until, days) => {
    expect(heldDays(at(since), at(until), Z)).toBe(days);
  });
});
