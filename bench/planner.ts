/**
 * Scenario 6: planCatalog over a 10,000-task catalog for a two-year window.
 * Part of `npm run bench`; alone: `npm run bench:plan` (optionally
 * `-- --tasks N --reps R`).
 *
 * The catalog (generated YAML, checked by validateCatalogText) is shaped like
 * the seed catalog: the seed's reminder policy (P30D, P14D, P7D, P1D at 09:00,
 * overdue every P7D, escalation after P14D, weekends skipped), people in seven
 * zones and six locales, one or two assignees and a manager per task. 60 % of
 * the tasks are one-off, 25 % yearly, 10 % quarterly, 5 % monthly; due dates
 * spread over the window. Catalog v2: five of the eight people have working-day
 * calendars (country and region holidays, a Friday-Saturday weekend), and 5 %
 * of the 60 % one-off share is due on a series of Council sessions instead. Nobody hands anything in, so every occurrence sends
 * overdue notices until the window ends, as the plan's definition says.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DateTime } from 'luxon';
import { planCatalog } from '../src/plan/catalog-plan';
import type { Row } from './results';
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

/** V8's full collection, made callable for the benchmark alone. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export const PLAN_FROM = Date.UTC(2027, 0, 1);
export const PLAN_TO = Date.UTC(2029, 0, 1);

/** Catalog v2 working days: country holidays for four offices, a Friday-Saturday weekend for one. */
const PLANNER_CALENDARS: Record<string, string> = {
  geneva: '{ country: CH, region: GE }',
  cairo: '{ weekend: [fri, sat], country: EG }',
  bangkok: '{ country: TH }',
  moscow: '{ country: RU, holidays: [2027-12-31] }',
};
const CALENDAR_OF: Record<string, string> = {
  secretariat: 'geneva',
  bureau: 'geneva',
  'arab-office': 'cairo',
  regional: 'bangkok',
  cis: 'moscow',
  manager: 'geneva',
};

/** Council sessions twice a year over the window and half a year past it: the series tasks' due dates. */
const PLANNER_EVENTS = Object.fromEntries(
  ['2027-03-16', '2027-09-14', '2028-03-14', '2028-09-12', '2029-03-13'].map((start) => [
    `council-${start.slice(0, 7)}`,
    { title: `Council ${start.slice(0, 7)}`, start, series: 'council' },
  ]),
);

export function plannerCatalogText(n: number): string {
  const people = VARIED_PEOPLE.map((p) =>
    CALENDAR_OF[p.key] ? { ...p, calendar: CALENDAR_OF[p.key] } : p,
  );
  const assignable = people.filter((p) => p.key !== 'manager');
  const start = DateTime.fromMillis(PLAN_FROM, { zone: 'UTC' });
  const tasks: GenTask[] = Array.from({ length: n }, (_, i) => {
    const kind = i % 20; // 0-10 one-off, 11 series, 12-16 yearly, 17-18 quarterly, 19 monthly
    const recurrence =
      kind >= 19
        ? { every: 'P1M', until: '2029-06-30' }
        : kind >= 17
          ? { every: 'P3M', until: '2029-06-30' }
          : kind >= 12
            ? { every: 'P1Y' }
            : undefined;
    // One-off tasks spread over the two years, recurring ones start in the first year.
    const spread = recurrence ? 365 : 730;
    const due = start.plus({ days: (i * 37) % spread }).toISODate()!;
    return {
      id: `task-${i}`,
      clause: `operative ${1 + (i % 60)}`,
      title: `Task ${i} of the benchmark resolution`,
      responsible: 'Secretariat',
      assignees:
        i % 3 === 0
          ? [assignable[i % assignable.length]!.key, assignable[(i + 3) % assignable.length]!.key]
          : [assignable[i % assignable.length]!.key],
      manager: 'manager',
      due,
      ...(kind === 11 ? { series: { name: 'council', offset: `-P${7 + (i % 5) * 7}D` } } : {}),
      ...(recurrence ? { recurrence } : {}),
      deliverables: [{ id: 'report', title: 'The report', kind: 'document' as const }],
      tags: [`group-${i % 9}`],
    };
  });
  return catalogYaml({
    resolutionId: 'bench-plan',
    title: 'Benchmark resolution (planner)',
    timezone: 'Europe/Zurich',
    people,
    defaults: SEED_POLICY,
    tasks,
    calendars: PLANNER_CALENDARS,
    events: PLANNER_EVENTS,
  });
}

export interface PlannerOptions {
  tasks: number;
  reps: number;
  /** Also state the time scaled linearly to this many tasks (the brief's 10,000). */
  extrapolateTo?: number;
}

