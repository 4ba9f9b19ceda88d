/**
 * The due column of CLI listings: the due date (and time, if one was set) in
 * the resolution's zone, read the way the deadline wording reads it — a task
 * due on a day is shown on that day, not at 00:00 of the next. The zone comes
 * from the catalog `mandate start` recorded; a resolution it does not know is
 * shown in UTC and says so.
 */
import { startedCatalog } from '../catalog/registry';
import { deadlineOf } from '../i18n/deadline';

export function dueColumn(dataDir: string): (resolution: string, dueAt: number) => string {
  const zones = new Map<string, string>();
  const zoneOf = (resolution: string): string => {
    let zone = zones.get(resolution);
    if (zone === undefined) {
      zone = startedCatalog(dataDir, resolution)?.resolution.timezone ?? 'UTC';
      zones.set(resolution, zone);
    }
    return zone;
  };
  return (resolution, dueAt) => {
    const zone = zoneOf(resolution);
    const { date, time } = deadlineOf(dueAt, zone);
    return `${`${date}${time ? ` ${time}` : ''}`.padEnd(16)} ${zone}`;
  };
}
