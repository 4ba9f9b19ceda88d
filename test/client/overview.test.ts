/**
 * The dashboard overview from visibility counts (a real dev server and
 * worker): exact counts by status, and the earliest-due part of the overdue
 * and due-soon lists when more match than it shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { validateCatalogText } from '../../src/catalog/validate';
import { listTasks } from '../../src/client/listing';
import { taskOverview } from '../../src/client/overview';
import { startCatalog } from '../../src/client/start-catalog';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const taskQueue = 'overview-test';
const DAY = 86_400_000;
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

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
});
