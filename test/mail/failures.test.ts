/**
 * Mail failures through the whole stack: the task-occurrence workflow on the
 * time-skipping test server, the real mail activity in a worker, and a real
 * SMTP server on loopback that refuses on demand.
 *
 * - 4xx: the activity throws, Temporal retries it (10 s initial backoff) and
 *   the retry delivers the same message (same Message-ID).
 * - 5xx: no retry; the workflow records the failure and tells the manager.
 * - refused connection: retried until a server listens on the port.
 *
 * Time moves only through env.sleep (in steps of at most 14 days); due dates
 * are computed from the test server's clock.
 */
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Transporter } from 'nodemailer';
import { smtpTransport } from '../../src/mail/transport';
import { createMailActivities } from '../../activities/mail';
import { validateCatalogText } from '../../src/catalog/validate';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../src/mail/smtp-sink';
import { nextMessages } from '../../src/plan/occurrence-plan';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import type { HistoryEntry } from '../../src/shared/task-state';
import type { OccurrenceSchedule, TaskTemplate } from '../../src/shared/types';
import {
  occurrenceWorkflowId,
  statusQuery,
  type NoticeRequest,
} from '../../src/shared/workflow-api';
import type { taskOccurrenceWorkflow } from '../../workflows/task-occurrence';
import { messageIdFor } from '../../src/shared/message-id';
import { createMandateWorker } from '../../src/worker/create-worker';
import {
  mailHarness,
  timeSkippingEnv,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

const DAY = 86_400_000;
const MINUTE = 60_000;
const ZONE = 'Europe/Zurich';
const QUEUE = 'mail-failures';
/** Workers of test (d): their transport points at a port nobody listens on at first. */
const LATE_QUEUE = 'mail-failures-late-server';
const RESOLUTION = 'mail-failures';
const MANAGER_EMAIL = 'boss@example.org';

type OccurrenceHandle = WorkflowHandle<typeof taskOccurrenceWorkflow>;

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
let lateTransport: Transporter;
let lateWorker: Worker;
let lateRunning: Promise<void>;
let latePort: number;
let lateSink: SmtpSink | undefined;
let startedInTest: OccurrenceHandle[] = [];

/** Every message the sink answered, in order: the envelope recipient and the reply code. */
const replies: { to: string; code: number }[] = [];
/** Every message the client handed to SMTP, in order: recipient and the Message-ID it carried. */
const attempts: { to: string; messageId: string }[] = [];
/** Codes the sink answers for an address's next messages (451, ...); accepted once used up. */
const scripted = new Map<string, number[]>();
/** Addresses the sink always refuses with 550. */
const bouncing = new Set<string>();

/** Records the Message-ID of every message the transport is about to send, refused or not. */
function recordAttempts(transport: Transporter): void {
  transport.use('stream', (message, done) => {
    // The activity hands over the built message and its envelope: read both as they go out.
    const envelope = message.data.envelope as { to: string[] };
    const raw = String(message.data.raw);
    attempts.push({
      to: envelope.to.join(', '),
      messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? '(none)',
    });
    done();
  });
}

beforeAll(async () => {
  env = await timeSkippingEnv();
  mail = await mailHarness({
    refuse: ({ to }) => {
      const address = to[0] ?? '';
      const code = bouncing.has(address) ? 550 : scripted.get(address)?.shift();
      replies.push({ to: address, code: code ?? 250 });
      if (code === undefined) return undefined;
      return { code, message: code >= 500 ? 'mailbox unavailable' : 'mailbox busy, try later' };
    },
  });
  recordAttempts(mail.transport);
  const bundle = await workflowBundle();
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: QUEUE,
    activities: mail.activities,
    workflowBundle: bundle,
  });
  running = worker.run();

  latePort = await freePort();
  lateTransport = smtpTransport(
    { host: '127.0.0.1', port: latePort, secure: false },
    { pool: false },
  );
  lateWorker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: LATE_QUEUE,
    activities: { ...mail.activities, transport: lateTransport },
    workflowBundle: bundle,
  });
  lateRunning = lateWorker.run();
});

afterEach(async () => {
  // A test's workflows stop with it, so they send nothing during the next test's time skips.
  for (const handle of startedInTest) {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('test finished');
  }
  startedInTest = [];
});

afterAll(async () => {
  for (const w of [worker, lateWorker]) if (w) w.shutdown();
  await Promise.all([running, lateRunning]);
  await env?.teardown();
  lateTransport?.close();
  await lateSink?.close();
  await mail?.close();
});

