/**
 * Scenario 2: mail throughput in real time on the dev server.
 *
 * A reminder's instant is `sendAt` (a wall time, whole minutes) on the date
 * `due - offset` in the recipient's zone, so the reminders of one recipient
 * are whole days apart, and no choice of zones brings two offsets of one task
 * closer than 15 minutes (or puts more than two at the same instant). The
 * catalog therefore gives every task four reminder offsets (P1D..P4D) and four
 * assignees in UTC, and a due date the day after the next whole minute T:
 * P1D falls at T for each of the four assignees, P2D..P4D fall before the
 * workflow starts and are skipped (rule 7). Four messages per task, all at
 * T: a burst that measures how fast the engine drains a backlog.
 *
 * The baseline does the same with one timer per distinct instant and one
 * no-op activity per message. Throughput = messages / (last delivery - T).
 * Every population (engine and baseline, each repetition) is started first
 * and parks on its timer; then the bursts come one at a time, engine at whole
 * minutes (T must be a whole minute), baseline half-way between: engine,
 * baseline, engine, baseline, ... A burst that has not drained when the next
 * one starts is reported.
 */
import { DateTime } from 'luxon';
import { startCatalog } from '../src/client/start-catalog';
import { occurrenceMessages } from '../src/plan/occurrence-plan';
import { scheduleFor, taskTemplate } from '../src/plan/occurrences';
import { occurrenceWorkflowId } from '../src/shared/workflow-api';
import type { Catalog } from '../src/shared/types';
import { messageIdFor } from '../src/shared/message-id';
import type { BaselineMailInput } from './baseline-workflows';
import { BASELINE_QUEUE, ENGINE_QUEUE, type BenchEnvironment } from './environment';
import type { Row } from './results';
import type { SinkMail } from './sink-process';
import {
  catalogYaml,
  firstTasksDone,
  forEachLimited,
  formatMs,
  formatNumber,
  log,
  median,
  now,
  reducedNote,
  sleep,
  validatedCatalog,
  type GenPerson,
} from './support';

export interface MailOptions {
  tasks: number;
  reps: number;
  concurrency: number;
  /** Between an engine burst and the next baseline burst (and back): 30 s or 60 s. */
  gapMs: number;
}

const PEOPLE: GenPerson[] = [
  { key: 'ana', name: 'Ana', email: 'ana@example.org', timezone: 'UTC', locale: 'en' },
  { key: 'bao', name: 'Bao', email: 'bao@example.org', timezone: 'UTC', locale: 'zh' },
  { key: 'cem', name: 'Cem', email: 'cem@example.org', timezone: 'UTC', locale: 'fr' },
  { key: 'dua', name: 'Dua', email: 'dua@example.org', timezone: 'UTC', locale: 'ar' },
];

export function mailCatalogText(resolutionId: string, n: number, at: number): string {
  const t = DateTime.fromMillis(at, { zone: 'UTC' });
  const due = t.startOf('day').plus({ days: 1 }).toISODate()!;
  return catalogYaml({
    resolutionId,
    title: 'Benchmark resolution (mail)',
    timezone: 'UTC',
    people: PEOPLE,
    defaults: {
      reminders: ['P1D', 'P2D', 'P3D', 'P4D'],
      sendAt: t.toFormat('HH:mm'),
      overdueEvery: 'P7D',
      escalateAfter: null,
      skipWeekends: false,
    },
    tasks: Array.from({ length: n }, (_, i) => ({
      id: `task-${i}`,
      clause: `operative ${1 + (i % 20)}`,
      title: `Contribution ${i} to the report of the Secretary-General`,
      responsible: 'Secretariat',
      assignees: PEOPLE.map((p) => p.key),
      due,
      deliverables: [{ id: 'report', title: 'The contribution', kind: 'document' as const }],
      tags: ['bench'],
    })),
  });
}

/** The Message-IDs the planner says the workflows send with `after < instant < before`. */
function plannedIds(catalog: Catalog, after: number, before: number): Set<string> {
  const ids = new Set<string>();
  for (const task of catalog.tasks) {
    const template = taskTemplate(catalog, task);
    const schedule = scheduleFor(template, template.firstDue);
    const workflowId = occurrenceWorkflowId(template.resolutionId, task.id, template.firstDue);
    for (const m of occurrenceMessages(schedule, after, before)) {
      ids.add(messageIdFor(workflowId, `${m.kind}.${m.atMs}.${m.recipient}`));
    }
  }
  return ids;
}

interface Check {
  planned: number;
  unique: number;
  duplicates: number;
  missing: number;
  unexpected: number;
}

