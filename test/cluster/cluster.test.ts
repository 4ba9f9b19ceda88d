/**
 * The cluster suite (`npm run test:cluster`, see scripts/cluster/run.sh): a
 * real Temporal server on PostgreSQL at TEMPORAL_ADDRESS, two worker
 * processes (the release's `npm run worker`) on one task queue, a real SMTP sink.
 * A catalog started with startCatalog sends every planned message, both
 * workers take work, listings come from the SQL visibility store, and a
 * hand-in and its review close a task.
 *
 * Runs only with MANDATE_CLUSTER_SUITE=1 and TEMPORAL_ADDRESS (the script sets both).
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { listTasks } from '../../src/client/listing';
import { startCatalog } from '../../src/client/start-catalog';
import { taskActions } from '../../src/client/task-actions';
import { startSmtpSink, type SmtpSink } from '../../src/mail/smtp-sink';
import { ensureSearchAttributes } from '../../src/temporal/search-attributes';
import {
  EventType,
  connectClient,
  deliveryFigures,
  expectedMessages,
  forEachLimited,
  messageIdsIn,
  nextMinute,
  overdueCatalogText,
  parseCatalog,
  removeTempDirs,
  report,
  sleep,
  spawnWorker,
  tempDir,
  waitFor,
  type WorkerProcess,
} from '../faults/support';

const ADDRESS = process.env.TEMPORAL_ADDRESS ?? '';
const ENABLED = process.env.MANDATE_CLUSTER_SUITE === '1' && ADDRESS !== '';
const NAMESPACE = 'default';
const QUEUE = 'cluster-suite';
const RESOLUTION = 'cluster-suite';
const TASKS = 30;

let client: Client;
let sink: SmtpSink;
const workers: WorkerProcess[] = [];

/** The frontend answers, the namespace exists and the project's search attributes are registered. */
async function prepareServer(): Promise<void> {
  await waitFor(
    async () => {
      try {
        client ??= await connectClient(ADDRESS);
        await client.workflowService.getSystemInfo({});
        return true;
      } catch {
        return false;
      }
    },
    `the Temporal server at ${ADDRESS}`,
    120_000,
    1_000,
  );
  const info = await client.workflowService.getSystemInfo({});
  const version = (await client.workflowService.getClusterInfo({})).serverVersion;
  report(
    `cluster: Temporal server ${version} at ${ADDRESS} (capabilities: ${Object.keys(info.capabilities ?? {}).length})`,
  );
  // The server the script built and started, not some other one on the port.
  const wanted = process.env.MANDATE_CLUSTER_SERVER_VERSION;
  if (wanted && version !== wanted)
    throw new Error(`expected Temporal server ${wanted} at ${ADDRESS}, found ${version}`);
  try {
    await client.workflowService.registerNamespace({
      namespace: NAMESPACE,
      workflowExecutionRetentionPeriod: msToTs('3 days'),
    });
    report(`cluster: namespace ${NAMESPACE} registered`);
  } catch (error) {
    if (!/already exists/i.test((error as Error).message)) throw error;
  }
  // A new namespace reaches every service's cache within about ten seconds.
  await waitFor(
    async () => {
      try {
        await ensureSearchAttributes(client, NAMESPACE);
        await client.workflow.count(`WorkflowType = 'taskOccurrenceWorkflow'`);
        return true;
      } catch {
        return false;
      }
    },
    'the namespace and its search attributes',
    60_000,
    1_000,
  );
  const added = await client.connection.operatorService.listSearchAttributes({
    namespace: NAMESPACE,
  });
  report(
    `cluster: custom search attributes ${Object.keys(added.customAttributes ?? {})
      .filter((k) => k.startsWith('Mandate'))
      .sort()
      .join(', ')}`,
  );
}

beforeAll(async () => {
  if (!ENABLED) return;
  await prepareServer();
  sink = await startSmtpSink();
}, 240_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await sink?.close();
  await client?.connection.close();
  removeTempDirs();
});

