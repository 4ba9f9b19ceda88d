/**
 * The Node.js lines the project claims: package.json's `engines`, the check
 * every entry point makes before anything else, and every package in the
 * lockfile admit the same ones; an older Node is refused at once, naming the
 * version found and the ones needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const require = createRequire(__filename);
const semver = require('semver') as { satisfies(version: string, range: string): boolean };
const { ENGINES_RANGE, isSupported } = require('../../scripts/node-version.js') as {
  ENGINES_RANGE: string;
  isSupported(version: string): boolean;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

/** The first release of each line the project supports, and the last of the lines it does not. */
const SUPPORTED = ['20.19.0', '20.20.2', '22.13.0', '22.20.0', '24.0.0', '24.19.0', '25.1.0'];
const REFUSED = ['18.20.8', '20.18.3', '21.7.3', '22.12.0', '23.11.1'];

const dir = mkdtempSync(join(tmpdir(), 'mandate-node-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('supported Node.js versions', () => {
  it('package.json engines and the entry points check the same range', () => {
    expect(pkg.engines.node).toBe(ENGINES_RANGE);
    for (const v of [...SUPPORTED, ...REFUSED])
      expect(isSupported(v), v).toBe(semver.satisfies(v, pkg.engines.node));
    expect(SUPPORTED.every(isSupported)).toBe(true);
    expect(REFUSED.some(isSupported)).toBe(false);
  });

  it('every package in the lockfile admits the oldest release of each supported line', () => {
    const refusing: string[] = [];
    for (const [path, info] of Object.entries(lock.packages)) {
      const range = !Array.isArray(info.engines) ? info.engines?.node : undefined;
      if (!path || !range) continue;
      for (const v of ['20.19.0', '22.13.0', '24.0.0'])
        if (!semver.satisfies(v, range))
          refusing.push(`${path}@${info.version} (${range}) refuses ${v}`);
    }
    expect(refusing).toEqual([]);
  });

  it('an older Node is refused at once by the mandate command, npm start and the build', () => {
    const older = join(dir, 'older-node.js');
    writeFileSync(
      older,
      "Object.defineProperty(process.versions, 'node', { value: '20.18.3' });\n",
    );
    for (const [what, args] of [
      ['mandate', ['bin/mandate.js', '--help']],
      ['npm run start', ['scripts/run.js', 'start']],
      ['npm run build', ['scripts/build.js']],
    ] as const) {
      const result = spawnSync(process.execPath, ['--require', older, ...args], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(result.status, what).toBe(1);
      expect(result.stdout).toBe('');
      // At once: that line alone, before a build or any module of the product.
      expect(result.stderr).toBe(
        `${what}: this is Node.js 20.18.3 (${process.execPath}); mandate-tracker needs Node.js 20.19 or later 20.x, 22.13 or later 22.x, or 24 and later\n`,
      );
    }
  });
});
