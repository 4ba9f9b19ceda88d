/**
 * Wall-clock times in IANA zones to instants. Pure and deterministic: every
 * call names its zone.
 */
import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 * A time skipped by a clock change moves forward by the gap; a time that
 * occurs twice resolves to the earlier instant (RFC 5545 and the JavaScript
 * Temporal proposal read it the same way).
 */
export function wallTimeToInstant(date: string, time: string, zone: string): number {
  const inZone = cacheFor(instants, `${time} ${zone}`);
  let instant = inZone.get(date);
  if (instant === undefined) {
    instant = computeInstant(date, time, zone);
    inZone.set(date, instant);
  }
  return instant;
}

// Pure results, remembered: a plan asks for the same few dates, times and zones
// again and again. Bounded, and safe to share between workflow executions.
const CACHE_LIMIT = 50_000;
const instants = new Map<string, Map<string, number>>();
const formatted = new Map<string, Map<number, string>>();
function cacheFor<K, V>(caches: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let cache = caches.get(key);
  if (!cache || cache.size >= CACHE_LIMIT) {
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

function computeInstant(date: string, time: string, zone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const localAsUtc = Date.UTC(year, month - 1, day, hour, minute);
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
  const inZone = cacheFor(formatted, zone);
  let text = inZone.get(instant);
  if (text === undefined) {
    text = DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
    inZone.set(instant, text);
  }
  return text;
}

/** The calendar date that the wall clock in `zone` shows at `instant`. */
export function dateInZone(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('yyyy-MM-dd');
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The wall time that the clock in `zone` shows at `instant`, `HH:mm:ss.SSS` (sortable). */
export function wallTimeOf(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat('HH:mm:ss.SSS');
}
