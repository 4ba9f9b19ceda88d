/**
 * The digest's Temporal Schedules on the dev server (the time-skipping test
 * server has none): installed for every manager and the secretariat, firing
 * at 08:00 in each recipient's zone on their calendar's working weekdays (as
 * the server computes the next action times), updated in place on a second
 * install and deleted when nobody needs them. A triggered run finds its tasks
 * through visibility and sends through the real SMTP sink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { validateCatalogText } from '../../src/catalog/validate';
import { digestScheduleIds, installDigestSchedules } from '../../src/client/digest-schedules';
import { startCatalog } from '../../src/client/start-catalog';
import { visibleTaskViews } from '../../src/digest/task-views';
import type { DigestOutcome } from '../../src/shared/digest';
import type { Catalog } from '../../src/shared/types';
import { submitUpdate } from '../../src/shared/workflow-api';
import { addDays } from '../../src/time/duration';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const taskQueue = 'digest-schedule-tests';
const SECRETARIAT = { name: 'Secretariat', address: 'sec@example.org' };
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `today` is a date in Europe/Zurich; Tess's one-day weekend is the day before, so today is her digest day. */
function catalog(today: string, managers: { report: string; gulf?: string }): Catalog {
  const yesterday = WEEKDAYS[DateTime.fromISO(addDays(today, -1)).weekday - 1];
  const { catalog, problems } = validateCatalogText(`
version: 2
resolution:
  id: digest-schedules
  title: Digest schedule tests
  adoptedBy: Test Council
  timezone: Europe/Zurich
calendars:
  riyadh: { weekend: [fri, sat] }
  tess: { weekend: [${yesterday}] }
people:
  amy: { name: Amy, email: amy@example.org }
  boss: { name: Boss, email: boss@example.org, timezone: Europe/Zurich }
  rami: { name: Rami, email: rami@example.org, timezone: Asia/Riyadh, locale: ar, calendar: riyadh }
  tess: { name: Tess, email: tess@example.org, timezone: Europe/Zurich, locale: fr, calendar: tess }
defaults:
  reminders: []
  sendAt: "09:00"
  overdueEvery: null
  skipWeekends: true
tasks:
  - id: report
    clause: "requests 1"
    title: The report
    responsible: Secretariat
    assignees: [amy]
    manager: ${managers.report}
    due: ${addDays(today, 9)}
    deliverables:
      - { id: report, title: Report, kind: link }
  - id: handed
    clause: "requests 2"
    title: The handed-in report
    responsible: Secretariat
    assignees: [amy]
    manager: ${managers.report}
    due: ${addDays(today, 30)}
    deliverables:
      - { id: report, title: Report, kind: link }
  - id: gulf
    clause: "requests 3"
    title: The gulf report
    responsible: Secretariat
    assignees: [amy]
${managers.gulf ? `    manager: ${managers.gulf}\n` : ''}    due: ${addDays(today, 3)}
    deliverables: []
`);
  expect(problems).toEqual([]);
  return catalog!;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('digest schedules', () => {
  let env: TestWorkflowEnvironment;
  let mail: MailHarness;
  let worker: Worker;
  let running: Promise<void>;
  const today = DateTime.now().setZone('Europe/Zurich').toISODate()!;

  beforeAll(async () => {
    env = await devServerEnv();
    mail = await mailHarness();
    worker = await createMandateWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: { ...mail.activities, taskViews: visibleTaskViews(env.client) },
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await mail?.close();
    await env?.teardown();
  });

  it('fire at 08:00 in each recipient zone on their working weekdays', async () => {
    const first = await installDigestSchedules(
      env.client,
      catalog(today, { report: 'boss', gulf: 'rami' }),
      {
        secretariat: SECRETARIAT,
        taskQueue,
      },
    );
    expect(first).toEqual({
      created: [
        'digest-schedules/manager/boss',
        'digest-schedules/manager/rami',
        'digest-schedules/secretariat',
      ].map((id) => `digest/${id}`),
      updated: [],
      deleted: [],
    });
    const times = async (id: string, zone: string) =>
      (await env.client.schedule.getHandle(id).describe()).info.nextActionTimes.map((t) =>
        DateTime.fromJSDate(t, { zone }),
      );
    for (const [id, zone, weekdays] of [
      ['digest/digest-schedules/manager/boss', 'Europe/Zurich', [1, 2, 3, 4, 5]],
      ['digest/digest-schedules/secretariat', 'Europe/Zurich', [1, 2, 3, 4, 5]],
      ['digest/digest-schedules/manager/rami', 'Asia/Riyadh', [7, 1, 2, 3, 4]],
    ] as const) {
      const next = await times(id, zone);
      expect(next.length).toBeGreaterThanOrEqual(5);
      for (const t of next) {
        expect(t.toFormat('HH:mm:ss')).toBe('08:00:00');
        expect(weekdays).toContain(t.weekday);
      }
      // One a day on consecutive working weekdays: five in a row cover every one of them.
      expect(new Set(next.slice(0, 5).map((t) => t.weekday))).toEqual(new Set(weekdays));
    }
    const description = await env.client.schedule
      .getHandle('digest/digest-schedules/manager/rami')
      .describe();
    expect(description.spec.timezone).toBe('Asia/Riyadh');
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'weeklyDigestWorkflow',
    });
  });

  it('are updated in place on a second install and deleted when nobody needs them', async () => {
    const again = await installDigestSchedules(
      env.client,
      catalog(today, { report: 'boss', gulf: 'rami' }),
      {
        secretariat: SECRETARIAT,
        taskQueue,
      },
    );
    expect(again.created).toEqual([]);
    expect(again.updated).toHaveLength(3);

    // Rami manages nothing any more: once visibility lists his schedule, the next install deletes it.
    await eventually(
      () => digestScheduleIds(env.client, 'digest-schedules'),
      (ids) => ids.length === 3,
    );
    const changed = await installDigestSchedules(env.client, catalog(today, { report: 'boss' }), {
      secretariat: SECRETARIAT,
      taskQueue,
    });
    expect(changed.deleted).toEqual(['digest/digest-schedules/manager/rami']);
    await expect(
      env.client.schedule.getHandle('digest/digest-schedules/manager/rami').describe(),
    ).rejects.toThrow(/not found/i);
  });

  it('start a run that reads the tasks through visibility and sends the digest', async () => {
    const tessCatalog = catalog(today, { report: 'tess' });
    await startCatalog(env.client, tessCatalog, { taskQueue });
    await env.client.workflow
      .getHandle(`digest-schedules/handed/${addDays(today, 30)}`)
      .executeUpdate(submitUpdate, {
        args: [
          {
            by: 'amy',
            deliverableId: 'report',
            payload: { kind: 'link', url: 'https://example.org/r' },
          },
        ],
      });
    await installDigestSchedules(env.client, tessCatalog, { secretariat: SECRETARIAT, taskQueue });
    // Visibility shows the submitted status before the digest reads it.
    await eventually(
      async () => {
        const ids: string[] = [];
        for await (const w of env.client.workflow.list({ query: `MandateStatus = 'submitted'` }))
          ids.push(w.workflowId);
        return ids;
      },
      (ids) => ids.length === 1,
    );
    const handle = env.client.schedule.getHandle('digest/digest-schedules/manager/tess');
    await handle.trigger();
    const description = await eventually(
      () => handle.describe(),
      (d) => d.info.recentActions.length > 0,
    );
    const started = description.info.recentActions[0]!.action.workflow;
    const outcome = (await env.client.workflow
      .getHandle(started.workflowId)
      .result()) as DigestOutcome;
    expect(outcome.day).toBe(today);
    expect(outcome).toMatchObject({
      sent: true,
      counts: { overdue: 0, dueSoon: 1, awaitingReview: 1 },
    });
    const received = await eventually(
      async () => mail.sink.received.filter((r) => r.to.includes('tess@example.org')),
      (r) => r.length > 0,
    );
    const parsed = await simpleParser(received[0]!.raw);
    expect(parsed.subject).toContain('Synthèse hebdomadaire');
    expect(parsed.text).toContain('The report');
    expect(parsed.text).toContain('The handed-in report');
    expect(parsed.text).not.toContain('The gulf report');
  });
});