export async function benchPlanner(options: PlannerOptions): Promise<Row[]> {
  const { tasks: n } = options;
  log(`scenario 6: planner, ${n} tasks, two years, ${options.reps} reps`);
  const text = plannerCatalogText(n);
  const v0 = now();
  const catalog = validatedCatalog(text);
  const validateMs = now() - v0;
  const times: number[] = [];
  let messages = 0;
  let kinds = '';
  for (let rep = 1; rep <= options.reps; rep++) {
    // A full collection first: each repetition pays for its own garbage, not the last one's.
    collectGarbage();
    const t0 = now();
    const plan = planCatalog(catalog, PLAN_FROM, PLAN_TO);
    times.push(now() - t0);
    messages = plan.length;
    const counts = new Map<string, number>();
    for (const m of plan) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
    kinds = [...counts.entries()].map(([k, c]) => `${k} ${formatNumber(c)}`).join(', ');
    log(`  planner rep ${rep}: ${formatMs(times.at(-1)!)} for ${formatNumber(messages)} messages`);
  }
  const t = median(times);
  const target = options.extrapolateTo ?? n;
  const scaled = (t * target) / n;
  const scaledNote =
    target !== n
      ? `measured with ${formatNumber(n)} tasks to fit the time budget, scaled linearly to ${formatNumber(target)} (npm run bench:plan measures ${formatNumber(target)} directly); `
      : '';
  const commands =
    options.extrapolateTo === undefined || target === n ? planCommands(text, options.reps) : [];
  return [
    ...commands,
    {
      id: '6',
      scenario: `Planner: planCatalog of ${formatNumber(target)} tasks over two years (${formatNumber((messages * target) / n)} messages)`,
      engine:
        target !== n ? `~${formatMs(scaled)} (${formatMs(t)} for ${formatNumber(n)})` : formatMs(t),
      baseline: '-',
      ratio: '-',
      goal: '< 1 s',
      met: scaled < 1000,
      notes: `${scaledNote}${formatNumber((messages / t) * 1000)} messages/s (${kinds}); validateCatalogText of the ${formatNumber(text.length / 1024 / 1024, 1)} MiB YAML took ${formatMs(validateMs)} (goal < 1 s: ${validateMs < 1000 ? 'met' : 'NOT met'}; not counted in the planner's time); runs ${times.map(formatMs).join(', ')}`,
    },
  ];
}

/**
 * `mandate plan --json` and `--table` of the catalog as a user runs them: the
 * whole command (start, validation, planning, writing) to /dev/null, timed and
 * its peak resident memory read by /usr/bin/time.
 */
function planCommands(text: string, reps: number): Row[] {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-bench-plan-'));
  try {
    const file = join(dir, 'catalog.yaml');
    writeFileSync(file, text);
    const cli = join(__dirname, '..', 'bin', 'mandate.js');
    const run = (format: string) => {
      const runs: { ms: number; rssMiB: number }[] = [];
      for (let rep = 1; rep <= reps; rep++) {
        const args = [
          '-f',
          '%e %M',
          process.execPath,
          cli,
          'plan',
          file,
          '--from',
          '2027-01-01',
          '--to',
          '2029-01-01',
          format,
        ];
        const result = spawnSync('/usr/bin/time', args, {
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        });
        const [seconds, kib] = (result.stderr.trim().split('\n').at(-1) ?? '')
          .split(' ')
          .map(Number);
        if (result.status !== 0 || !seconds || !kib)
          throw new Error(
            `mandate plan ${format} failed (${result.status}): ${result.stderr.slice(-500)}`,
          );
        runs.push({ ms: seconds * 1000, rssMiB: kib / 1024 });
        log(
          `  mandate plan ${format} rep ${rep}: ${formatMs(runs.at(-1)!.ms)}, peak RSS ${formatNumber(runs.at(-1)!.rssMiB)} MiB`,
        );
      }
      return runs;
    };
    const json = run('--json');
    const table = run('--table');
    const t = median(json.map((r) => r.ms));
    return [
      {
        id: '6b',
        scenario: `mandate plan --json of the same catalog, whole command to /dev/null (${formatNumber(text.length / 1024 / 1024, 1)} MiB of YAML)`,
        engine: formatMs(t),
        baseline: '-',
        ratio: '-',
        goal: '< 5 s',
        met: t < 5000,
        notes: `peak RSS ${json.map((r) => `${formatNumber(r.rssMiB)} MiB`).join(', ')}; runs ${json.map((r) => formatMs(r.ms)).join(', ')}; --table: ${table.map((r) => formatMs(r.ms)).join(', ')}, peak RSS ${table.map((r) => `${formatNumber(r.rssMiB)} MiB`).join(', ')}`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseArgs(argv: string[]): { tasks: number; reps: number } {
  const args = { tasks: 10_000, reps: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--tasks' && value > 0) args.tasks = value;
    else if (argv[i] === '--reps' && value > 0) args.reps = value;
    else throw new Error(`unknown argument ${argv[i]} (expected --tasks N or --reps R)`);
  }
  return args;
}

if (require.main === module) {
  benchPlanner(parseArgs(process.argv.slice(2)))
    .then((rows) => {
      for (const row of rows)
        process.stdout.write(
          `${row.id} ${row.scenario}: ${row.engine} (goal ${row.goal}: ${row.met ? 'met' : 'NOT met'})\n${row.notes}\n`,
        );
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `bench:plan: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    });
}
