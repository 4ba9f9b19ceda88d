/**
 * The task-occurrence workflow on the time-skipping test server, with the real
 * mail activity sending to a real SMTP sink on loopback. Every path is checked
 * twice: on what the sink received (kinds, recipients, offsets, instants from
 * the Date header) and on the workflow's status query.
 *
 * Dates are computed from the test server's clock (the first Monday at least
 * 20 days ahead, in the resolution's zone), so the tests work on any day.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { validateCatalogText } from '../../src/catalog/validate';
import { addDays } from '../../src/time/duration';
import { dueInstant, occurrenceMessages } from '../../src/plan/occurrence-plan';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import { wallTimeToInstant } from '../../src/time/wall-clock';
import { receivedEntries } from '../../src/simulate/received-entries';
import type { HistoryEntry } from '../../src/shared/task-state';
import type { Catalog, OccurrenceSchedule, Recipient, TaskTemplate } from '../../src/shared/types';
import {
  extendUpdate,
  occurrenceWorkflowId,
  reassignUpdate,
  recordBounceUpdate,
  reviewUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
  type SubmitRequest,
} from '../../src/shared/workflow-api';
import type { taskOccurrenceWorkflow } from '../../workflows/task-occurrence';
import { createMandateWorker } from '../../src/worker/create-worker';
import {
  mailHarness,
  timeSkippingEnv,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ZONE = 'Europe/Zurich';
const TASK_QUEUE = 'task-occurrence-tests';
const RESOLUTION = 'wf-tests';

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
let lockedClient: Client;
/** Addresses the SMTP sink answers with 451 (try again later), for a workflow held open. */
const refused = new Set<string>();

type OccurrenceHandle = WorkflowHandle<typeof taskOccurrenceWorkflow>;
let startedInTest: OccurrenceHandle[] = [];

beforeAll(async () => {
  env = await timeSkippingEnv();
  lockedClient = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  mail = await mailHarness({
    refuse: ({ to }) =>
      to.some((address) => refused.has(address))
        ? { code: 451, message: 'mailbox busy, try again later' }
        : undefined,
  });
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities: mail.activities,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
});

afterEach(async () => {
  // A test's workflows stop with it, so they do not send mail during the next test's time skips.
  for (const handle of startedInTest) {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('test finished');
  }
  startedInTest = [];
  refused.clear();
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
  await mail?.close();
});

// ---------------------------------------------------------------------------
// Catalogs, dates and workflows

interface TaskOptions {
  id: string;
  due: string;
  dueTime?: string;
  assignees?: string[];
  manager?: string;
  escalateAfter?: string;
}

/** A one-task catalog through the real validator; reminders P14D, P7D, P1D at 09:00, weekends skipped. */
function catalogFor(options: TaskOptions): Catalog {
  const due = options.dueTime
    ? `{ date: ${options.due}, time: "${options.dueTime}" }`
    : options.due;
  const text = `
version: 1
resolution:
  id: ${RESOLUTION}
  title: Workflow tests
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
  amy: { name: Amy, email: amy@example.org }
  ben: { name: Ben, email: ben@example.org, timezone: Asia/Tokyo }
  cleo: { name: Cleo, email: cleo@example.org, timezone: America/New_York }
  boss: { name: Boss, email: boss@example.org }
  stuck: { name: Stuck, email: stuck@example.org }
defaults:
  reminders: [P14D, P7D, P1D]
  sendAt: "09:00"
  overdueEvery: P7D
  skipWeekends: true
tasks:
  - id: ${options.id}
    clause: "requests 1"
    title: Report for ${options.id}
    responsible: Secretariat
    assignees: [${(options.assignees ?? ['amy']).join(', ')}]
${options.manager ? `    manager: ${options.manager}\n` : ''}${options.escalateAfter ? `    escalateAfter: ${options.escalateAfter}\n` : ''}    due: ${due}
    deliverables:
      - { id: report, title: The report, kind: link }
`;
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new Error(`test catalog is invalid: ${JSON.stringify(problems)}`);
  return catalog;
}

function template(options: TaskOptions): TaskTemplate {
  const catalog = catalogFor(options);
  return taskTemplate(catalog, catalog.tasks[0]!);
}

