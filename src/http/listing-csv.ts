/** A task list as CSV: one row per occurrence, the columns of the listing, instants in ISO 8601 (UTC). */
import type { TaskListing } from '../client/listing';
import { csvDocument } from '../report/csv';
import type { Catalog } from '../shared/types';

export const LISTING_CSV_HEADER = [
  'Workflow',
  'Resolution',
  'Task',
  'Title',
  'Occurrence',
  'Clause',
  'Responsible',
  'Assignees',
  'Tags',
  'Series',
  'Status',
  'Due',
  'Delivered',
  'Closed',
] as const;

const instant = (ms: number | undefined) =>
  ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z');

export function listingCsv(
  listings: readonly TaskListing[],
  catalogs: ReadonlyMap<string, Catalog>,
): string {
  return csvDocument(
    LISTING_CSV_HEADER,
    listings.map((l) => [
      l.workflowId,
      l.resolution,
      l.task,
      catalogs.get(l.resolution)?.tasks.find((t) => t.id === l.task)?.title ?? '',
      l.occurrence,
      l.clause,
      l.responsible,
      l.assignees.join('; '),
      l.tags.join('; '),
      l.series ?? '',
      l.status,
      instant(l.dueAt),
      instant(l.deliveredAt),
      l.closed ? instant(l.closedAt) : '',
    ]),
  );
}

/** Headers of a CSV download. */
export const CSV_HEADERS = {
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': 'attachment; filename="tasks.csv"',
};
