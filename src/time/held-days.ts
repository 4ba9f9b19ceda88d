/**
 * How far a hold moves a due date: the whole calendar days the task was held,
 * counted on the wall clock of the resolution's zone and rounded up (a hold
 * from Monday 10:00 to Monday 15:00 is one day; Monday 10:00 to Wednesday
 * 09:00 is two; to Wednesday 10:00, two; to Wednesday 10:01, three).
 */
import { daysBetween } from './duration';
import { dateInZone, wallTimeOf } from './wall-clock';

export function heldDays(since: number, until: number, zone: string): number {
  if (until <= since) return 0;
  const whole = daysBetween(dateInZone(since, zone), dateInZone(until, zone));
  const later = wallTimeOf(until, zone) > wallTimeOf(since, zone);
  return later ? whole + 1 : whole;
}
