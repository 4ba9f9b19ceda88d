/**
 * Scenario 1: startCatalog of an N-task catalog against N client.workflow.start
 * calls of a trivial workflow, same client, same concurrency, alternately.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DateTime } from 'luxon';
import { startCatalog } from '../src/client/start-catalog';
import { SQLITE_STORAGE, type SqliteStorage } from '../src/config/config';
import { firstDueDate } from '../src/plan/occurrences';
import { occurrenceWorkflowId } from '../src/shared/workflow-api';
import { sqlitePragmaFlags } from '../src/start/dev-server';
import { temporalCliPath } from '../src/temporal/binaries';
import { BASELINE_QUEUE, ENGINE_QUEUE, type BenchEnvironment } from './environment';
import type { Row } from './results';
import {
  SEED_POLICY,
  VARIED_PEOPLE,
  catalogYaml,
  forEachLimited,
  freePort,
  formatMs,
  formatNumber,
  log,
  median,
  now,
  reducedNote,
  firstTasksDone,
  validatedCatalog,
  waitFor,
  type GenTask,
} from './support';

export interface StartsOptions {
  tasks: number;
  reps: number;
  concurrency: number;
}

/** N one-off tasks (task-FIRST ...) due 40 to 404 days from today, in the seed catalog's shape. */
export function startsCatalogText(resolutionId: string, n: number, first = 0): string {
  const today = DateTime.utc().startOf('day');
  const assignable = VARIED_PEOPLE.filter((p) => p.key !== 'manager');
  const tasks: GenTask[] = Array.from({ length: n }, (_, k) => k + first).map((i) => ({
    id: `task-${i}`,
    clause: `operative ${1 + (i % 40)} ${String.fromCharCode(97 + (i % 26))})`,
    title: `Report number ${i} on the implementation of the resolution`,
    responsible: 'Secretariat',
    assignees:
      i % 3 === 0
        ? [assignable[i % assignable.length]!.key, assignable[(i + 1) % assignable.length]!.key]
        : [assignable[i % assignable.length]!.key],
    manager: 'manager',
    due: today.plus({ days: 40 + (i % 365) }).toISODate()!,
    deliverables:
      i % 2 === 0
        ? [
            { id: 'report', title: 'The report', kind: 'document' },
            { id: 'summary', title: 'Summary', kind: 'text', required: false },
          ]
        : [{ id: 'page', title: 'Web page', kind: 'link' }],
    tags: [`group-${i % 7}`],
  }));
  return catalogYaml({
    resolutionId,
    title: 'Benchmark resolution (starts)',
    timezone: 'Europe/Zurich',
    people: VARIED_PEOPLE,
    defaults: SEED_POLICY,
    tasks,
  });
}

export async function benchStarts(env: BenchEnvironment, options: StartsOptions): Promise<Row[]> {
  const { client } = env;
  const { tasks: n, concurrency } = options;
  const engine = { starts: [] as number[], settle: [] as number[] };
  const baseline = { starts: [] as number[], settle: [] as number[] };

  const runEngine = async (rep: number) => {
    const resolutionId = `bench-starts-e${rep}`;
    const catalog = validatedCatalog(startsCatalogText(resolutionId, n));
    const t0 = now();
    const report = await startCatalog(client, catalog, { taskQueue: ENGINE_QUEUE, concurrency });
    const started = now() - t0;
    if (report.started.length !== n)
      throw new Error(`startCatalog started ${report.started.length} of ${n}`);
    const handles = catalog.tasks.map((t) =>
      client.workflow.getHandle(occurrenceWorkflowId(resolutionId, t.id, firstDueDate(catalog, t))),
    );
    await firstTasksDone(handles);
    const total = now() - t0;
    engine.starts.push(started);
    engine.settle.push(total);
    log(`  starts rep ${rep} engine: ${formatMs(started)} to start, ${formatMs(total)} settled`);
  };

  const runBaseline = async (rep: number) => {
    const ids = Array.from({ length: n }, (_, i) => `bench-starts-b${rep}/task-${i}`);
    const handles: WorkflowHandle[] = [];
    const t0 = now();
    await forEachLimited(ids, concurrency, async (workflowId) => {
      handles.push(
        await client.workflow.start('baselineWaitWorkflow', {
          workflowId,
          taskQueue: BASELINE_QUEUE,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [],
        }),
      );
    });
    const started = now() - t0;
    await firstTasksDone(ids.map((id) => client.workflow.getHandle(id)));
    const total = now() - t0;
    baseline.starts.push(started);
    baseline.settle.push(total);
    log(`  starts rep ${rep} baseline: ${formatMs(started)} to start, ${formatMs(total)} settled`);
  };

  log(`scenario 1: starts, ${n} workflows, concurrency ${concurrency}, ${options.reps} reps`);
  for (let rep = 1; rep <= options.reps; rep++) {
    // ABBA order, so a drift over the run does not favour one side.
    if (rep % 2 === 1) {
      await runEngine(rep);
      await runBaseline(rep);
    } else {
      await runBaseline(rep);
      await runEngine(rep);
    }
  }

  env.setupRate = (n / Math.max(median(engine.settle), median(baseline.settle))) * 1000;
  const e = median(engine.starts);
  const b = median(baseline.starts);
  const es = median(engine.settle);
  const bs = median(baseline.settle);
  const rate = (ms: number) => `${formatNumber((n / ms) * 1000)}/s`;
  return [
    {
      id: '1a',
      scenario: `Starts: startCatalog of ${formatNumber(n)} tasks vs ${formatNumber(n)} minimal workflow starts (concurrency ${concurrency})`,
      engine: `${formatMs(e)} (${rate(e)})`,
      baseline: `${formatMs(b)} (${rate(b)})`,
      ratio: (b / e).toFixed(2),
      goal: '>= 0.9',
      met: b / e >= 0.9,
      notes: `${reducedNote(n, 2000)}ratio = baseline time / engine time; runs: engine ${engine.starts.map(formatMs).join(', ')}; baseline ${baseline.starts.map(formatMs).join(', ')}`,
    },
    {
      id: '1b',
      scenario: 'Starts until every workflow has finished its first workflow task',
      engine: `${formatMs(es)} (${rate(es)})`,
      baseline: `${formatMs(bs)} (${rate(bs)})`,
      ratio: (bs / es).toFixed(2),
      goal: '(info)',
      notes: 'same runs as 1a, measured until the last 10 started workflows wait on their timer',
    },
  ];
}

