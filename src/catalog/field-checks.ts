/**
 * Checks of single values (text, ids, dates, times, durations, zones, ...),
 * each reporting at the value's node what was found and what is expected.
 */
import { quotedText, textProblem } from '../shared/text-rules';
import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import {
  dateRangeProblem,
  isCalendarDate,
  isDateShaped,
  isWallTime,
  isZeroDuration,
  parseDuration,
} from '../time/duration';
import { isValidZone } from '../time/wall-clock';
import { TODO, YamlReader, describe, scalarText, type Entry } from './yaml-reader';

export const ID = /^[a-z0-9][a-z0-9-]*$/;
export const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The reader with typed value checks: each returns the value, or undefined after reporting. */
export class Checker extends YamlReader {
  /** The catalog's version: fields of version 2 are reported in a version 1 file. */
  version: 1 | 2 = 1;

  /** What a version 1 file is told when it uses a field of version 2. */
  static readonly NEEDS_V2 = 'needs version: 2 (this catalog says version: 1)';

  /**
   * A mapping of `keys`, plus `v2Keys` when the catalog is version 2; in a
   * version 1 file, each v2 key is reported as needing version 2.
   */
  fields(
    node: Node | null,
    path: string,
    keys: readonly string[],
    v2Keys: readonly string[],
    required: readonly string[],
    parent?: Node | null,
  ): Map<string, Entry> | null {
    return this.version === 2
      ? this.map(node, path, [...keys, ...v2Keys], required, parent)
      : this.map(node, path, keys, required, parent, { keys: v2Keys, message: Checker.NEEDS_V2 });
  }

  /**
   * A non-blank text; one line unless `multiline` (notes, reasons), and
   * without control or bidirectional formatting characters (text-rules.ts).
   */
  text(
    entry: Entry | undefined,
    path: string,
    options: { multiline?: boolean } = {},
  ): string | undefined {
    if (!entry) return undefined;
    const { value } = entry;
    if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '') {
      // A block scalar (`title: >`) ends with a line break of YAML's own; one-line text drops it.
      const text = options.multiline ? value.value : value.value.replace(/[\r\n]+$/, '');
      // A draft's TODO is a decision still to make, never a value (the reader says what to decide).
      if (text === TODO) {
        this.report(value, path, 'still to decide');
        return undefined;
      }
      const problem = textProblem(text, options);
      if (problem) {
        this.report(value, path, `${quotedText(text)} ${problem}`);
        return undefined;
      }
      return text;
    }
    if (isScalar(value) && typeof value.value === 'number') return String(value.value);
    this.report(value, path, `expected text${describe(value)}`, entry.key);
    return undefined;
  }

  id(entry: Entry | undefined, path: string): string | undefined {
    const value = this.text(entry, path);
    if (value !== undefined && !ID.test(value)) {
      this.report(
        entry!.value,
        path,
        `${JSON.stringify(value)} is not a valid id (expected [a-z0-9][a-z0-9-]*)`,
      );
      return undefined;
    }
    return value;
  }

  date(entry: Entry | undefined, path: string): string | undefined {
    if (!entry) return undefined;
    const value = scalarText(entry.value);
    if (value === undefined) {
      this.report(
        entry.value,
        path,
        `expected a date YYYY-MM-DD${describe(entry.value)}`,
        entry.key,
      );
      return undefined;
    }
    if (!isDateShaped(value)) {
      this.report(entry.value, path, `${value} is not a date (expected YYYY-MM-DD)`);
      return undefined;
    }
    if (!isCalendarDate(value)) {
      this.report(entry.value, path, `${value} is not a calendar date`);
      return undefined;
    }
    const outside = dateRangeProblem(value);
    if (outside) {
      this.report(entry.value, path, outside);
      return undefined;
    }
    return value;
  }

  time(entry: Entry | undefined, path: string): string | undefined {
    if (!entry) return undefined;
    const value = scalarText(entry.value);
    if (value === undefined || !isWallTime(value)) {
      this.report(
        entry.value,
        path,
        `${value ?? 'value'} is not a wall time (expected "HH:MM", 00:00 to 23:59)`,
        entry.key,
      );
      return undefined;
    }
    return value;
  }

  duration(
    entry: { value: Node | null; key?: Node } | undefined,
    path: string,
    options: { signed?: boolean; positive?: boolean } = {},
  ): string | undefined {
    if (!entry) return undefined;
    const value = scalarText(entry.value);
    const parsed = value === undefined ? null : parseDuration(value, options.signed);
    if (!parsed) {
      const expected = options.signed
        ? 'a date duration such as P30D or -P2W (PnYnMnWnD, optional leading -)'
        : 'a date duration such as P30D (PnYnMnWnD)';
      this.report(entry.value, path, `${value ?? 'value'} is not ${expected}`, entry.key);
      return undefined;
    }
    if (options.positive && isZeroDuration(parsed)) {
      this.report(entry.value, path, `${value} must be longer than zero`);
      return undefined;
    }
    return value;
  }

  boolean(entry: Entry | undefined, path: string): boolean | undefined {
    if (!entry) return undefined;
    if (isScalar(entry.value) && typeof entry.value.value === 'boolean') return entry.value.value;
    this.report(entry.value, path, `expected true or false${describe(entry.value)}`, entry.key);
    return undefined;
  }

  zone(entry: Entry | undefined, path: string): string | undefined {
    const value = this.text(entry, path);
    if (value !== undefined && !isValidZone(value)) {
      this.report(entry!.value, path, `${value} is not an IANA time zone (e.g. Europe/Zurich)`);
      return undefined;
    }
    return value;
  }

  stringList(entry: Entry | undefined, path: string): { value: string; node: Node }[] | undefined {
    if (!entry) return undefined;
    const items = this.seq(entry.value, path, entry.key);
    if (!items) return undefined;
    const result: { value: string; node: Node }[] = [];
    items.forEach((item, i) => {
      const value = scalarText(item);
      if (value === undefined || value.trim() === '')
        this.report(item, `${path}[${i}]`, `expected text${describe(item)}`);
      else result.push({ value, node: item });
    });
    return result;
  }
}
