/**
 * A report made while tasks run on a real dev server: a waiver made from the
 * dashboard shows its reason (as one made in the catalog does) and an
 * extension shows its dates and reason, in the report's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { validateCatalogText } from '../../src/catalog/validate';
import { reportData } from '../../src/client/report-data';
import { startCatalog } from '../../src/client/start-catalog';
import { taskActions } from '../../src/client/task-actions';
import { REPORT_WORDS } from '../../src/i18n/report-words';
import { buildReport } from '../../src/report/report-context';
import { rowText } from '../../src/report/row-text';
import { dateInZone } from '../../src/time/wall-clock';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const taskQueue = 'report-data-test';
const { catalog, problems } = validateCatalogText(`
version: 1
resolution: { id: report-data, title: Report data, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  geneva: { name: Geneva, email: geneva@example.org }
defaults: { reminders: [P7D] }
tasks:
  - id: moot
    clause: resolves 1
    title: Moot
    responsible: Secretariat
    assignees: [geneva]
    due: 2031-03-03
    deliverables: []
  - id: later
    clause: resolves 2
    title: Later
    responsible: Secretariat
    assignees: [geneva]
    due: 2031-03-10
    deliverables: []
  - id: plain
    clause: resolves 3
    title: Plain
    responsible: Secretariat
    assignees: [geneva]
    due: 2031-03-17
    deliverables: []
`);

describe('reportData', () => {
  let env: TestWorkflowEnvironment;
  let mail: MailHarness;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    expect(problems).toEqual([]);
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

  it("shows a dashboard waiver's reason and an extension's dates and reason", async () => {
    await startCatalog(env.client, catalog!, { taskQueue });
    await taskActions.waive(env.client, 'report-data/moot/2031-03-03', {
      by: 'Officer Smith',
      reason: 'Overtaken by the Council decision',
    });
    await taskActions.extend(env.client, 'report-data/later/2031-03-10', {
      by: 'Officer Smith',
      dueDate: '2031-03-24',
      reason: 'Data arrive late',
    });
    const remarks = async () => {
      const data = await reportData(env.client, catalog!, Date.now());
      const context = buildReport(catalog!, data.listings, {
        now: Date.now(),
        views: data.views,
        locale: 'fr',
      });
      return context.rows.map((r) => [r.task, rowText(r, 'Europe/Zurich', 'fr').remarks]);
    };
    const today = dateInZone(Date.now(), 'Europe/Zurich');
    const words = REPORT_WORDS.fr;
    await expect.poll(remarks, { timeout: 20_000 }).toEqual([
      ['moot', words.waivedRemark(today, 'Overtaken by the Council decision')],
      ['later', words.extendedRemark('2031-03-10', '2031-03-24', 'Data arrive late')],
      ['plain', ''],
    ]);
  });
});
