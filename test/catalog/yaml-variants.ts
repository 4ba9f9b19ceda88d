/**
 * Texts for test/catalog/fast-yaml.test.ts, the same on every run: tricky
 * scalars, small documents of odd shapes, mutations of real catalogs (scalars
 * swapped, keys duplicated, flow and block styles swapped, quoting and
 * escapes, comments, block and multi-line scalars, empty values, unicode, a
 * byte-order mark, CRLF, and constructs the fast path leaves to yaml), and
 * documents generated from a small grammar.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { plannerCatalogText } from '../../bench/planner';

const ROOT = resolve(__dirname, '..', '..');

/** mulberry32: the variants are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** Scalars the two parsers could read differently: numbers, nulls, booleans, quoting. */
export const TRICKY = [
  '1_000',
  '0b1',
  '0o7',
  '0o8',
  '0x1F',
  '0x',
  '007',
  '+1',
  '-0',
  '1.0',
  '1.50',
  '1.',
  '.5',
  '1e3',
  '1E-2',
  '+.inf',
  '-.inf',
  '.inf',
  '.Inf',
  '.NaN',
  '.nan',
  '.NAN',
  'nan',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  'Yes',
  'No',
  'on',
  'off',
  'y',
  'n',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  '1:20:30',
  '12:30',
  '2027-01-01',
  '2027-1-1',
  '2027-01-01T10:00:00Z',
  '99999999999999999999',
  '"1"',
  "'1'",
  '"true"',
  "'~'",
  '""',
  "''",
  '"a \\"b\\" \\\\ \\t \\u00e9 \\x41 \\/ \\N \\_"',
  '"\\U0001F600"',
  '"\\q"',
  "'it''s'",
  "'a \" b'",
  '-P2W',
  'P30D',
  ':x',
  '-x',
  '?x',
  '- x',
  'a#b',
  'a #b',
  'a: b',
  'a:b',
  '[]',
  '{}',
  '[a, 1, "b"]',
  '{a: 1, "b": 2}',
  '{"a":1}',
  '[a: 1]',
  '[? a]',
  '{a, b: 1}',
  '{a: }',
  '[a, , b]',
  '[a,]',
  '"x"#c',
  '[x]#c',
  '"x" #c',
  '&a x',
  '*a',
  '!!str 1',
  '! x',
  '@x',
  '`x',
  '%x',
  '|',
  '>',
  '東京 会議',
  'مجلس الأمن',
  '"日本語 \\u00e9"',
  '😀 emoji',
  'a\u00a0b',
];

const KEY_VALUE = /^(\s*(?:- )?)([A-Za-z][\w-]*): (?![|>])(\S.*)$/;

function withLines(text: string, change: (lines: string[]) => void): string {
  const lines = text.split('\n');
  change(lines);
  return lines.join('\n');
}

/** Index of a random line matching `re`, or -1. */
function someLine(lines: string[], re: RegExp, random: Random): number {
  const found = lines.flatMap((line, i) => (re.test(line) ? [i] : []));
  return found.length === 0 ? -1 : pick(random, found);
}

const MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  tricky: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i >= 0) lines[i] = lines[i]!.replace(KEY_VALUE, `$1$2: ${pick(random, TRICKY)}`);
    }),
  trickyInFlow: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /[[,] ?[^,[\]{}]+[,\]]/, random);
      if (i >= 0)
        lines[i] = lines[i]!.replace(
          /([[,] ?)[^,[\]{}\s][^,[\]{}]*([,\]])/,
          `$1${pick(
            random,
            TRICKY.filter((t) => !/[[\]{},#]/.test(t)),
          )}$2`,
        );
    }),
  trickyKey: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      const key = pick(random, [
        '1',
        '0x1',
        '1.0',
        '~',
        'null',
        '.nan',
        'true',
        '"1"',
        "'a'",
        '1_0',
      ]);
      if (i >= 0) lines[i] = lines[i]!.replace(KEY_VALUE, `$1${key}: $3`);
    }),
  duplicateKey: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      const indent = m[1]!.replace('- ', '  ');
      const key = pick(random, [m[2]!, `"${m[2]}"`, `'${m[2]}'`]);
      lines.splice(i + 1, 0, `${indent}${key}: ${pick(random, [m[3]!, 'other'])}`);
    }),
  duplicateNumericKey: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /^(people|events|calendars):$/, random);
      if (i < 0) return;
      const [a, b] = pick(random, [
        ['1', '0x1'],
        ['1', '1.0'],
        ['0o7', '7'],
        ['.nan', '.NaN'],
        ['~', 'null'],
        ['true', 'True'],
        ['1', '"1"'],
        ['1_0', '10'],
      ] as const);
      lines.splice(i + 1, 0, `  ${a}: { title: A, start: 2027-01-01 }`);
      lines.splice(i + 2, 0, `  ${b}: { title: B, start: 2027-01-02 }`);
    }),
  flowToBlock: (text, random) =>
    withLines(text, (lines) => {
      const re = /^(\s*)((?:- )?)([\w-]+): \{ ?([^{}[\]"',#]+(?:, [^{}[\]"',#]+)*) ?\}\s*$/;
      const i = someLine(lines, re, random);
      if (i < 0) return;
      const [, indent, dash, key, body] = re.exec(lines[i]!)!;
      const inner = `${indent}${dash ? '  ' : ''}  `;
      lines.splice(
        i,
        1,
        `${indent}${dash}${key}:`,
        ...body!.split(', ').map((entry) => `${inner}${entry.trim()}`),
      );
    }),
  seqToBlock: (text, random) =>
    withLines(text, (lines) => {
      const re = /^(\s*)([\w-]+): \[([^[\]{}"',#]+(?:, [^[\]{}"',#]+)*)\]\s*$/;
      const i = someLine(lines, re, random);
      if (i < 0) return;
      const [, indent, key, body] = re.exec(lines[i]!)!;
      const inner = pick(random, [indent, `${indent}  `]);
      lines.splice(
        i,
        1,
        `${indent}${key}:`,
        ...body!.split(', ').map((item) => `${inner}- ${item.trim()}`),
      );
    }),
  blockToFlow: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /^(\s*)(?:- )?[\w-]+:$/, random);
      if (i < 0) return;
      const indent =
        /^\s*/.exec(lines[i]!)![0].length + (lines[i]!.trim().startsWith('- ') ? 2 : 0);
      let j = i + 1;
      const items: string[] = [];
      while (j < lines.length && /^\s*/.exec(lines[j]!)![0].length > indent) {
        const m = /^\s*([\w-]+: [^{}[\]#,]+|- [^{}[\]#,:]+)$/.exec(lines[j]!);
        if (!m) return;
        items.push(m[1]!);
        j++;
      }
      if (items.length === 0) return;
      const seq = items.every((item) => item.startsWith('- '));
      if (!seq && items.some((item) => item.startsWith('- '))) return;
      const body = items.map((item) => (seq ? item.slice(2) : item)).join(', ');
      lines.splice(i, j - i, `${lines[i]} ${seq ? `[${body}]` : `{ ${body} }`}`);
    }),
  quoted: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      const value = m[3]!.replace(/^["']|["']$/g, '');
      const escapes = [
        '\\"',
        '\\\\',
        '\\t',
        '\\n',
        '\\u00e9',
        '\\x41',
        '\\/',
        '\\ ',
        '\\N',
        '\\_',
        '\\0',
      ];
      const quoted =
        random() < 0.6
          ? `"${value.replace(/["\\]/g, '')}${random() < 0.7 ? pick(random, escapes) : ''}${random() < 0.3 ? ' x' : ''}"`
          : `'${value.replace(/'/g, "''")}${random() < 0.5 ? "''s" : ''}'`;
      lines[i] = `${m[1]}${m[2]}: ${quoted}`;
    }),
  comment: (text, random) =>
    withLines(text, (lines) => {
      const i = Math.floor(random() * (lines.length + 1));
      const kind = Math.floor(random() * 4);
      if (kind === 0)
        lines.splice(i, 0, `${' '.repeat(Math.floor(random() * 9))}# a comment # more`);
      else if (kind === 1 && lines[i]) lines[i] += pick(random, [' # c', '  #c', ' #', '#c']);
      else if (kind === 2) lines.splice(i, 0, '');
      else lines.splice(i, 0, '##### banner ######');
    }),
  blockScalar: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      const indent = ' '.repeat(m[1]!.length + pick(random, [2, 2, 4, 1, 0]));
      const header = `${pick(random, ['|', '>'])}${pick(random, ['', '', '-', '+', '2', '-1'])}${pick(random, ['', '', ' # h', '#h'])}`;
      const body: string[] = [];
      const count = 1 + Math.floor(random() * 4);
      for (let k = 0; k < count; k++) {
        const line = pick(random, [
          'Plain words here',
          'CJK 会議 and العربية',
          'with: colon',
          '# not a comment',
          '- not an item',
          '  more indented',
          'trailing spaces  ',
          '',
          '',
          '  ',
        ]);
        body.push(line === '' ? '' : line === '  ' ? indent + '  ' : indent + line);
      }
      if (random() < 0.3) body.unshift('');
      if (random() < 0.3) body.push('');
      lines.splice(i, 1, `${m[1]}${m[2]}: ${header}`, ...body);
    }),
  multiLinePlain: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      const indent = ' '.repeat(m[1]!.length + pick(random, [2, 4, 1, 0]));
      const next = pick(random, ['continued here', '- dash', 'key: like', '', '# c', '"q"', '12']);
      const quote = random() < 0.3 ? pick(random, ['"', "'"]) : '';
      lines.splice(
        i,
        1,
        `${m[1]}${m[2]}: ${quote}${m[3]!.replace(/["']/g, '')}`,
        ...(random() < 0.3 ? [''] : []),
        `${indent}${next}${quote}`,
      );
    }),
  empty: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      lines[i] = `${m[1]}${m[2]}:${pick(random, ['', ' ', '   # nothing', ' ~', ' null', ' ""'])}`;
    }),
  emptyItem: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /^\s*- /, random);
      if (i >= 0)
        lines.splice(i, 0, `${/^\s*/.exec(lines[i]!)![0]}-${pick(random, ['', ' ', ' # c'])}`);
    }),
  unicode: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      const value = pick(random, [
        '国際電気通信連合 理事会',
        '"مجلس الاتحاد الدولي للاتصالات"',
        "'Ünïcödé ‹quotes› — dash'",
        'emoji 😀 and 𝔘',
        'זה טקסט',
      ]);
      lines[i] = `${m[1]}${random() < 0.2 ? '名前' : m[2]}: ${value}`;
    }),
  bom: (text) => `\uFEFF${text}`,
  crlf: (text) => text.replace(/\r?\n/g, '\r\n'),
  loneCr: (text, random) =>
    withLines(text, (lines) => {
      const i = Math.floor(random() * lines.length);
      lines[i] += '\r';
    }),
  tab: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /^ +\S/, random);
      if (i >= 0)
        lines[i] =
          random() < 0.5 ? lines[i]!.replace(/^ {1,2}/, '\t') : lines[i]!.replace(': ', ':\t');
    }),
  anchors: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      const j = someLine(lines, KEY_VALUE, random);
      if (i < 0 || j <= i) return;
      lines[i] = lines[i]!.replace(KEY_VALUE, '$1$2: &anchor $3');
      lines[j] = lines[j]!.replace(KEY_VALUE, '$1$2: *anchor');
    }),
  explicitKey: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, KEY_VALUE, random);
      if (i < 0) return;
      const m = KEY_VALUE.exec(lines[i]!)!;
      const indent = m[1]!.replace('- ', '  ');
      lines.splice(i, 1, `${m[1]}? ${m[2]}`, `${indent}: ${m[3]}`);
    }),
  documents: (text, random) =>
    pick(random, [
      `---\n${text}`,
      `${text}\n...\n`,
      `%YAML 1.2\n---\n${text}`,
      `${text}\n---\nother: document\n`,
      `--- # start\n${text}`,
    ]),
  indentation: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /^ +\S/, random);
      if (i >= 0) lines[i] = random() < 0.5 ? ` ${lines[i]}` : lines[i]!.slice(1);
    }),
  dropLine: (text, random) =>
    withLines(text, (lines) => {
      lines.splice(Math.floor(random() * lines.length), 1);
    }),
  longKey: (text, random) =>
    withLines(text, (lines) => {
      const i = someLine(lines, /^(people|events):$/, random);
      if (i >= 0)
        lines.splice(i + 1, 0, `  ${'k'.repeat(pick(random, [999, 1000, 1024, 1030]))}: {}`);
    }),
  noFinalNewline: (text) => text.replace(/(\r?\n)+$/, ''),
  trailingSpaces: (text, random) =>
    withLines(text, (lines) => {
      for (let k = 0; k < 5; k++) {
        const i = Math.floor(random() * lines.length);
        lines[i] += pick(random, [' ', '   ']);
      }
    }),
};

