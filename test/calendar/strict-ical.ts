/**
 * Reads a calendar with ical.js, a real iCalendar parser, after checking the
 * RFC 5545 section 3.1 line rules that ical.js lets pass (CRLF, 75 octets,
 * whole characters). ical.js reads an unquoted `CN=Smith, John; Jr.` without
 * complaint but into the wrong parameters, so callers compare parameters
 * exactly rather than rely on a throw.
 */
import ICAL from 'ical.js';
import { expect } from 'vitest';

// Strict is ical.js's default; set it so no other test's setting loosens these checks.
ICAL.design.strict = true;
// X-WR-CALNAME is TEXT by convention (Apple, Google, Outlook); ical.js leaves
// X- properties untyped, so without this it would not unescape the value.
const properties = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
properties['x-wr-calname'] = { defaultType: 'text' };

/** The physical lines of a calendar (split on CRLF), before unfolding. */
export function physicalLines(text: string): string[] {
  return text.replace(/\r\n$/, '').split('\r\n');
}

/** Checks the line rules, then parses; the result is the VCALENDAR component. */
export function parseStrict(text: string): ICAL.Component {
  expect(text.endsWith('\r\n'), 'the last line ends in CRLF').toBe(true);
  expect(text.replace(/\r\n/g, ''), 'no bare CR or LF').not.toMatch(/[\r\n]/);
  for (const line of physicalLines(text)) {
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    // A fold inside a character leaves a replacement character or a lone surrogate.
    expect(line, 'whole characters').not.toContain('\uFFFD');
    expect(Buffer.from(line, 'utf8').toString('utf8'), 'whole characters').toBe(line);
  }
  const parsed: unknown = ICAL.parse(text);
  // One calendar gives one jCal array; several give an array of them.
  expect(Array.isArray(parsed) && parsed[0] === 'vcalendar', 'exactly one VCALENDAR').toBe(true);
  const calendar = new ICAL.Component(parsed as unknown[]);
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  return calendar;
}

/** A property as jCal: `[name, params, type, ...values]`, so tests see the value type too. */
export function jcal(component: ICAL.Component, name: string): unknown[] {
  const found = component.getAllProperties(name);
  expect(found, `one ${name.toUpperCase()}`).toHaveLength(1);
  return found[0]!.toJSON() as unknown[];
}

/** The single subcomponent of a kind, e.g. the calendar's only VEVENT. */
export function only(component: ICAL.Component, name: string): ICAL.Component {
  const found = component.getAllSubcomponents(name);
  expect(found, `one ${name.toUpperCase()}`).toHaveLength(1);
  return found[0]!;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, jCal's form of a UTC DATE-TIME, computed without the code under test. */
export function jcalUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