function compare(planned: Set<string>, received: string[]): Check {
  const seen = new Set<string>();
  let duplicates = 0;
  let unexpected = 0;
  for (const id of received) {
    if (seen.has(id)) duplicates++;
    else {
      seen.add(id);
      if (!planned.has(id)) unexpected++;
    }
  }
  let missing = 0;
  for (const id of planned) if (!seen.has(id)) missing++;
  return { planned: planned.size, unique: seen.size, duplicates, missing, unexpected };
}

interface Burst {
  kind: 'engine' | 'baseline';
  rep: number;
  at: number;
  /** False when its workflows were not all parked 3 s before `at`: not counted in the medians. */
  valid: boolean;
}

/** Polls until `count()` reaches `expected`, or until it has not moved for `stallMs`. */
async function drained(count: () => Promise<number> | number, expected: number, stallMs = 20_000) {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const value = await count();
    if (value >= expected) return value;
    if (value !== last) {
      last = value;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > stallMs) return value;
    await sleep(200);
  }
}

export async function benchMail(env: BenchEnvironment, options: MailOptions): Promise<Row[]> {
  const { client } = env;
  const { tasks: n, concurrency, reps } = options;
  const messages = n * 4;
  const gapMs = options.gapMs;
  const engine = { rate: [] as number[], drain: [] as number[] };
  const baseline = { rate: [] as number[], drain: [] as number[] };
  const checks: Check[] = [];
  const warnings: string[] = [];

  log(
    `scenario 2: mail, ${n} tasks x 4 reminders = ${messages} messages per burst, ${reps} reps; bursts ${gapMs / 1000} s apart`,
  );
  // Every population is started first and parks on its timer; then the bursts come one by one:
  // engine at whole minutes (sendAt is a wall time), the baseline half-way in between.
  // The setup rate (start + first workflow task) scenario 1 saw, with room to spare.
  const rate = env.setupRate ?? 20;
  const setupEstimate = ((2 * reps * n) / rate) * 1000 * 1.5 + 10_000;
  const first = Math.ceil((Date.now() + setupEstimate) / 60_000) * 60_000;
  const bursts: Burst[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const at = first + (rep - 1) * 2 * gapMs;
    bursts.push(
      { kind: 'engine', rep, at, valid: true },
      { kind: 'baseline', rep, at: at + gapMs, valid: true },
    );
  }
  const runStart = Date.now();
  const planned = new Map<number, Set<string>>();
  const setup0 = now();
  for (const burst of bursts) {
    if (burst.kind === 'engine') {
      const resolutionId = `bench-mail-e${burst.rep}`;
      const catalog = validatedCatalog(mailCatalogText(resolutionId, n, burst.at));
      const ids = plannedIds(catalog, runStart, burst.at + 3_600_000);
      if (ids.size !== messages)
        throw new Error(`the planner gives ${ids.size} messages, expected ${messages}`);
      planned.set(burst.rep, ids);
      const report = await startCatalog(client, catalog, {
        taskQueue: ENGINE_QUEUE,
        concurrency,
        sendAfter: runStart,
      });
      if (report.started.length !== n) throw new Error(`started ${report.started.length} of ${n}`);
      await firstTasksDone(
        catalog.tasks.map((t) =>
          client.workflow.getHandle(
            occurrenceWorkflowId(resolutionId, t.id, taskTemplate(catalog, t).firstDue),
          ),
        ),
      );
    } else {
      const ids = Array.from({ length: n }, (_, i) => `bench-mail-b${burst.rep}/task-${i}`);
      await forEachLimited(ids, concurrency, async (workflowId) => {
        const input: BaselineMailInput = {
          messages: [0, 1, 2, 3].map((k) => ({ atMs: burst.at, id: `${workflowId}#${k}` })),
        };
        await client.workflow.start('baselineMailWorkflow', {
          workflowId,
          taskQueue: BASELINE_QUEUE,
          args: [input],
        });
      });
      await firstTasksDone(ids.map((id) => client.workflow.getHandle(id)));
    }
    if (Date.now() > burst.at - 3000) {
      burst.valid = false;
      warnings.push(`${burst.kind} rep ${burst.rep} not counted: its setup ended after its T`);
    }
  }
  log(
    `  mail: ${bursts.length * n} workflows started and parked in ${formatMs(now() - setup0)}; first burst at ${new Date(first).toISOString()}`,
  );

  const mails: SinkMail[] = [];
  env.noops.length = 0;
  await env.sinkDrain();
  for (const [index, burst] of bursts.entries()) {
    await sleep(Math.max(0, burst.at - Date.now()));
    const next = bursts[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    if (burst.kind === 'baseline') {
      const prefix = `bench-mail-b${burst.rep}/`;
      const mine = () => env.noops.filter((r) => r.id.startsWith(prefix));
      await drained(() => mine().length, messages);
      const done = mine();
      const unique = new Set(done.map((r) => r.id)).size;
      const last = Math.max(...done.map((r) => r.at));
      if (unique !== messages)
        warnings.push(`baseline rep ${burst.rep} ran ${unique} of ${messages}`);
      if (last >= next) warnings.push(`baseline rep ${burst.rep} ran into the next burst`);
      if (burst.valid) {
        baseline.drain.push(last - burst.at);
        baseline.rate.push((unique / (last - burst.at)) * 1000);
      }
      log(
        `  mail rep ${burst.rep} baseline: ${unique} no-ops, the last ${formatMs(last - burst.at)} after T (${formatNumber((unique / (last - burst.at)) * 1000)}/s)`,
      );
    } else {
      const prefix = `<bench-mail-e${burst.rep}.`;
      const mine = () =>
        mails.filter((m) => m.kind === 'reminder' && m.messageId.startsWith(prefix));
      await drained(async () => {
        mails.push(...(await env.sinkDrain()));
        return mine().length;
      }, messages);
      const received = mine();
      const check = compare(
        planned.get(burst.rep)!,
        received.map((m) => m.messageId),
      );
      checks.push(check);
      const last = Math.max(...received.map((m) => m.receivedAt));
      if (last >= next) warnings.push(`engine rep ${burst.rep} ran into the next burst`);
      if (burst.valid) {
        engine.drain.push(last - burst.at);
        engine.rate.push((check.unique / (last - burst.at)) * 1000);
      }
      log(
        `  mail rep ${burst.rep} engine: ${check.unique} unique of ${check.planned} planned, the last ${formatMs(last - burst.at)} after T (${formatNumber((check.unique / (last - burst.at)) * 1000)}/s); duplicates ${check.duplicates}, missing ${check.missing}, not planned ${check.unexpected}`,
      );
    }
  }
  // Late duplicates (a retried send) would arrive after the count was reached: look once more.
  await sleep(2000);
  mails.push(...(await env.sinkDrain()));
  const late: number[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const prefix = `<bench-mail-e${rep}.`;
    const at = bursts.find((b) => b.kind === 'engine' && b.rep === rep)!.at;
    const mine = mails.filter((m) => m.kind === 'reminder' && m.messageId.startsWith(prefix));
    checks[rep - 1] = compare(
      planned.get(rep)!,
      mine.map((m) => m.messageId),
    );
    late.push(mine.filter((m) => m.receivedAt - at > 60_000).length);
  }

  const e = median(engine.rate);
  const b = median(baseline.rate);
  const exact = checks.every((c) => c.duplicates === 0 && c.missing === 0 && c.unexpected === 0);
  const ratio = e / b;
  return [
    {
      id: '2a',
      scenario: `Mail throughput: ${formatNumber(n)} tasks x 4 reminders (${formatNumber(messages)} messages, one burst) through SMTP to the sink vs timer + no-op activity per message`,
      engine: `${formatNumber(e, 1)} msg/s (drained in ${formatMs(median(engine.drain))})`,
      baseline: `${formatNumber(b, 1)} msg/s (drained in ${formatMs(median(baseline.drain))})`,
      ratio: ratio.toFixed(2),
      goal: '>= 0.7',
      met: ratio >= 0.7 && exact && engine.rate.length >= 3 && baseline.rate.length >= 3,
      notes: `${reducedNote(n, 2000)}ratio = engine msg/s / baseline msg/s; runs engine ${engine.rate.map((r) => r.toFixed(1)).join(', ')}, baseline ${baseline.rate.map((r) => r.toFixed(1)).join(', ')} msg/s${warnings.length ? `; ${warnings.join('; ')}` : ''}`,
    },
    {
      id: '2b',
      scenario:
        'Mail exactly once: unique Message-IDs at the sink vs the planner (occurrenceMessages)',
      engine: checks.map((c) => `${c.unique}/${c.planned}`).join(', '),
      baseline: '-',
      ratio: '-',
      goal: 'one per planned entry',
      met: exact,
      notes: `per run: duplicates ${checks.map((c) => c.duplicates).join('/')}, missing ${checks.map((c) => c.missing).join('/')}, not planned ${checks.map((c) => c.unexpected).join('/')}; more than 60 s late ${late.join('/')} (a send whose activity task was lost is retried after the 2-minute startToCloseTimeout)`,
    },
  ];
}
