/**
 * Scenarios 3 and 4 share one population of task-occurrence workflows,
 * started with startCatalog onto a task queue served by a worker in a child
 * process (bench/memory-worker.ts):
 *
 *  4: heap per cached workflow at 1,000 and at N open workflows (a cache big
 *     enough for all), then in a fresh worker with a small cache.
 *  3: the status of all N from one visibility listing (listTasks) against one
 *     status query per workflow, alternately; and how long a waive takes to
 *     show in the listing.
 */
import { getHeapStatistics } from 'node:v8';
import { listTasks, type TaskListing } from '../src/client/listing';
import { startCatalog } from '../src/client/start-catalog';
import { firstDueDate } from '../src/plan/occurrences';
import type { ListedStatus, TaskStatus } from '../src/shared/task-state';
import { occurrenceWorkflowId, statusQuery, waiveUpdate } from '../src/shared/workflow-api';
import { forkChild, type Child } from './children';
import type { BenchEnvironment } from './environment';
import type { MemoryReply, MemoryRequest, MemoryWorkerArgs } from './memory-worker';
import type { Row } from './results';
import { startsCatalogText } from './scenario-starts';
import {
  forEachLimited,
  formatKiB,
  formatMiB,
  formatMs,
  formatNumber,
  log,
  median,
  now,
  reducedNote,
  sleep,
  validatedCatalog,
  waitFor,
} from './support';

export interface ListingOptions {
  /** Open workflows at the first memory measurement. */
  first: number;
  /** Open workflows in all. */
  total: number;
  reps: number;
  concurrency: number;
  smallCache: number;
  /** Workflows queried through the small-cache worker. */
  smallCacheQueries: number;
  waiveSamples: number;
}

const QUEUE = 'bench-listing';
const RESOLUTION = 'bench-list';

type MemoryChild = Child<MemoryRequest, MemoryReply>;

async function startMemoryWorker(
  env: BenchEnvironment,
  maxCachedWorkflows: number,
  heapMiB: number,
): Promise<{ child: MemoryChild; maxCachedWorkflows: number }> {
  const args: MemoryWorkerArgs = {
    address: env.address,
    taskQueue: QUEUE,
    maxCachedWorkflows,
    bundleFile: env.engineBundleFile,
    sinkPort: env.sinkPort,
    threaded: false,
  };
  const child = forkChild<MemoryRequest, MemoryReply>(
    'memory-worker.ts',
    [JSON.stringify(args)],
    ['--expose-gc', `--max-old-space-size=${heapMiB}`],
  );
  const ready = await child.next('ready', 120_000);
  return { child, maxCachedWorkflows: ready.maxCachedWorkflows };
}

/** Waits until the child worker holds `cached` workflows and has nothing in flight. */
async function cachedAndIdle(child: MemoryChild, cached: number): Promise<void> {
  let idleSince: number | undefined;
  await waitFor(
    `${cached} cached workflows`,
    async () => {
      const status = await child.ask({ type: 'status' }, 'status');
      if (status.cached >= cached && status.inFlight === 0) {
        idleSince ??= Date.now();
        return Date.now() - idleSince > 1000 ? true : undefined;
      }
      idleSince = undefined;
      return undefined;
    },
    900_000,
    250,
  );
}

function workflowIds(text: string): string[] {
  const catalog = validatedCatalog(text);
  return catalog.tasks.map((t) => occurrenceWorkflowId(RESOLUTION, t.id, firstDueDate(catalog, t)));
}

async function startPart(
  env: BenchEnvironment,
  text: string,
  concurrency: number,
): Promise<number> {
  const catalog = validatedCatalog(text);
  const t0 = now();
  const report = await startCatalog(env.client, catalog, { taskQueue: QUEUE, concurrency });
  if (report.started.length !== catalog.tasks.length)
    throw new Error(`started ${report.started.length} of ${catalog.tasks.length}`);
  return now() - t0;
}

function statusCounts(statuses: ListedStatus[]): string {
  const counts = new Map<string, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()]
    .sort()
    .map(([s, c]) => `${s} ${c}`)
    .join(', ');
}