/** A person of the test catalog, as a recipient. */
function person(key: string): Recipient {
  return catalogFor({ id: 'people', due: '2030-01-07' }).people[key]!;
}

/** The first Monday at least 20 days after the test server's current time, in the resolution's zone. */
async function nextDueDate(): Promise<string> {
  let date = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
    .startOf('day')
    .plus({ days: 20 });
  while (date.weekday !== 1) date = date.plus({ days: 1 });
  return date.toISODate()!;
}

/** The instant the wall clock in `zone` shows `time` on `date`. */
function at(date: string, time = '09:00', zone = ZONE): number {
  return wallTimeToInstant(date, time, zone);
}

async function start(
  tmpl: TaskTemplate,
): Promise<{ handle: OccurrenceHandle; schedule: OccurrenceSchedule; startedAt: number }> {
  const schedule = scheduleFor(tmpl, tmpl.firstDue);
  const handle = await env.client.workflow.start<typeof taskOccurrenceWorkflow>(
    'taskOccurrenceWorkflow',
    {
      taskQueue: TASK_QUEUE,
      workflowId: occurrenceWorkflowId(tmpl.resolutionId, tmpl.taskId, tmpl.firstDue),
      args: [{ schedule, info: tmpl.info, searchAttributes: false }],
    },
  );
  startedInTest.push(handle);
  const { startTime } = await handle.describe();
  return { handle, schedule, startedAt: startTime.getTime() };
}

/**
 * Waits until the workflow has done everything due by the server's current
 * time: no activity in flight and the next planned message still ahead.
 */
