/**
 * Where a running `npm start` can be reached, kept in its data folder while it
 * runs, so the CLI finds its ports without the same variables exported twice:
 * `mandate status` after `MANDATE_TEMPORAL_PORT=7300 npm start` just works.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';

export interface RunningSystem {
  pid: number;
  temporalAddress: string;
  httpPort: number;
  publicUrl: string;
}

const FILE = 'running.json';

export function recordRunningSystem(dataDir: string, system: RunningSystem): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(system, null, 2)}\n`);
}

/** Removes the record, if it is this process's. */
export function forgetRunningSystem(dataDir: string, pid = process.pid): void {
  const found = readRecord(dataDir);
  if (found?.pid === pid) rmSync(join(dataDir, FILE), { force: true });
}

/** The running system the data folder names, if that process is still alive. */
export function runningSystem(dataDir: string): RunningSystem | undefined {
  const found = readRecord(dataDir);
  if (!found) return undefined;
  try {
    process.kill(found.pid, 0);
  } catch (error) {
    // EPERM: alive but not ours to signal; anything else: gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return found;
}

function readRecord(dataDir: string): RunningSystem | undefined {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningSystem>;
    return typeof value.pid === 'number' &&
      typeof value.temporalAddress === 'string' &&
      typeof value.httpPort === 'number' &&
      typeof value.publicUrl === 'string'
      ? (value as RunningSystem)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The configuration a CLI command uses: the environment's, and where it says
 * nothing of Temporal's address or the dashboard's port, those of the
 * `npm start` running on this data folder.
 */
export function withRunningSystem(config: Config, env: NodeJS.ProcessEnv = process.env): Config {
  const running = runningSystem(config.dataDir);
  if (!running) return config;
  const temporalSet = Boolean(env.TEMPORAL_ADDRESS || env.MANDATE_TEMPORAL_PORT);
  const httpSet = Boolean(env.MANDATE_HTTP_PORT || env.MANDATE_PUBLIC_URL);
  return {
    ...config,
    ...(temporalSet ? {} : { temporal: { ...config.temporal, address: running.temporalAddress } }),
    ...(httpSet ? {} : { httpPort: running.httpPort, publicUrl: running.publicUrl }),
  };
}
