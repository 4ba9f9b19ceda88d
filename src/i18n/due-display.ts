/**
 * How a due instant is shown to people. A due date without a time ends at
 * 00:00 of the next day; shown as such it reads as the wrong day, so a due
 * instant at local midnight is shown as 23:59 of the day before (the due date).
 */
import { DateTime } from 'luxon';

export function dueForDisplay(dueAt: number, zone: string, locale = 'en-GB'): DateTime {
  const local = DateTime.fromMillis(dueAt, { zone }).setLocale(locale);
  return local.hour === 0 && local.minute === 0 ? local.minus({ minutes: 1 }) : local;
}
