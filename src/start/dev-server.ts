/** The embedded Temporal dev server of `npm start`: SQLite in the data folder, Web UI, search attributes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { temporalCliPath } from '../temporal/binaries';
import type { SqliteStorage } from '../config/config';
import { devServerSearchAttributeFlags } from '../temporal/search-attributes';

export interface DevServer {
  address: string;
  uiUrl: string;
  dbFile: string;
  logFile: string;
  /** Resolves when the server is gone, by stop() or not: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
  /** At once, without waiting (a second Ctrl-C). */
  kill(): void;
}

/**
 * A small node process between npm start and the Temporal CLI: it runs the
 * CLI, passes on the signals it gets, and stops the CLI when its stdin (a
 * pipe from npm start, never written) ends, which happens however npm start
 * ended, `kill -9` too. Without it a dev server outlives a killed npm start
 * and holds its ports. Written inline so that it runs the same from the
 * release and from the sources.
 */
const GUARD = `
const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  try { child.kill(signal); } catch {}
  setTimeout(() => { try { child.kill('SIGKILL'); } catch {} }, 10000).unref();
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => stop(signal));
process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('error', () => stop('SIGTERM'));
process.stdin.resume();
child.on('exit', (code, signal) => {
  // Ended by a signal: so is the guard, so that npm start can say which.
  if (signal) {
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
});
`;

/** The `--sqlite-pragma` flags of each storage setting (see the README's configuration). */
export function sqlitePragmaFlags(storage: SqliteStorage): string[] {
  const pragmas =
    storage === 'wal'
      ? ['journal_mode=wal', 'synchronous=normal']
      : storage === 'wal-full'
        ? ['journal_mode=wal', 'synchronous=full']
        : [];
  return pragmas.flatMap((pragma) => ['--sqlite-pragma', pragma]);
}

export async function startDevServer(options: {
  dataDir: string;
  ip: string;
  port: number;
  uiPort: number;
  /** Default `wal`: the fastest of the three by `npm run bench` row 1c. */
  sqlite?: SqliteStorage;
}): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = join(options.dataDir, 'temporal.db');
  const logFile = join(options.dataDir, 'temporal-server.log');
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      GUARD,
      temporalCliPath(),
      'server',
      'start-dev',
      '--db-filename',
      dbFile,
      '--ip',
      options.ip,
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--log-level',
      'warn',
      ...sqlitePragmaFlags(options.sqlite ?? 'wal'),
      ...devServerSearchAttributeFlags(),
    ],
    // Its own process group: npm start stops it (and anything it starts) after the worker,
    // as a group, however the signal reached npm start. Its stdin is the guard's lifeline.
    { stdio: ['pipe', log, log], detached: true },
  );
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      // The guard gone, whatever it ran goes too: nothing of the group may hold the ports.
      group('SIGKILL');
      child.stdin?.destroy();
      resolve({ code, signal });
    }),
  );
  const address = `${options.ip}:${options.port}`;
  try {
    await waitUntilReachable(address, exited, logFile);
  } catch (error) {
    group('SIGKILL');
    throw error;
  }
  return {
    address,
    uiUrl: `http://${options.ip === '0.0.0.0' ? 'localhost' : options.ip}:${options.uiPort}`,
    dbFile,
    logFile,
    exited,
    async stop() {
      if (child.exitCode !== null) return;
      group('SIGTERM');
      const timer = setTimeout(() => group('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      group('SIGKILL');
    },
  };
}

async function waitUntilReachable(
  address: string,
  exited: Promise<{ code: number | null }>,
  logFile: string,
): Promise<void> {
  let stopped: number | null | undefined;
  void exited.then(({ code }) => (stopped = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (stopped !== undefined) {
      throw new Error(
        `the Temporal dev server exited (code ${stopped}) before it was ready; see ${logFile}`,
      );
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(
    `the Temporal dev server did not answer on ${address} within 60 s; see ${logFile}`,
  );
}
