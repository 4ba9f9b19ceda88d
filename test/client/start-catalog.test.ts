/**
 * `mandate start` on a real dev server: idempotent starts, the differences of
 * a changed catalog, and `--apply` sending them as validated updates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { validateCatalogText } from '../../src/catalog/validate';
import { startCatalog } from '../../src/client/start-catalog';
import { listTasks } from '../../src/client/listing';
import { statusQuery, templateQuery } from '../../src/shared/workflow-api';
import type { Catalog } from '../../src/shared/types';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const taskQueue = 'start-catalog-test';

function catalog(councilStart: string, assignees: string): Catalog {
  const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: apply-test, title: Apply test, adoptedBy: Test Council, timezone: Europe/Zurich }
events:
  council: { title: Council, start: ${councilStart} }
people:
  geneva: { name: Geneva, email: geneva@example.org }
  tokyo: { name: Tokyo, email: tokyo@example.org, timezone: Asia/Tokyo, locale: zh }
defaults: { reminders: [P7D] }
tasks:
  - id: report
    clause: instructs 1
    title: Report to Council
    responsible: Secretariat
    assignees: [${assignees}]
    due: { event: council, offset: -P30D }
    deliverables: [{ id: report, title: Report, kind: document }]
  - id: yearly
    clause: invites 1
    title: Yearly input
    responsible: Member States
    assignees: [tokyo]
    due: 2031-05-17
    recurrence: { every: P1Y, until: 2035-05-17 }
    deliverables: []
`);
  expect(problems).toEqual([]);
  return catalog!;
}

describe('startCatalog', () => {
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

  it('starts once, lists catalog changes, and applies them on request', async () => {
    const first = await startCatalog(env.client, catalog('2031-03-10', 'geneva'), { taskQueue });
    expect(first.started).toEqual(['apply-test/report/2031-02-08', 'apply-test/yearly/recurrence']);

    const again = await startCatalog(env.client, catalog('2031-03-10', 'geneva'), { taskQueue });
    expect(again.started).toEqual([]);
    expect(again.alreadyRunning).toEqual(first.started);
    expect(again.differences).toEqual([]);

    // The meeting moves and Tokyo joins: listed, not applied.
    const changed = catalog('2031-03-24', 'geneva, tokyo');
    const listed = await startCatalog(env.client, changed, { taskQueue });
    expect(listed.differences).toEqual([
      {
        workflowId: 'apply-test/report/2031-02-08',
        changes: ['due 2031-02-08 -> 2031-02-22', 'assignees geneva -> geneva,tokyo'],
      },
    ]);
    const handle = env.client.workflow.getHandle('apply-test/report/2031-02-08');
    expect((await handle.query(statusQuery)).due.date).toBe('2031-02-08');

    const applied = await startCatalog(env.client, changed, {
      taskQueue,
      apply: true,
      actor: 'secretariat',
    });
    expect(applied.applied).toEqual(['apply-test/report/2031-02-08']);
    const view = await handle.query(statusQuery);
    expect(view.due.date).toBe('2031-02-22');
    expect(view.assignees.map((a) => a.key)).toEqual(['geneva', 'tokyo']);
    expect(view.sequence).toBe(1);
    expect(view.history.at(-1)).toMatchObject({ type: 'revised', by: 'secretariat' });
    // Applied once, nothing differs any more.
    expect((await startCatalog(env.client, changed, { taskQueue })).differences).toEqual([]);

    // The recurring driver takes a new template for occurrences it has not started.
    const everyTwoYears = catalog('2031-03-24', 'geneva, tokyo');
    everyTwoYears.tasks[1]!.recurrence = { every: 'P2Y', until: '2035-05-17' };
    const driver = await startCatalog(env.client, everyTwoYears, { taskQueue, apply: true });
    expect(driver.differences).toEqual([
      { workflowId: 'apply-test/yearly/recurrence', changes: ['recurrence'] },
    ]);
    const template = await env.client.workflow
      .getHandle('apply-test/yearly/recurrence')
      .query(templateQuery);
    expect(template.recurrence).toEqual({ every: 'P2Y', until: '2035-05-17' });

    // The listing (visibility) shows the moved due date.
    await expect
      .poll(
        async () =>
          (await listTasks(env.client, { resolution: 'apply-test' })).map((l) =>
            new Date(l.dueAt).toISOString(),
          ),
        { timeout: 20_000 },
      )
      .toEqual(['2031-02-22T23:00:00.000Z']);
  });
});