/** Small documents: roots of every kind, comments around nested collections, odd layouts. */
export const SHAPES = [
  '',
  '# only a comment\n',
  'hello',
  'hello\n# after\n',
  '"quoted root"\n',
  '[a, b]\n',
  '{ a: 1 }  # c\n',
  '- a\n- b\n',
  '- a\n-\n- c\n',
  '|\n  text\n',
  'a:\n',
  'a:   # c\nb: 1\n',
  'a: 1\n   # indented\n\n      # more\nb: 2\n',
  'a:\n  b: 1\n  # c2\n# c0\n    # c4\nd:\n  - x\n  # s2\n  - y\n    # s4\n# s0\ne: 3\n',
  'a:\n  b:\n    c: 1\n    # c4\n  # c2\n# c0\nd: 2\n',
  'a:\n  b:\n    c: 1\n  # c2\n    # c4\n\n  d: 2\n',
  'a:\n  b: 1 # c\n\n\nc: 2\n',
  'a:\n- x\n- y\nb: |+\n  keep\n\n\nc: >-\n  folded\n  text\n\n',
  'a: |\n  x\n  # c\n# d\nb: 1',
  'a:\n  [x, y]\nb:\n  { c: d }\nc:\n  plain\n  on lines\n',
  'k: v\r\nl:\r\n  - w\r\n  # c\r\n',
  '\uFEFFa: 1\n',
  'a: 1\n---\nb: 2\n',
  'a: &x 1\nb: *x\n',
  '? a\n: b\n',
  'a: [x,\n  y]\n',
  'a: "x\n  y"\n',
  'a: {b: 1, b: 2}\n',
  '1: a\n0x1: b\n',
  '.nan: a\n.nan: b\n',
  '- - a\n  - b\n- c\n',
  '- a: 1\n  b: 2\n-   c: 3\n',
];

