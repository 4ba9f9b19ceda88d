/** Reading `--from` / `--to` for commands that work on a window of time. */
import { DateTime } from 'luxon';
import { UsageError } from './errors';

/**
 * An ISO 8601 instant. A value without an offset (`2025-01-01` or
 * `2025-01-01T09:00`) is read as wall time in `zone`, the resolution's zone.
 */
export function parseInstant(text: string, zone: string, option: string): number {
  const parsed = DateTime.fromISO(text, { zone, setZone: true });
  if (!parsed.isValid) {
    throw new UsageError(
      `${option}: ${JSON.stringify(text)} is not an ISO 8601 date or date-time (e.g. 2025-01-01T00:00:00Z)`,
    );
  }
  return parsed.toMillis();
}

export interface Window {
  from: number;
  to: number;
}

/** The window `--from` (default: now) to `--to` (default: one year after `from`). */
export function parseWindow(
  options: { from?: string; to?: string },
  zone: string,
  now: number,
): Window {
  const from = options.from !== undefined ? parseInstant(options.from, zone, '--from') : now;
  const to =
    options.to !== undefined
      ? parseInstant(options.to, zone, '--to')
      : DateTime.fromMillis(from, { zone }).plus({ years: 1 }).toMillis();
  if (to <= from) throw new UsageError(`--to must be after --from`);
  return { from, to };
}
