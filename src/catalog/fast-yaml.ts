/**
 * A fast path for readYaml, because the `yaml` package's parser is slow on
 * large catalogs: a 3 MiB catalog takes it about 2 s (1.2 s of it in the CST
 * parser), where js-yaml reads the same text in about 0.15 s. From js-yaml's
 * parse events (its `listener` option) this module composes the tree yaml's
 * parseDocument builds: instances of yaml's Scalar, YAMLMap, YAMLSeq and Pair
 * with the same `value` (plain scalars are resolved by yaml's own core-schema
 * tags), `source`, `type`, `format`, `flow` and `range`. Comments are not kept
 * (no `comment`, `commentBefore`, `spaceBefore`); the validator reads none.
 *
 * Only plain YAML takes this path. For anything else readFast returns
 * undefined and readYaml parses with yaml as before, so every syntax error
 * keeps yaml's message and position: any text js-yaml rejects; tabs, control
 * characters, directives and document markers; anchors, aliases and tags;
 * explicit (`?`), multi-line, non-scalar or duplicate keys (as yaml compares
 * them); quoted scalars and flow collections over several lines; empty
 * entries in sequences and flow collections; an empty value followed by a
 * comment; block scalars with an indentation indicator, more-indented lines or
 * blank lines holding spaces; an empty document.
 * test/catalog/fast-yaml.test.ts compares the two paths.
 */
import { CORE_SCHEMA, load, type LoaderState } from 'js-yaml';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar } from 'yaml';
import type { LineCounter, Node, ScalarTag } from 'yaml';

const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const DASH = 0x2d;
const PLUS = 0x2b;
const PIPE = 0x7c;
const GT = 0x3e;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/**
 * Characters the two parsers may read differently (tabs, control and non-ASCII
 * line-break characters, a second byte-order mark, a lone CR), and lines that
 * open a directive or mark a document's start or end.
 */
const UNSUPPORTED_CHARS =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;
const UNSUPPORTED_LINES = /^(?:%|---|\.\.\.)/m;

/** Thrown (inside js-yaml's listener, too) for anything this path does not reproduce. */
const UNSUPPORTED = new Error('not on the fast path');
/** yaml would report a tag that fails to resolve a scalar: leave that to yaml. */
const onResolveError = (): never => {
  throw UNSUPPORTED;
};

/**
 * The document yaml's parseDocument would give `text` (its line starts added
 * to `lines`); undefined, with `lines` untouched, when the text is outside
 * this path's YAML.
 */
export function readFast(text: string, lines: LineCounter): Document | undefined {
  if (UNSUPPORTED_CHARS.test(text) || UNSUPPORTED_LINES.test(text)) return undefined;
  const doc = new Document(undefined, { uniqueKeys: true });
  try {
    doc.contents = new Composer(text, doc).compose();
  } catch {
    // js-yaml's errors and this path's refusals alike: yaml has the last word.
    return undefined;
  }
  // As yaml's parser counts them: a line starts at 0 and after every line feed.
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return doc;
}

/** Block collections and block scalars: their `range[2]` does not depend on what follows. */
function isBlock(node: Node): boolean {
  if (isScalar(node))
    return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  return !(node as YAMLMap | YAMLSeq).flow;
}

/**
 * Builds the tree bottom-up from js-yaml's events: each composeNode call
 * ('open' to 'close') is a node, made from the nodes read inside it. A frame
 * per nesting depth holds those nodes (null where nothing was read) and where
 * js-yaml began to look for each.
 */