describe.runIf(ENABLED)('a Temporal cluster on PostgreSQL with two worker processes', () => {
  it('delivers every planned message, and both workers take work', async () => {
    const at = nextMinute(45_000);
    const catalog = parseCatalog(
      overdueCatalogText({
        resolutionId: RESOLUTION,
        tasks: TASKS,
        assigneesPerTask: 2,
        people: 5,
        manager: true,
        at,
      }),
    );
    const from = Date.now();
    const spawn = (n: number) =>
      spawnWorker({
        address: ADDRESS,
        smtpPort: sink.port,
        taskQueue: QUEUE,
        dataDir: tempDir(`cluster-worker-${n}`),
      }).then((worker) => {
        workers.push(worker);
        return worker;
      });
    const [, , started] = await Promise.all([
      spawn(1),
      // Start the second worker a little later so both are polling before any work exists.
      sleep(2_000).then(() => spawn(2)),
      startCatalog(client, catalog, { taskQueue: QUEUE }),
    ]);
    expect(started.started).toHaveLength(TASKS);
    const expected = expectedMessages(catalog, from, at.atMs + 60_000);
    expect(expected.size).toBe(TASKS * 3);
    report(
      `cluster: ${TASKS} workflows started; ${expected.size} messages planned for ${new Date(at.atMs).toISOString()}`,
    );

    // Listings come from the SQL visibility store's search attributes.
    await waitFor(
      async () => (await listTasks(client, { resolution: RESOLUTION })).length === TASKS,
      'the listing from visibility',
      30_000,
      500,
    );
    // A start carries status `open`; each workflow publishes `overdue` on its first task, and
    // visibility shows it a moment later (eventually consistent, like every listing).
    await waitFor(
      async () =>
        (await listTasks(client, { resolution: RESOLUTION, overdue: true })).length === TASKS,
      'every task listed overdue',
      30_000,
      500,
    );

    await waitFor(
      () => new Set(messageIdsIn(sink)).size >= expected.size,
      'every planned message at the sink',
      at.atMs - Date.now() + 120_000,
      500,
    );
    const figures = await deliveryFigures(sink, expected);

    // Who did the work: the identity on each workflow and activity task started.
    const activityTasks = new Map<string, number>();
    const workflowTasks = new Map<string, number>();
    await forEachLimited(started.started, 10, async (workflowId) => {
      const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
      for (const event of events ?? []) {
        const identity =
          event.activityTaskStartedEventAttributes?.identity ??
          event.workflowTaskStartedEventAttributes?.identity;
        if (!identity) continue;
        const counts =
          event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
            ? activityTasks
            : workflowTasks;
        counts.set(identity, (counts.get(identity) ?? 0) + 1);
      }
    });
    const describe = (counts: Map<string, number>) =>
      [...counts.entries()].map(([identity, n]) => `${identity}=${n}`).join(' ');
    report(
      `cluster: delivered=${figures.delivered}/${figures.planned} duplicated=${figures.duplicated} lost=${figures.lost}; workflow tasks by worker: ${describe(workflowTasks)}; activity tasks by worker: ${describe(activityTasks)}`,
    );
    expect(figures.lost).toBe(0);
    expect(figures.unexpected).toBe(0);
    const workerIdentities = [
      ...new Set([...workflowTasks.keys(), ...activityTasks.keys()]),
    ].filter((identity) => identity.endsWith(`@${hostname()}`));
    expect(workerIdentities).toHaveLength(2);
    for (const identity of workerIdentities)
      expect(
        (workflowTasks.get(identity) ?? 0) + (activityTasks.get(identity) ?? 0),
      ).toBeGreaterThan(0);
  }, 300_000);

  it('a hand-in and its acceptance close a task', async () => {
    const [first] = await listTasks(client, { resolution: RESOLUTION });
    expect(first).toBeDefined();
    const workflowId = first!.workflowId;
    await taskActions.submit(client, workflowId, {
      deliverableId: 'summary',
      payload: { kind: 'text', text: 'Handed in on the cluster.' },
      by: 'cluster-suite',
    });
    await taskActions.submit(client, workflowId, {
      deliverableId: 'report',
      payload: {
        kind: 'document',
        sha256: 'c'.repeat(64),
        name: 'report.pdf',
        size: 1024,
        mediaType: 'application/pdf',
      },
      by: 'cluster-suite',
    });
    const view = await taskActions.review(client, workflowId, {
      decision: 'accept',
      by: 'cluster-suite',
    });
    expect(view.status).toBe('completed');
    const result = await client.workflow.getHandle(workflowId).result();
    expect(result).toMatchObject({ status: 'completed' });
    await waitFor(
      async () =>
        (await listTasks(client, { resolution: RESOLUTION, statuses: ['completed'] })).length === 1,
      'the completed task in the listing',
      30_000,
      500,
    );
    report(
      `cluster: ${workflowId} completed after hand-in and review (${result.messagesSent} messages sent)`,
    );
  }, 120_000);
});
