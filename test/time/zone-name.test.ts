/**
 * shortZoneName prints what luxon's `ZZZZ` prints (the plan table's zone
 * column), for zones with half-hour, 45-minute and +14 offsets, clock changes
 * and locales of other scripts.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { shortZoneName } from '../../src/time/wall-clock';

const ZONES = [
  'UTC',
  'Europe/Zurich',
  'America/New_York',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Riyadh',
  'Pacific/Kiritimati',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
];
const LOCALES = ['en-US', 'fr', 'ar', 'zh', 'ru', 'es'];

describe('shortZoneName', () => {
  it("equals luxon's ZZZZ every 5 days and 7 hours over two years, in six locales", () => {
    const differences: string[] = [];
    let compared = 0;
    for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2028, 0, 1); at += (5 * 24 + 7) * 3_600_000)
      for (const zone of ZONES)
        for (const locale of LOCALES) {
          const luxon = DateTime.fromMillis(at, { zone, locale }).toFormat('ZZZZ');
          const ours = shortZoneName(at, zone, locale);
          compared++;
          if (ours !== luxon) differences.push(`${zone} ${locale} ${at}: ${ours} != ${luxon}`);
        }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(8_000);
  });

  it('names the two sides of a clock change differently', () => {
    const before = Date.UTC(2027, 2, 28, 0, 30);
    const after = Date.UTC(2027, 2, 28, 1, 30);
    expect(shortZoneName(before, 'Europe/Zurich', 'en-US')).toBe('GMT+1');
    expect(shortZoneName(after, 'Europe/Zurich', 'en-US')).toBe('GMT+2');
  });
});
