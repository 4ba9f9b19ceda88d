/**
 * The country holiday data (the date-holidays package, pinned in
 * package.json): which countries and regions it knows, and their public
 * holidays. Read at load time only; the planner and the workflows get the
 * dates as plain data and never import the package.
 */
import Holidays from 'date-holidays';
import { addDays } from '../time/duration';

const data = new Holidays();

/** The country's code in the data (upper case), or undefined when the data does not know it. */
export function countryCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  return Object.hasOwn(data.getCountries(), code) ? code : undefined;
}

/**
 * The region's code in the data, written `GE` or `CH-GE` (ISO 3166-2), any
 * case; otherwise the codes the data knows for the country.
 */
export function regionCode(country: string, text: string): string | { known: string[] } {
  const states = data.getStates(country) ?? {};
  let code = text.trim().toUpperCase();
  if (code.startsWith(`${country}-`)) code = code.slice(country.length + 1);
  return Object.hasOwn(states, code) ? code : { known: Object.keys(states).sort() };
}

/**
 * Every date (YYYY-MM-DD, sorted, distinct) of a public holiday of the
 * country (and region) that starts in the years `first` to `last`
 * inclusive. Only holidays of type `public` count, not bank holidays or
 * observances; a holiday of several days (e.g. Eid al-Fitr in SA) gives each
 * of its dates.
 */
export function publicHolidays(
  country: string,
  region: string | undefined,
  first: number,
  last: number,
): string[] {
  const source = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const dates = new Set<string>();
  for (let year = first; year <= last; year++) {
    for (const holiday of source.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const start = holiday.date.slice(0, 10);
      const days = Math.max(
        1,
        Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000),
      );
      for (let i = 0; i < days; i++) dates.add(addDays(start, i));
    }
  }
  return [...dates].sort();
}
