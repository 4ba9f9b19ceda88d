/**
 * The CLI finds a running `npm start` from its data folder: its Temporal
 * address and dashboard port, unless the environment names them, and only
 * while that process lives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import {
  forgetRunningSystem,
  recordRunningSystem,
  runningSystem,
  withRunningSystem,
} from '../../src/config/running-system';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const system = (pid: number) => ({
  pid,
  temporalAddress: '127.0.0.1:7300',
  httpPort: 8181,
  publicUrl: 'http://localhost:8181',
});

describe('the running system record', () => {
  it('gives the CLI the running ports, unless the environment names its own', () => {
    dir = mkdtempSync(join(tmpdir(), 'mandate-running-'));
    const env = { MANDATE_DATA_DIR: dir };
    recordRunningSystem(dir, system(process.pid));
    const found = withRunningSystem(loadConfig(env), env);
    expect([found.temporal.address, found.httpPort, found.publicUrl]).toEqual([
      '127.0.0.1:7300',
      8181,
      'http://localhost:8181',
    ]);
    const own = { ...env, MANDATE_TEMPORAL_PORT: '7400', MANDATE_HTTP_PORT: '8282' };
    const kept = withRunningSystem(loadConfig(own), own);
    expect([kept.temporal.address, kept.devServer.port, kept.httpPort]).toEqual([
      undefined,
      7400,
      8282,
    ]);
    forgetRunningSystem(dir);
    expect(runningSystem(dir)).toBeUndefined();
  });

  it('is ignored once its process is gone', () => {
    dir = mkdtempSync(join(tmpdir(), 'mandate-running-'));
    // A pid no process has (above the kernel's usual maximum).
    recordRunningSystem(dir, system(2 ** 22 + 12345));
    expect(runningSystem(dir)).toBeUndefined();
    const env = { MANDATE_DATA_DIR: dir };
    expect(withRunningSystem(loadConfig(env), env).temporal.address).toBeUndefined();
  });
});