export async function benchListingAndMemory(
  env: BenchEnvironment,
  options: ListingOptions,
): Promise<Row[]> {
  const { client } = env;
  const rows: Row[] = [];
  const n = options.total;
  const firstText = startsCatalogText(RESOLUTION, options.first);
  const restText = startsCatalogText(RESOLUTION, n - options.first, options.first);
  const ids = [...workflowIds(firstText), ...workflowIds(restText)];

  // ---- 4: memory with a cache big enough for every workflow
  log(`scenarios 3 and 4: ${n} task workflows on a worker in a child process`);
  const heapMiB = 8192;
  let { child } = await startMemoryWorker(env, n + 1000, heapMiB);
  const empty = await child.ask({ type: 'measure' }, 'measure');
  log(`  memory: worker ready, heap ${formatMiB(empty.heapUsed)}, rss ${formatMiB(empty.rss)}`);
  const startFirst = await startPart(env, firstText, options.concurrency);
  await cachedAndIdle(child, options.first);
  const atFirst = await child.ask({ type: 'measure' }, 'measure');
  log(
    `  memory: ${options.first} started in ${formatMs(startFirst)}; heap ${formatMiB(atFirst.heapUsed)}, rss ${formatMiB(atFirst.rss)}`,
  );
  const startRest = await startPart(env, restText, options.concurrency);
  await cachedAndIdle(child, n);
  const atTotal = await child.ask({ type: 'measure' }, 'measure');
  log(
    `  memory: ${n} started (${formatMs(startRest)} for the last ${n - options.first}); heap ${formatMiB(atTotal.heapUsed)}, rss ${formatMiB(atTotal.rss)}`,
  );
  const perFirst = (atFirst.heapUsed - empty.heapUsed) / atFirst.cached;
  const perTotal = (atTotal.heapUsed - empty.heapUsed) / atTotal.cached;
  const rssFirst = (atFirst.rss - empty.rss) / atFirst.cached;
  const rssTotal = (atTotal.rss - empty.rss) / atTotal.cached;

  // ---- 3: listing vs one query per workflow
  await waitFor(
    `${n} workflows in visibility`,
    async () =>
      (await listTasks(client, { resolution: RESOLUTION })).length >= n ? true : undefined,
    300_000,
    1000,
  );
  const listMs: number[] = [];
  const queryMs: number[] = [];
  let listed: TaskListing[] = [];
  let queried: TaskStatus[] = [];
  const runListing = async () => {
    const t0 = now();
    listed = await listTasks(client, { resolution: RESOLUTION });
    listMs.push(now() - t0);
    if (listed.length !== n) throw new Error(`the listing has ${listed.length} of ${n}`);
  };
  const runQueries = async () => {
    const statuses: TaskStatus[] = [];
    const t0 = now();
    await forEachLimited(ids, options.concurrency, async (id) => {
      const view = await client.workflow.getHandle(id).query(statusQuery);
      statuses.push(view.status);
    });
    queryMs.push(now() - t0);
    queried = statuses;
  };
  for (let rep = 1; rep <= options.reps; rep++) {
    if (rep % 2 === 1) {
      await runListing();
      await runQueries();
    } else {
      await runQueries();
      await runListing();
    }
    log(
      `  listing rep ${rep}: listTasks ${formatMs(listMs.at(-1)!)}, ${n} status queries ${formatMs(queryMs.at(-1)!)}`,
    );
  }
  const sameCounts = statusCounts(listed.map((l) => l.status)) === statusCounts(queried);
  const l = median(listMs);
  const q = median(queryMs);
  rows.push({
    id: '3a',
    scenario: `Manager listing: status of ${formatNumber(n)} task workflows, one listTasks vs one status query per workflow (concurrency ${options.concurrency})`,
    engine: `${formatMs(l)}`,
    baseline: `${formatMs(q)} (${formatNumber((n / q) * 1000)} queries/s)`,
    ratio: `${(q / l).toFixed(1)}x`,
    goal: '>= 20x',
    met: q / l >= 20 && sameCounts,
    notes: `${reducedNote(n, 5000)}ratio = query time / listing time; every query answered from the worker's cache; statuses agree: ${sameCounts ? 'yes' : 'NO'} (${statusCounts(queried)}); runs listing ${listMs.map(formatMs).join(', ')}, queries ${queryMs.map(formatMs).join(', ')}`,
  });

  // ---- 3: how long a waive takes to show in the listing
  const updateMs: number[] = [];
  const visibleMs: number[] = [];
  for (let i = 0; i < options.waiveSamples; i++) {
    const id = ids[Math.floor((i * ids.length) / options.waiveSamples)]!;
    const task = id.split('/')[1]!;
    const t0 = now();
    await client.workflow.getHandle(id).executeUpdate(waiveUpdate, {
      args: [{ by: 'bench', reason: 'benchmark: visibility latency' }],
    });
    const t1 = now();
    await waitFor(
      `${id} waived in the listing`,
      async () => {
        const [row] = await listTasks(client, { resolution: RESOLUTION, task });
        return row?.status === 'waived' ? true : undefined;
      },
      60_000,
      20,
    );
    const t2 = now();
    updateMs.push(t1 - t0);
    visibleMs.push(t2 - t0);
  }
  rows.push({
    id: '3b',
    scenario: 'Listing freshness: a waive (update) until listTasks shows it',
    engine: `${formatMs(median(visibleMs))}`,
    baseline: '-',
    ratio: '-',
    goal: '(info)',
    notes: `update call ${formatMs(median(updateMs))}, the rest is polling listTasks (20 ms interval) until the search attribute shows; samples ${visibleMs.map(formatMs).join(', ')}`,
  });

  // ---- 4: a fresh worker with a small cache
  await child.stop();
  // Let the server notice the old worker's sticky queue is gone.
  await sleep(2000);
  const small = await startMemoryWorker(env, options.smallCache, 2048);
  child = small.child;
  const smallEmpty = await child.ask({ type: 'measure' }, 'measure');
  const subset = ids.slice(0, options.smallCacheQueries);
  const t0 = now();
  await forEachLimited(subset, options.concurrency, async (id) => {
    await client.workflow.getHandle(id).query(statusQuery);
  });
  const smallQueryMs = now() - t0;
  await cachedAndIdle(child, Math.min(options.smallCache, subset.length));
  const smallFull = await child.ask({ type: 'measure' }, 'measure');
  await child.stop();
  const perSmall = (smallFull.heapUsed - smallEmpty.heapUsed) / Math.max(1, smallFull.cached);
  log(
    `  memory: small cache ${options.smallCache}: ${subset.length} queries (each replays) in ${formatMs(smallQueryMs)}; heap ${formatMiB(smallEmpty.heapUsed)} -> ${formatMiB(smallFull.heapUsed)} with ${smallFull.cached} cached`,
  );

  const MiB = 1024 * 1024;
  rows.push(
    {
      id: '4a',
      scenario: `Worker heap per cached workflow, ${formatNumber(options.first)} open workflows`,
      engine: formatKiB(perFirst),
      baseline: '-',
      ratio: '-',
      goal: '<= 1 MB',
      met: perFirst <= MiB,
      notes: `(heapUsed after full GC - heapUsed of the idle worker) / cached workflows; RSS ${formatKiB(rssFirst)} per workflow; worker in debugMode so the sandbox is on the measured heap`,
    },
    {
      id: '4b',
      scenario: `Worker heap per cached workflow, ${formatNumber(n)} open workflows`,
      engine: formatKiB(perTotal),
      baseline: '-',
      ratio: '-',
      goal: '<= 1 MB',
      met: perTotal <= MiB,
      notes: `${reducedNote(n, 5000)}heap ${formatMiB(empty.heapUsed)} idle -> ${formatMiB(atTotal.heapUsed)}; RSS ${formatKiB(rssTotal)} per workflow (includes the Rust core's cache); createMandateWorker's default cache on this machine would hold ${formatNumber(defaultCacheSize())}`,
    },
    {
      id: '4c',
      scenario: `Worker heap per cached workflow, maxCachedWorkflows ${options.smallCache} (${formatNumber(subset.length)} of ${formatNumber(n)} workflows queried)`,
      engine: formatKiB(perSmall),
      baseline: '-',
      ratio: '-',
      goal: '<= 1 MB',
      met: perSmall <= MiB,
      notes: `heap ${formatMiB(smallEmpty.heapUsed)} -> ${formatMiB(smallFull.heapUsed)} with ${smallFull.cached} cached; the ${formatNumber(subset.length)} status queries took ${formatMs(smallQueryMs)} (${formatNumber((subset.length / smallQueryMs) * 1000)}/s) because each one replays the history`,
    },
  );
  return rows;
}

/** The SDK's default maxCachedWorkflows for this process's heap limit (reuseV8Context). */
function defaultCacheSize(): number {
  const heapSizeMiB = getHeapStatistics().heap_size_limit / 1024 / 1024;
  return Math.max(Math.floor((Math.max(heapSizeMiB - 200, 0) * 600) / 1024), 10);
}
