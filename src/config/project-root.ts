/**
 * The project's root folder (the one that holds package.json), the same
 * whether this code runs from its TypeScript sources or compiled in dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(__dirname);

/** Whether this module runs compiled (the release in dist/) rather than from its TypeScript. */
export const RUNS_COMPILED = __filename.endsWith('.js');
