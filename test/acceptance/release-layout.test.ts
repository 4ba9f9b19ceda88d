/**
 * The release without its sources, laid out as the container image holds it
 * (Dockerfile: package files, node_modules, dist/, bin/ and the three
 * launcher scripts): the `mandate` command runs it with plain node, needs no
 * build, and answers as the checkout does.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './product';

const image = mkdtempSync(join(tmpdir(), 'mandate-image-'));
afterAll(() => rmSync(image, { recursive: true, force: true }));

function mandateIn(dir: string, args: string[]) {
  return spawnSync(process.execPath, [join(dir, 'bin', 'mandate.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
}

describe('the release without its sources (as in the container image)', () => {
  it('plans the shipped catalog exactly as the checkout does, without building', () => {
    for (const file of ['package.json', 'package-lock.json'])
      cpSync(join(ROOT, file), join(image, file));
    for (const dir of ['dist', 'bin'])
      cpSync(join(ROOT, dir), join(image, dir), { recursive: true });
    mkdirSync(join(image, 'scripts'));
    for (const file of ['build.js', 'node-version.js', 'run.js'])
      cpSync(join(ROOT, 'scripts', file), join(image, 'scripts', file));
    symlinkSync(join(ROOT, 'node_modules'), join(image, 'node_modules'));

    const catalog = join(ROOT, 'catalogs', 'itu-council-1332.yaml');
    const args = ['plan', catalog, '--from', '2026-12-01', '--to', '2027-03-01', '--json'];
    const shipped = mandateIn(image, args);
    expect(shipped.stderr).toBe('');
    expect(shipped.status).toBe(0);
    const checkout = mandateIn(ROOT, args);
    expect(checkout.status).toBe(0);
    expect(JSON.parse(shipped.stdout)).toEqual(JSON.parse(checkout.stdout));
    expect((JSON.parse(shipped.stdout) as unknown[]).length).toBeGreaterThan(0);
    const validated = mandateIn(image, ['catalog', 'validate', catalog]);
    expect([validated.status, validated.stderr]).toEqual([0, '']);
  });

  it('drafts a General Assembly text, and validate on the draft says what to decide', () => {
    const text = join(ROOT, 'test', 'draft', 'fixtures', 'ga-style-resolution.txt');
    const out = join(image, 'ga-draft.yaml');
    const drafted = mandateIn(image, ['draft', text, '--out', out]);
    expect(drafted.status).toBe(0);
    expect(drafted.stderr).toContain(
      '15 operative clauses, 10 tasks; 5 need a decision (TODO); 5 with no task, listed at the top.',
    );
    const validated = mandateIn(image, ['catalog', 'validate', out]);
    expect(validated.status).toBe(1);
    const lines = validated.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines)
      expect(line).toMatch(/ga-draft\.yaml:\d+:\d+: \S+: still to decide: /);
    expect(validated.stdout).toContain(
      'events.ga-82.start: still to decide: the first day of the session',
    );
  });
});
