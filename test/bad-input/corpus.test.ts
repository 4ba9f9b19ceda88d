/**
 * A corpus of broken catalogs: each catalogs/NAME.yaml is run through the
 * real CLI (`node bin/mandate.js catalog validate NAME.yaml`, from the
 * corpus folder so FILE is the base name) and must exit 1 and print exactly
 * the lines of catalogs/NAME.expected (`FILE:LINE:COLUMN: path: message`, in
 * that order).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CORPUS = join(__dirname, 'catalogs');
const CLI = resolve(__dirname, '..', '..', 'bin', 'mandate.js');

const files = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

interface Outcome {
  code: number;
  lines: string[];
  stderr: string;
}

async function validate(name: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, 'catalog', 'validate', name], {
      cwd: CORPUS,
      timeout: 60_000,
    });
    return { code: 0, lines: stdout.split('\n').filter(Boolean), stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      lines: (failed.stdout ?? '').split('\n').filter(Boolean),
      stderr: failed.stderr ?? '',
    };
  }
}

function expectedLines(name: string): string[] {
  return readFileSync(join(CORPUS, name.replace(/\.yaml$/, '.expected')), 'utf8')
    .split('\n')
    .filter(Boolean);
}

describe('catalog validate on the bad-input corpus', () => {
  it('has a corpus, each file with its .expected', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const name of files) expect(expectedLines(name).length).toBeGreaterThan(0);
  });

  describe.concurrent.each(files.map((name) => ({ name })))('$name', ({ name }) => {
    it('exits 1 with exactly the expected lines', async () => {
      const outcome = await validate(name);
      expect(outcome.stderr).toBe('');
      expect(outcome.lines).toEqual(expectedLines(name));
      expect(outcome.code).toBe(1);
    }, 60_000);
  });
});
