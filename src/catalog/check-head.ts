/** Rules for the catalog's head: the resolution, its events and its people. */
import type { CatalogEvent, Person, Resolution } from '../shared/types';
import { LOCALES } from '../shared/types';
import { EMAIL, type Checker } from './field-checks';
import { isScalar } from 'yaml';
import type { Entry } from './yaml-reader';

/** A `calendar` field: a key of `calendars`, reported at the value when it is none. */
function calendarKey(
  check: Checker,
  entry: Entry | undefined,
  path: string,
  calendarKeys: Set<string> | undefined,
): string | undefined {
  const calendar = check.text(entry, path);
  if (calendar === undefined || !calendarKeys || calendarKeys.has(calendar)) return calendar;
  check.report(entry!.value, path, `unknown calendar ${calendar} (not a key in calendars)`);
  return undefined;
}

export function checkResolution(
  check: Checker,
  entry: Entry | undefined,
  /** Keys declared under calendars, valid or not (v2). */
  calendarKeys?: Set<string>,
): Resolution | undefined {
  if (!entry) return undefined;
  const path = 'resolution';
  const fields = check.fields(
    entry.value,
    path,
    ['id', 'title', 'adoptedBy', 'adopted', 'timezone', 'source'],
    ['calendar'],
    ['id', 'title', 'adoptedBy', 'timezone'],
    entry.key,
  );
  if (!fields) return undefined;
  const id = check.id(fields.get('id'), `${path}.id`);
  const title = check.text(fields.get('title'), `${path}.title`);
  const adoptedBy = check.text(fields.get('adoptedBy'), `${path}.adoptedBy`);
  const adopted = check.date(fields.get('adopted'), `${path}.adopted`);
  const timezone = check.zone(fields.get('timezone'), `${path}.timezone`);
  const source = check.text(fields.get('source'), `${path}.source`);
  const calendar = calendarKey(check, fields.get('calendar'), `${path}.calendar`, calendarKeys);
  if (!id || !title || !adoptedBy || !timezone) return undefined;
  if (fields.has('adopted') && !adopted) return undefined;
  if (fields.has('calendar') && !calendar) return undefined;
  return {
    id,
    title,
    adoptedBy,
    timezone,
    ...(adopted ? { adopted } : {}),
    ...(source ? { source } : {}),
    ...(calendar ? { calendar } : {}),
  };
}

export function checkEvents(
  check: Checker,
  entry: Entry | undefined,
): Record<string, CatalogEvent> | undefined {
  if (!entry) return {};
  if (isScalar(entry.value) && entry.value.value === null) return {};
  const items = check.dictionary(entry.value, 'events', entry.key);
  if (!items) return undefined;
  const events: Record<string, CatalogEvent> = {};
  let ok = true;
  for (const item of items) {
    const key = String(item.key.value);
    const path = `events.${key}`;
    const fields = check.fields(
      item.value,
      path,
      ['title', 'start', 'end', 'place', 'notes'],
      ['series', 'tentative'],
      ['title', 'start'],
      item.key,
    );
    if (!fields) {
      ok = false;
      continue;
    }
    const title = check.text(fields.get('title'), `${path}.title`);
    const start = check.date(fields.get('start'), `${path}.start`);
    const end = check.date(fields.get('end'), `${path}.end`);
    const place = check.text(fields.get('place'), `${path}.place`);
    const notes = check.text(fields.get('notes'), `${path}.notes`, { multiline: true });
    const series = check.id(fields.get('series'), `${path}.series`);
    const tentative = check.boolean(fields.get('tentative'), `${path}.tentative`);
    if ((fields.has('series') && !series) || (fields.has('tentative') && tentative === undefined))
      ok = false;
    if (start && end && end < start) {
      check.report(fields.get('end')!.value, `${path}.end`, `${end} is before the start ${start}`);
      ok = false;
    }
    if (!title || !start || (fields.has('end') && !end)) {
      ok = false;
      continue;
    }
    events[key] = {
      key,
      title,
      start,
      ...(end ? { end } : {}),
      ...(place ? { place } : {}),
      ...(notes ? { notes } : {}),
      ...(series ? { series } : {}),
      ...(tentative !== undefined ? { tentative } : {}),
    };
  }
  return ok ? events : undefined;
}

export function checkPeople(
  check: Checker,
  entry: Entry | undefined,
  zone: string | undefined,
  /** Keys declared under calendars, valid or not (v2). */
  calendarKeys: Set<string> | undefined,
): Record<string, Person> | undefined {
  if (!entry) return undefined;
  const items = check.dictionary(entry.value, 'people', entry.key);
  if (!items) return undefined;
  const people: Record<string, Person> = {};
  let ok = true;
  for (const item of items) {
    const key = String(item.key.value);
    const path = `people.${key}`;
    const fields = check.fields(
      item.value,
      path,
      ['name', 'email', 'timezone', 'locale'],
      ['calendar'],
      ['name', 'email'],
      item.key,
    );
    if (!fields) {
      ok = false;
      continue;
    }
    const name = check.text(fields.get('name'), `${path}.name`);
    const email = check.text(fields.get('email'), `${path}.email`);
    if (email !== undefined && !EMAIL.test(email)) {
      check.report(
        fields.get('email')!.value,
        `${path}.email`,
        `${email} is not an e-mail address`,
      );
      ok = false;
    }
    const timezone = fields.has('timezone')
      ? check.zone(fields.get('timezone'), `${path}.timezone`)
      : zone;
    const localeEntry = fields.get('locale');
    const locale = localeEntry ? check.text(localeEntry, `${path}.locale`) : 'en';
    if (localeEntry && locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) {
      check.report(
        localeEntry.value,
        `${path}.locale`,
        `${locale} is not a supported locale (expected one of: ${LOCALES.join(', ')})`,
      );
      ok = false;
      continue;
    }
    const calendarEntry = fields.get('calendar');
    const calendar = calendarKey(check, calendarEntry, `${path}.calendar`, calendarKeys);
    if (!name || !email || !timezone || !locale || (calendarEntry && calendar === undefined)) {
      ok = false;
      continue;
    }
    people[key] = {
      key,
      name,
      email,
      timezone,
      locale: locale as Person['locale'],
      ...(calendar !== undefined ? { calendar } : {}),
    };
  }
  return ok ? people : undefined;
}