/** A port that was free a moment ago: nothing listens on it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A one-task catalog through the real validator: one reminder two days ahead, at 09:00. */
function template(id: string, assignee: string, dueDate: string): TaskTemplate {
  const text = `
version: 1
resolution:
  id: ${RESOLUTION}
  title: Mail failure tests
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
  ${assignee}: { name: Focal ${assignee}, email: ${assignee}@example.org, locale: fr }
  boss: { name: Boss, email: ${MANAGER_EMAIL}, timezone: America/New_York }
defaults:
  reminders: [P2D]
  sendAt: "09:00"
  overdueEvery: P7D
  skipWeekends: false
tasks:
  - id: ${id}
    clause: "requests 2"
    title: Report for ${id}
    responsible: Secretariat
    assignees: [${assignee}]
    manager: boss
    due: ${dueDate}
    deliverables:
      - { id: report, title: The report, kind: document }
`;
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new Error(`test catalog is invalid: ${JSON.stringify(problems)}`);
  return taskTemplate(catalog, catalog.tasks[0]!);
}

/** Four days after the server's current date in the resolution's zone: the reminder is 1-2 days ahead. */
async function dueDate(): Promise<string> {
  return DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
    .startOf('day')
    .plus({ days: 4 })
    .toISODate()!;
}

interface Started {
  handle: OccurrenceHandle;
  schedule: OccurrenceSchedule;
  /** The reminder's planned instant. */
  reminderAt: number;
  email: string;
}

async function start(id: string, assignee: string, taskQueue = QUEUE): Promise<Started> {
  const tmpl = template(id, assignee, await dueDate());
  const schedule = scheduleFor(tmpl, tmpl.firstDue);
  const handle = await env.client.workflow.start<typeof taskOccurrenceWorkflow>(
    'taskOccurrenceWorkflow',
    {
      taskQueue,
      workflowId: occurrenceWorkflowId(tmpl.resolutionId, tmpl.taskId, tmpl.firstDue),
      args: [{ schedule, info: tmpl.info, searchAttributes: false }],
    },
  );
  startedInTest.push(handle);
  const { startTime } = await handle.describe();
  const [reminder] = nextMessages(schedule, startTime.getTime());
  expect(reminder?.kind).toBe('reminder');
  return { handle, schedule, reminderAt: reminder!.atMs, email: `${assignee}@example.org` };
}

/** Skips server time to `target`, in steps of at most 14 days. */
async function advanceTo(target: number): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target; now = await env.currentTimeMs())
    await env.sleep(Math.min(14 * DAY, target - now));
}

/**
 * Skips server time `step` at a time until `done` holds. Real time is given
 * between steps so the worker can run what the server handed it.
 */
async function skipUntil(
  done: () => boolean | Promise<boolean>,
  what: string,
  step = MINUTE,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await env.sleep(step);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function parsedFor(sink: SmtpSink, to: string): Promise<ParsedMail[]> {
  const mails: ReceivedMail[] = sink.received.filter((m) => m.to.includes(to));
  return Promise.all(mails.map((m) => simpleParser(m.raw)));
}

function messages(history: HistoryEntry[]) {
  return history.flatMap((h) => (h.type === 'message' ? [h.message] : []));
}

/** The attempt number of each completed sendNotice activity, and its input, from the workflow history. */
async function activityRuns(
  handle: OccurrenceHandle,
): Promise<{ attempt: number; request: NoticeRequest }[]> {
  const events = (await handle.fetchHistory()).events ?? [];
  const inputs = new Map<string, NoticeRequest>();
  const runs: { attempt: number; request: NoticeRequest }[] = [];
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const payload = scheduled?.input?.payloads?.[0];
    if (scheduled && payload) {
      inputs.set(
        String(event.eventId),
        defaultPayloadConverter.fromPayload<NoticeRequest>({
          metadata: payload.metadata ?? null,
          data: payload.data ?? null,
        }),
      );
    }
    const startedEvent = event.activityTaskStartedEventAttributes;
    if (startedEvent) {
      const request = inputs.get(String(startedEvent.scheduledEventId));
      if (request) runs.push({ attempt: startedEvent.attempt ?? 0, request });
    }
  }
  return runs;
}

describe('a 451 on the first attempt', () => {
  it('(a) retries with the same deterministic Message-ID as the refused attempt', async () => {
    const who = 'busy-a';
    const { handle, reminderAt, email } = await start('retry-message-id', who);
    scripted.set(email, [451]);
    await advanceTo(reminderAt);
    await skipUntil(async () => (await parsedFor(mail.sink, email)).length > 0, 'the retry');

    const expected = messageIdFor(handle.workflowId, `reminder.${reminderAt}.${who}`);
    // The sink refused one message for the address, then accepted one.
    expect(replies.filter((r) => r.to === email).map((r) => r.code)).toEqual([451, 250]);
    // Both attempts carried the workflow's Message-ID: the refused one is the delivered one.
    const ids = attempts.filter((a) => a.to.includes(email)).map((a) => a.messageId);
    expect(ids).toEqual([expected, expected]);
    const delivered = await parsedFor(mail.sink, email);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toBe(expected);
    expect(delivered[0]!.headers.get('x-mandate-kind')).toBe('reminder');
    expect(delivered[0]!.date?.getTime()).toBe(reminderAt);

    // Sending the very request the workflow scheduled again gives the same Message-ID.
    const [run] = await activityRuns(handle);
    const again = await new MockActivityEnvironment(undefined, {
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    }).run(createMailActivities(mail.activities).sendNotice, run!.request);
    expect(again).toEqual({ delivered: true });
    const both = await parsedFor(mail.sink, email);
    expect(both.map((m) => m.messageId)).toEqual([expected, expected]);

    const state = await handle.query(statusQuery);
    expect(messages(state.history)).toMatchObject([
      { kind: 'reminder', to: email, delivered: true, messageId: expected },
    ]);
  });
});

