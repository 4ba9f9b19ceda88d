/**
 * Wall-clock times in IANA zones to instants. Pure and deterministic: every
 * call names its zone.
 */
import { DateTime, IANAZone } from 'luxon';
import { epochDay, fromEpochDay } from './duration';

export const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 * A time skipped by a clock change moves forward by the gap; a time that
 * occurs twice resolves to the earlier instant (RFC 5545 and the JavaScript
 * Temporal proposal read it the same way).
 */
export function wallTimeToInstant(date: string, time: string, zone: string): number {
  return instantsAt(time, zone)(epochDay(date));
}

/**
 * {@link wallTimeToInstant} for one wall time and zone, to call for many dates
 * given as day numbers (`epochDay`): a plan asks each recipient's `sendAt` for
 * thousands of dates.
 */
export function instantsAt(time: string, zone: string): (day: number) => number {
  const clock = dailyClock(time, zone);
  return (day) => clock.instant(day);
}

/**
 * One wall time in one zone, day by day: the instant of each day number and
 * its ISO text ({@link formatInstant}). The plan's inner loop asks both for
 * millions of messages over a few thousand days, so they are kept in arrays
 * indexed by day, not looked up by key.
 */
export interface DailyClock {
  instant(day: number): number;
  text(day: number): string;
}

export function dailyClock(time: string, zone: string): DailyClock {
  // Two levels, not one key: the key text would be built for every occurrence of a plan.
  let inZone = clocks.get(time);
  if (!inZone) {
    if (clocks.size >= CLOCK_LIMIT) clocks.clear();
    clocks.set(time, (inZone = new Map()));
  }
  let clock = inZone.get(zone);
  if (!clock) {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    clock = new DayIndexedClock(hour * 60 + minute, zone);
    if (inZone.size >= CLOCK_LIMIT) inZone.clear();
    inZone.set(zone, clock);
  }
  return clock;
}

const clocks = new Map<string, Map<string, DayIndexedClock>>();
/** Distinct times, and zones per time, remembered; a catalog has a handful. */
const CLOCK_LIMIT = 64;
/** Days held per clock: about three years at first, at most about 90; others are computed each time. */
const INITIAL_SPAN = 1_024;
const SPAN = 32_768;

class DayIndexedClock implements DailyClock {
  private base = 0;
  private instants: Float64Array | null = null;
  private texts: (string | undefined)[] = [];

  constructor(
    private readonly minutes: number,
    private readonly zone: string,
  ) {}

  instant(day: number): number {
    const index = this.slot(day);
    if (index < 0) return this.compute(day);
    const known = this.instants![index]!;
    if (known === known) return known; // NaN marks a day not computed yet
    return (this.instants![index] = this.compute(day));
  }

  text(day: number): string {
    const index = this.slot(day);
    if (index < 0) return isoWithOffset(this.compute(day), this.zone);
    return (this.texts[index] ??= isoWithOffset(this.instant(day), this.zone));
  }

  private compute(day: number): number {
    return computeInstant(day * DAY_MS + this.minutes * 60_000, this.zone);
  }

  /** The array index of `day`, growing the arrays to it; -1 past the span held. */
  private slot(day: number): number {
    const index = day - this.base;
    const size = this.instants?.length ?? 0;
    if (index >= 0 && index < size) return index;
    if (!Number.isInteger(day)) return -1;
    const low = size ? Math.min(day, this.base) : day;
    const high = size ? Math.max(day + 1, this.base + size) : day + 1;
    let grown = Math.max(INITIAL_SPAN, size);
    while (grown < high - low) grown *= 2;
    if (grown > SPAN) return -1;
    // Centred on what is held: plans ask for years either side of the first day asked.
    const base = low - Math.floor((grown - (high - low)) / 2);
    const instants = new Float64Array(grown).fill(Number.NaN);
    const texts = new Array<string | undefined>(grown);
    if (this.instants) {
      instants.set(this.instants, this.base - base);
      this.texts.forEach((text, i) => (texts[i + this.base - base] = text));
    }
    [this.base, this.instants, this.texts] = [base, instants, texts];
    return day - base;
  }
}

// Pure results, remembered: a plan asks for the same few dates, times and zones
// again and again. Bounded, and safe to share between workflow executions.
const CACHE_LIMIT = 50_000;
const formatted = new Map<string, Map<number, string>>();
function cacheFor<K, V>(caches: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let cache = caches.get(key);
  if (!cache || cache.size >= CACHE_LIMIT) {
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

/** `localAsUtc`: the wall time read as if it were UTC, epoch milliseconds. */
function computeInstant(localAsUtc: number, zone: string): number {
  const iana = IANAZone.create(zone);
  const offsetBefore = iana.offset(localAsUtc - DAY_MS);
  const offsetAfter = iana.offset(localAsUtc + DAY_MS);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => localAsUtc - offset * 60_000)
    .filter((instant) => localAsUtc - iana.offset(instant) * 60_000 === instant);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: read the wall time with the offset in force before the change.
  return localAsUtc - offsetBefore * 60_000;
}

/** ISO 8601 with milliseconds and the zone's numeric UTC offset (never `Z`). */
export function formatInstant(instant: number, zone: string): string {
  return instantFormatter(zone)(instant);
}

/** {@link formatInstant} for one zone, to call for many instants. */
export function instantFormatter(zone: string): (instant: number) => string {
  const inZone = cacheFor(formatted, zone);
  return (instant) => {
    let text = inZone.get(instant);
    if (text === undefined) {
      text = isoWithOffset(instant, zone);
      inZone.set(instant, text);
    }
    return text;
  };
}

// The zone's offset and plain arithmetic: a tenth of the cost of formatting a
// DateTime, which a large plan pays for every distinct instant.
function isoWithOffset(instant: number, zone: string): string {
  const offset = IANAZone.create(zone).offset(instant);
  const local = instant + offset * 60_000;
  if (!Number.isInteger(offset) || local < YEAR_1000 || local >= YEAR_10000) {
    return DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
  }
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(local).toISOString().slice(0, 23)}${offset >= 0 ? '+' : '-'}${hhmm}`;
}

const YEAR_1000 = Date.UTC(1000, 0, 1);

/** The calendar date that the wall clock in `zone` shows at `instant`. */
export function dateInZone(instant: number, zone: string): string {
  // UTC needs no zone data: plans ask it for every occurrence.
  if (zone === 'UTC' && instant >= 0 && instant < YEAR_10000) {
    return fromEpochDay(Math.floor(instant / DAY_MS));
  }
  return DateTime.fromMillis(instant, { zone }).toFormat('yyyy-MM-dd');
}

const YEAR_10000 = Date.UTC(10000, 0, 1);

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The wall time that the clock in `zone` shows at `instant`, `HH:mm:ss.SSS` (sortable). */
export function wallTimeOf(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm:ss.SSS');
}

/**
 * The zone's short name at `instant` in `locale` ("GMT+1", "EST"): what
 * luxon's `ZZZZ` token prints, read from one Intl formatter per zone and
 * locale with luxon's own options. luxon makes a formatter per call, which
 * costs more than the rest of a table line.
 */
export function shortZoneName(instant: number, zone: string, locale: string): string {
  const key = `${locale}\u0000${zone}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    });
    if (zoneNameFormats.size >= 1_000) zoneNameFormats.clear();
    zoneNameFormats.set(key, format);
  }
  return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();
