/**
 * The fast YAML path (src/catalog/fast-yaml.ts) against yaml's own parser:
 * for every catalog YAML in the repository and a few hundred mutated
 * catalogs, validateCatalogText gives the same problems (line, column, path,
 * message) and the same catalog with the fast path and without it. Where the
 * fast path reads a text, its node tree is also compared with yaml's (node
 * classes, values, sources, styles, flow and ranges) and its line starts, and
 * so it is, without validation, for a few hundred documents generated from a
 * small grammar of every structure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { plannerCatalogText } from '../../bench/planner';
import { readFast } from '../../src/catalog/fast-yaml';
import { validateCatalogText } from '../../src/catalog/validate';
import { SHAPES, SMALL, TRICKY, generatedDocuments, variants } from './yaml-variants';

const ROOT = resolve(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** The seed catalogs and every YAML file under test/ (the bad-input corpus among them). */
const FILES = [...yamlFiles(join(ROOT, 'catalogs')), ...yamlFiles(join(ROOT, 'test'))].sort();

/** A node as plain data: class, value, source, style, flow and range, all compared. */
function shape(node: unknown): unknown {
  if (node == null) return node;
  const { range, flow } = node as { range?: number[]; flow?: boolean };
  if (isMap(node))
    return { map: node.items.map((pair) => [shape(pair.key), shape(pair.value)]), flow, range };
  if (isSeq(node)) return { seq: node.items.map(shape), flow, range };
  if (isScalar(node)) {
    const { value } = node;
    return {
      value: typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value,
      of: typeof value,
      source: node.source,
      type: node.type,
      format: node.format,
      minFractionDigits: node.minFractionDigits,
      range,
    };
  }
  return { other: (node as object).constructor.name };
}

/** Asserts that where the fast path reads `raw`, it builds yaml's tree; true when it does. */
function expectSameTree(raw: string, name: string): boolean {
  const lines = new LineCounter();
  const doc = readFast(raw, lines);
  if (!doc) return false;
  const yamlLines = new LineCounter();
  const yamlDoc = parseDocument(raw, {
    lineCounter: yamlLines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  expect(yamlDoc.errors, name).toEqual([]);
  expect(shape(doc.contents), name).toStrictEqual(shape(yamlDoc.contents));
  expect(lines.lineStarts, name).toStrictEqual(yamlLines.lineStarts);
  return true;
}

/** Asserts both paths validate `text` alike; true when the fast path read it. */
function expectSame(text: string, name: string): boolean {
  const fast = validateCatalogText(text);
  const slow = validateCatalogText(text, { fast: false });
  expect(fast, name).toStrictEqual(slow);
  return expectSameTree(text.startsWith('\uFEFF') ? text.slice(1) : text, name);
}

describe('fast YAML path: the same validation as yaml', () => {
  it('finds the repository catalogs', () => {
    expect(FILES.some((file) => file.endsWith('itu-council-1332.yaml'))).toBe(true);
    expect(FILES.filter((file) => file.includes('bad-input')).length).toBeGreaterThanOrEqual(25);
  });

  it('for every catalog YAML in the repository', () => {
    let fast = 0;
    for (const file of FILES)
      if (expectSame(readFileSync(file, 'utf8'), relative(ROOT, file))) fast++;
    expect(fast).toBeGreaterThan(FILES.length / 2);
  });

  it('reads the seed and the benchmark catalog on the fast path', () => {
    const seed = readFileSync(join(ROOT, 'catalogs', 'itu-council-1332.yaml'), 'utf8');
    expect(expectSame(seed, 'seed')).toBe(true);
    expect(expectSame(plannerCatalogText(40), 'planner(40)')).toBe(true);
  });

  it('for each tricky scalar as a value, a flow item and a key', () => {
    let fast = 0;
    for (const scalar of TRICKY) {
      const asValues = SMALL.replace('title: First task', `title: ${scalar}`)
        .replace('  skipWeekends: true', `  skipWeekends: ${scalar}`)
        .replace('version: 1', `version: ${scalar}`);
      const asItemAndKey = SMALL.replace('tags: [annual]', `tags: [annual, ${scalar}]`).replace(
        '  bob: {',
        `  ${scalar}: {`,
      );
      if (expectSame(asValues, `values ${scalar}`)) fast++;
      if (expectSame(asItemAndKey, `item and key ${scalar}`)) fast++;
    }
    expect(fast).toBeGreaterThan(TRICKY.length / 2);
  });

  it('for documents of other shapes', () => {
    let fast = 0;
    for (const text of SHAPES) if (expectSame(text, JSON.stringify(text))) fast++;
    expect(fast).toBeGreaterThan(SHAPES.length / 2);
  });

  it('for a few hundred mutated catalogs', () => {
    const all = variants(FILES);
    let fast = 0;
    for (const { name, text } of all) if (expectSame(text, name)) fast++;
    // Most mutations keep to plain YAML: the comparison is not only of fallbacks.
    expect(fast).toBeGreaterThan(all.length / 3);
  });

  it("builds yaml's tree for generated documents of every structure", () => {
    const documents = generatedDocuments(400, 1332);
    let fast = 0;
    documents.forEach((text, i) => {
      if (expectSameTree(text, `generated #${i}: ${JSON.stringify(text)}`)) fast++;
    });
    expect(fast).toBeGreaterThan(documents.length / 2);
  });
});
