/**
 * The dev server stopped and started again on the same SQLite file while
 * workflows wait on timers: the open workflows are all still there, and the
 * timers that fell due while the server was down fire once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { startCatalog } from '../../src/client/start-catalog';
import { startSmtpSink, type SmtpSink } from '../../src/mail/smtp-sink';
import { statusQuery } from '../../src/shared/workflow-api';
import {
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
  restartDevServer,
  sleep,
  spawnWorker,
  tempDir,
  waitFor,
  type RestartableDevServer,
  type WorkerProcess,
} from './support';

const QUEUE = 'faults-server-restart';
const TASKS = 20;
const OPEN = `WorkflowType = 'taskOccurrenceWorkflow' AND ExecutionStatus = 'Running'`;

let dev: RestartableDevServer;
let client: Client;
let sink: SmtpSink;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  if (!FAULT_SUITE) return;
  dev = await devServer(tempDir('faults-server-restart'));
  client = await connectClient(dev.address);
  sink = await startSmtpSink();
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await sink?.close();
  await client?.connection.close();
  await dev?.server.stop();
  removeTempDirs();
});

async function openWorkflows(): Promise<number> {
  return (await client.workflow.count(OPEN)).count;
}

describe.runIf(FAULT_SUITE)('the dev server stopped and restarted on the same SQLite file', () => {
  it('keeps every open workflow, and timers that fell due meanwhile fire after the restart', async () => {
    const at = nextMinute(30_000);
    const catalog = parseCatalog(
      overdueCatalogText({
        resolutionId: 'faults-restart',
        tasks: TASKS,
        assigneesPerTask: 2,
        people: 4,
        manager: false,
        at,
      }),
    );
    const from = Date.now();
    const workerDir = tempDir('faults-restart-worker');
    const spawn = async () => {
      const worker = await spawnWorker({
        address: dev.address,
        smtpPort: sink.port,
        taskQueue: QUEUE,
        dataDir: workerDir,
      });
      workers.push(worker);
      return worker;
    };
    const [worker, started] = await Promise.all([
      spawn(),
      startCatalog(client, catalog, { taskQueue: QUEUE }),
    ]);
    expect(started.started).toHaveLength(TASKS);
    const expected = expectedMessages(catalog, from, at.atMs + 60_000);
    expect(expected.size).toBe(TASKS * 2);
    // Each workflow has run its first task and waits on its timer.
    await waitFor(
      async () => {
        let waiting = 0;
        await forEachLimited(started.started, 10, async (id) => {
          const { raw } = await client.workflow.getHandle(id).describe();
          if (!raw.pendingWorkflowTask) waiting += 1;
        });
        return waiting === TASKS;
      },
      'every workflow waiting on its timer',
      60_000,
      500,
    );
    await waitFor(async () => (await openWorkflows()) === TASKS, 'visibility to count', 30_000);
    const before = await openWorkflows();
    expect(Date.now()).toBeLessThan(at.atMs - 2_000);

    await dev.server.stop();
    const stoppedAt = Date.now();
    report(
      `restart: dev server stopped ${Math.round((at.atMs - stoppedAt) / 1000)} s before ${TASKS} timers (${expected.size} messages) fall due, with ${before} open workflows`,
    );
    // Down across the timers' instant, and a while after it.
    await sleep(at.atMs - Date.now() + 10_000);
    expect(sink.received).toHaveLength(0);
    const restarting = Date.now();
    await restartDevServer(dev);
    const restartedAt = Date.now();
    report(
      `restart: dev server back on the same SQLite file after ${Math.round((restartedAt - stoppedAt) / 1000)} s (timers overdue by ${Math.round((restartedAt - at.atMs) / 1000)} s); worker ${worker.pid} ${worker.alive() ? 'survived' : 'exited'}`,
    );

    const after = await openWorkflows();
    expect(after).toBe(before);
    if (!worker.alive()) await spawn();

    const waited = await waitFor(
      () => new Set(messageIdsIn(sink)).size >= expected.size,
      'the overdue timers to fire and send',
      120_000,
      250,
    );
    const figures = await deliveryFigures(sink, expected);
    const lateBy = sink.received.map((m) => m.receivedAt - at.atMs);
    report(
      `restart: open workflows before=${before} after=${after}; delivered=${figures.delivered}/${figures.planned} duplicated=${figures.duplicated} lost=${figures.lost}, ${waited} ms after the restart (first ${Math.round(Math.min(...lateBy) / 1000)} s, last ${Math.round(Math.max(...lateBy) / 1000)} s after the planned instant)`,
    );
    expect(figures.lost).toBe(0);
    expect(figures.unexpected).toBe(0);
    // Nothing went out while the server was down; it all went once it was starting again.
    expect(Math.min(...sink.received.map((m) => m.receivedAt))).toBeGreaterThanOrEqual(restarting);
    // Each workflow records its two notices and stays open for the next ones.
    await forEachLimited(started.started, 10, async (id) => {
      const { history } = await client.workflow.getHandle(id).query(statusQuery);
      expect(history.filter((h) => h.type === 'message' && h.message.delivered)).toHaveLength(2);
    });
    expect(await openWorkflows()).toBe(TASKS);
  }, 360_000);
});