async function settle(handle: OccurrenceHandle): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return;
    const pending = description.raw.pendingActivities?.length ?? 0;
    const now = await env.currentTimeMs();
    const { next } = await handle.query(statusQuery);
    const upcoming = next[0] ? { atMs: Date.parse(next[0].at) } : undefined;
    if (pending === 0 && (upcoming === undefined || upcoming.atMs > now)) return;
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} did not settle`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A workflow's result, read without unlocking time skipping: the test
 * environment's own client would let the server jump years ahead.
 */
function resultOf(handle: OccurrenceHandle) {
  return lockedClient.workflow.getHandle<typeof taskOccurrenceWorkflow>(handle.workflowId).result();
}

/** Moves the server clock to `target` in steps of at most 14 days, letting the workflows catch up. */
async function advanceTo(target: number, ...handles: OccurrenceHandle[]): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target; now = await env.currentTimeMs()) {
    await env.sleep(Math.min(14 * DAY, target - now));
    for (const handle of handles) await settle(handle);
  }
}

interface Sent {
  kind: string;
  to: string;
  offset?: string;
  atMs: number;
}

function simplify(m: Sent): Sent {
  return {
    kind: m.kind,
    to: m.to,
    ...(m.offset !== undefined ? { offset: m.offset } : {}),
    atMs: m.atMs,
  };
}

/** What the SMTP sink received for a task (reminders, overdue notices, escalations), by instant. */
async function sent(taskId: string): Promise<Sent[]> {
  const entries = await receivedEntries(mail.sink.received);
  return entries
    .filter((e) => e.task === taskId)
    .map(simplify)
    .sort((a, b) => a.atMs - b.atMs || a.kind.localeCompare(b.kind) || a.to.localeCompare(b.to));
}

/** What the planner says the occurrence sends with `after < instant < before`. */
function plan(schedule: OccurrenceSchedule, after: number, before: number): Sent[] {
  return occurrenceMessages(schedule, after, before)
    .map(simplify)
    .sort((a, b) => a.atMs - b.atMs || a.kind.localeCompare(b.kind) || a.to.localeCompare(b.to));
}

/** The calendar entry's SEQUENCE in each mail of a task, by the mail's planned instant. */
async function calendarSequences(taskId: string): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const received of mail.sink.received) {
    const [entry] = await receivedEntries([received]);
    const sequence = /^SEQUENCE:(\d+)/m.exec(received.raw.toString('utf8'))?.[1];
    if (entry?.task === taskId && sequence !== undefined) found.set(entry.atMs, Number(sequence));
  }
  return found;
}

/** Envelope recipients of the cancellation mails the sink received for a task. */
async function cancellations(taskId: string): Promise<string[]> {
  const found: string[] = [];
  for (const received of mail.sink.received) {
    const parsed = await simpleParser(received.raw);
    if (
      parsed.headers.get('x-mandate-kind') === 'cancellation' &&
      parsed.headers.get('x-mandate-task') === taskId
    ) {
      found.push(...received.to);
    }
  }
  return found.sort();
}

function entries<T extends HistoryEntry['type']>(
  history: HistoryEntry[],
  type: T,
): Extract<HistoryEntry, { type: T }>[] {
  return history.filter((h): h is Extract<HistoryEntry, { type: T }> => h.type === type);
}

const link = (url = 'https://example.org/report.pdf'): SubmitRequest['payload'] => ({
  kind: 'link',
  url,
});

function submit(handle: OccurrenceHandle, by = 'amy', options: { updateId?: string } = {}) {
  return handle.executeUpdate(submitUpdate, {
    args: [{ by, deliverableId: 'report', payload: link() }],
    ...options,
  });
}

/** The message a rejected update comes back with. */
async function rejection(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
    throw error;
  }
  throw new Error('the update was accepted');
}

type HistoryEvent = NonNullable<
  Awaited<ReturnType<OccurrenceHandle['fetchHistory']>>['events']
>[number];

function isWorkflowTaskEvent(e: HistoryEvent): boolean {
  return (
    e.workflowTaskScheduledEventAttributes != null ||
    e.workflowTaskStartedEventAttributes != null ||
    e.workflowTaskCompletedEventAttributes != null
  );
}

/** Update-related events in the workflow's history. */
async function updateEvents(handle: OccurrenceHandle): Promise<number> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).filter(
    (e) =>
      e.workflowExecutionUpdateAcceptedEventAttributes != null ||
      e.workflowExecutionUpdateCompletedEventAttributes != null ||
      e.workflowExecutionUpdateRejectedEventAttributes != null ||
      e.workflowExecutionUpdateAdmittedEventAttributes != null,
  ).length;
}

// ---------------------------------------------------------------------------

describe('task occurrence workflow', () => {
  it('stops reminders after an on-time submission', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(template({ id: 'on-time', due }));

    const afterSecond = at(addDays(due, -7)) + HOUR;
    await advanceTo(afterSecond, handle);
    const before = await sent('on-time');
    expect(before).toEqual([
      { kind: 'reminder', to: 'amy@example.org', offset: 'P14D', atMs: at(addDays(due, -14)) },
      { kind: 'reminder', to: 'amy@example.org', offset: 'P7D', atMs: at(addDays(due, -7)) },
    ]);
    expect(before).toEqual(plan(schedule, startedAt, afterSecond));
    expect((await handle.query(statusQuery)).status).toBe('open');

    const view = await submit(handle);
    expect(view.status).toBe('submitted');
    expect(view.next).toEqual([]);

    await advanceTo(at(due) + 30 * DAY, handle);
    expect(await sent('on-time')).toEqual(before);
    const { status, ...state } = await handle.query(statusQuery);
    expect(status).toBe('submitted');
    expect(entries(state.history, 'submitted')).toMatchObject([
      { by: 'amy', deliverableId: 'report', late: false },
    ]);
    expect(entries(state.history, 'message')).toHaveLength(2);
  });

  it('records a late submission after overdue notices began, and stops them', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(template({ id: 'late', due }));
    const dueAt = dueInstant(schedule);

    const afterSecondOverdue = at(addDays(due, 8)) + HOUR;
    await advanceTo(afterSecondOverdue, handle);
    const before = await sent('late');
    expect(before.map((m) => `${m.kind} ${m.offset ?? ''}`.trim())).toEqual([
      'reminder P14D',
      'reminder P7D',
      'reminder P1D',
      'overdue',
      'overdue',
    ]);
    // P1D lands on a Sunday and moves to the Friday before; overdue D+1 and D+8 are Tuesdays.
    expect(before.map((m) => m.atMs)).toEqual([
      at(addDays(due, -14)),
      at(addDays(due, -7)),
      at(addDays(due, -3)),
      at(addDays(due, 1)),
      at(addDays(due, 8)),
    ]);
    expect(before).toEqual(plan(schedule, startedAt, afterSecondOverdue));
    expect((await handle.query(statusQuery)).status).toBe('overdue');

    const view = await submit(handle);
    expect(view.status).toBe('submitted');
    const [entry] = entries(view.history, 'submitted');
    expect(entry).toMatchObject({ late: true });
    expect(entry!.at).toBeGreaterThan(dueAt);

    await advanceTo(afterSecondOverdue + 21 * DAY, handle);
    expect(await sent('late')).toEqual(before);
    expect((await handle.query(statusQuery)).status).toBe('submitted');
  });

  it('resumes notices after a return, stops them after resubmission, completes on accept', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(template({ id: 'returned', due }));

    await advanceTo(at(addDays(due, -14)) + HOUR, handle);
    await submit(handle);
    // Submitted: the P7D and P1D (moved to Friday) reminders are not sent.
    await advanceTo(at(addDays(due, -3)) + HOUR, handle);
    expect(await sent('returned')).toEqual(plan(schedule, startedAt, at(addDays(due, -14)) + 1));

    const returned = await handle.executeUpdate(reviewUpdate, {
      args: [{ by: 'secretariat', decision: 'return', comment: 'The annex is missing' }],
    });
    expect(returned.status).toBe('returned');
    expect(returned.deliverables[0]).toMatchObject({
      status: 'returned',
      comment: 'The annex is missing',
    });
    const returnedAt = entries(returned.history, 'reviewed')[0]!.at;

    // Notices resume: the overdue notice of D+1 goes out (mail planned before the return is not back-dated).
    const afterOverdue = at(addDays(due, 1)) + HOUR;
    await advanceTo(afterOverdue, handle);
    const resumed = await sent('returned');
    expect(resumed.filter((m) => m.kind === 'overdue')).toEqual(
      plan(schedule, returnedAt, afterOverdue).filter((m) => m.kind === 'overdue'),
    );
    // Fails today: the return leaves state.cursor at the P14D reminder, so the P7D and P1D
    // reminders skipped while submitted go out at once, back-dated (soft: the rest still runs).
    expect
      .soft(resumed)
      .toEqual([
        ...plan(schedule, startedAt, at(addDays(due, -14)) + 1),
        ...plan(schedule, returnedAt, afterOverdue),
      ]);
    expect((await handle.query(statusQuery)).status).toBe('overdue');

    const resubmitted = await submit(handle);
    expect(resubmitted.status).toBe('submitted');
    expect(entries(resubmitted.history, 'submitted').map((e) => e.late)).toEqual([false, true]);
    await advanceTo(afterOverdue + 14 * DAY, handle);
    expect(await sent('returned')).toEqual(resumed);

    const accepted = await handle.executeUpdate(reviewUpdate, {
      args: [{ by: 'secretariat', decision: 'accept' }],
    });
    expect(accepted.status).toBe('completed');
    const result = await resultOf(handle);
    expect(result).toMatchObject({ status: 'completed' });
    // Planned mail, plus the notices of the return and of the acceptance.
    expect(result.messagesSent).toBe(resumed.length + 2);
    const final = await handle.query(statusQuery);
    expect(final.status).toBe('completed');
    expect(entries(final.history, 'completed')).toHaveLength(1);
  });

  it('moves every later message on an extension and raises SEQUENCE', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(template({ id: 'extended', due }));

    await advanceTo(at(addDays(due, -14)) + HOUR, handle);
    const newDue = addDays(due, 14);
    const view = await handle.executeUpdate(extendUpdate, {
      args: [{ by: 'secretariat', dueDate: newDue, reason: 'Data arrive late' }],
    });
    const extended: OccurrenceSchedule = { ...schedule, dueDate: newDue };
    expect(view.sequence).toBe(1);
    expect(view.dueAt).toBe(dueInstant(extended));
    const [entry] = entries(view.history, 'extended');
    expect(entry).toMatchObject({ from: due, to: newDue, reason: 'Data arrive late' });

    const end = at(addDays(newDue, 8)) + HOUR;
    await advanceTo(end, handle);
    const received = await sent('extended');
    expect(received).toEqual([
      ...plan(schedule, startedAt, entry!.at),
      ...plan(extended, entry!.at, end),
    ]);
    // Nothing of the old schedule after the extension: the old P7D reminder and old overdue dates.
    expect(received.map((m) => m.atMs)).not.toContain(at(addDays(due, -7)));
    expect(received.map((m) => m.atMs)).not.toContain(at(addDays(due, 1)));
    expect(received.filter((m) => m.kind === 'overdue').map((m) => m.atMs)).toEqual([
      at(addDays(newDue, 1)),
      at(addDays(newDue, 8)),
    ]);
    // The calendar entry each mail carries: SEQUENCE 0 before the extension, 1 after it.
    const sequences = await calendarSequences('extended');
    expect(received.map((m) => sequences.get(m.atMs))).toEqual(
      received.map((m) => (m.atMs < entry!.at ? 0 : 1)),
    );
    const { status, ...state } = await handle.query(statusQuery);
    expect(status).toBe('overdue');
    expect(state.sequence).toBe(1);
    expect(state.catalogDue).toEqual({ date: due });
  });

  it('completes a waived task, cancels the calendar entry for each assignee, sends nothing more', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(
      template({ id: 'waived', due, assignees: ['amy', 'ben'] }),
    );
    const afterFirst = at(addDays(due, -14)) + HOUR;
    await advanceTo(afterFirst, handle);
    const before = await sent('waived');
    expect(before.map((m) => `${m.kind} ${m.offset} ${m.to}`)).toEqual([
      // Ben reads 09:00 in Tokyo, hours before Amy's 09:00 in Zurich.
      'reminder P14D ben@example.org',
      'reminder P14D amy@example.org',
    ]);
    expect(before).toEqual(plan(schedule, startedAt, afterFirst));

    const view = await handle.executeUpdate(waiveUpdate, {
      args: [{ by: 'secretariat', reason: 'Overtaken by events' }],
    });
    expect(view.status).toBe('waived');
    expect(view.next).toEqual([]);
    expect(await resultOf(handle)).toMatchObject({ status: 'waived' });
    expect(await cancellations('waived')).toEqual(['amy@example.org', 'ben@example.org']);

    await advanceTo(at(due) + 30 * DAY);
    expect(await sent('waived')).toEqual(before);
    const { status, ...state } = await handle.query(statusQuery);
    expect(status).toBe('waived');
    expect(state.waived).toMatchObject({ by: 'secretariat', reason: 'Overtaken by events' });
    const messages = entries(state.history, 'message').map(
      (e) => `${e.message.kind} ${e.message.recipient}`,
    );
    expect(messages.slice(0, 2)).toEqual(['reminder ben', 'reminder amy']);
    expect(messages.slice(2).sort()).toEqual(['cancellation amy', 'cancellation ben']);
  });

  it('escalates to the manager once, escalateAfter the due date', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(
      template({ id: 'escalated', due, manager: 'boss', escalateAfter: 'P14D' }),
    );
    const end = at(addDays(due, 21)) + HOUR;
    await advanceTo(end, handle);
    const received = await sent('escalated');
    expect(received).toEqual(plan(schedule, startedAt, end));
    expect(received.filter((m) => m.kind === 'escalation')).toEqual([
      { kind: 'escalation', to: 'boss@example.org', atMs: at(addDays(due, 14)) },
    ]);
    expect(received.filter((m) => m.kind === 'overdue').map((m) => m.atMs)).toEqual([
      at(addDays(due, 1)),
      at(addDays(due, 8)),
      at(addDays(due, 15)),
    ]);
    expect(received.filter((m) => m.to === 'boss@example.org')).toHaveLength(1);

    await advanceTo(end + 28 * DAY, handle);
    expect((await sent('escalated')).filter((m) => m.kind === 'escalation')).toHaveLength(1);
    expect((await handle.query(statusQuery)).status).toBe('overdue');
  });

  it('sends later mail to the new assignee only after a reassignment', async () => {
    const due = await nextDueDate();
    const { handle, schedule, startedAt } = await start(template({ id: 'reassigned', due }));
    await advanceTo(at(addDays(due, -14)) + HOUR, handle);

    const view = await handle.executeUpdate(reassignUpdate, {
      args: [{ by: 'secretariat', assignees: [person('cleo')], reason: 'Amy moved on' }],
    });
    expect(view.assignees.map((a) => a.key)).toEqual(['cleo']);
    const [entry] = entries(view.history, 'reassigned');
    expect(entry).toMatchObject({ assignees: ['cleo'], reason: 'Amy moved on' });

    const end = at(addDays(due, 8), '09:00', 'America/New_York') + HOUR;
    await advanceTo(end, handle);
    const received = await sent('reassigned');
    const later = received.filter((m) => m.atMs > entry!.at);
    expect(received.filter((m) => m.atMs <= entry!.at)).toEqual(
      plan(schedule, startedAt, entry!.at),
    );
    expect(later).toEqual(plan({ ...schedule, assignees: [person('cleo')] }, entry!.at, end));
    expect(later.length).toBeGreaterThanOrEqual(4);
    expect(new Set(later.map((m) => m.to))).toEqual(new Set(['cleo@example.org']));
    // Cleo reads 09:00 in New York: her P14D reminder is still ahead at 10:00 in Zurich.
    expect(later[0]).toEqual({
      kind: 'reminder',
      to: 'cleo@example.org',
      offset: 'P14D',
      atMs: at(addDays(due, -14), '09:00', 'America/New_York'),
    });
  });

  it('sends nothing more to an address that bounced permanently; its manager hears of it once', async () => {
    const due = await nextDueDate();
    const { handle, schedule } = await start(
      template({ id: 'bounced-stop', due, assignees: ['amy', 'ben'], manager: 'boss' }),
    );
    await advanceTo(at(addDays(due, -14)) + HOUR, handle);
    const first = (await handle.query(statusQuery)).history.find(
      (h) => h.type === 'message' && h.message.recipient === 'amy',
    );
    if (first?.type !== 'message') throw new Error('no reminder to amy');
    const view = await handle.executeUpdate(recordBounceUpdate, {
      args: [
        {
          by: 'bounce mailbox',
          messageId: first.message.messageId,
          to: 'amy@example.org',
          permanent: true,
          status: '5.1.1',
          diagnostic: '550 5.1.1 user unknown',
        },
      ],
    });
    expect(view.unreachable?.map((p) => p.key)).toEqual(['amy']);
    // Nothing planned for her any more, on the task page either.
    expect(view.next.filter((n) => n.to === 'amy@example.org')).toEqual([]);
    const bouncedAt = await env.currentTimeMs();
    const end = at(addDays(due, 16)) + HOUR;
    await advanceTo(end, handle);

    const received = await sent('bounced-stop');
    const after = received.filter((m) => m.atMs > bouncedAt);
    // Amy would have had the P7D and P1D reminders and two overdue notices: none went.
    const planned = plan(schedule, bouncedAt, end);
    expect(planned.filter((m) => m.to === 'amy@example.org').length).toBeGreaterThanOrEqual(4);
    expect(after.filter((m) => m.to === 'amy@example.org')).toEqual([]);
    // Ben's and the manager's mail goes on exactly as planned.
    expect(after).toEqual(planned.filter((m) => m.to !== 'amy@example.org'));
    // The manager was told of the bounce once.
    const failures = (await receivedEntries(mail.sink.received, { allKinds: true })).filter(
      (e) => e.task === 'bounced-stop' && e.kind === 'delivery-failure',
    );
    expect(failures.map((f) => f.to)).toEqual(['boss@example.org']);
  });

  it('rejects bad updates with a clear message and leaves nothing in the history', async () => {
    const due = await nextDueDate();
    const { handle } = await start(template({ id: 'validated', due }));
    await settle(handle);

    const eventsBefore = await updateEvents(handle);
    const lengthBefore = (await handle.fetchHistory()).events?.length ?? 0;
    expect(
      await rejection(
        handle.executeUpdate(submitUpdate, {
          args: [{ by: 'amy', deliverableId: 'annex', payload: link() }],
        }),
      ),
    ).toBe('unknown deliverable "annex" (this task has: report)');
    expect(
      await rejection(
        handle.executeUpdate(submitUpdate, {
          args: [{ by: 'amy', deliverableId: 'report', payload: { kind: 'text', text: 'hi' } }],
        }),
      ),
    ).toBe('deliverable report expects a link, got a text');
    expect(
      await rejection(
        handle.executeUpdate(extendUpdate, {
          args: [{ by: 'secretariat', dueDate: addDays(due, 7), reason: ' ' }],
        }),
      ),
    ).toBe('reason: say why the deadline moves');
    expect(await updateEvents(handle)).toBe(eventsBefore);
    // The test server runs each rejected update in an ordinary workflow task (a real server
    // drops that speculative task): whatever it added is workflow-task bookkeeping only.
    const added = ((await handle.fetchHistory()).events ?? []).slice(lengthBefore);
    expect(added.filter((e) => !isWorkflowTaskEvent(e))).toEqual([]);
    const state = await handle.query(statusQuery);
    expect(state.history.map((h) => h.type)).toEqual(['started']);
    expect(state.sequence).toBe(0);
    expect(state.deliverables[0]?.status).toBe('missing');
  });

  it('rejects an update on a closed task', async () => {
    const due = await nextDueDate();
    // The sink holds the cancellation mail back, so the waived workflow is still running.
    refused.add('stuck@example.org');
    const { handle } = await start(template({ id: 'closed', due, assignees: ['stuck'] }));
    await handle.executeUpdate(waiveUpdate, { args: [{ by: 'secretariat', reason: 'Dropped' }] });
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const eventsBefore = await updateEvents(handle);
    expect(await rejection(submit(handle, 'stuck'))).toBe(
      'the task is closed (waived); no change is possible',
    );
    expect(
      await rejection(
        handle.executeUpdate(extendUpdate, {
          args: [{ by: 'secretariat', dueDate: addDays(due, 7), reason: 'More time' }],
        }),
      ),
    ).toBe('the task is closed (waived); no change is possible');
    expect(await updateEvents(handle)).toBe(eventsBefore);

    // The mailbox recovers: the retried cancellation goes out and the workflow ends.
    refused.delete('stuck@example.org');
    await env.sleep(60_000); // past the activity's retry backoff
    expect(await resultOf(handle)).toMatchObject({ status: 'waived' });
    expect(await cancellations('closed')).toEqual(['stuck@example.org']);
    const state = await handle.query(statusQuery);
    expect(entries(state.history, 'submitted')).toEqual([]);
  });

  it('applies an update delivered three times with the same id once', async () => {
    const due = await nextDueDate();
    const { handle } = await start(template({ id: 'idempotent', due }));
    await settle(handle);
    for (let i = 0; i < 3; i++) {
      const view = await submit(handle, 'amy', { updateId: 'submit-report-once' });
      expect(view.status).toBe('submitted');
      expect(entries(view.history, 'submitted')).toHaveLength(1);
    }
    const state = await handle.query(statusQuery);
    expect(entries(state.history, 'submitted')).toHaveLength(1);
  });

  it('judges lateness by workflow time, to the second', async () => {
    const due = await nextDueDate();
    const early = await start(template({ id: 'edge-early', due, dueTime: '17:00' }));
    const late = await start(template({ id: 'edge-late', due, dueTime: '17:00' }));
    const dueAt = dueInstant(early.schedule);
    expect(dueAt).toBe(at(due, '17:00'));

    await advanceTo(dueAt - 2 * DAY, early.handle, late.handle);
    await env.sleep(dueAt - 1000 - (await env.currentTimeMs()));
    const onTime = await submit(early.handle);
    const [onTimeEntry] = entries(onTime.history, 'submitted');
    expect(onTimeEntry).toMatchObject({ late: false });
    expect(onTimeEntry!.at).toBeGreaterThanOrEqual(dueAt - 1000);
    expect(onTimeEntry!.at).toBeLessThanOrEqual(dueAt);

    await env.sleep(dueAt + 1000 - (await env.currentTimeMs()));
    const tooLate = await submit(late.handle);
    const [lateEntry] = entries(tooLate.history, 'submitted');
    expect(lateEntry).toMatchObject({ late: true });
    expect(lateEntry!.at).toBeGreaterThan(dueAt);
    expect(lateEntry!.at).toBeLessThan(dueAt + 60_000);
  });
});
