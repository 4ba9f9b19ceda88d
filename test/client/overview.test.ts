/**
 * The dashboard overview from visibility counts (a real dev server and
 * worker): exact counts by status, and the earliest-due part of the overdue
 * and due-soon lists when more match than it shows, checked against a full
 * listing: dues crowded on one day, spread over ten years, totals at the
 * limit, empty lists; and the counts go out in at most four rounds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { validateCatalogText } from '../../src/catalog/validate';
import { listTasks, type TaskListing } from '../../src/client/listing';
import { taskOverview, type TaskOverview } from '../../src/client/overview';
import { startCatalog } from '../../src/client/start-catalog';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const taskQueue = 'overview-test';
const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ids = (listings: TaskListing[]) => listings.map((l) => l.task);

/** A catalog of one-off tasks, each `[id, days from now]` (negative: overdue). */
function catalogOf(resolution: string, tasks: [string, number][], now: number) {
  const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: ${resolution}, title: Overview ${resolution}, adoptedBy: Test Council, timezone: UTC }
people:
  geneva: { name: Geneva, email: geneva@example.org, timezone: UTC }
defaults: { reminders: [], overdueEvery: P30D, escalateAfter: null }
tasks:${tasks
    .map(
      ([id, days]) => `
  - id: ${id}
    clause: instructs 1
    title: Task ${id}
    responsible: Secretariat
    assignees: [geneva]
    due: ${date(now + days * DAY)}
    deliverables: []`,
    )
    .join('')}
