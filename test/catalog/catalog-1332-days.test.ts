/**
 * The shipped Resolution 1332 catalog over the next 13 months, as `mandate
 * plan` lists it: no message lands on a weekend or a public holiday of its
 * recipient's country. The check does not use the catalog's calendars: each
 * desk's country and weekend come from where it sits (its time zone, in the
 * table below), and the holidays from the holiday data (date-holidays,
 * holidays of type `public`) read here directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/load';
import { planCatalog, toPlanEntry } from '../../src/plan/catalog-plan';

const FILE = join(__dirname, '..', '..', 'catalogs', 'itu-council-1332.yaml');

/** Where each desk's zone is: its country (and region), and its weekend (ISO weekdays). */
const PLACES: Record<string, { country?: string; region?: string; weekend: number[] }> = {
  'Europe/Zurich': { country: 'CH', weekend: [6, 7] },
  'Asia/Riyadh': { country: 'SA', weekend: [5, 6] },
  // Qatar is not in the holiday data: its weekend only.
  'Asia/Qatar': { weekend: [5, 6] },
  'Africa/Cairo': { country: 'EG', weekend: [5, 6] },
  'Africa/Addis_Ababa': { country: 'ET', weekend: [6, 7] },
  'America/Sao_Paulo': { country: 'BR', weekend: [6, 7] },
  'Asia/Bangkok': { country: 'TH', weekend: [6, 7] },
  'Europe/Moscow': { country: 'RU', weekend: [6, 7] },
  'America/New_York': { country: 'US', region: 'NY', weekend: [6, 7] },
  'Asia/Shanghai': { country: 'CN', weekend: [6, 7] },
};

/** Every public holiday date of a country (each day of a holiday of several days). */
function publicHolidays(country: string, region: string | undefined, years: number[]): Set<string> {
  const data = region ? new Holidays(country, region) : new Holidays(country);
  const dates = new Set<string>();
  for (const year of years) {
    for (const h of data.getHolidays(year) || []) {
      if (h.type !== 'public') continue;
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
      for (let i = 0; i < days; i++)
        dates.add(new Date(first + i * 86_400_000).toISOString().slice(0, 10));
    }
  }
  return dates;
}

describe('the Resolution 1332 catalog over the next 13 months', () => {
  const raw = parse(readFileSync(FILE, 'utf8')) as {
    people: Record<string, { email: string; timezone?: string }>;
  };
  const zoneOf = new Map(
    Object.values(raw.people).map((p) => [p.email, p.timezone ?? 'Europe/Zurich']),
  );
  const from = Date.now();
  const to = from + 396 * 86_400_000;
  const entries = planCatalog(loadCatalog(FILE), from, to).map(toPlanEntry);
  const years = [...new Set(entries.map((e) => Number(e.at.slice(0, 4))))];

  it('plans mail, most of it on dates still to be confirmed, and says which', () => {
    expect(entries.length).toBeGreaterThan(100);
    expect([...new Set(entries.map((e) => e.kind))].sort()).toEqual([
      'escalation',
      'overdue',
      'reminder',
    ]);
    expect(entries.some((e) => e.tentative === true)).toBe(true);
  });

  it('sends nothing on a weekend or a public holiday of the recipient', () => {
    const holidays = new Map<string, Set<string>>();
    const bad: string[] = [];
    for (const entry of entries) {
      const zone = zoneOf.get(entry.to);
      const place = zone ? PLACES[zone] : undefined;
      expect(place, `${entry.to}: zone ${zone} is not in the table`).toBeDefined();
      // `at` carries the recipient zone's offset: its date is the recipient's date.
      const date = entry.at.slice(0, 10);
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      if (place!.weekend.includes(weekday))
        bad.push(`${date} weekend: ${entry.kind} ${entry.task} -> ${entry.to}`);
      if (!place!.country) continue;
      const key = `${place!.country}-${place!.region ?? ''}`;
      if (!holidays.has(key))
        holidays.set(key, publicHolidays(place!.country, place!.region, years));
      if (holidays.get(key)!.has(date))
        bad.push(`${date} holiday in ${key}: ${entry.kind} ${entry.task} -> ${entry.to}`);
    }
    expect(bad).toEqual([]);
  });
});
