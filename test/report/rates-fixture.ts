/**
 * The listings of test/report/fixtures/rates-catalog.yaml as visibility
 * would publish them at NOW: the states whose rates are worked by hand in
 * rates.test.ts. Listings are data here; the stack tests read real ones.
 */
import { join } from 'node:path';
import type { TaskListing } from '../../src/client/listing';
import { loadCatalog } from '../../src/catalog/load';
import { dueInstant } from '../../src/plan/occurrence-plan';
import type { TaskStatus } from '../../src/shared/task-state';

export const CATALOG = loadCatalog(join(__dirname, 'fixtures', 'rates-catalog.yaml'));
export const ZONE = 'Europe/Zurich';
export const NOW = Date.parse('2027-07-01T12:00:00Z');
export const PERIOD = { from: '2027-01-01', to: '2027-12-31' };

function listing(
  task: string,
  occurrence: string,
  dueDate: string,
  status: TaskStatus,
  extra: { deliveredAt?: string; closedAt?: string } = {},
): TaskListing {
  const t = CATALOG.tasks.find((x) => x.id === task);
  if (!t) throw new Error(task);
  return {
    workflowId: `${CATALOG.resolution.id}/${task}/${occurrence}`,
    resolution: CATALOG.resolution.id,
    task,
    occurrence,
    clause: t.clause,
    responsible: t.responsible,
    assignees: t.assignees,
    tags: [],
    status,
    dueAt: dueInstant({ dueDate, zone: ZONE }),
    ...(extra.deliveredAt ? { deliveredAt: Date.parse(extra.deliveredAt) } : {}),
    closed: extra.closedAt !== undefined,
    ...(extra.closedAt ? { closedAt: Date.parse(extra.closedAt) } : {}),
  };
}

export const LISTINGS: TaskListing[] = [
  // due 2027-01-31, handed in 01-28: on time
  listing('annual-report', '2027-01-31', '2027-01-31', 'completed', {
    deliveredAt: '2027-01-28T10:00:00Z',
    closedAt: '2027-02-02T10:00:00Z',
  }),
  // due 2027-04-30, handed in 05-03: late (3 days)
  listing('annual-report', '2027-04-30', '2027-04-30', 'completed', {
    deliveredAt: '2027-05-03T10:00:00Z',
    closedAt: '2027-05-04T10:00:00Z',
  }),
  // due 2027-07-31, after NOW: not counted
  listing('annual-report', '2027-07-31', '2027-07-31', 'open'),
  // council-2027: due 2027-05-09 (08 June − 30 days), handed in that day: on time
  listing('council-doc', 'council-2027', '2027-05-09', 'completed', {
    deliveredAt: '2027-05-09T08:00:00Z',
    closedAt: '2027-05-10T08:00:00Z',
  }),
  listing('member-input', '2027-03-01', '2027-03-01', 'overdue'),
  listing('review-input', '2027-05-15', '2027-05-15', 'submitted', {
    deliveredAt: '2027-05-20T08:00:00Z',
  }),
  listing('waived-run', '2027-03-31', '2027-03-31', 'waived', {
    closedAt: '2027-03-20T08:00:00Z',
  }),
  // due 2026-11-30: before the period, not counted
  listing('old-task', '2026-11-30', '2026-11-30', 'completed', {
    deliveredAt: '2026-11-29T08:00:00Z',
    closedAt: '2026-11-29T09:00:00Z',
  }),
];