`);
  expect(problems).toEqual([]);
  return catalog!;
}

/**
 * Records how many rounds of counts one call makes: each count's depth is one
 * more than the deepest count that had answered when it was asked, so counts
 * asked together share a depth and each wait for an answer adds one. Two
 * searches going on side by side can only make it larger, never smaller.
 */
function countRounds(client: Client) {
  const workflow = client.workflow;
  const original = workflow.count.bind(workflow);
  let answered = 0;
  const record = { rounds: 0, counts: 0 };
  workflow.count = async (query?: string) => {
    const depth = answered + 1;
    record.rounds = Math.max(record.rounds, depth);
    record.counts++;
    try {
      return await original(query);
    } finally {
      answered = Math.max(answered, depth);
    }
  };
  return {
    record,
    restore: () => {
      workflow.count = original;
    },
  };
}

describe('taskOverview', () => {
  let env: TestWorkflowEnvironment;
  let mail: MailHarness;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await devServerEnv();
    mail = await mailHarness();
    worker = await createMandateWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: mail.activities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await mail?.close();
    await env?.teardown();
  });

  it('counts every status and lists the earliest-due overdue and due-soon tasks', async () => {
    const now = Date.now();
    // Five overdue (due 50, 40, ... 10 days ago), three due within 30 days, two later.
    const dues = [50, 40, 30, 20, 10].map((d) => now - d * DAY);
    const soon = [5, 12, 25].map((d) => now + d * DAY);
    const later = [60, 90].map((d) => now + d * DAY);
    const task = (id: string, due: number) => `
  - id: ${id}
    clause: instructs 1
    title: Task ${id}
    responsible: Secretariat
    assignees: [geneva]
    due: ${date(due)}
    deliverables: []`;
    const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: overview-test, title: Overview test, adoptedBy: Test Council, timezone: UTC }
people:
  geneva: { name: Geneva, email: geneva@example.org, timezone: UTC }
defaults: { reminders: [], overdueEvery: P30D, escalateAfter: null }
tasks:${[
      ...dues.map((d, i) => task(`late-${i}`, d)),
      ...soon.map((d, i) => task(`soon-${i}`, d)),
      ...later.map((d, i) => task(`later-${i}`, d)),
    ].join('')}
`);
    expect(problems).toEqual([]);
    await startCatalog(env.client, catalog!, { taskQueue });
    const scope = { resolution: 'overview-test' };
    // The workflows turn the late ones overdue on their first task; visibility follows.
    for (let i = 0; i < 200; i++) {
      const listed = await listTasks(env.client, scope);
      if (listed.filter((l) => l.status === 'overdue').length === 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const overview = await taskOverview(env.client, scope, Date.now(), 2);
    expect(overview.counts).toMatchObject({ overdue: 5, open: 5, completed: 0 });
    expect(overview.total).toBe(10);
    expect(overview.overdue.total).toBe(5);
    expect(overview.overdue.listings.map((l) => l.task)).toEqual(['late-0', 'late-1']);
    expect(overview.soon.total).toBe(3);
    expect(overview.soon.listings.map((l) => l.task)).toEqual(['soon-0', 'soon-1']);

    // With room for all, every one of them, earliest first.
    const roomy = await taskOverview(env.client, scope, Date.now(), 200);
    expect(roomy.overdue.listings.map((l) => l.task)).toEqual(dues.map((_, i) => `late-${i}`));
    expect(roomy.soon.listings.map((l) => l.task)).toEqual(['soon-0', 'soon-1', 'soon-2']);
  });
  /** Starts the catalog one workflow at a time (start order is listing order) and waits for its overdue ones. */
  async function started(resolution: string, tasks: [string, number][]) {
    const now = Date.now();
    await startCatalog(env.client, catalogOf(resolution, tasks, now), {
      taskQueue,
      concurrency: 1,
    });
    const late = tasks.filter(([, days]) => days < 0).length;
    for (let i = 0; i < 300; i++) {
      const listed = await listTasks(env.client, { resolution });
      if (listed.filter((l) => l.status === 'overdue').length === late) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { resolution };
  }

  /** The overview at `limit`, and what a full listing says its lists must be. */
  async function expectExact(scope: { resolution: string }, limit: number) {
    const now = Date.now();
    const overview = await taskOverview(env.client, scope, now, limit);
    const overdue = await listTasks(env.client, { ...scope, overdue: true }, now);
    const soon = await listTasks(env.client, { ...scope, dueWithin: 'P30D' }, now);
    expect(overview.overdue.total, `overdue total at limit ${limit}`).toBe(overdue.length);
    expect(ids(overview.overdue.listings), `overdue at limit ${limit}`).toEqual(
      ids(overdue.slice(0, limit)),
    );
    expect(overview.soon.total, `due-soon total at limit ${limit}`).toBe(soon.length);
    expect(ids(overview.soon.listings), `due soon at limit ${limit}`).toEqual(
      ids(soon.slice(0, limit)),
    );
    return overview;
  }

  // 40 tasks: 27 overdue on one day, more than READ_FACTOR × 5 with the two before them, so
  // the search narrows through every round and still finds a crowd; the ids sort the
  // crowd in the order it was started, so a listing cut short misses the first ones.
  const crowd = Array.from({ length: 27 }, (_, i) => `crowd-${String(i).padStart(2, '0')}`);
  const crowdTasks: [string, number][] = [
    ['old-a', -700],
    ['old-b', -300],
    ...crowd.map((id): [string, number] => [id, -100]),
    ['recent-a', -5],
    ['recent-b', -2],
    ['soon-a', 3],
    ...[0, 1, 2, 3, 4, 5].map((i): [string, number] => [`soon-crowd-${i}`, 9]),
    ['later-a', 60],
    ['later-b', 90],
  ];

  it('lists the earliest of many tasks due on one day, ties by workflow id', async () => {
    expect(crowdTasks).toHaveLength(40);
    const scope = await started('ov-crowd', crowdTasks);
    const overview = await expectExact(scope, 5);
    expect(overview.overdue.total).toBe(31);
    expect(ids(overview.overdue.listings)).toEqual(['old-a', 'old-b', ...crowd.slice(0, 3)]);
    expect(overview.soon.total).toBe(7);
    expect(ids(overview.soon.listings)).toEqual([
      'soon-a',
      'soon-crowd-0',
      'soon-crowd-1',
      'soon-crowd-2',
      'soon-crowd-3',
    ]);
    for (const limit of [1, 2, 3, 20, 28, 29, 30, 31, 32]) await expectExact(scope, limit);
  });

  it('asks its counts in at most four rounds, the search included', async () => {
    const scope = { resolution: 'ov-crowd' };
    await expect(listTasks(env.client, { ...scope, overdue: true })).resolves.toHaveLength(31);
    const spy = countRounds(env.client);
    let overview: TaskOverview;
    try {
      overview = await taskOverview(env.client, scope, Date.now(), 5);
    } finally {
      spy.restore();
    }
    // The crowd keeps more than READ_FACTOR × limit due by every threshold, so the overdue
    // search takes every round it may: the worst case. (Due soon is done after the first.)
    expect(spy.record.rounds).toBeGreaterThan(1);
    expect(spy.record.rounds).toBeLessThanOrEqual(4);
    expect(spy.record.counts).toBeGreaterThan(7 + 1 + 8);
    expect(ids(overview.overdue.listings)).toEqual(['old-a', 'old-b', ...crowd.slice(0, 3)]);
  });

  it('lists the earliest of overdue tasks spread over more than ten years', async () => {
    const overdueDays = [4000, 3500, 3000, 2500, 2000, 1500, 1000, 700, 400, 200, 100, 50, 20, 10];
    const soonDays = [1, 2, 4, 8, 16, 24];
    const scope = await started('ov-years', [
      ...overdueDays.map((d): [string, number] => [`late-${d}`, -d]),
      ...soonDays.map((d): [string, number] => [`soon-${d}`, d]),
      ['later-a', 45],
    ]);
    const overview = await expectExact(scope, 5);
    expect(ids(overview.overdue.listings)).toEqual([
      'late-4000',
      'late-3500',
      'late-3000',
      'late-2500',
      'late-2000',
    ]);
    expect(ids(overview.soon.listings)).toEqual([
      'soon-1',
      'soon-2',
      'soon-4',
      'soon-8',
      'soon-16',
    ]);
    for (const limit of [1, 2, 3, 4, 6, 7, 8, 10, 12, 13, 14, 15]) await expectExact(scope, limit);
  });

  it('asked again, checks where its last search ended with one count and needs no search', async () => {
    const scope = { resolution: 'ov-years' };
    const first = await expectExact(scope, 4);
    const spy = countRounds(env.client);
    let again: TaskOverview;
    try {
      again = await expectExact(scope, 4);
    } finally {
      spy.restore();
    }
    // The counts by status (the overdue total among them), the due-soon total and one
    // check for each list, all in one round.
    expect(spy.record.rounds).toBe(1);
    expect(spy.record.counts).toBe(7 + 1 + 2);
    expect(ids(again.overdue.listings)).toEqual(ids(first.overdue.listings));
    expect(ids(again.soon.listings)).toEqual(ids(first.soon.listings));
  });

  it('lists all when a total is at the limit or below, the earliest when just above', async () => {
    const scope = await started('ov-edge', [
      ...[30, 25, 20, 15, 10, 5].map((d): [string, number] => [`late-${d}`, -d]),
      ...[2, 5, 10, 20].map((d): [string, number] => [`soon-${String(d).padStart(2, '0')}`, d]),
      ['later-a', 60],
    ]);
    // Overdue 6 is just above 5, due soon 4 just below.
    const five = await expectExact(scope, 5);
    expect(five.overdue.total).toBe(6);
    expect(ids(five.overdue.listings)).toEqual([
      'late-30',
      'late-25',
      'late-20',
      'late-15',
      'late-10',
    ]);
    expect(five.soon.total).toBe(4);
    expect(ids(five.soon.listings)).toEqual(['soon-02', 'soon-05', 'soon-10', 'soon-20']);
    // At 6 the overdue total is the limit, at 4 the due-soon one; at 3 it is just above.
    expect(ids((await expectExact(scope, 6)).overdue.listings)).toHaveLength(6);
    expect(ids((await expectExact(scope, 4)).soon.listings)).toEqual([
      'soon-02',
      'soon-05',
      'soon-10',
      'soon-20',
    ]);
    expect(ids((await expectExact(scope, 3)).soon.listings)).toEqual([
      'soon-02',
      'soon-05',
      'soon-10',
    ]);
    await expectExact(scope, 7);
  });

  it('has empty lists when nothing is overdue or due soon', async () => {
    const scope = await started('ov-empty', [
      ['later-a', 60],
      ['later-b', 90],
    ]);
    const overview = await expectExact(scope, 5);
    expect(overview.counts).toMatchObject({ open: 2, overdue: 0 });
    expect(overview.total).toBe(2);
    expect(overview.overdue).toEqual({ listings: [], total: 0 });
    expect(overview.soon).toEqual({ listings: [], total: 0 });
    const none = await taskOverview(env.client, { resolution: 'ov-nothing' }, Date.now(), 5);
    expect(none.total).toBe(0);
    expect(none.overdue).toEqual({ listings: [], total: 0 });
    expect(none.soon).toEqual({ listings: [], total: 0 });
  });
});
