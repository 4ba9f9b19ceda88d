/**
 * The weekly digest under time skipping. The time-skipping test server has
 * no Schedules and no visibility (both answer UNIMPLEMENTED), so each day's
 * run is started as the digest's schedule would start it (the schedule's own
 * arguments, at 08:00 in the recipient's zone, the server clock moved there),
 * and the digest reads the tasks' views through their `status` queries.
 * The schedule's spec and the visibility listing are tested on the dev server
 * (test/client/digest-schedules.test.ts).
 *
 * Real task-occurrence workflows hold the states (overdue, due soon, handed
 * in), the real digest activities compose and send to a real SMTP sink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import { validateCatalogText } from '../../src/catalog/validate';
import { digestRecipients, digestScheduleOptions } from '../../src/client/digest-schedules';
import { viewsOf } from '../../src/digest/task-views';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import type { DigestInput, DigestOutcome } from '../../src/shared/digest';
import type { Catalog } from '../../src/shared/types';
import { occurrenceWorkflowId, submitUpdate } from '../../src/shared/workflow-api';
import { addDays } from '../../src/time/duration';
import { wallTimeToInstant } from '../../src/time/wall-clock';
import { createMandateWorker } from '../../src/worker/create-worker';
import type { taskOccurrenceWorkflow, weeklyDigestWorkflow } from '../../workflows';
import {
  mailHarness,
  timeSkippingEnv,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

const TASK_QUEUE = 'weekly-digest-tests';
const ZONE = 'Europe/Zurich';

let env: TestWorkflowEnvironment;
let lockedClient: Client;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
const tracked: string[] = [];

beforeAll(async () => {
  env = await timeSkippingEnv();
  // Without time skipping while a digest runs: its day must stay the day it was started on.
  lockedClient = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  mail = await mailHarness();
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities: { ...mail.activities, taskViews: () => viewsOf(lockedClient, tracked) },
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
  await mail?.close();
});

/**
 * A v2 catalog around Monday `monday`: Geneva's calendar has the next Monday
 * as a holiday, Riyadh's weekend is Friday-Saturday. Boss manages four tasks
 * (overdue, due soon, handed in, far off), Rami one due within the week, Idle
 * only a task two months ahead.
 */
function catalogFor(monday: string): Catalog {
  const d = (days: number) => addDays(monday, days);
  const text = `
version: 2
resolution:
  id: digest-tests
  title: Digest tests
  adoptedBy: Test Council
  timezone: ${ZONE}
calendars:
  default: { weekend: [sat, sun], holidays: [${d(7)}] }
  riyadh: { weekend: [fri, sat] }
people:
  amy: { name: Amy, email: amy@example.org }
  boss: { name: Boss, email: boss@example.org }
  rami: { name: Rami, email: rami@example.org, timezone: Asia/Riyadh, locale: ar, calendar: riyadh }
  idle: { name: Idle, email: idle@example.org }
  other: { name: Other, email: other@example.org }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: true
tasks:
${[
  ['late', 'boss', d(-3)],
  ['soon', 'boss', d(10)],
  ['review', 'boss', d(5)],
  ['far', 'boss', d(40)],
  ['gulf', 'rami', d(6)],
  ['idle-task', 'idle', d(60)],
  ['unmanaged', undefined, d(2)],
]
  .map(
    ([id, manager, due]) => `  - id: ${id}
    clause: "requests ${id}"
    title: Task ${id}
    responsible: Secretariat
    assignees: [amy]
${manager ? `    manager: ${manager}\n` : ''}    due: ${due}
    deliverables:
      - { id: report, title: Report ${id}, kind: link }`,
  )
  .join('\n')}
`;
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new Error(`test catalog is invalid: ${JSON.stringify(problems)}`);
  return catalog;
}

async function startTasks(catalog: Catalog): Promise<void> {
  for (const task of catalog.tasks) {
    const template = taskTemplate(catalog, task);
    const workflowId = occurrenceWorkflowId(template.resolutionId, task.id, template.firstDue);
    await env.client.workflow.start<typeof taskOccurrenceWorkflow>('taskOccurrenceWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [
        {
          schedule: scheduleFor(template, template.firstDue),
          info: template.info,
          searchAttributes: false,
        },
      ],
    });
    tracked.push(workflowId);
  }
  await env.client.workflow
    .getHandle(tracked.find((id) => id.includes('/review/'))!)
    .executeUpdate(submitUpdate, {
      args: [
        {
          by: 'amy',
          deliverableId: 'report',
          payload: { kind: 'link', url: 'https://example.org/r' },
        },
      ],
    });
}

