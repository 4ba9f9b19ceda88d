/**
 * The position-keeping YAML reader under catalog validation: parses with
 * positions, looks nodes up (following aliases one step at a time), and
 * reports a problem at the line and column of the node it concerns.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { readFast } from './fast-yaml';
import type { CatalogProblem } from './problems';

/** A mapping entry: its key node and its value (aliases already followed). */
export type Entry = { key: Scalar; value: Node | null };

/** Collects problems, each at the position of its node. */
export class YamlReader {
  readonly problems: CatalogProblem[] = [];
  document?: Document;
  /** The text read, for the comment beside a value a draft left TODO. */
  source = '';
  constructor(readonly lines: LineCounter) {}

  /**
   * An alias stands for its anchor's node. Resolved one step at a time, where
   * a value is read, so a document of nested aliases is never expanded whole.
   */
  deref(node: Node | null): Node | null {
    if (node && isAlias(node) && this.document)
      return (node.resolve(this.document) as Node | undefined) ?? null;
    return node;
  }

  report(
    node: Node | null | undefined,
    path: string,
    message: string,
    fallback?: Node | null,
  ): void {
    const offset = (node ?? fallback)?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    const todo = isScalar(node) && node.value === TODO;
    this.problems.push({
      line,
      column: col,
      path,
      message: todo ? `still to decide: ${this.todoHint(offset) ?? todoHint(path)}` : message,
    });
  }

  /** What the comment beside a TODO value says to decide ("due: TODO # TODO: ..."). */
  private todoHint(offset: number): string | undefined {
    const end = this.source.indexOf('\n', offset);
    const line = this.source.slice(offset, end < 0 ? undefined : end);
    return /#\s*TODO:\s*(.+)$/.exec(line)?.[1]?.trim();
  }

  /**
   * The mapping's entries by key, after reporting unknown and missing keys.
   * Keys in `gated.keys` are known but not allowed here: each is reported
   * at its key with `gated.message` and left out.
   */
  map(
    node: Node | null,
    path: string,
    allowed: readonly string[],
    required: readonly string[],
    parent?: Node | null,
    gated?: { keys: readonly string[]; message: string },
  ): Map<string, Entry> | null {
    if (!isMap(node)) {
      this.report(node, path, `expected a mapping${describe(node)}`, parent);
      return null;
    }
    const entries = new Map<string, Entry>();
    for (const pair of (node as YAMLMap).items as Pair<Node, Node | null>[]) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        this.report(key, path, 'keys must be text');
        continue;
      }
      const name = key.value;
      if (gated?.keys.includes(name)) {
        this.report(key, join(path, name), gated.message);
        continue;
      }
      if (!allowed.includes(name)) {
        this.report(
          key,
          join(path, name),
          `unknown field (expected one of: ${allowed.join(', ')})`,
        );
        continue;
      }
      entries.set(name, { key, value: this.deref(pair.value ?? null) });
    }
    for (const name of required) {
      if (!entries.has(name)) this.report(node, join(path, name), 'missing required field');
    }
    return entries;
  }

  /** The mapping's entries, keyed by free-form names (people, events). */
  dictionary(node: Node | null, path: string, parent?: Node | null): Entry[] | null {
    if (!isMap(node)) {
      this.report(node, path, `expected a mapping${describe(node)}`, parent);
      return null;
    }
    const result: Entry[] = [];
    for (const pair of (node as YAMLMap).items as Pair<Node, Node | null>[]) {
      if (
        !isScalar(pair.key) ||
        (typeof pair.key.value !== 'string' && typeof pair.key.value !== 'number')
      ) {
        this.report(pair.key, path, 'keys must be text');
        continue;
      }
      result.push({ key: pair.key, value: this.deref(pair.value ?? null) });
    }
    return result;
  }

  seq(node: Node | null, path: string, parent?: Node | null): Node[] | null {
    if (!isSeq(node)) {
      this.report(node, path, `expected a list${describe(node)}`, parent);
      return null;
    }
    return (node as YAMLSeq<Node>).items.map((item) => this.deref(item) ?? item);
  }

  /** 1-based line and column where the node starts. */
  position(node: Node | null | undefined): { line: number; column: number } {
    const { line, col } = this.lines.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  }

  /** The value node under `key` in a mapping node, aliases followed; undefined when absent. */
  child(node: Node | null, key: string): Node | null | undefined {
    if (!isMap(node)) return undefined;
    const pair = ((node as YAMLMap).items as Pair<Node, Node | null>[]).find(
      (p) => isScalar(p.key) && p.key.value === key,
    );
    return pair ? this.deref(pair.value ?? null) : undefined;
  }
}

