/**
 * kill -9 of a worker process, twice over, on one dev server (SQLite in a
 * temporary folder), each case with its own task queue, worker process and
 * SMTP sink, both at once:
 *
 * - while mail goes out: every planned message (planCatalog) arrives, a
 *   message that arrives twice carries the same Message-ID both times, none
 *   is lost;
 * - while 500 timers fire: every timer fires after the restart and no
 *   workflow task fails (a nondeterminism error would fail one).
 *
 * An activity the killed worker held is retried only after its
 * start-to-close timeout (2 minutes) and the 10 s backoff, so each case takes
 * about three minutes of real time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { startCatalog } from '../../src/client/start-catalog';
import { startSmtpSink, type SmtpSink } from '../../src/mail/smtp-sink';
import type { HistoryEntry } from '../../src/shared/task-state';
import { statusQuery } from '../../src/shared/workflow-api';
import {
  EventType,
  FAULT_SUITE,
  connectClient,
  deliveryFigures,
  devServer,
  expectedMessages,
  forEachLimited,
  messageIdsIn,
  nextMinute,
  overdueCatalogText,
  parseCatalog,
  removeTempDirs,
  report,
  spawnWorker,
  tempDir,
  waitFor,
  type ExpectedMessage,
  type RestartableDevServer,
  type WorkerProcess,
} from './support';

let dev: RestartableDevServer;
let client: Client;
const sinks: SmtpSink[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  if (!FAULT_SUITE) return;
  dev = await devServer(tempDir('faults-worker-kill'));
  client = await connectClient(dev.address);
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  for (const sink of sinks) await sink.close();
  await client?.connection.close();
  await dev?.server.stop();
  removeTempDirs();
});

async function worker(queue: string, sink: SmtpSink): Promise<WorkerProcess> {
  const process = await spawnWorker({
    address: dev.address,
    smtpPort: sink.port,
    taskQueue: queue,
    dataDir: tempDir(queue),
  });
  workers.push(process);
  return process;
}

function delivered(history: HistoryEntry[]): number {
  return history.filter((h) => h.type === 'message' && h.message.delivered).length;
}

/** Waits until each workflow's own state records every planned message of it as delivered. */
async function waitUntilRecorded(
  expected: Map<string, ExpectedMessage>,
  timeoutMs: number,
): Promise<number> {
  const perWorkflow = new Map<string, number>();
  for (const m of expected.values())
    perWorkflow.set(m.workflowId, (perWorkflow.get(m.workflowId) ?? 0) + 1);
  const pending = new Set(perWorkflow.keys());
  return waitFor(
    async () => {
      await forEachLimited([...pending], 20, async (workflowId) => {
        const { history } = await client.workflow.getHandle(workflowId).query(statusQuery);
        if (delivered(history) >= perWorkflow.get(workflowId)!) pending.delete(workflowId);
      });
      return pending.size === 0;
    },
    `every workflow records its messages (${pending.size} pending)`,
    timeoutMs,
    5_000,
  );
}

interface HistoryFigures {
  workflows: number;
  timersFired: number;
  workflowTaskFailures: string[];
  workflowTaskTimeouts: number;
  activityRetries: number;
  activityTimeouts: number;
}

async function historyFigures(workflowIds: string[]): Promise<HistoryFigures> {
  const figures: HistoryFigures = {
    workflows: workflowIds.length,
    timersFired: 0,
    workflowTaskFailures: [],
    workflowTaskTimeouts: 0,
    activityRetries: 0,
    activityTimeouts: 0,
  };
  await forEachLimited(workflowIds, 20, async (workflowId) => {
    const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
    for (const event of events ?? []) {
      if (event.eventType === EventType.EVENT_TYPE_TIMER_FIRED) figures.timersFired += 1;
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
        figures.workflowTaskTimeouts += 1;
      if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT)
        figures.activityTimeouts += 1;
      const started = event.activityTaskStartedEventAttributes;
      if (started && (started.attempt ?? 1) > 1) figures.activityRetries += 1;
      const failed = event.workflowTaskFailedEventAttributes;
      if (failed) {
        figures.workflowTaskFailures.push(
          `${workflowId}: ${String(failed.cause)} ${failed.failure?.message ?? ''}`,
        );
      }
    }
  });
  return figures;
}