async function sleepUntil(instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

function digestMails(to: string): ParsedMail[] {
  return parsed.filter(
    (m) =>
      m.headers.get('x-mandate-kind') === 'digest' && m.to && JSON.stringify(m.to).includes(to),
  );
}
let parsed: ParsedMail[] = [];
async function parseSink(): Promise<void> {
  parsed = await Promise.all(mail.sink.received.map((r) => simpleParser(r.raw)));
}

describe('the weekly digest', () => {
  const outcomes = new Map<string, Map<string, DigestOutcome>>();
  let monday: string;
  let catalog: Catalog;

  beforeAll(async () => {
    let date = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
      .startOf('day')
      .plus({ days: 20 });
    while (date.weekday !== 1) date = date.plus({ days: 1 });
    monday = date.toISODate()!;
    catalog = catalogFor(monday);
    await startTasks(catalog);

    // Every day from the Sunday before to the Tuesday after the holiday, at 08:00 in each
    // recipient's zone, in the order of those instants: the runs the schedules start.
    const recipients = digestRecipients(catalog, {
      name: 'Secretariat',
      address: 'sec@example.org',
    });
    const runs = recipients.flatMap((entry) => {
      const input = digestScheduleOptions(catalog, entry, TASK_QUEUE).action
        .args![0] as DigestInput;
      return Array.from({ length: 10 }, (_, i) => {
        const day = addDays(monday, i - 1);
        return {
          key: entry.recipient.key,
          day,
          input,
          at: wallTimeToInstant(day, '08:00', entry.recipient.timezone),
        };
      });
    });
    runs.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
    for (const run of runs) {
      await sleepUntil(run.at);
      const outcome = await lockedClient.workflow.execute<typeof weeklyDigestWorkflow>(
        'weeklyDigestWorkflow',
        { taskQueue: TASK_QUEUE, workflowId: `digest-${run.key}-${run.day}`, args: [run.input] },
      );
      if (!outcomes.has(run.key)) outcomes.set(run.key, new Map());
      outcomes.get(run.key)!.set(run.day, outcome);
    }
    await parseSink();
  }, 240_000);

  const sentDays = (key: string) =>
    [...(outcomes.get(key) ?? new Map<string, DigestOutcome>())]
      .filter(([, o]) => o.sent)
      .map(([day]) => day);

  it('goes on the first working day of the week: Monday, and Tuesday when Monday is a holiday', () => {
    expect(sentDays('boss')).toEqual([monday, addDays(monday, 8)]);
    expect(outcomes.get('boss')!.get(addDays(monday, 7))).toEqual({
      sent: false,
      day: addDays(monday, 7),
      reason: 'not the digest day',
      digestDay: addDays(monday, 8),
    });
    expect(digestMails('boss@example.org')).toHaveLength(2);
  });

  it('goes on Sunday for a Friday-Saturday weekend (Riyadh), in Arabic', () => {
    expect(sentDays('rami')).toEqual([addDays(monday, -1), addDays(monday, 6)]);
    const [first] = digestMails('rami@example.org');
    expect(first!.subject).toContain('الموجز الأسبوعي');
    expect(first!.html).toContain('dir="rtl"');
    expect(first!.text).toContain('Task gulf');
  });

  it("lists the manager's tasks as their states stand: overdue, due within 14 days, handed in", () => {
    const [week1] = digestMails('boss@example.org');
    const text = week1!.text!;
    const section = (title: string) => text.split(`${title} (`)[1]?.split('\n\n')[0] ?? '';
    expect(section('Overdue')).toContain('Task late');
    expect(section('Due in the next 14 days')).toContain('Task soon');
    expect(section('Handed in, waiting for review')).toContain('Task review');
    expect(section('Handed in, waiting for review')).toContain('Handed in: Report review');
    for (const absent of ['Task far', 'Task gulf', 'Task idle-task', 'Task unmanaged'])
      expect(text).not.toContain(absent);
    expect(text).toContain(`http://localhost:8080/tasks/digest-tests/late/${addDays(monday, -3)}`);
    expect(week1!.html).toContain(
      `href="http://localhost:8080/tasks/digest-tests/soon/${addDays(monday, 10)}"`,
    );
    expect(outcomes.get('boss')!.get(monday)).toMatchObject({
      sent: true,
      counts: { overdue: 1, dueSoon: 1, awaitingReview: 1 },
    });
  });

  it('has one Message-ID per recipient and week, and is kept in the sent-mail archive', async () => {
    const ids = digestMails('boss@example.org').map((m) => m.messageId);
    for (const id of ids) expect(await mail.archive.has(id!)).toBe(true);
    expect(ids).toEqual([
      `<digest.digest-tests.manager.boss.${monday}@mandate-tracker>`,
      // The holiday week is still the week of its Monday.
      `<digest.digest-tests.manager.boss.${addDays(monday, 7)}@mandate-tracker>`,
    ]);
  });

  it('gives the secretariat every task that needs attention', () => {
    const [week1] = digestMails('sec@example.org');
    for (const task of ['late', 'soon', 'review', 'gulf', 'unmanaged'])
      expect(week1!.text).toContain(`Task ${task}\n`);
    expect(week1!.text).not.toContain('Task far');
  });

  it('sends nothing in a week with nothing to say', () => {
    const idle = outcomes.get('idle')!;
    expect(idle.get(monday)).toEqual({ sent: false, day: monday, reason: 'nothing to say' });
    expect(idle.get(addDays(monday, 8))).toMatchObject({ sent: false, reason: 'nothing to say' });
    expect(digestMails('idle@example.org')).toHaveLength(0);
    expect(mail.sink.received.some((r) => r.to.includes('idle@example.org'))).toBe(false);
  });
});
