/**
 * The registry: every catalog the engine knows, in one view. Per body and
 * month, the reports and inputs owed (the reporting burden); requests that
 * overlap across resolutions or clauses (merge candidates); mandates with no
 * end. A published view: the CLI, the pages and the API all read this.
 */
import type { Catalog } from '../shared/types';
import { burdenRows, monthsOf, type BurdenRow } from './burden';
import { endlessMandates, type EndlessMandate } from './no-end';
import {
  DEFAULT_OVERLAP_OPTIONS,
  findOverlaps,
  type Overlap,
  type OverlapOptions,
} from './overlaps';
import { owedOccurrences, type OwedOccurrence } from './owed';

export interface Registry {
  /** The window the burden covers: YYYY-MM-DD, first and last day. */
  from: string;
  to: string;
  months: string[];
  resolutions: { id: string; title: string; tasks: number }[];
  burden: BurdenRow[];
  owed: OwedOccurrence[];
  overlaps: Overlap[];
  endless: EndlessMandate[];
}

export interface RegistryOptions extends Partial<OverlapOptions> {
  /** First and last day of the window, YYYY-MM-DD (UTC days). */
  from: string;
  to: string;
}

export function buildRegistry(catalogs: readonly Catalog[], options: RegistryOptions): Registry {
  const sorted = [...catalogs].sort((a, b) => a.resolution.id.localeCompare(b.resolution.id));
  const fromMs = Date.parse(`${options.from}T00:00:00Z`);
  const toMs = Date.parse(`${options.to}T00:00:00Z`) + 86_400_000;
  const owed = owedOccurrences(sorted, fromMs, toMs);
  const months = monthsOf(options.from, options.to);
  return {
    from: options.from,
    to: options.to,
    months,
    resolutions: sorted.map((c) => ({
      id: c.resolution.id,
      title: c.resolution.title,
      tasks: c.tasks.length,
    })),
    burden: burdenRows(owed, months),
    owed,
    overlaps: findOverlaps(sorted, owed, {
      spanDays: options.spanDays ?? DEFAULT_OVERLAP_OPTIONS.spanDays,
      similarity: options.similarity ?? DEFAULT_OVERLAP_OPTIONS.similarity,
    }),
    endless: endlessMandates(sorted),
  };
}