describe.runIf(FAULT_SUITE)('kill -9 of the worker process', () => {
  it.concurrent(
    'while mail goes out: every planned message is delivered, a duplicate keeps its Message-ID',
    async () => {
      const queue = 'faults-mail-kill';
      const sink = await startSmtpSink();
      sinks.push(sink);
      const at = nextMinute(30_000);
      const text = overdueCatalogText({
        resolutionId: 'faults-mail-kill',
        tasks: 40,
        assigneesPerTask: 3,
        people: 6,
        manager: true,
        at,
      });
      const catalog = parseCatalog(text);
      const from = Date.now();
      const [first, started] = await Promise.all([
        worker(queue, sink),
        startCatalog(client, catalog, { taskQueue: queue }),
      ]);
      expect(started.started).toHaveLength(40);
      const expected = expectedMessages(catalog, from, at.atMs + 60_000);
      // 40 tasks x (3 overdue notices + 1 escalation), all at the same instant.
      expect(expected.size).toBe(160);
      expect(new Set([...expected.values()].map((m) => m.atMs))).toEqual(new Set([at.atMs]));
      report(`mail: 160 messages planned for ${new Date(at.atMs).toISOString()}`);

      // Kill once a quarter has arrived: the rest is in flight or not yet scheduled.
      await waitFor(
        () => sink.received.length >= 40,
        'the first quarter of the mail',
        at.atMs - Date.now() + 90_000,
        2,
      );
      await first.kill9();
      const atKill = sink.received.length;
      const killedAt = Date.now();
      report(`mail: worker ${first.pid} killed with SIGKILL after ${atKill}/160 messages arrived`);
      expect(atKill).toBeLessThan(160);

      const second = await worker(queue, sink);
      report(`mail: worker ${second.pid} started ${Date.now() - killedAt} ms after the kill`);
      await waitFor(
        () => new Set(messageIdsIn(sink)).size >= expected.size,
        'every planned Message-ID at the sink',
        240_000,
        500,
      );
      await waitUntilRecorded(expected, 120_000);
      report(`mail: all recorded ${Math.round((Date.now() - killedAt) / 1000)} s after the kill`);

      const figures = await deliveryFigures(sink, expected);
      const history = await historyFigures([
        ...new Set([...expected.values()].map((m) => m.workflowId)),
      ]);
      report(
        `mail: planned=${figures.planned} received=${figures.received} delivered=${figures.delivered} duplicated=${figures.duplicated} lost=${figures.lost} unexpected=${figures.unexpected} conflictingIds=${figures.conflictingIds}`,
      );
      report(
        `mail: activity retries=${history.activityRetries} activity timeouts=${history.activityTimeouts} workflow task timeouts=${history.workflowTaskTimeouts} workflow task failures=${history.workflowTaskFailures.length}`,
      );
      expect(figures.lost).toBe(0);
      expect(figures.delivered).toBe(160);
      expect(figures.unexpected).toBe(0);
      // A message delivered twice was the same message: one Message-ID per planned message.
      expect(figures.conflictingIds).toBe(0);
      expect(figures.received).toBe(figures.delivered + figures.duplicated);
      expect(history.workflowTaskFailures).toEqual([]);
    },
    420_000,
  );

  it.concurrent(
    'while 500 timers fire: all fire after the restart, no workflow task fails',
    async () => {
      const queue = 'faults-timer-kill';
      const sink = await startSmtpSink();
      sinks.push(sink);
      const at = nextMinute(40_000);
      const text = overdueCatalogText({
        resolutionId: 'faults-timers',
        tasks: 500,
        assigneesPerTask: 1,
        people: 10,
        manager: false,
        at,
      });
      const catalog = parseCatalog(text);
      const from = Date.now();
      const [first, started] = await Promise.all([
        worker(queue, sink),
        startCatalog(client, catalog, { taskQueue: queue, concurrency: 32 }),
      ]);
      expect(started.started).toHaveLength(500);
      report(`timers: 500 workflows started in ${Date.now() - from} ms`);
      const expected = expectedMessages(catalog, from, at.atMs + 60_000);
      expect(expected.size).toBe(500);
      const workflowIds = [...new Set([...expected.values()].map((m) => m.workflowId))];
      expect(workflowIds).toHaveLength(500);
      expect(Date.now()).toBeLessThan(at.atMs);

      await waitFor(
        () => sink.received.length >= 20,
        'the first timers to fire',
        at.atMs - Date.now() + 90_000,
        2,
      );
      await first.kill9();
      const atKill = sink.received.length;
      const killedAt = Date.now();
      report(
        `timers: worker ${first.pid} killed with SIGKILL ${killedAt - at.atMs} ms after the timers' instant, ${atKill}/500 messages out`,
      );
      expect(atKill).toBeLessThan(500);

      await worker(queue, sink);
      await waitFor(
        () => new Set(messageIdsIn(sink)).size >= expected.size,
        'a message from every timer',
        240_000,
        500,
      );
      await waitUntilRecorded(expected, 120_000);
      const history = await historyFigures(workflowIds);
      const figures = await deliveryFigures(sink, expected);
      report(
        `timers: fired=${history.timersFired}/500 delivered=${figures.delivered} duplicated=${figures.duplicated} lost=${figures.lost} workflow task failures=${history.workflowTaskFailures.length} workflow task timeouts=${history.workflowTaskTimeouts} activity retries=${history.activityRetries} (${Math.round((Date.now() - killedAt) / 1000)} s after the kill)`,
      );
      expect(history.timersFired).toBe(500);
      expect(history.workflowTaskFailures).toEqual([]);
      expect(figures.lost).toBe(0);
      expect(figures.conflictingIds).toBe(0);

      // Still running, waiting for the next overdue notice a week later.
      const running = await client.workflow.count(
        `WorkflowType = 'taskOccurrenceWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${queue}'`,
      );
      expect(running.count).toBe(500);
    },
    420_000,
  );
});
