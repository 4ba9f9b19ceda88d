/**
 * `mandate plan catalogs/itu-council-1332.yaml --ics` over the next 13 months,
 * read by ical.js in strict mode: every entry of a tentative occurrence says
 * STATUS:TENTATIVE and no other does, and every due without a time is an
 * all-day entry on its date.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../src/catalog/load';
import { main } from '../../src/cli/main';
import { taskTemplate, trackedOccurrences } from '../../src/plan/occurrences';
import { jcal, parseStrict } from './strict-ical';

const FILE = join(__dirname, '..', '..', 'catalogs', 'itu-council-1332.yaml');

afterEach(() => vi.restoreAllMocks());

async function planIcs(from: string, to: string): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const code = await main(['plan', FILE, '--ics', '--from', from, '--to', to]);
  vi.restoreAllMocks();
  expect(code).toBe(0);
  return out;
}

describe('plan --ics of the Resolution 1332 catalog', () => {
  it('marks tentative occurrences and puts date-only dues on whole days', async () => {
    const from = new Date(Date.now()).toISOString();
    const to = new Date(Date.now() + 396 * 86_400_000).toISOString();
    const events = parseStrict(await planIcs(from, to)).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(50);
    // What each occurrence is, from the catalog: tentative or not, with a due time or not.
    const catalog = loadCatalog(FILE);
    const occurrences = new Map<string, { tentative: boolean; timed: boolean; date: string }>();
    for (const task of catalog.tasks)
      for (const s of trackedOccurrences(
        taskTemplate(catalog, task),
        Date.parse(from),
        Date.parse(to),
      ))
        occurrences.set(`itu-council-1332.${task.id}.${s.occurrence}`, {
          tentative: s.tentative === true,
          timed: s.dueTime !== undefined,
          date: s.dueDate,
        });
    let dues = 0;
    let allDay = 0;
    let tentative = 0;
    for (const event of events) {
      const uid = String(event.getFirstPropertyValue('uid'));
      const key = [...occurrences.keys()].find(
        (k) => uid === `${k}@mandate-tracker` || uid.startsWith(`${k}.`),
      );
      expect(key, uid).toBeDefined();
      const occurrence = occurrences.get(key!)!;
      expect(event.getFirstPropertyValue('status'), uid).toBe(
        occurrence.tentative ? 'TENTATIVE' : 'CONFIRMED',
      );
      if (occurrence.tentative) tentative += 1;
      if (uid !== `${key}@mandate-tracker`) continue; // a reminder's entry
      dues += 1;
      if (occurrence.timed) {
        expect(jcal(event, 'dtstart')[2], uid).toBe('date-time');
      } else {
        allDay += 1;
        expect(jcal(event, 'dtstart'), uid).toEqual(['dtstart', {}, 'date', occurrence.date]);
      }
    }
    expect(dues).toBeGreaterThan(10);
    expect(allDay).toBeGreaterThan(0);
    expect(tentative).toBeGreaterThan(0);
  });
});
