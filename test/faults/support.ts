/**
 * Shared pieces of the fault suite (`npm run test:faults`): real dev servers
 * on SQLite files in temporary folders, real worker processes
 * (`npm run worker`: the built release, `node scripts/run.js worker`) that can be killed with SIGKILL, a real SMTP
 * sink, and catalogs whose mail falls due a minute or so from now in UTC.
 *
 * The files under test/faults/ also match the main vitest config; they run
 * only when MANDATE_FAULT_SUITE=1 (set by vitest.faults.config.mts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import { validateCatalogText } from '../../src/catalog/validate';
import type { SmtpSink } from '../../src/mail/smtp-sink';
import { planCatalog } from '../../src/plan/catalog-plan';
import type { Catalog, PlannedMessage } from '../../src/shared/types';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { startDevServer, type DevServer } from '../../src/start/dev-server';
import { messageIdFor } from '../../src/shared/message-id';

export const FAULT_SUITE = process.env.MANDATE_FAULT_SUITE === '1';
export const REPO_ROOT = resolve(__dirname, '..', '..');
export const LINK_SECRET = 'fault-suite-link-secret';

export const EventType = temporal.api.enums.v1.EventType;

/** A line of figures for the run's output. */
export function report(line: string): void {
  console.log(`[faults] ${line}`);
}

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mandate-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Removes the folders tempDir made (call after the servers using them have stopped). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  intervalMs = 250,
): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(intervalMs);
  }
  return Date.now() - start;
}

/** A dev server on a fixed port pair, so a restart on the same SQLite file answers at the same address. */
export interface RestartableDevServer {
  dataDir: string;
  port: number;
  uiPort: number;
  server: DevServer;
  address: string;
}

export async function devServer(dataDir: string): Promise<RestartableDevServer> {
  const port = await freePort();
  const uiPort = await freePort();
  const server = await startDevServer({ dataDir, ip: '127.0.0.1', port, uiPort });
  return { dataDir, port, uiPort, server, address: server.address };
}

export async function restartDevServer(dev: RestartableDevServer): Promise<void> {
  dev.server = await startDevServer({
    dataDir: dev.dataDir,
    ip: '127.0.0.1',
    port: dev.port,
    uiPort: dev.uiPort,
  });
}

export async function connectClient(address: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace: 'default' });
}