export const SMALL = `version: 1
resolution:
  id: test-resolution
  title: Test resolution
  adoptedBy: Test Council
  timezone: Europe/Zurich
events:
  council: { title: Council, start: 2025-06-17 }
people:
  alice: { name: Alice, email: alice@example.org }
  bob: { name: Bob, email: bob@example.org, timezone: Asia/Tokyo, locale: fr }
defaults:
  reminders: [P14D, P7D]
  sendAt: '09:00'
  overdueEvery: P7D
  escalateAfter: P14D
  skipWeekends: true
tasks:
  - id: first
    clause: instructs 1
    title: First task
    responsible: Secretariat
    assignees: [alice]
    manager: bob
    due: 2025-05-18
    tags: [annual]
    notes: Reported yearly
    deliverables:
      - { id: report, title: Report, kind: document }
  - id: second
    clause: "instructs 2"
    title: Second task
    responsible: Secretariat
    assignees:
      - alice
      - bob
    due: { event: council, offset: -P30D, time: '12:00' }
    reminders: [P3D]
    dependsOn: [first]
    deliverables:
      - id: link
        title: Link
        kind: link
`;

export function variants(
  files: string[],
  count = 200,
  randomSeed = 1332,
): { name: string; text: string }[] {
  const small = { name: 'small', text: SMALL };
  // The benchmark's catalog without country holidays, which are slow to look up for every variant.
  const planner = {
    name: 'planner(6)',
    text: plannerCatalogText(6)
      .replace(/country: [A-Z]{2}, region: [A-Z]+/g, '')
      .replace(/,? country: [A-Z]{2},?/g, ''),
  };
  const seed = {
    name: 'seed',
    text: readFileSync(join(ROOT, 'catalogs', 'itu-council-1332.yaml'), 'utf8'),
  };
  const corpus = files
    .filter((file) => file.includes('bad-input'))
    .map((file) => ({
      name: relative(ROOT, file),
      text: readFileSync(file, 'utf8'),
    }));
  const names = Object.keys(MUTATIONS);
  const random = rng(randomSeed);
  const out: { name: string; text: string }[] = [];
  for (let v = 0; v < count; v++) {
    // The seed catalog is large: it gets one variant in fifty.
    const base =
      v % 50 === 0
        ? seed
        : v % 2 === 0
          ? small
          : v % 4 === 1
            ? planner
            : corpus[v % corpus.length]!;
    let text = base.text;
    const applied: string[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const mutation = pick(random, names);
      text = MUTATIONS[mutation]!(text, random);
      applied.push(mutation);
    }
    out.push({ name: `${base.name} + ${applied.join(' + ')} (#${v})`, text });
  }
  return out;
}

// ------------------------------------------------ documents from a small grammar

const GEN_SCALARS = [
  'a',
  'b c',
  '1',
  '0x1F',
  '0o7',
  '1.50',
  '.inf',
  '-.Inf',
  '.NaN',
  '~',
  'null',
  'true',
  'False',
  'Yes',
  '1_000',
  '"q"',
  "'s''t'",
  '"e\\tx\\u00e9"',
  '-x',
  ':x',
  'a:b',
  'a#b',
  'é東',
  '"a # b"',
  "'[x]'",
  '-0',
  '+12',
  '1e3',
  '2027-01-01',
  '-P2W',
];
const GEN_KEYS = ['k', 'key', 'a b', '"q k"', "'s'", '1', 'x-y', 'é', 'true', '~', '0x2'];

