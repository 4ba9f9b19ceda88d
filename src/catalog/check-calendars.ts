/** Rules for v2 working-day calendars: weekend day names, holidays, country and region. */
import type { Node } from 'yaml';
import type { CatalogCalendar, WeekdayName } from '../shared/types';
import { WEEKDAY_NAMES } from '../shared/types';
import type { Checker } from './field-checks';
import { countryCode, regionCode } from './holiday-data';
import { isNull, scalarText, type Entry } from './yaml-reader';

/** Weekend of a calendar that does not name one. */
export const DEFAULT_WEEKEND: readonly WeekdayName[] = ['sat', 'sun'];

/** The `calendars` block: each calendar by its (free-text) key. */
export function checkCalendars(
  check: Checker,
  entry: Entry | undefined,
): Record<string, CatalogCalendar> | undefined {
  if (!entry || isNull(entry.value)) return {};
  const items = check.dictionary(entry.value, 'calendars', entry.key);
  if (!items) return undefined;
  const calendars: Record<string, CatalogCalendar> = {};
  let ok = true;
  for (const item of items) {
    const key = String(item.key.value);
    const calendar = checkCalendar(check, item, `calendars.${key}`, key);
    if (calendar) calendars[key] = calendar;
    else ok = false;
  }
  return ok ? calendars : undefined;
}

function checkCalendar(
  check: Checker,
  item: Entry,
  path: string,
  key: string,
): CatalogCalendar | undefined {
  // `riyadh: {}` (or `riyadh:`) is a calendar of all defaults.
  const fields = isNull(item.value)
    ? new Map<string, Entry>()
    : check.map(item.value, path, ['weekend', 'holidays', 'country', 'region'], [], item.key);
  if (!fields) return undefined;
  let ok = true;

  let weekend: WeekdayName[] = [...DEFAULT_WEEKEND];
  const weekendEntry = fields.get('weekend');
  if (weekendEntry) {
    const days = checkWeekend(check, weekendEntry, `${path}.weekend`);
    if (days) weekend = days;
    else ok = false;
  }

  const holidays: string[] = [];
  const holidaysEntry = fields.get('holidays');
  if (holidaysEntry && !isNull(holidaysEntry.value)) {
    const items = check.seq(holidaysEntry.value, `${path}.holidays`, holidaysEntry.key);
    if (!items) ok = false;
    items?.forEach((node, i) => {
      const date = check.date({ key: holidaysEntry.key, value: node }, `${path}.holidays[${i}]`);
      if (date === undefined) ok = false;
      else holidays.push(date);
    });
  }

  const countryEntry = fields.get('country');
  let country: string | undefined;
  if (countryEntry) {
    const text = check.text(countryEntry, `${path}.country`);
    country = text === undefined ? undefined : countryCode(text);
    if (text !== undefined && country === undefined)
      check.report(
        countryEntry.value,
        `${path}.country`,
        `${text} is not a country of the holiday data (expected an ISO 3166-1 alpha-2 code such as CH or SA)`,
      );
    if (country === undefined) ok = false;
  }

  const regionEntry = fields.get('region');
  let region: string | undefined;
  if (regionEntry) {
    const text = check.text(regionEntry, `${path}.region`);
    if (text !== undefined && !countryEntry) {
      check.report(regionEntry.value, `${path}.region`, 'region needs a country');
    } else if (text !== undefined && country !== undefined) {
      const found = regionCode(country, text);
      if (typeof found === 'string') region = found;
      else
        check.report(
          regionEntry.value,
          `${path}.region`,
          found.known.length > 0
            ? `${text} is not a region of ${country} in the holiday data (expected one of: ${found.known.join(', ')})`
            : `${country} has no regions in the holiday data`,
        );
    }
    if (region === undefined) ok = false;
  }

  if (!ok) return undefined;
  return {
    key,
    weekend,
    holidays,
    ...(country !== undefined ? { country } : {}),
    ...(region !== undefined ? { region } : {}),
  };
}

/** 0-6 distinct day names; seven would leave no working day. */
function checkWeekend(check: Checker, entry: Entry, path: string): WeekdayName[] | undefined {
  if (isNull(entry.value)) return [];
  const items = check.seq(entry.value, path, entry.key);
  if (!items) return undefined;
  const days: WeekdayName[] = [];
  const seen = new Map<string, Node>();
  let ok = true;
  items.forEach((node, i) => {
    const name = scalarText(node);
    if (name === undefined || !(WEEKDAY_NAMES as readonly string[]).includes(name)) {
      check.report(
        node,
        `${path}[${i}]`,
        `${name === undefined ? 'value' : JSON.stringify(name)} is not a weekday name (expected one of: ${WEEKDAY_NAMES.join(', ')})`,
      );
      ok = false;
      return;
    }
    if (seen.has(name)) {
      const first = check.position(seen.get(name));
      check.report(
        node,
        `${path}[${i}]`,
        `duplicate weekend day ${name} (already at line ${first.line}, column ${first.column})`,
      );
      ok = false;
      return;
    }
    seen.set(name, node);
    days.push(name as WeekdayName);
  });
  if (ok && days.length === WEEKDAY_NAMES.length) {
    check.report(
      entry.value,
      path,
      'all seven days are weekend days: a calendar needs at least one working day',
    );
    return undefined;
  }
  return ok ? days : undefined;
}
