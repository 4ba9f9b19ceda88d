/**
 * Small helpers shared by the benchmark scenarios: progress on stderr,
 * timing, medians, free ports, bounded concurrency and catalog YAML.
 */
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WorkflowHandle } from '@temporalio/client';
import { validateCatalogText } from '../src/catalog/validate';
import type { Catalog } from '../src/shared/types';

const started = performance.now();

/** A progress line on stderr (stdout is for the result table). */
export function log(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

/** Milliseconds since an arbitrary origin, for durations. */
export function now(): number {
  return performance.now();
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Waits until the last started workflows have finished their first workflow
 * task (history: started, task scheduled/started/completed, and a command).
 * Workflow tasks are handed out in about the order they were scheduled, so
 * when the last ones are done the rest are too.
 */
export async function firstTasksDone(
  handles: WorkflowHandle[],
  timeoutMs = 600_000,
): Promise<void> {
  const last = handles.slice(-10);
  await waitFor(
    'first workflow tasks',
    async () => {
      for (const handle of last) {
        const { historyLength } = await handle.describe();
        if (historyLength < 5) return undefined;
      }
      return true;
    },
    timeoutMs,
    100,
  );
}

/** A TCP port that was free a moment ago on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export { forEachLimited } from '../src/client/for-each-limited';

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}

export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A note when a size is below the brief's. */
export function reducedNote(actual: number, brief: number): string {
  return actual < brief
    ? `N reduced from ${formatNumber(brief)} to ${formatNumber(actual)} to fit the time budget (--full uses ${formatNumber(brief)}); `
    : '';
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatKiB(bytes: number): string {
  return `${formatNumber(bytes / 1024)} KiB`;
}

// ---------------------------------------------------------------------------
// Catalogs as YAML text, checked by the real validator

export interface GenPerson {
  key: string;
  name: string;
  email: string;
  timezone: string;
  locale: string;
  /** v2: the key of a calendar in `GenCatalog.calendars`. */
  calendar?: string;
}

export interface GenPolicy {
  reminders: string[];
  sendAt: string;
  overdueEvery: string;
  escalateAfter: string | null;
  skipWeekends: boolean;
}

export interface GenTask {
  id: string;
  clause: string;
  title: string;
  responsible: string;
  assignees: string[];
  manager?: string;
  due: string;
  dueTime?: string;
  /** v2: due on each session of this series, `offset` from its start (in place of `due`). */
  series?: { name: string; offset: string };
  recurrence?: { every: string; until?: string };
  deliverables: {
    id: string;
    title: string;
    kind: 'document' | 'link' | 'text';
    required?: boolean;
  }[];
  tags: string[];
}

export interface GenCatalog {
  resolutionId: string;
  title: string;
  timezone: string;
  people: GenPerson[];
  defaults: GenPolicy;
  tasks: GenTask[];
  /** v2 (any of these makes the catalog version 2): calendars as `key: { ... }` flow text. */
  calendars?: Record<string, string>;
  /** v2: events, each `{ title, start, series }`. */
  events?: Record<string, { title: string; start: string; series?: string }>;
}

const quoted = (text: string) => JSON.stringify(text);

/** The catalog as YAML text, in the shape docs/catalog.md describes. */
export function catalogYaml(catalog: GenCatalog): string {
  const v2 = catalog.calendars !== undefined || catalog.events !== undefined;
  const lines: string[] = [
    `version: ${v2 ? 2 : 1}`,
    'resolution:',
    `  id: ${catalog.resolutionId}`,
    `  title: ${quoted(catalog.title)}`,
    '  adoptedBy: Benchmark Council',
    `  timezone: ${catalog.timezone}`,
  ];
  if (catalog.calendars) {
    lines.push('calendars:');
    for (const [key, text] of Object.entries(catalog.calendars)) lines.push(`  ${key}: ${text}`);
  }
  if (catalog.events) {
    lines.push('events:');
    for (const [key, e] of Object.entries(catalog.events)) {
      lines.push(
        `  ${key}: { title: ${quoted(e.title)}, start: ${e.start}${e.series ? `, series: ${e.series}` : ''} }`,
      );
    }
  }
  lines.push('people:');
  for (const p of catalog.people) {
    lines.push(
      `  ${p.key}: { name: ${quoted(p.name)}, email: ${p.email}, timezone: ${p.timezone}, locale: ${p.locale}${p.calendar ? `, calendar: ${p.calendar}` : ''} }`,
    );
  }
  const d = catalog.defaults;
  lines.push(
    'defaults:',
    `  reminders: [${d.reminders.join(', ')}]`,
    `  sendAt: "${d.sendAt}"`,
    `  overdueEvery: ${d.overdueEvery}`,
    `  escalateAfter: ${d.escalateAfter ?? 'null'}`,
    `  skipWeekends: ${d.skipWeekends}`,
    'tasks:',
  );
  for (const t of catalog.tasks) {
    lines.push(
      `  - id: ${t.id}`,
      `    clause: ${quoted(t.clause)}`,
      `    title: ${quoted(t.title)}`,
      `    responsible: ${quoted(t.responsible)}`,
      `    assignees: [${t.assignees.join(', ')}]`,
    );
    if (t.manager) lines.push(`    manager: ${t.manager}`);
    lines.push(
      t.series
        ? `    due: { series: ${t.series.name}, offset: ${t.series.offset} }`
        : t.dueTime
          ? `    due: { date: ${t.due}, time: "${t.dueTime}" }`
          : `    due: ${t.due}`,
    );
    if (t.recurrence) {
      lines.push(
        `    recurrence: { every: ${t.recurrence.every}${t.recurrence.until ? `, until: ${t.recurrence.until}` : ''} }`,
      );
    }
    lines.push('    deliverables:');
    for (const del of t.deliverables) {
      lines.push(
        `      - { id: ${del.id}, title: ${quoted(del.title)}, kind: ${del.kind}${del.required === false ? ', required: false' : ''} }`,
      );
    }
    lines.push(`    tags: [${t.tags.join(', ')}]`);
  }
  return lines.join('\n') + '\n';
}

/** Validates generated YAML with the project's validator; a problem is a bug in the generator. */
export function validatedCatalog(text: string): Catalog {
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) {
    const first = problems
      .slice(0, 5)
      .map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`)
      .join('; ');
    throw new Error(`generated catalog is invalid (${problems.length} problems): ${first}`);
  }
  return catalog;
}

/** People in several zones and locales, as real catalogs have. */
export const VARIED_PEOPLE: GenPerson[] = [
  {
    key: 'secretariat',
    name: 'Secretariat',
    email: 'secretariat@example.org',
    timezone: 'Europe/Zurich',
    locale: 'en',
  },
  {
    key: 'bureau',
    name: 'Bureau',
    email: 'bureau@example.org',
    timezone: 'Europe/Zurich',
    locale: 'fr',
  },
  {
    key: 'liaison',
    name: 'Liaison office',
    email: 'liaison@example.org',
    timezone: 'America/New_York',
    locale: 'en',
  },
  {
    key: 'regional',
    name: 'Regional office',
    email: 'regional@example.org',
    timezone: 'Asia/Bangkok',
    locale: 'zh',
  },
  {
    key: 'arab-office',
    name: 'Arab States office',
    email: 'arab@example.org',
    timezone: 'Africa/Cairo',
    locale: 'ar',
  },
  {
    key: 'americas',
    name: 'Americas office',
    email: 'americas@example.org',
    timezone: 'America/Sao_Paulo',
    locale: 'es',
  },
  {
    key: 'cis',
    name: 'CIS office',
    email: 'cis@example.org',
    timezone: 'Europe/Moscow',
    locale: 'ru',
  },
  {
    key: 'manager',
    name: 'Manager',
    email: 'manager@example.org',
    timezone: 'Europe/Zurich',
    locale: 'en',
  },
];

/** The seed catalog's defaults: four reminders, weekly overdue notices, escalation after two weeks. */
export const SEED_POLICY: GenPolicy = {
  reminders: ['P30D', 'P14D', 'P7D', 'P1D'],
  sendAt: '09:00',
  overdueEvery: 'P7D',
  escalateAfter: 'P14D',
  skipWeekends: true,
};