/**
 * Info: the raw start rate (no worker) of the dev server under each of
 * `MANDATE_DEV_SQLITE`'s settings (src/start/dev-server.ts): the project's
 * temporal CLI started the way startDevServer starts it, with that setting's
 * `--sqlite-pragma` flags, in alternating order.
 */
export async function benchDevServerStorage(options: {
  starts: number;
  reps: number;
}): Promise<Row[]> {
  log(
    `dev server storage: ${options.starts} starts without a worker, ${SQLITE_STORAGE.join(', ')}`,
  );
  const results = Object.fromEntries(SQLITE_STORAGE.map((s) => [s, [] as number[]])) as Record<
    SqliteStorage,
    number[]
  >;
  for (let rep = 1; rep <= options.reps; rep++) {
    const order = rep % 2 === 1 ? [...SQLITE_STORAGE] : [...SQLITE_STORAGE].reverse();
    for (const variant of order) {
      const server = await spawnDevServer(sqlitePragmaFlags(variant));
      try {
        const client = new Client({
          connection: await Connection.connect({ address: server.address }),
        });
        const ids = Array.from({ length: options.starts }, (_, i) => `storage-${i}`);
        const t0 = now();
        await forEachLimited(ids, 32, async (workflowId) => {
          await client.workflow.start('baselineWaitWorkflow', {
            workflowId,
            taskQueue: 'nobody',
            args: [],
          });
        });
        results[variant].push(now() - t0);
        await client.connection.close();
      } finally {
        await server.stop();
      }
      log(`  storage rep ${rep} ${variant}: ${formatMs(results[variant].at(-1)!)}`);
    }
  }
  const rate = (ms: number) => `${formatNumber((options.starts / ms) * 1000)}/s`;
  const rollback = median(results.rollback);
  return [
    {
      id: '1c',
      scenario: `Dev server storage: ${formatNumber(options.starts)} bare starts, no worker, for each MANDATE_DEV_SQLITE setting`,
      engine: SQLITE_STORAGE.map((s) => `${s} ${rate(median(results[s]))}`).join(', '),
      baseline: `rollback ${formatMs(rollback)}`,
      ratio: SQLITE_STORAGE.map((s) => `${s} ${(rollback / median(results[s])).toFixed(2)}`).join(
        ', ',
      ),
      goal: '(info)',
      notes: `ratio = rollback time / setting's time (higher is faster); wal = journal_mode=wal + synchronous=normal (the default), wal-full = journal_mode=wal + synchronous=full, rollback = SQLite's defaults (rollback journal, synchronous=FULL); runs ${SQLITE_STORAGE.map((s) => `${s} ${results[s].map(formatMs).join('/')}`).join('; ')}`,
    },
  ];
}

async function spawnDevServer(
  extra: string[],
): Promise<{ address: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mandate-bench-storage-'));
  const port = await freePort();
  const child = spawn(
    temporalCliPath(),
    [
      'server',
      'start-dev',
      '--db-filename',
      join(dataDir, 'temporal.db'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--log-level',
      'error',
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `127.0.0.1:${port}`;
  await waitFor(
    `dev server on ${address}`,
    async () => {
      try {
        const connection = await Connection.connect({ address, connectTimeout: 1000 });
        await connection.workflowService.getSystemInfo({});
        await connection.close();
        return true;
      } catch {
        return undefined;
      }
    },
    60_000,
    300,
  );
  return {
    address,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
