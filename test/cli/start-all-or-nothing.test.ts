/**
 * `mandate start` all or nothing, through the real command (the release's
 * bin, its own process) against a real dev server and worker: a catalog
 * that leaves out running tasks (a file cut at a line boundary) changes
 * nothing and names them; `--apply` stopped half-way (SIGKILL) leaves the
 * recorded catalog as it was, and the next run says it finishes the job and
 * does. `npm run api` listens on loopback unless told otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { statusQuery } from '../../src/shared/workflow-api';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const ROOT = join(__dirname, '..', '..');
const TASK_QUEUE = 'start-all-or-nothing';
const TASKS = 300;
const due = DateTime.utc().plus({ days: 60 }).toISODate()!;
const catalogText = (title: string, tasks = TASKS) => `version: 1
resolution: { id: whole, title: Whole or nothing, adoptedBy: Test Council, timezone: UTC }
people:
  fp: { name: Focal point, email: fp@example.org }
defaults: { reminders: [P7D], skipWeekends: false }
tasks:
${Array.from(
  { length: tasks },
  (_, i) => `  - id: task-${i}
    clause: resolves ${i}
    title: ${title} ${i}
    responsible: Secretariat
    assignees: [fp]
    due: ${due}
    deliverables: [{ id: report, title: Report, kind: text }]
`,
).join('')}`;

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'mandate-all-or-nothing-'));
const dataDir = join(dir, 'data');
const recorded = join(dataDir, 'catalogs', 'whole.yaml');
const pending = join(dataDir, 'catalogs', 'pending', 'whole.yaml');

beforeAll(async () => {
  [env, mail] = await Promise.all([devServerEnv(), mailHarness()]);
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    activities: mail.activities,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
}, 180_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await mail?.close();
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

const commandEnv = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  TEMPORAL_ADDRESS: env.address,
  TEMPORAL_TASK_QUEUE: TASK_QUEUE,
  MANDATE_DATA_DIR: dataDir,
  MANDATE_OPERATOR: 'tester',
});

function mandate(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string }>;
} {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mandate.js'), ...args], {
    cwd: dir,
    env: commandEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return {
    child,
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out }))),
  };
}

const revisedCount = async () => {
  let n = 0;
  await Promise.all(
    Array.from({ length: TASKS }, async (_, i) => {
      const view = await env.client.workflow.getHandle(`whole/task-${i}/${due}`).query(statusQuery);
      if (view.history.some((h) => h.type === 'revised')) n += 1;
    }),
  );
  return n;
};

describe('mandate start, all or nothing', () => {
  it('starts the catalog and records it', async () => {
    const file = join(dir, 'v1.yaml');
    writeFileSync(file, catalogText('Report'));
    const { code, out } = await mandate(['start', file]).done;
    expect(code, out).toBe(0);
    expect(out).toContain(`started ${TASKS} workflow(s)`);
    expect(readFileSync(recorded, 'utf8')).toBe(catalogText('Report'));
    expect(existsSync(pending)).toBe(false);
  }, 120_000);

  it('a catalog cut short changes nothing and says which running tasks it leaves out', async () => {
    // Cut at a line boundary after 20 tasks: valid YAML, a valid catalog, 280 tasks short.
    const whole = catalogText('Report (revised)');
    const cut = whole.slice(0, whole.indexOf('  - id: task-20\n'));
    const file = join(dir, 'cut.yaml');
    writeFileSync(file, cut);
    const { code, out } = await mandate(['start', '--apply', file]).done;
    expect(code).toBe(1);
    expect(out).toMatch(
      new RegExp(`the catalog leaves out ${TASKS - 20} running workflow\\(s\\): whole/task-`),
    );
    expect(out).toContain('--allow-removed');
    expect(await revisedCount()).toBe(0);
    expect(readFileSync(recorded, 'utf8')).toBe(catalogText('Report'));
  }, 120_000);

  it('--apply stopped half-way leaves the recorded catalog; the next run says so and finishes', async () => {
    const file = join(dir, 'v2.yaml');
    writeFileSync(file, catalogText('Report, second edition'));
    const run = mandate(['start', '--apply', file]);
    // Killed as soon as the first changes have landed, as a power cut or `kill -9` would.
    let applied = 0;
    while (applied === 0) {
      applied = await revisedCount();
      if (applied === 0) await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill('SIGKILL');
    await run.done;
    applied = await revisedCount();
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(TASKS);
    expect(readFileSync(recorded, 'utf8')).toBe(catalogText('Report'));
    expect(readFileSync(pending, 'utf8')).toBe(catalogText('Report, second edition'));

    const again = await mandate(['start', '--apply', file]).done;
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(
      /an earlier start of this catalog \(.*\) did not finish: this run finishes it/,
    );
    expect(again.out).toContain(`applied the catalog's changes to ${TASKS - applied} workflow(s)`);
    expect(await revisedCount()).toBe(TASKS);
    expect(readFileSync(recorded, 'utf8')).toBe(catalogText('Report, second edition'));
    expect(existsSync(pending)).toBe(false);
    process.stdout.write(
      `[all-or-nothing] killed after ${applied} of ${TASKS} changes; the rerun applied the other ${TASKS - applied}\n`,
    );
  }, 180_000);

  it('npm run api listens on 127.0.0.1 unless MANDATE_HTTP_HOST says otherwise', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'run.js'), 'api'], {
      cwd: dir,
      env: { ...commandEnv(), MANDATE_HTTP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const deadline = Date.now() + 60_000;
    while (!/api: http:\/\//.test(out) && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 100));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    expect(out).toMatch(/^api: http:\/\/127\.0\.0\.1:\d+ /m);
  }, 90_000);
});
