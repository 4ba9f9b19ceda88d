/**
 * One deadline, one wording: the catalog's date as the resolution states it,
 * and the reader's local time beside it when it differs. Expected strings are
 * written out by hand for every locale, for readers east and west of Geneva.
 */
import { describe, expect, it } from 'vitest';
import { deadlineOf, describeDeadline, zoneName } from '../../src/i18n/deadline';

const GENEVA = 'Europe/Zurich';
/** Due 3 December 2026, end of day in Geneva = 2026-12-03T23:00Z. */
const END_OF_DAY = Date.parse('2026-12-03T23:00:00Z');
const DEC_3 = { date: '2026-12-03' };

describe('deadline wording', () => {
  it('reads an instant back as the catalog stated it', () => {
    expect(deadlineOf(END_OF_DAY, GENEVA)).toEqual({ date: '2026-12-03' });
    expect(deadlineOf(Date.parse('2026-06-15T15:00:00Z'), GENEVA)).toEqual({
      date: '2026-06-15',
      time: '17:00',
    });
  });

  it.each([
    ['en', '3 December 2026, end of day, Central European Time', '3 Dec 2026'],
    ['fr', '3 décembre 2026, fin de journée, heure d’Europe centrale', '3 déc. 2026'],
    ['es', '3 de diciembre de 2026, al final del día, hora de Europa central', '3 dic 2026'],
    ['ru', '3 декабря 2026 г., конец дня, Центральная Европа', '3 дек. 2026 г.'],
    ['zh', '2026年12月3日，当日结束前，中欧时间', '2026年12月3日'],
    ['ar', '3 ديسمبر 2026، نهاية اليوم، توقيت وسط أوروبا', '3 ديسمبر 2026'],
  ] as const)(
    '%s: the day as the resolution states it, for a reader in Geneva',
    (locale, stated, day) => {
      const text = describeDeadline(DEC_3, GENEVA, END_OF_DAY, locale, GENEVA);
      expect(text.stated).toBe(stated);
      expect(text.full).toBe(stated);
      expect(text.day).toBe(day);
      expect(text.local).toBeUndefined();
    },
  );

  it.each([
    // East: 00:00 on 4 December in Geneva is 08:00 on the 4th in Tokyo; the stated day stays the 3rd.
    ['en', 'Asia/Tokyo', 'your time: 4 Dec 2026, 08:00, Japan Standard Time'],
    ['fr', 'Asia/Tokyo', 'chez vous\u00a0: 4 déc. 2026, 08:00, heure normale du Japon'],
    ['zh', 'Asia/Shanghai', '您当地时间：2026年12月4日 07:00，中国标准时间'],
    ['ru', 'Asia/Kolkata', 'по вашему времени: 4 дек. 2026 г., 04:30, Индия'],
    // West: the same instant is 18:00 on the 3rd in New York and 17:00 in Mexico City.
    ['es', 'America/Mexico_City', 'en su hora: 3 dic 2026, 17:00, hora estándar central'],
    ['en', 'America/New_York', 'your time: 3 Dec 2026, 18:00, Eastern Time'],
    ['ar', 'Asia/Riyadh', 'بتوقيتك المحلي: 4 ديسمبر 2026، 2:00 ص، التوقيت العربي الرسمي'],
  ] as const)('%s in %s: the local time beside the stated day', (locale, zone, local) => {
    const text = describeDeadline(DEC_3, GENEVA, END_OF_DAY, locale, zone);
    expect(text.local).toBe(local);
    expect(text.day).not.toContain('4');
    expect(text.full.startsWith(text.stated)).toBe(true);
    expect(text.full).toContain(local);
  });

  it('states a due time as written', () => {
    const text = describeDeadline(
      { date: '2026-06-15', time: '17:00' },
      GENEVA,
      Date.parse('2026-06-15T15:00:00Z'),
      'en',
      'Europe/Paris',
    );
    expect(text.full).toBe('15 June 2026, 17:00, Central European Time');
  });
});

describe('zone names', () => {
  const at = Date.parse('2026-12-02T12:00:00Z');
  it('name UTC in words, not as an offset', () => {
    expect(zoneName('UTC', 'en', at)).toBe('Coordinated Universal Time');
    expect(zoneName('Etc/UTC', 'fr', at)).toBe('temps universel coordonné');
  });
  it('keep the generic name of a named zone, and the offset of a zone that has no name', () => {
    expect(zoneName('Europe/Zurich', 'en', at)).toBe('Central European Time');
    expect(zoneName('Etc/GMT-3', 'en', at)).toBe('GMT+03:00');
  });
});