class Composer {
  private depth = 0;
  private readonly opens: number[] = [];
  private readonly kids: (Node | null)[][] = [];
  private readonly kidOpens: number[][] = [];
  private root: Node | null | undefined;
  /** yaml's core-schema tags for plain scalars, in the order yaml tries them. */
  private readonly plainTags: ScalarTag[];
  /** Which of `plainTags` a plain scalar's text resolves by (-1: none, a string). */
  private readonly tagOf = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly doc: Document,
  ) {
    const schema = doc.schema;
    if (schema.compat || schema.name !== 'core') throw UNSUPPORTED;
    const tags = schema.tags as ScalarTag[];
    // A tag that applies to keys only (merge keys) would need to know where a scalar sits.
    if (tags.some((tag) => tag.default === 'key')) throw UNSUPPORTED;
    this.plainTags = tags.filter((tag) => tag.default === true && tag.test);
  }

  compose(): Node {
    load(this.text, {
      schema: CORE_SCHEMA,
      onWarning: () => {
        throw UNSUPPORTED;
      },
      listener: (event, state) => (event === 'open' ? this.open(state) : this.close(state)),
    });
    const root = this.root;
    if (!root || this.depth !== 0) throw UNSUPPORTED;
    // A scalar or flow collection at the root leaves the comments below it to the document.
    if (!isBlock(root)) root.range![2] = this.lineEnd(root.range![1]);
    return root;
  }

  private open(state: LoaderState): void {
    const depth = this.depth++;
    this.opens[depth] = state.position;
    if (depth === this.kids.length) {
      this.kids.push([]);
      this.kidOpens.push([]);
    }
  }

  private close(state: LoaderState): void {
    const depth = --this.depth;
    const open = this.opens[depth]!;
    const kids = this.kids[depth]!;
    const node = state.kind === null ? this.nothing(kids) : this.node(open, kids, state);
    if (kids.length > 0) {
      kids.length = 0;
      this.kidOpens[depth]!.length = 0;
    }
    if (depth > 0) {
      this.kids[depth - 1]!.push(node);
      this.kidOpens[depth - 1]!.push(open);
    } else if (this.root !== undefined)
      throw UNSUPPORTED; // a second document
    else this.root = node;
  }

  /** A composeNode call that read nothing (an empty value, a key looked for and not found). */
  private nothing(kids: (Node | null)[]): null {
    if (kids.some((kid) => kid !== null)) throw UNSUPPORTED;
    return null;
  }

  /** The node a composeNode call read, from the nodes it read on the way. */
  private node(open: number, kids: (Node | null)[], state: LoaderState): Node {
    const start = this.skipSeparation(open);
    const c = this.text.charCodeAt(start);
    // Tags, anchors, aliases and explicit keys: `!`, `&`, `*`, `?`.
    if (c === 0x21 || c === 0x26 || c === 0x2a || c === 0x3f) throw UNSUPPORTED;
    // A block mapping that found no `:` keeps the node it read as its first key.
    const only = kids.length === 1 ? kids[0] : null;
    if (only && only.range![0] === start) {
      const same =
        state.kind === 'scalar'
          ? isScalar(only)
          : state.kind === 'sequence'
            ? only instanceof YAMLSeq
            : only instanceof YAMLMap;
      if (!same) throw UNSUPPORTED;
      return only;
    }
    switch (state.kind) {
      case 'scalar':
        // A block scalar's frame holds the key js-yaml looked for first and did not find.
        if (kids.some((kid) => kid !== null)) throw UNSUPPORTED;
        return this.scalar(start, c, state);
      case 'sequence':
        if (c === LBRACKET) return this.flowSeq(start, kids, state);
        if (c === DASH) return this.blockSeq(start, kids, state);
        throw UNSUPPORTED;
      case 'mapping':
        if (c === LBRACE) return this.flowMap(start, kids, state);
        return this.blockMap(start, kids);
      default:
        throw UNSUPPORTED;
    }
  }

  private scalar(start: number, c: number, state: LoaderState): Scalar {
    const { text } = this;
    if (c === DQUOTE || c === SQUOTE) {
      const end = state.position;
      if (typeof state.result !== 'string' || text.charCodeAt(end - 1) !== c) throw UNSUPPORTED;
      for (let i = start + 1; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === LF) throw UNSUPPORTED;
        // \U beyond U+10FFFF is an error to yaml only: leave every \U to yaml.
        if (ch === BACKSLASH && c === DQUOTE && text.charCodeAt(++i) === 0x55) throw UNSUPPORTED;
      }
      // yaml wants white space before a comment; js-yaml does not.
      if (text.charCodeAt(end) === HASH) throw UNSUPPORTED;
      const scalar = new Scalar(state.result);
      scalar.source = state.result;
      scalar.type = c === DQUOTE ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      scalar.range = [start, end, end];
      return scalar;
    }
    if (c === PIPE || c === GT) return this.blockScalar(start, state);
    // js-yaml stops at what ends the scalar: a `:`, a comment, a flow indicator,
    // possibly on a line after it (a comment line more indented than the key),
    // or past the line break js-yaml adds to a text that does not end in one.
    let end = state.position > text.length ? text.length : state.position;
    for (let ch = text.charCodeAt(end - 1); ch === SPACE || ch === LF || ch === CR;)
      ch = text.charCodeAt(--end - 1);
    if (end <= start) throw UNSUPPORTED;
    // js-yaml's string is the text, folded where it runs over lines as yaml
    // folds it; a number, boolean or null it resolved stands on one line.
    let source: string;
    if (typeof state.result === 'string') source = state.result;
    else if ((source = text.slice(start, end)).includes('\n')) throw UNSUPPORTED;
    const scalar = this.plain(source);
    scalar.range = [start, end, end];
    return scalar;
  }

  /** A plain scalar as yaml resolves it: the first core tag whose test matches, else a string. */
  private plain(source: string): Scalar {
    let index = this.tagOf.get(source);
    if (index === undefined) {
      index = this.plainTags.findIndex((tag) => tag.test!.test(source));
      this.tagOf.set(source, index);
    }
    let scalar: Scalar;
    if (index === -1) scalar = new Scalar(source);
    else {
      const tag = this.plainTags[index]!;
      const value = tag.resolve(source, onResolveError, this.doc.options);
      scalar = isScalar(value) ? value : new Scalar(value);
      if (tag.format) scalar.format = tag.format;
    }
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    return scalar;
  }

  /**
   * `|` or `>` with an optional chomping indicator, every content line at the
   * same indentation, and blank lines that are truly empty. The value is worked
   * out here and must equal js-yaml's, so both readings agree.
   */
  private blockScalar(start: number, state: LoaderState): Scalar {
    const { text } = this;
    const length = text.length;
    const folded = text.charCodeAt(start) === GT;
    let p = start + 1;
    let c = text.charCodeAt(p);
    const chomp = c === DASH || c === PLUS ? c : 0;
    if (chomp) c = text.charCodeAt(++p);
    if (c === SPACE) {
      while (c === SPACE) c = text.charCodeAt(++p);
      if (c === HASH) while (p < length && c !== LF && c !== CR) c = text.charCodeAt(++p);
    }
    if (c === CR) c = text.charCodeAt(++p);
    if (c !== LF) throw UNSUPPORTED;
    p++;
    let indent = -1;
    let value = '';
    let empty = 0;
    let contentEnd = -1;
    while (p < length) {
      let q = p;
      while (text.charCodeAt(q) === SPACE) q++;
      const ch = text.charCodeAt(q);
      const eol = ch === LF || ch === CR || q >= length;
      if (eol && q > p) throw UNSUPPORTED; // a blank line with spaces
      if (eol) {
        empty++;
        p = q + (ch === CR ? 2 : 1);
        continue;
      }
      const n = q - p;
      if (indent === -1) {
        if (n === 0) throw UNSUPPORTED;
        indent = n;
      } else if (n < indent) break;
      else if (n > indent) throw UNSUPPORTED; // more-indented lines fold by other rules
      let lineEnd = text.indexOf('\n', q);
      if (lineEnd === -1) lineEnd = length;
      const content = text.slice(q, text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd);
      if (contentEnd === -1) value += '\n'.repeat(empty);
      else value += folded && empty === 0 ? ' ' : '\n'.repeat(folded ? empty : empty + 1);
      value += content;
      empty = 0;
      p = contentEnd = Math.min(lineEnd + 1, length);
    }
    if (contentEnd === -1) throw UNSUPPORTED;
    if (chomp === 0) value += '\n';
    else if (chomp === PLUS) value += '\n'.repeat(empty + 1);
    if (value !== state.result) throw UNSUPPORTED;
    const end = chomp === PLUS ? p : contentEnd;
    const scalar = new Scalar(value);
    scalar.source = value;
    scalar.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    scalar.range = [start, end, end];
    return scalar;
  }

  private blockSeq(start: number, kids: (Node | null)[], state: LoaderState): YAMLSeq {
    // An entry with nothing after its `-` is read by js-yaml without an event.
    if (kids.length === 0 || !Array.isArray(state.result) || state.result.length !== kids.length)
      throw UNSUPPORTED;
    const indent = this.column(start);
    const seq = new YAMLSeq<Node>(this.doc.schema);
    for (const kid of kids) {
      if (!kid) throw UNSUPPORTED;
      if (!isBlock(kid)) this.endInBlock(kid, indent);
      seq.items.push(kid);
    }
    seq.range = this.blockRange(start, seq.items[seq.items.length - 1]!, indent);
    return seq;
  }

  private blockMap(start: number, kids: (Node | null)[]): YAMLMap {
    const opens = this.kidOpens[this.depth]!;
    let n = kids.length;
    // A last key that js-yaml looked for and did not find.
    if (n % 2 === 1 && kids[n - 1] === null) n--;
    if (n === 0 || n % 2 === 1) throw UNSUPPORTED;
    const indent = this.column(start);
    const map = new YAMLMap<Scalar, Node>(this.doc.schema);
    for (let i = 0; i < n; i += 2) {
      const key = this.key(kids[i]!, map, i === 0 ? start : -1);
      const colon = this.skipSpaces(key.range![1]);
      // yaml's limit on the length of an implicit key is 1024 characters.
      if (colon - key.range![0] > 1000) throw UNSUPPORTED;
      if (opens[i + 1] !== colon + 1) throw UNSUPPORTED;
      let value = kids[i + 1]!;
      if (value === null) value = this.emptyValue(colon + 1);
      else if (!isBlock(value)) this.endInBlock(value, indent);
      map.items.push(new Pair(key, value));
    }
    map.range = this.blockRange(start, map.items[map.items.length - 1]!.value!, indent);
    return map;
  }

  private flowSeq(start: number, kids: (Node | null)[], state: LoaderState): YAMLSeq {
    const end = this.flowEnd(start, state, RBRACKET);
    // A `key: value` entry reads as two nodes but makes one item.
    if (!Array.isArray(state.result) || state.result.length !== kids.length) throw UNSUPPORTED;
    const seq = new YAMLSeq<Node>(this.doc.schema);
    seq.flow = true;
    for (const kid of kids) {
      if (!kid || isBlock(kid) || !this.afterFlowIndicator(kid.range![0])) throw UNSUPPORTED;
      kid.range![2] = this.skipSpaces(kid.range![1]);
      seq.items.push(kid);
    }
    seq.range = [start, end, end];
    return seq;
  }

  private flowMap(start: number, kids: (Node | null)[], state: LoaderState): YAMLMap {
    const end = this.flowEnd(start, state, RBRACE);
    const opens = this.kidOpens[this.depth]!;
    if (kids.length % 2 === 1) throw UNSUPPORTED;
    const map = new YAMLMap<Scalar, Node>(this.doc.schema);
    map.flow = true;
    for (let i = 0; i < kids.length; i += 2) {
      const key = this.key(kids[i]!, map, -1);
      if (!this.afterFlowIndicator(key.range![0])) throw UNSUPPORTED;
      const colon = this.skipSpaces(key.range![1]);
      const value = kids[i + 1];
      if (!value || isBlock(value) || opens[i + 1]! <= colon) throw UNSUPPORTED;
      value.range![2] = this.skipSpaces(value.range![1]);
      map.items.push(new Pair(key, value));
    }
    map.range = [start, end, end];
    return map;
  }

  /** Just past a flow collection that opens and closes on one line, not touching a comment. */
  private flowEnd(start: number, state: LoaderState, close: number): number {
    const { text } = this;
    const end = state.position;
    if (text.charCodeAt(end - 1) !== close || text.charCodeAt(end) === HASH) throw UNSUPPORTED;
    for (let i = start; i < end; i++) if (text.charCodeAt(i) === LF) throw UNSUPPORTED;
    return end;
  }

  /**
   * A mapping key: a scalar on one line followed by `:`, and not one yaml
   * would call a duplicate of a key in `map` (yaml compares resolved values:
   * `1` and `0x1` are one key, two `.nan` are not).
   */
  private key(node: Node | null, map: YAMLMap<Scalar, Node>, at: number): Scalar {
    if (!isScalar(node) || isBlock(node)) throw UNSUPPORTED;
    const [from, to] = node.range!;
    if (at !== -1 && from !== at) throw UNSUPPORTED;
    for (let i = from; i < to; i++) if (this.text.charCodeAt(i) === LF) throw UNSUPPORTED;
    if (this.text.charCodeAt(this.skipSpaces(to)) !== COLON) throw UNSUPPORTED;
    const value = node.value;
    if (map.items.some((pair) => pair.key.value === value)) throw UNSUPPORTED;
    node.range![2] = to;
    return node;
  }

  /** `key:` with nothing after it: null, placed after the `:` and the spaces that follow. */
  private emptyValue(from: number): Scalar {
    const at = this.skipSpaces(from);
    // Comments up to the next node would belong to the empty value, by rules not copied here.
    for (let i = at, next = this.skipSeparation(at); i < next; i++)
      if (this.text.charCodeAt(i) === HASH) throw UNSUPPORTED;
    const scalar = this.plain('');
    scalar.range = [at, at, at];
    return scalar;
  }

  /**
   * Where a scalar or flow collection in a block collection at `indent` ends
   * for yaml: after its line's spaces, comment and line break, and after the
   * comment lines below it (blank lines between) that are more indented than
   * the collection.
   */
  private endInBlock(node: Node, indent: number): void {
    const { text } = this;
    let end = this.lineEnd(node.range![1]);
    for (let p = end; p < text.length;) {
      const q = this.skipSpaces(p);
      const c = text.charCodeAt(q);
      if (c === HASH && q - p > indent) p = end = this.lineEnd(q);
      else if (c === LF || c === CR || q >= text.length) p = this.lineEnd(q);
      else break;
    }
    node.range![2] = end;
  }

  /**
   * A block collection's range: from its first key or `-` to the end of its
   * last node. The comment lines after that stay with the collection when one
   * of them is at least as indented as it (and it is indented at all); then it
   * ends where the next node starts.
   */
  private blockRange(start: number, last: Node, indent: number): [number, number, number] {
    const { text } = this;
    const end = last.range![2];
    if (indent > 0) {
      for (let p = end; p < text.length;) {
        const q = this.skipSpaces(p);
        const c = text.charCodeAt(q);
        if (c === HASH && q - p >= indent) return [start, end, this.skipSeparation(end)];
        if (c === HASH || c === LF || c === CR) p = this.lineEnd(q);
        else break;
      }
    }
    return [start, end, end];
  }

  /** The column (0-based) of an offset. */
  private column(at: number): number {
    return at - (this.text.lastIndexOf('\n', at - 1) + 1);
  }

  /** After the spaces, comment and line break that end a line from `from`. */
  private lineEnd(from: number): number {
    const { text } = this;
    let p = this.skipSpaces(from);
    let c = text.charCodeAt(p);
    if (c === HASH) while (p < text.length && c !== LF && c !== CR) c = text.charCodeAt(++p);
    if (c === LF) return p + 1;
    if (c === CR) return p + 2;
    return p;
  }

  private skipSpaces(from: number): number {
    let p = from;
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** js-yaml's skipSeparationSpace: spaces, comments and line breaks. */
  private skipSeparation(from: number): number {
    const { text } = this;
    let p = from;
    for (;;) {
      let c = text.charCodeAt(p);
      while (c === SPACE) c = text.charCodeAt(++p);
      if (c === HASH) while (p < text.length && c !== LF && c !== CR) c = text.charCodeAt(++p);
      if (c === LF) p++;
      else if (c === CR) p += 2;
      else return p;
    }
  }

  /** True when the node at `at` opens a flow collection or follows a comma (no `?`). */
  private afterFlowIndicator(at: number): boolean {
    let p = at - 1;
    while (this.text.charCodeAt(p) === SPACE) p--;
    const c = this.text.charCodeAt(p);
    return c === LBRACKET || c === LBRACE || c === COMMA;
  }
}
