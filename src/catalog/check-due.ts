/** Rules for a task's due date and its recurrence. */
import { isScalar } from 'yaml';
import type { DueSpec, Recurrence } from '../shared/types';
import type { Checker } from './field-checks';
import type { Entry } from './yaml-reader';

/** What a due needs to know of the rest of the catalog. */
export interface DueContext {
  /** Keys declared under events, valid or not: references are checked against them. */
  eventKeys: Set<string> | undefined;
  /** Series named by any declared event, valid or not (v2). */
  seriesNames: Set<string>;
}

export function checkDue(
  check: Checker,
  entry: Entry | undefined,
  path: string,
  context: DueContext,
): DueSpec | undefined {
  if (!entry) return undefined;
  if (isScalar(entry.value)) {
    const date = check.date(entry, path);
    return date ? { kind: 'date', date } : undefined;
  }
  const fields = check.fields(
    entry.value,
    path,
    ['date', 'event', 'offset', 'time'],
    ['series'],
    [],
    entry.key,
  );
  if (!fields) return undefined;
  const time = fields.has('time') ? check.time(fields.get('time'), `${path}.time`) : undefined;
  const timeOk = !fields.has('time') || time !== undefined;
  const withTime = time !== undefined ? { time } : {};
  if (fields.has('series')) {
    if (fields.has('date') || fields.has('event')) {
      check.report(
        fields.get('series')!.key,
        `${path}.series`,
        `give one of date, event or series, not ${fields.has('date') ? 'date' : 'event'} and series`,
      );
      return undefined;
    }
    const seriesEntry = fields.get('series')!;
    let series = check.id(seriesEntry, `${path}.series`);
    if (series !== undefined && !context.seriesNames.has(series)) {
      check.report(
        seriesEntry.value,
        `${path}.series`,
        `unknown series ${series} (no event says series: ${series})`,
      );
      series = undefined;
    }
    const offset = fields.has('offset')
      ? check.duration(fields.get('offset'), `${path}.offset`, { signed: true })
      : 'P0D';
    return series !== undefined && offset !== undefined && timeOk
      ? { kind: 'series', series, offset, ...withTime }
      : undefined;
  }
  if (fields.has('date') && fields.has('event')) {
    check.report(fields.get('event')!.key, `${path}.event`, 'give either date or event, not both');
    return undefined;
  }
  if (fields.has('date')) {
    const date = check.date(fields.get('date'), `${path}.date`);
    if (fields.has('offset')) {
      check.report(
        fields.get('offset')!.key,
        `${path}.offset`,
        'offset is only allowed with event',
      );
      return undefined;
    }
    return date && timeOk ? { kind: 'date', date, ...withTime } : undefined;
  }
  if (fields.has('event')) {
    let event = check.text(fields.get('event'), `${path}.event`);
    if (event !== undefined && context.eventKeys && !context.eventKeys.has(event)) {
      check.report(
        fields.get('event')!.value,
        `${path}.event`,
        `unknown event ${event} (not a key in events)`,
      );
      event = undefined;
    }
    const offset = fields.has('offset')
      ? check.duration(fields.get('offset'), `${path}.offset`, { signed: true })
      : 'P0D';
    return event !== undefined && offset !== undefined && timeOk
      ? { kind: 'event', event, offset, ...withTime }
      : undefined;
  }
  // A v1 file's `series` has been reported as needing version 2: that is the whole story.
  if (check.child(entry.value, 'series') !== undefined) return undefined;
  check.report(
    entry.value,
    path,
    check.version === 2
      ? 'expected a date YYYY-MM-DD, { date, time }, { event, offset, time } or { series, offset, time }'
      : 'expected a date YYYY-MM-DD, { date, time } or { event, offset, time }',
  );
  return undefined;
}

export function checkRecurrence(
  check: Checker,
  entry: Entry | undefined,
  path: string,
): Recurrence | undefined {
  if (!entry) return undefined;
  const fields = check.map(entry.value, path, ['every', 'until'], ['every'], entry.key);
  if (!fields) return undefined;
  const every = check.duration(fields.get('every'), `${path}.every`, { positive: true });
  const until = check.date(fields.get('until'), `${path}.until`);
  if (!every || (fields.has('until') && !until)) return undefined;
  return { every, ...(until ? { until } : {}) };
}