/**
 * Random YAML documents of nested block mappings and sequences (compact ones
 * too), flow collections, block scalars, values on the next line, empty
 * values, and comment and blank lines at every indentation, with CRLF line
 * endings or no final line break now and then.
 */
export function generatedDocuments(count: number, randomSeed: number): string[] {
  const random = rng(randomSeed);
  const flowScalars = GEN_SCALARS.filter((s) => !/[#:[\]{},]/.test(s) || /^["']/.test(s));
  const uniqueKey = (used: Set<string>) => {
    let key = pick(random, GEN_KEYS);
    while (used.has(key)) key += 'x';
    used.add(key);
    return key;
  };
  const flow = (depth: number): string => {
    if (depth > 2 || random() < 0.5) return pick(random, flowScalars);
    const n = Math.floor(random() * 4);
    if (random() < 0.5) {
      const items = Array.from({ length: n }, () => flow(depth + 1));
      return `[${items.join(pick(random, [', ', ',', ' , ']))}${pick(random, ['', ','])}]`;
    }
    const used = new Set<string>();
    const entries = Array.from({ length: n }, () => `${uniqueKey(used)}: ${flow(depth + 1)}`);
    const pad = pick(random, [' ', '']);
    return `{${pad}${entries.join(', ')}${pad}}`;
  };
  const extras = (lines: string[], indent: number) => {
    while (random() < 0.25) {
      const at = ' '.repeat(Math.floor(random() * (indent + 4)));
      lines.push(random() < 0.4 ? '' : at + pick(random, ['# c', '#', '# x # y', '##']));
    }
  };
  const value = (indent: number, depth: number, lines: string[], prefix: string): void => {
    const x = random();
    if (depth > 3 || x < 0.35) {
      lines.push(`${prefix} ${pick(random, flowScalars)}${random() < 0.15 ? '  # t' : ''}`);
    } else if (x < 0.5) {
      lines.push(`${prefix} ${flow(0)}${random() < 0.15 ? ' # t' : ''}`);
    } else if (x < 0.6) {
      const header = `${pick(random, ['|', '>'])}${pick(random, ['', '-', '+'])}${pick(random, ['', ' # h'])}`;
      lines.push(`${prefix} ${header}`);
      for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
        if (random() < 0.3) lines.push('');
        lines.push(
          ' '.repeat(indent + 2) + pick(random, ['text', 'more words', '# hash', '- dash', 'k: v']),
        );
      }
      if (random() < 0.3) lines.push('');
    } else if (x < 0.65) {
      lines.push(
        prefix,
        ' '.repeat(indent + 2) + pick(random, ['plain', '"q"', '[a, b]', '{a: 1}']),
      );
    } else if (x < 0.7) {
      lines.push(prefix + pick(random, ['', ' ']));
    } else {
      lines.push(prefix + (random() < 0.1 ? ' # c' : ''));
      extras(lines, indent + 2);
      const child = indent + pick(random, [2, 2, 4, 1]);
      if (random() < 0.5) mapping(child, depth + 1, lines);
      else sequence(random() < 0.3 && prefix.endsWith(':') ? indent : child, depth + 1, lines);
      return;
    }
    extras(lines, indent);
  };
  const mapping = (indent: number, depth: number, lines: string[], first?: string): void => {
    const used = new Set<string>();
    for (let i = 1 + Math.floor(random() * 4); i > 0; i--) {
      const at = first ?? ' '.repeat(indent);
      first = undefined;
      value(indent, depth, lines, `${at}${uniqueKey(used)}${pick(random, [':', ':', ' :'])}`);
    }
  };
  const sequence = (indent: number, depth: number, lines: string[]): void => {
    for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
      if (random() < 0.3 && depth < 3) {
        const gap = pick(random, [' ', '   ']);
        mapping(indent + 1 + gap.length, depth + 1, lines, `${' '.repeat(indent)}-${gap}`);
        extras(lines, indent);
      } else value(indent, depth, lines, `${' '.repeat(indent)}-`);
    }
  };
  return Array.from({ length: count }, () => {
    const lines: string[] = [];
    extras(lines, 2);
    if (random() < 0.85) mapping(0, 0, lines);
    else sequence(0, 0, lines);
    const text = lines.join('\n') + (random() < 0.9 ? '\n' : '');
    return random() < 0.1 ? text.replace(/\n/g, '\r\n') : text;
  });
}
