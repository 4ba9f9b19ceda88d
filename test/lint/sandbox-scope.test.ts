import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');

/** Files that the workflow bundle pulls in at run time (type-only imports are erased). */
function workflowImportGraph(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(
      /^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms,
    )) {
      const base = resolve(dirname(file), match[1]!);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) =>
        existsSync(candidate),
      );
      if (target) queue.push(target);
    }
  }
  return [...seen].map((file) => relative(root, file)).sort();
}

describe('the workflow sandbox lint rule', () => {
  it('covers every module the workflows import', async () => {
    const files = workflowImportGraph(join(root, 'workflows', 'index.ts'));
    expect(files).toContain('src/plan/occurrence-plan.ts');
    const eslint = new ESLint({ cwd: root });
    const uncovered: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as {
        rules?: Record<string, unknown>;
      };
      const rule = config.rules?.['no-restricted-imports'];
      const level = Array.isArray(rule) ? rule[0] : rule;
      if (level !== 2 && level !== 'error') uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });
});
