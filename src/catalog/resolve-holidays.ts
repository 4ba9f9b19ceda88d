/**
 * Adds each country calendar's public holidays to a valid catalog, for the
 * years its schedules can need, so that the planner and the workflows get
 * them as plain dates.
 */
import type { Catalog } from '../shared/types';
import { addDuration, parseDuration } from '../time/duration';
import { publicHolidays } from './holiday-data';

/** An endless recurrence looks this many years past its first due date. */
const ENDLESS_YEARS = 10;

/**
 * The years whose holidays can move a message of the catalog: from the year
 * before its earliest due date (a reminder walks back into it) to two years
 * after its latest (overdue notices and escalations walk on).
 */
export function holidayYears(catalog: Catalog): [number, number] {
  const dates: string[] = [];
  const shifted = (date: string, offset: string) => {
    const parsed = parseDuration(offset, true);
    return parsed ? addDuration(date, parsed) : date;
  };
  for (const task of catalog.tasks) {
    const { due } = task;
    if (due.kind === 'date') dates.push(due.date);
    else if (due.kind === 'event') {
      const event = catalog.events[due.event];
      if (event) dates.push(shifted(event.start, due.offset));
    } else {
      for (const event of Object.values(catalog.events))
        if (event.series === due.series) dates.push(shifted(event.start, due.offset));
    }
    const first = dates[dates.length - 1];
    if (task.recurrence?.until !== undefined) dates.push(task.recurrence.until);
    else if (task.recurrence && first !== undefined)
      dates.push(shifted(first, `P${ENDLESS_YEARS}Y`));
  }
  const years = dates.map((d) => Number(d.slice(0, 4)));
  if (years.length === 0) return [0, -1];
  return [Math.min(...years) - 1, Math.max(...years) + 2];
}

/** The catalog with `publicHolidays` filled in on every calendar that names a country. */
export function withPublicHolidays(catalog: Catalog): Catalog {
  const calendars = catalog.calendars;
  if (!calendars || !Object.values(calendars).some((c) => c.country !== undefined)) return catalog;
  const [first, last] = holidayYears(catalog);
  const resolved = Object.fromEntries(
    Object.entries(calendars).map(([key, calendar]) => [
      key,
      calendar.country === undefined
        ? calendar
        : {
            ...calendar,
            publicHolidays: publicHolidays(calendar.country, calendar.region, first, last),
            publicHolidayYears: [first, last] as [number, number],
          },
    ]),
  );
  return { ...catalog, calendars: resolved };
}
