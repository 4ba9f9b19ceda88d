/**
 * `npm start`, the embedded default, as a user runs it: it comes up with the
 * dev server, search attributes, SMTP sink, worker and dashboard; Ctrl-C
 * stops every child; the next start finds the previous state. SIGINT and
 * SIGTERM sent to the real `npm start` process stop it with every child, and
 * a busy port is named with the process that holds it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { validateCatalogText } from '../../src/catalog/validate';
import { startCatalog } from '../../src/client/start-catalog';
import { SEARCH_ATTRIBUTES } from '../../src/shared/workflow-api';

const root = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'mandate-start-'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** The release's start (`node scripts/run.js start`), or with `viaNpm` the real `npm start` in its own process group. */
async function npmStart(env: Record<string, string>, viaNpm = false): Promise<Running> {
  const child = viaNpm
    ? spawn('npm', ['start'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Nothing but the signal the test sends reaches npm's children.
        detached: true,
      })
    : spawn(process.execPath, ['scripts/run.js', 'start'], {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

async function stop(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    running.child.once('exit', (code) => resolve(code)),
  );
  running.child.kill('SIGINT');
  return exited;
}

/** Every process below `pid` now (Linux /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces: the fields after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents)
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

async function ports() {
  const [temporalPort, uiPort, sinkPort, httpPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  return {
    MANDATE_TEMPORAL_PORT: String(temporalPort),
    MANDATE_UI_PORT: String(uiPort),
    MANDATE_SMTP_SINK_PORT: String(sinkPort),
    MANDATE_HTTP_PORT: String(httpPort),
  };
}

const catalogText = `
version: 1
resolution: { id: start-test, title: Start test, adoptedBy: Test Council, timezone: Europe/Zurich }
people:
  desk: { name: Desk, email: desk@example.org }
tasks:
  - id: report
    clause: resolves 1
    title: A report
    responsible: Secretariat
    assignees: [desk]
    due: 2030-01-31
    deliverables: [{ id: report, title: Report, kind: document }]
`;

describe('npm start', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs everything, stops cleanly on Ctrl-C, and keeps its state for the next start', async () => {
    const [temporalPort, uiPort, sinkPort, httpPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const env = {
      MANDATE_DATA_DIR: dataDir,
      MANDATE_TEMPORAL_PORT: String(temporalPort),
      MANDATE_UI_PORT: String(uiPort),
      MANDATE_SMTP_SINK_PORT: String(sinkPort),
      MANDATE_HTTP_PORT: String(httpPort),
    };
    const first = await npmStart(env);
    expect(first.output()).toContain(`Temporal UI   http://127.0.0.1:${uiPort}`);
    expect(first.output()).toContain(`SMTP sink on 127.0.0.1:${sinkPort}`);

    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const client = new Client({ connection });
    const { catalog } = validateCatalogText(catalogText);
    const report = await startCatalog(client, catalog!);
    expect(report.started).toEqual(['start-test/report/2030-01-31']);
    // The Web UI answers, and the workflow carries its search attributes.
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);
    const described = await client.workflow.getHandle('start-test/report/2030-01-31').describe();
    expect(described.typedSearchAttributes.get(SEARCH_ATTRIBUTES.resolution)).toBe('start-test');
    // The dashboard, signed in with the token npm start made and showed once, lists the task;
    // the data folder keeps only its hash.
    const token = /^ {2}secretariat +secretariat {2}(\S+)$/m.exec(first.output())![1]!;
    const kept = readFileSync(join(dataDir, 'api-tokens'), 'utf8');
    expect(kept).not.toContain(token);
    expect(kept).toMatch(/^secretariat:secretariat:sha256:[0-9a-f]{64}$/m);
    await expect
      .poll(
        async () =>
          (
            await fetch(`http://127.0.0.1:${httpPort}/`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).text(),
        { timeout: 20_000 },
      )
      .toContain('report (2030-01-31)');
    await connection.close();

    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('stopped.');

    const second = await npmStart(env);
    const again = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const description = await new Client({ connection: again }).workflow
      .getHandle('start-test/report/2030-01-31')
      .describe();
    expect(description.status.name).toBe('RUNNING');
    const secondReport = await startCatalog(new Client({ connection: again }), catalog!);
    expect(secondReport.started).toEqual([]);
    expect(secondReport.alreadyRunning).toEqual(['start-test/report/2030-01-31']);
    await again.close();
    expect(await stop(second)).toBe(0);
  }, 240_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops with every child when ${signal} reaches npm start's own process`, async () => {
      const env = {
        MANDATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'mandate-signal-')),
        ...(await ports()),
      };
      const running = await npmStart(env, true);
      const children = descendants(running.child.pid!);
      // node with the start script (npm's shell execs it), the Temporal dev server.
      expect(children.length).toBeGreaterThanOrEqual(2);
      const exited = new Promise<number | null>((resolve) =>
        running.child.once('exit', (code) => resolve(code)),
      );
      process.kill(running.child.pid!, signal);
      await exited;
      await expect.poll(() => children.filter(alive), { timeout: 30_000 }).toEqual([]);
      expect(running.output()).toContain(`${signal}: stopping ...`);
      expect(running.output()).toContain('stopped.');
      rmSync(env.MANDATE_DATA_DIR, { recursive: true, force: true });
    }, 120_000);
  }

  it('restarts a dev server that dies, and a npm start killed with -9 leaves nothing running', async () => {
    const env = {
      MANDATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'mandate-supervise-')),
      ...(await ports()),
    };
    const running = await npmStart(env);
    const address = `127.0.0.1:${env.MANDATE_TEMPORAL_PORT}`;
    const connection = await Connection.connect({ address });
    const { catalog } = validateCatalogText(catalogText);
    await startCatalog(new Client({ connection }), catalog!);
    await connection.close();
    const temporal = () =>
      descendants(running.child.pid!).filter((pid) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start-dev'),
      );
    for (let round = 1; round <= 2; round += 1) {
      const [dev] = temporal();
      expect(dev).toBeDefined();
      process.kill(dev!, 'SIGKILL');
      await expect
        .poll(() => running.output().split('is back on').length - 1, { timeout: 60_000 })
        .toBe(round);
    }
    expect(running.output()).toContain('the Temporal dev server stopped unexpectedly (SIGKILL');
    expect(running.output()).toContain('restarting the Temporal dev server (2 of 5 in 10 minutes)');
    // The state is still there on the restarted server.
    const again = await Connection.connect({ address });
    const description = await new Client({ connection: again }).workflow
      .getHandle('start-test/report/2030-01-31')
      .describe();
    expect(description.status.name).toBe('RUNNING');
    await again.close();

    // kill -9 of npm start itself: its guard stops the dev server, nothing holds the ports.
    const children = descendants(running.child.pid!);
    expect(children.length).toBeGreaterThanOrEqual(2);
    process.kill(running.child.pid!, 'SIGKILL');
    await expect.poll(() => children.filter(alive), { timeout: 30_000 }).toEqual([]);
    rmSync(env.MANDATE_DATA_DIR, { recursive: true, force: true });
  }, 240_000);

  it('names the process that holds a busy port', async () => {
    const env = {
      MANDATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'mandate-busy-')),
      ...(await ports()),
    };
    const holder = createServer();
    await new Promise<void>((resolve) =>
      holder.listen(Number(env.MANDATE_SMTP_SINK_PORT), '127.0.0.1', resolve),
    );
    try {
      await expect(npmStart(env)).rejects.toThrow(
        new RegExp(
          `the SMTP sink: 127\\.0\\.0\\.1:${env.MANDATE_SMTP_SINK_PORT} is already in use by pid ${process.pid} \\(`,
        ),
      );
    } finally {
      holder.close();
      rmSync(env.MANDATE_DATA_DIR, { recursive: true, force: true });
    }
  }, 60_000);
});