export interface WorkerProcess {
  pid: number;
  /** Everything the process wrote to stderr. */
  output: () => string;
  alive: () => boolean;
  exited: Promise<number | null>;
  /** kill -9 of the whole process group. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  address: string;
  smtpPort: number;
  taskQueue: string;
  dataDir: string;
}

/**
 * The release's worker (`node scripts/run.js worker`, what `npm run worker` runs) in its own process group, configured from the
 * environment like a deployed worker; resolves once it polls its queue.
 */
export async function spawnWorker(options: WorkerOptions): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/run.js', 'worker'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(options.smtpPort),
      MANDATE_DATA_DIR: options.dataDir,
      MANDATE_LINK_SECRET: LINK_SECRET,
      MANDATE_LOG_LEVEL: 'ERROR',
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done(code);
    }),
  );
  const pid = child.pid!;
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const worker: WorkerProcess = {
    pid,
    output: () => output,
    alive: () => exitCode === undefined,
    exited,
    async kill9() {
      group('SIGKILL');
      await exited;
    },
    async stop() {
      if (exitCode !== undefined) return;
      group('SIGTERM');
      const timer = setTimeout(() => group('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitFor(
      () => {
        if (exitCode !== undefined)
          throw new Error(`worker exited (${exitCode}) before polling:\n${output}`);
        return /worker: polling task queue/.test(output);
      },
      `worker ${pid} to poll ${options.taskQueue}`,
      90_000,
      100,
    );
  } catch (error) {
    await worker.kill9();
    throw error;
  }
  return worker;
}

/** The next whole UTC minute at least `leadMs` from now, never 00:00 (it would be the due instant). */
export function nextMinute(leadMs: number): { atMs: number; sendAt: string; date: string } {
  let at = DateTime.fromMillis(Date.now() + leadMs, { zone: 'UTC' })
    .startOf('minute')
    .plus({ minutes: 1 });
  if (at.hour === 0 && at.minute === 0) at = at.plus({ minutes: 1 });
  return { atMs: at.toMillis(), sendAt: at.toFormat('HH:mm'), date: at.toISODate()! };
}

export interface OverdueCatalogOptions {
  resolutionId: string;
  tasks: number;
  /** People per task; the catalog has `people` focal points p1..pN, used round robin. */
  assigneesPerTask: number;
  people: number;
  /** Adds a manager with escalateAfter P1D: one more message per task at the same instant. */
  manager: boolean;
  /** The instant every message falls on (from nextMinute). */
  at: { sendAt: string; date: string };
}

/**
 * Tasks due the day before `at.date` (UTC everywhere, no weekend moves): each
 * assignee's first overdue notice, and the manager's escalation, fall on
 * `at.date` at `at.sendAt`; the next overdue notice is a week later.
 */
export function overdueCatalogText(options: OverdueCatalogOptions): string {
  const due = DateTime.fromISO(options.at.date, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;
  const people = Array.from(
    { length: options.people },
    (_, i) => `  p${i + 1}: { name: Focal ${i + 1}, email: p${i + 1}@example.org }`,
  );
  if (options.manager) people.push('  boss: { name: Boss, email: boss@example.org }');
  const tasks = Array.from({ length: options.tasks }, (_, i) => {
    const assignees = Array.from(
      { length: options.assigneesPerTask },
      (_, k) => `p${((i + k) % options.people) + 1}`,
    );
    return [
      `  - id: t${String(i + 1).padStart(3, '0')}`,
      `    clause: "operative ${i + 1}"`,
      `    title: Task ${i + 1}`,
      `    responsible: Secretariat`,
      `    assignees: [${assignees.join(', ')}]`,
      ...(options.manager ? ['    manager: boss'] : []),
      `    due: ${due}`,
      `    deliverables:`,
      `      - { id: report, title: Report, kind: document }`,
      `      - { id: summary, title: Summary, kind: text }`,
    ].join('\n');
  });
  return [
    'version: 1',
    'resolution:',
    `  id: ${options.resolutionId}`,
    '  title: Fault suite',
    '  adoptedBy: Test Council',
    '  timezone: UTC',
    'people:',
    ...people,
    'defaults:',
    `  sendAt: "${options.at.sendAt}"`,
    '  overdueEvery: P7D',
    ...(options.manager ? ['  escalateAfter: P1D'] : []),
    '  skipWeekends: false',
    'tasks:',
    ...tasks,
    '',
  ].join('\n');
}

export function parseCatalog(text: string): Catalog {
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new Error(`invalid test catalog: ${JSON.stringify(problems)}`);
  return catalog;
}

export interface ExpectedMessage extends PlannedMessage {
  workflowId: string;
  messageId: string;
}

/** The planner's messages for `from < t < to`, keyed by the Message-ID the workflow gives each. */
export function expectedMessages(
  catalog: Catalog,
  from: number,
  to: number,
): Map<string, ExpectedMessage> {
  const expected = new Map<string, ExpectedMessage>();
  for (const m of planCatalog(catalog, from, to)) {
    const workflowId = occurrenceWorkflowId(catalog.resolution.id, m.task, m.occurrence);
    const messageId = messageIdFor(workflowId, `${m.kind}.${m.atMs}.${m.recipient}`);
    expected.set(messageId, { ...m, workflowId, messageId });
  }
  return expected;
}

/** Distinct Message-IDs among raw messages, without parsing whole bodies. */
export function messageIdOf(raw: Buffer): string {
  const head = raw.subarray(0, Math.min(raw.length, 16_384)).toString('utf8');
  const match = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head);
  return match?.[1] ?? '';
}

export function messageIdsIn(sink: SmtpSink, from = 0): string[] {
  return sink.received.slice(from).map((m) => messageIdOf(m.raw));
}

export interface DeliveryFigures {
  planned: number;
  received: number;
  delivered: number;
  duplicated: number;
  lost: number;
  unexpected: number;
  /** Deliveries of one planned message (same recipient, task, kind, instant) under different Message-IDs. */
  conflictingIds: number;
}

/** Compares what the sink received with the plan; duplicates are told apart by content, not by id. */
export async function deliveryFigures(
  sink: SmtpSink,
  expected: Map<string, ExpectedMessage>,
  startIndex = 0,
): Promise<DeliveryFigures> {
  const mails: ParsedMail[] = await Promise.all(
    sink.received.slice(startIndex).map((m) => simpleParser(m.raw)),
  );
  const byId = new Map<string, number>();
  const idsByContent = new Map<string, Set<string>>();
  for (const mail of mails) {
    const id = mail.messageId ?? '';
    byId.set(id, (byId.get(id) ?? 0) + 1);
    const header = (name: string) => String(mail.headers.get(name) ?? '');
    const content = [
      header('x-mandate-task'),
      header('x-mandate-occurrence'),
      header('x-mandate-kind'),
      header('x-mandate-recipient'),
      header('x-mandate-planned-at'),
    ].join('|');
    const ids = idsByContent.get(content) ?? new Set<string>();
    ids.add(id);
    idsByContent.set(content, ids);
  }
  let delivered = 0;
  let lost = 0;
  for (const id of expected.keys()) {
    if (byId.has(id)) delivered += 1;
    else lost += 1;
  }
  const unexpected = [...byId.keys()].filter((id) => !expected.has(id)).length;
  const duplicated = [...byId.values()].reduce((sum, n) => sum + (n - 1), 0);
  const conflictingIds = [...idsByContent.values()].filter((ids) => ids.size > 1).length;
  return {
    planned: expected.size,
    received: mails.length,
    delivered,
    duplicated,
    lost,
    unexpected,
    conflictingIds,
  };
}

export { forEachLimited } from '../../src/client/for-each-limited';