/** The text of a string scalar; undefined for anything else. */
export function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'string') return node.value;
  return undefined;
}

/** `, found ...`: what a node holds, for messages that say what was expected instead. */
export function describe(node: Node | null | undefined): string {
  if (node == null || (isScalar(node) && node.value === null)) return ', found nothing';
  // The text as written: a number too large for JavaScript still reads as the user wrote it.
  if (isScalar(node))
    return `, found ${typeof node.value === 'string' ? JSON.stringify(node.value) : (node.source ?? String(node.value))}`;
  if (isMap(node)) return ', found a mapping';
  if (isSeq(node)) return ', found a list';
  return '';
}

/** A field path one key deeper. */
export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** True for an explicit YAML null (`key:` or `key: null`). */
export function isNull(node: Node | null | undefined): boolean {
  return node == null || (isScalar(node) && node.value === null);
}

/** Keys declared in a mapping entry, valid or not; undefined when the entry is not a mapping. */
export function declaredKeys(entry: Entry | undefined): Set<string> | undefined {
  if (!entry) return new Set();
  if (isScalar(entry.value) && entry.value.value === null) return new Set();
  if (!isMap(entry.value)) return undefined;
  return new Set(
    ((entry.value as YAMLMap).items as Pair<Node, Node | null>[])
      .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined))
      .filter((key): key is string => key !== undefined),
  );
}

/** Internal switches of {@link readYaml}. */
export interface ReadYamlOptions {
  /**
   * Compose plain documents from js-yaml's faster parse (src/catalog/fast-yaml.ts);
   * default true. Off, every text is parsed by yaml: the tests compare the two.
   */
  fast?: boolean;
}

/**
 * Parses YAML text with positions. On a syntax error, `root` is absent and
 * the reader holds one problem per error.
 */
/** The value `mandate draft` writes where a person must decide. */
export const TODO = 'TODO';

/** What a field left TODO asks for, where its line does not say. */
function todoHint(path: string): string {
  const field = path.replace(/\[\d+\]/g, '[]').replace(/^(events|people|calendars)\.[^.]+/, '$1.*');
  const hints: Record<string, string> = {
    'resolution.timezone': 'the IANA time zone the dates are in (e.g. Europe/Zurich)',
    'people.*.email': "the desk's e-mail address (a role mailbox)",
    'people.*.timezone': "the person's IANA time zone",
    'events.*.start': "the session's first day (YYYY-MM-DD), tentative: true until it is published",
    'tasks[].due': 'the due date (YYYY-MM-DD), or the event or series it hangs on',
    'tasks[].assignees[]': 'who gets the mail: a key of people',
    'tasks[].responsible': 'the body accountable for the task',
  };
  return hints[field] ?? `a value for ${path}`;
}

export function readYaml<R extends YamlReader>(
  raw: string,
  make: (lines: LineCounter) => R,
  options: ReadYamlOptions = {},
): { reader: R; root?: Node | null } {
  // A byte-order mark is not a column.
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const lines = new LineCounter();
  const fast = options.fast === false ? undefined : readFast(text, lines);
  if (fast) {
    const reader = make(lines);
    reader.source = text;
    reader.document = fast;
    return { reader, root: fast.contents as Node | null };
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reader = make(lines);
  reader.source = text;
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const offset = syntaxErrorOffset(text, error);
      const { line, col } = lines.linePos(offset);
      reader.problems.push({
        line,
        column: col,
        path: '',
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      });
    }
    return { reader };
  }
  reader.document = doc;
  return { reader, root: reader.deref(doc.contents as Node | null) };
}

/**
 * Where a syntax error belongs. An unclosed quote is reported by the parser at
 * the end of the input; the offending node is the scalar that the quote opens.
 */
function syntaxErrorOffset(
  text: string,
  error: { pos: [number, number]; code: string; message: string },
): number {
  const quote = /Missing closing (["'])quote/.exec(error.message)?.[1];
  if (error.code === 'MISSING_CHAR' && quote) {
    for (let i = Math.min(error.pos[0], text.length) - 1; i >= 0; i--) {
      if (text[i] !== quote) continue;
      if (quote === '"' && text[i - 1] === '\\') continue;
      if (quote === "'" && (text[i - 1] === "'" || text[i + 1] === "'")) continue;
      return i;
    }
  }
  return error.pos[0];
}
