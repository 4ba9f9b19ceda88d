/**
 * `npm run bench:cluster`: the engine at 40,000 open task occurrences on a
 * Temporal server backed by PostgreSQL (persistence and visibility), as
 * `npm run test:cluster` runs it, with two worker processes on a bounded
 * cache. Started by scripts/cluster/run.sh --bench with TEMPORAL_ADDRESS set.
 *
 * Tasks come from generated catalogs of 10,000 one-off tasks each (seed
 * policy, people in seven zones): 30 % due in the past 60 days (overdue once
 * their workflow has run its first task), the rest in the coming year. At
 * 10,000 and again at 40,000 open tasks it measures the dashboard overview
 * (taskOverview: counts by status, overdue, due in 30 days) and `mandate
 * status --overdue` end to end, the time for a change to show in the listing,
 * and the workers' memory. Options: --steps 10000,40000.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import type { Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { listTasks } from '../src/client/listing';
import { taskOverview } from '../src/client/overview';
import { startCatalog } from '../src/client/start-catalog';
import { startSmtpSink } from '../src/mail/smtp-sink';
import { SEARCH_ATTRIBUTES, waiveUpdate } from '../src/shared/workflow-api';
import { ensureSearchAttributes } from '../src/temporal/search-attributes';
import {
  connectClient,
  removeTempDirs,
  spawnWorker,
  tempDir,
  waitFor,
  type WorkerProcess,
} from '../test/faults/support';
import {
  SEED_POLICY,
  VARIED_PEOPLE,
  catalogYaml,
  formatMs,
  formatNumber,
  log,
  median,
  now,
  validatedCatalog,
  type GenTask,
} from './support';

const run = promisify(execFile);
const ADDRESS = process.env.TEMPORAL_ADDRESS ?? '';
const QUEUE = 'bench-cluster';
const CHUNK = 10_000;
const CACHE = 1_000;

interface Step {
  open: number;
  startRate: number;
  settleMs: number;
  overviewMs: number[];
  overviewCounts: string;
  statusMs: number[];
  statusLines: number;
  freshnessMs: number[];
  workerRssMiB: number[];
}

function chunkText(resolution: string, n: number): string {
  const today = DateTime.utc().startOf('day');
  const assignable = VARIED_PEOPLE.filter((p) => p.key !== 'manager');
  const tasks: GenTask[] = Array.from({ length: n }, (_, i) => ({
    id: `task-${i}`,
    clause: `operative ${1 + (i % 40)}`,
    title: `Task ${i} of ${resolution}`,
    responsible: 'Secretariat',
    assignees: [assignable[i % assignable.length]!.key],
    manager: 'manager',
    due:
      i % 10 < 3
        ? today.minus({ days: 1 + (i % 60) }).toISODate()!
        : today.plus({ days: 1 + (i % 365) }).toISODate()!,
    deliverables: [{ id: 'report', title: 'The report', kind: 'document' }],
    tags: [`group-${i % 7}`],
  }));
  return catalogYaml({
    resolutionId: resolution,
    title: `Cluster benchmark ${resolution}`,
    timezone: 'Europe/Zurich',
    people: VARIED_PEOPLE,
    defaults: SEED_POLICY,
    tasks,
  });
}

async function prepare(client: Client): Promise<void> {
  try {
    await client.workflowService.registerNamespace({
      namespace: 'default',
      workflowExecutionRetentionPeriod: msToTs('3 days'),
    });
  } catch (error) {
    if (!/already exists/i.test((error as Error).message)) throw error;
  }
  let added = false;
  await waitFor(
    async () => {
      try {
        added ||= (await ensureSearchAttributes(client, 'default')).length > 0;
        await client.workflow.count(
          `WorkflowType = 'taskOccurrenceWorkflow' AND ${SEARCH_ATTRIBUTES.status.name} = 'open'`,
        );
        return true;
      } catch {
        return false;
      }
    },
    'the namespace and its search attributes',
    120_000,
    1_000,
  );
  // The bench's server reads search attributes from a cache refreshed every 60 s (unlike the
  // suite's, which rereads them on every call): every service must know them before a start.
  if (added) await new Promise((resolve) => setTimeout(resolve, 61_000));
}

/** Resident memory of a worker's process group, MiB. */
async function groupRssMiB(pid: number): Promise<number> {
  const { stdout } = await run('ps', ['-o', 'rss=', '-g', String(pid)]);
  const kib = stdout
    .split('\n')
    .map(Number)
    .filter((n) => n > 0);
  return Math.max(...kib) / 1024;
}

