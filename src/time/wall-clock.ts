/**
 * Wall-clock times in IANA zones to instants. Pure and deterministic: every
 * call names its zone.
 */
import { DateTime, IANAZone } from 'luxon';
import { epochDay, fromEpochDay } from './duration';

const DAY_MS = 86_400_000;

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
  const inZone = cacheFor(instants, `${time} ${zone}`);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const minutes = hour * 60 + minute;
  return (day) => {
    let instant = inZone.get(day);
    if (instant === undefined) {
      instant = computeInstant(day * DAY_MS + minutes * 60_000, zone);
      inZone.set(day, instant);
    }
    return instant;
  };
}

// Pure results, remembered: a plan asks for the same few dates, times and zones
// again and again. Bounded, and safe to share between workflow executions.
const CACHE_LIMIT = 50_000;
const instants = new Map<string, Map<number, number>>();
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
