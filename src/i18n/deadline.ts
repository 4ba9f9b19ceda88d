/**
 * The one way a deadline reads, everywhere: the date as the resolution states
 * it (its day, "end of day" or its time, and the resolution's zone), and the
 * reader's own local time beside it when their clock shows something else.
 * Mail subjects and bodies, pages, reports and the CLI all use this, so one
 * due date never reads as two different days.
 */
import { DateTime } from 'luxon';
import type { Locale } from '../shared/types';
import { intlLocale } from './locales';

/** A due date as the catalog states it, in the resolution's zone. */
export interface Deadline {
  date: string;
  /** `HH:MM`; absent: the end of that day. */
  time?: string;
}

interface DeadlineWords {
  endOfDay: string;
  /** A tentative session: its date is expected, not yet published. */
  toBeConfirmed: string;
  /** Joins the parts of a stated deadline (date, time, zone). */
  separator: string;
  yourTime: (local: string) => string;
}

const WORDS: Record<Locale, DeadlineWords> = {
  en: {
    endOfDay: 'end of day',
    toBeConfirmed: 'date to be confirmed',
    separator: ', ',
    yourTime: (l) => `your time: ${l}`,
  },
  fr: {
    endOfDay: 'fin de journée',
    toBeConfirmed: 'date à confirmer',
    separator: ', ',
    yourTime: (l) => `chez vous\u00a0: ${l}`,
  },
  es: {
    endOfDay: 'al final del día',
    toBeConfirmed: 'fecha por confirmar',
    separator: ', ',
    yourTime: (l) => `en su hora: ${l}`,
  },
  ru: {
    endOfDay: 'конец дня',
    toBeConfirmed: 'дата будет подтверждена',
    separator: ', ',
    yourTime: (l) => `по вашему времени: ${l}`,
  },
  zh: {
    endOfDay: '当日结束前',
    toBeConfirmed: '日期待定',
    separator: '，',
    yourTime: (l) => `您当地时间：${l}`,
  },
  ar: {
    endOfDay: 'نهاية اليوم',
    toBeConfirmed: 'الموعد قيد التأكيد',
    separator: '، ',
    yourTime: (l) => `بتوقيتك المحلي: ${l}`,
  },
};

/**
 * The deadline an instant stands for in the resolution's zone: 00:00 is the
 * end of the day before (rule 2 of the catalog spec), any other wall time is
 * that day at that time.
 */
export function deadlineOf(dueAt: number, zone: string): Deadline {
  const local = DateTime.fromMillis(dueAt, { zone });
  if (local.hour === 0 && local.minute === 0)
    return { date: local.minus({ days: 1 }).toISODate()! };
  return { date: local.toISODate()!, time: local.toFormat('HH:mm') };
}

/** The zone's name in the reader's language, e.g. "Central European Time". */
export function zoneName(zone: string, locale: Locale, at: number): string {
  const named = (style: 'longGeneric' | 'long') =>
    new Intl.DateTimeFormat(intlLocale(locale), { timeZone: zone, timeZoneName: style })
      .formatToParts(new Date(at))
      .find((p) => p.type === 'timeZoneName')?.value;
  const generic = named('longGeneric') ?? zone;
  // UTC has no generic name ("GMT+00:00"), only a specific one ("Coordinated Universal Time").
  if (!OFFSET_ONLY.test(generic)) return generic;
  const specific = named('long');
  return specific && !OFFSET_ONLY.test(specific) ? specific : generic;
}
const OFFSET_ONLY = /[+-]\d{2}:\d{2}$/;

export interface DeadlineText {
  /** The day alone, e.g. "3 Dec 2026": for subjects and tables. */
  day: string;
  /** As the resolution states it, e.g. "3 December 2026, end of day, Central European Time". */
  stated: string;
  /** The reader's local time, when it shows another day or time. */
  local?: string;
  /** `stated`, followed by `local` in brackets when there is one. */
  full: string;
}

/**
 * Describes a deadline for a reader in `locale`. `readerZone` is the reader's
 * zone (a focal point's); without it, or when it shows the same wall time, no
 * local time is added.
 */
export function describeDeadline(
  deadline: Deadline,
  zone: string,
  dueAt: number,
  locale: Locale,
  readerZone?: string,
  options: { tentative?: boolean } = {},
): DeadlineText {
  const words = WORDS[locale];
  const tag = intlLocale(locale);
  const day = DateTime.fromISO(deadline.date, { zone }).setLocale(tag);
  const time = deadline.time
    ? DateTime.fromISO(`${deadline.date}T${deadline.time}`, { zone })
        .setLocale(tag)
        .toLocaleString(DateTime.TIME_SIMPLE)
    : words.endOfDay;
  const stated = [
    day.toLocaleString(DateTime.DATE_FULL),
    time,
    zoneName(zone, locale, dueAt),
    ...(options.tentative ? [words.toBeConfirmed] : []),
  ].join(words.separator);
  const wall = (z: string) => DateTime.fromMillis(dueAt, { zone: z }).toFormat('yyyy-MM-dd HH:mm');
  const local =
    readerZone !== undefined && wall(readerZone) !== wall(zone)
      ? words.yourTime(
          [
            DateTime.fromMillis(dueAt, { zone: readerZone })
              .setLocale(tag)
              .toLocaleString(DateTime.DATETIME_MED),
            zoneName(readerZone, locale, dueAt),
          ].join(words.separator),
        )
      : undefined;
  return {
    day: day.toLocaleString(DateTime.DATE_MED),
    stated,
    ...(local !== undefined ? { local } : {}),
    full:
      local === undefined
        ? stated
        : locale === 'zh'
          ? `${stated}（${local}）`
          : `${stated} (${local})`,
  };
}

/**
 * An instant as a reader in `locale` reads it on a clock in `zone`: the date,
 * the time and the zone's name, e.g. "8 Jun 2026, 09:00, Central European Time".
 */
export function describeInstant(at: number, zone: string, locale: Locale): string {
  return [
    DateTime.fromMillis(at, { zone })
      .setLocale(intlLocale(locale))
      .toLocaleString(DateTime.DATETIME_MED),
    zoneName(zone, locale, at),
  ].join(WORDS[locale].separator);
}