async function measure(client: Client, open: number, overdue: number, resolutions: string[]) {
  // Settled when visibility shows every late task overdue: the workers ran their first tasks.
  const s0 = now();
  await waitFor(
    async () =>
      (
        await client.workflow.count(
          `WorkflowType = 'taskOccurrenceWorkflow' AND MandateStatus = 'overdue'`,
        )
      ).count >= overdue,
    `${overdue} overdue in visibility`,
    3_600_000,
    2_000,
  );
  const settleMs = now() - s0;
  const overviewMs: number[] = [];
  let overviewCounts = '';
  for (let rep = 0; rep < 5; rep++) {
    const t0 = now();
    const o = await taskOverview(client, {}, Date.now());
    overviewMs.push(now() - t0);
    overviewCounts = `open ${o.counts.open}, overdue ${o.counts.overdue} (listed ${o.overdue.listings.length}), due in 30 days ${o.soon.total} (listed ${o.soon.listings.length}), total ${o.total}`;
  }
  const statusMs: number[] = [];
  let statusLines = 0;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = now();
    const { stdout } = await run('node', ['bin/mandate.js', 'status', '--overdue', '--json'], {
      env: { ...process.env, TEMPORAL_ADDRESS: ADDRESS },
      maxBuffer: 1 << 30,
    });
    statusMs.push(now() - t0);
    statusLines = (JSON.parse(stdout) as unknown[]).length;
  }
  const freshnessMs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const resolution = resolutions[k % resolutions.length]!;
    const task = `task-${3 + 10 * (k + Math.floor(open / 1000))}`; // a future one (i % 10 >= 3)
    const [listing] = await listTasks(client, { resolution, task });
    if (!listing) throw new Error(`no listing for ${resolution}/${task}`);
    const t0 = now();
    await client.workflow
      .getHandle(listing.workflowId)
      .executeUpdate(waiveUpdate, { args: [{ by: 'bench', reason: 'freshness sample' }] });
    await waitFor(
      async () => (await listTasks(client, { resolution, task }))[0]?.status === 'waived',
      'the waiver in the listing',
      60_000,
      20,
    );
    freshnessMs.push(now() - t0);
  }
  return { settleMs, overviewMs, overviewCounts, statusMs, statusLines, freshnessMs };
}

async function main(): Promise<void> {
  if (!ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set: run npm run bench:cluster');
  const stepsArg = process.argv.indexOf('--steps');
  const steps = (stepsArg > 0 ? process.argv[stepsArg + 1]! : '10000,40000').split(',').map(Number);
  const client = await connectClient(ADDRESS);
  await prepare(client);
  const version = (await client.workflowService.getClusterInfo({})).serverVersion;
  const sink = await startSmtpSink();
  process.env.MANDATE_MAX_CACHED_WORKFLOWS = String(CACHE);
  const workers: WorkerProcess[] = [];
  const results: Step[] = [];
  const load0 = (await run('cat', ['/proc/loadavg'])).stdout.split(' ')[0];
  try {
    for (let i = 0; i < 2; i++) {
      workers.push(
        await spawnWorker({
          address: ADDRESS,
          smtpPort: sink.port,
          taskQueue: QUEUE,
          dataDir: tempDir(`bench-cluster-worker-${i}`),
        }),
      );
    }
    let open = 0;
    const resolutions: string[] = [];
    for (const target of steps) {
      let startMs = 0;
      let started = 0;
      while (open < target) {
        const resolution = `cluster-${String.fromCharCode(97 + resolutions.length)}`;
        const catalog = validatedCatalog(chunkText(resolution, CHUNK));
        log(
          `cluster: starting ${resolution} (${formatNumber(CHUNK)} tasks, ${formatNumber(open)} open)`,
        );
        const t0 = now();
        const report = await startCatalog(client, catalog, {
          taskQueue: QUEUE,
          concurrency: 32,
          onProgress: (done, total) => {
            if (done % 2000 === 0) log(`  ${done}/${total}`);
          },
        });
        startMs += now() - t0;
        started += report.started.length;
        resolutions.push(resolution);
        open += CHUNK;
      }
      log(`cluster: ${formatNumber(open)} open; measuring`);
      const figures = await measure(client, open, Math.round(open * 0.3), resolutions);
      const workerRssMiB = await Promise.all(workers.map((w) => groupRssMiB(w.pid)));
      results.push({
        open,
        startRate: (started / startMs) * 1000,
        workerRssMiB,
        ...figures,
      });
      log(`  ${JSON.stringify(results.at(-1))}`);
    }
  } finally {
    for (const worker of workers) await worker.stop();
    await sink.close();
    await client.connection.close();
    removeTempDirs();
  }
  const load1 = (await run('cat', ['/proc/loadavg'])).stdout.split(' ')[0];
  const lines = [
    `# npm run bench:cluster (${new Date().toISOString()}, Temporal server ${version} on PostgreSQL, two workers with maxCachedWorkflows ${CACHE}, load ${load0} -> ${load1})`,
    '',
    '| open tasks | start rate (startCatalog, 32 at a time) | settled (last first task done) | overview (taskOverview) median | `mandate status --overdue --json` median | change -> listing median | worker RSS (each) | notes |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${formatNumber(r.open)} | ${formatNumber(r.startRate)}/s | ${formatMs(r.settleMs)} | ${formatMs(median(r.overviewMs))} | ${formatMs(median(r.statusMs))} (${formatNumber(r.statusLines)} tasks) | ${formatMs(median(r.freshnessMs))} | ${r.workerRssMiB.map((m) => `${formatNumber(m)} MiB`).join(', ')} | overview runs ${r.overviewMs.map(formatMs).join(', ')} (${r.overviewCounts}); status runs ${r.statusMs.map(formatMs).join(', ')}; freshness ${r.freshnessMs.map(formatMs).join(', ')} |`,
    ),
  ];
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/cluster-latest.md', lines.join('\n') + '\n');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cluster: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
