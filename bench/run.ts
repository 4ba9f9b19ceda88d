/**
 * `npm run bench`: the engine against minimal Temporal baselines on one
 * embedded dev server. Progress goes to stderr; the result table to stdout
 * and bench/results/latest.md. See bench/README.md.
 *
 *   npm run bench                      every scenario
 *   npm run bench -- --only 1,3        some scenarios
 *   npm run bench -- --reps 5          more alternating repetitions (default 3)
 *   npm run bench -- --full            the brief's sizes (much longer)
 *   npm run bench -- --smoke           tiny sizes: checks the harness, numbers mean nothing
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { installRuntime } from '../src/temporal/runtime';
import { startEnvironment, type BenchEnvironment } from './environment';
import { markdownTable, type Row } from './results';
import { benchPlanner } from './planner';
import { benchHistory } from './scenario-history';
import { benchListingAndMemory } from './scenario-listing';
import { benchMail } from './scenario-mail';
import { benchDevServerStorage, benchStarts } from './scenario-starts';
import { log } from './support';

interface Args {
  only: Set<string>;
  reps: number;
  sizes: 'reduced' | 'full' | 'smoke';
}

function parseArgs(argv: string[]): Args {
  const args: Args = { only: new Set(['1', '2', '3', '4', '5', '6']), reps: 3, sizes: 'reduced' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--only' && value) {
      args.only = new Set(value.split(',').map((s) => s.trim()));
      i++;
    } else if (flag === '--reps' && value) {
      args.reps = Math.max(3, Number(value));
      i++;
    } else if (flag === '--full') args.sizes = 'full';
    else if (flag === '--smoke') args.sizes = 'smoke';
    else
      throw new Error(
        `unknown argument ${flag} (expected --only 1,2,..., --reps N, --full or --smoke)`,
      );
  }
  return args;
}

/**
 * Sizes. The default set measures the starts and the listing at the sizes
 * their goals name (2,000 and 5,000) and keeps the mail bursts small, about
 * a quarter of an hour on this 2-core machine; `--full` also sends the brief's 2,000
 * mail tasks. README.md lists both.
 */
const SIZES = {
  reduced: {
    starts: 2000,
    mailTasks: 250,
    listing: 5000,
    listingFirst: 1000,
    smallCache: 100,
    smallCacheQueries: 1000,
    plannerTasks: 10_000,
    recurrences: 26,
    storageStarts: 500,
  },
  full: {
    starts: 2000,
    mailTasks: 2000,
    listing: 5000,
    listingFirst: 1000,
    smallCache: 100,
    smallCacheQueries: 5000,
    plannerTasks: 10_000,
    recurrences: 26,
    storageStarts: 2000,
  },
  /** A quick check that the harness works; the numbers mean nothing. */
  smoke: {
    starts: 50,
    mailTasks: 20,
    listing: 200,
    listingFirst: 100,
    smallCache: 20,
    smallCacheQueries: 100,
    plannerTasks: 100,
    recurrences: 13,
    storageStarts: 50,
  },
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const want = (id: string) => args.only.has(id);
  const size = SIZES[args.sizes];
  installRuntime('ERROR');
  const t0 = Date.now();
  const loadStart = loadavg()[0]!;
  const rows: Row[] = [];
  let env: BenchEnvironment | undefined;
  // Ctrl-C: stop the dev server and the child processes before leaving.
  const interrupted = () => {
    log('interrupted: stopping the dev server and child processes');
    void (env?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    if (want('6'))
      rows.push(
        ...(await benchPlanner({
          tasks: size.plannerTasks,
          reps: args.reps,
          extrapolateTo: 10_000,
        })),
      );
    if (want('5')) rows.push(...(await benchHistory({ recurrences: size.recurrences })));
    if (want('1') || want('2') || want('3') || want('4')) {
      env = await startEnvironment();
      if (want('1'))
        rows.push(
          ...(await benchStarts(env, { tasks: size.starts, reps: args.reps, concurrency: 32 })),
        );
      if (want('2'))
        rows.push(
          ...(await benchMail(env, {
            tasks: size.mailTasks,
            reps: args.reps,
            concurrency: 32,
            // Room for a burst to drain before the next one (about 40 messages a second here).
            gapMs: Math.max(30_000, Math.ceil((size.mailTasks * 4) / 40 / 30) * 30_000),
          })),
        );
      if (want('3') || want('4'))
        rows.push(
          ...(await benchListingAndMemory(env, {
            first: size.listingFirst,
            total: size.listing,
            reps: args.reps,
            concurrency: 32,
            smallCache: size.smallCache,
            smallCacheQueries: size.smallCacheQueries,
            waiveSamples: 5,
          })),
        );
      await env.close();
      env = undefined;
    }
    if (want('1'))
      rows.push(...(await benchDevServerStorage({ starts: size.storageStarts, reps: 2 })));
  } finally {
    await env?.close();
  }
  rows.sort((a, b) => a.id.localeCompare(b.id));
  const minutes = ((Date.now() - t0) / 60_000).toFixed(1);
  const cpu = cpus();
  const text = [
    `# mandate-tracker benchmark`,
    '',
    `${new Date(t0).toISOString()}; ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${args.reps} alternating repetitions per comparison; whole run ${minutes} min; load average (1 min) ${loadStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
    '',
    markdownTable(rows),
    '',
  ].join('\n');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.md'), text);
  process.stdout.write(text);
  log(`done in ${minutes} min; table written to bench/results/latest.md`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