describe('a transient 4xx, then success', () => {
  it('(b) is delivered, and the history shows a second activity attempt', async () => {
    const who = 'busy-b';
    const { handle, reminderAt, email } = await start('retry-attempts', who);
    scripted.set(email, [451, 421]);
    await advanceTo(reminderAt);
    await skipUntil(async () => (await parsedFor(mail.sink, email)).length > 0, 'the retries');

    expect(replies.filter((r) => r.to === email).map((r) => r.code)).toEqual([451, 421, 250]);
    const runs = await activityRuns(handle);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.attempt).toBe(3);
    expect(runs[0]!.attempt).toBeGreaterThan(1);
    const state = await handle.query(statusQuery);
    expect(messages(state.history)).toMatchObject([
      { kind: 'reminder', to: email, delivered: true },
    ]);
  });
});

describe('a permanent 5xx', () => {
  it('(c) is not retried, is recorded, and the manager is told', async () => {
    const who = 'gone-c';
    const { handle, reminderAt, email } = await start('bounce', who);
    bouncing.add(email);
    await advanceTo(reminderAt);
    await skipUntil(
      async () =>
        (await parsedFor(mail.sink, MANAGER_EMAIL)).some(
          (m) => m.headers.get('x-mandate-kind') === 'delivery-failure',
        ),
      'the delivery-failure notice',
    );
    // An hour later, far beyond the retry backoff: still a single attempt.
    await env.sleep(60 * MINUTE);

    expect(replies.filter((r) => r.to === email).map((r) => r.code)).toEqual([550]);
    expect(mail.sink.received.filter((m) => m.to.includes(email))).toHaveLength(0);
    const runs = await activityRuns(handle);
    expect(runs.map((r) => [r.request.kind, r.attempt])).toEqual([
      ['reminder', 1],
      ['delivery-failure', 1],
    ]);

    const state = await handle.query(statusQuery);
    const sent = messages(state.history);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ kind: 'reminder', to: email, delivered: false });
    expect(sent[0]!.error).toMatch(/550/);
    expect(sent[1]).toMatchObject({
      kind: 'delivery-failure',
      to: MANAGER_EMAIL,
      recipient: 'boss',
      delivered: true,
    });

    const notices = (await parsedFor(mail.sink, MANAGER_EMAIL)).filter(
      (m) => m.headers.get('x-mandate-kind') === 'delivery-failure',
    );
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.text).toContain(email);
    expect(notice.text).toMatch(/550/);
    expect(notice.headers.get('x-mandate-task')).toBe('bounce');
    expect(notice.messageId).toBe(
      messageIdFor(handle.workflowId, `delivery-failure.reminder.${reminderAt}.${who}`),
    );
  });
});

describe('a refused connection', () => {
  it('(d) is retried until a server listens on the port, then delivered', async () => {
    const who = 'late-d';
    const { handle, reminderAt, email } = await start('late-server', who, LATE_QUEUE);
    await advanceTo(reminderAt);
    // Wait until an attempt has failed on the closed port and a retry is pending.
    await skipUntil(
      async () => {
        const { raw } = await handle.describe();
        const pending = raw.pendingActivities?.[0];
        return (
          (pending?.attempt ?? 0) >= 2 &&
          /ECONNREFUSED|connect/i.test(pending?.lastFailure?.message ?? '')
        );
      },
      'a refused attempt',
      5_000,
    );
    expect(await env.currentTimeMs()).toBeLessThan(reminderAt + 30 * MINUTE);

    lateSink = await startSmtpSink({ port: latePort });
    await skipUntil(() => lateSink!.received.length > 0, 'delivery to the late server');

    const [delivered] = await parsedFor(lateSink, email);
    expect(delivered?.messageId).toBe(
      messageIdFor(handle.workflowId, `reminder.${reminderAt}.${who}`),
    );
    const runs = await activityRuns(handle);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.attempt).toBeGreaterThan(1);
    const state = await handle.query(statusQuery);
    expect(messages(state.history)).toMatchObject([
      { kind: 'reminder', to: email, delivered: true },
    ]);
  });
});
