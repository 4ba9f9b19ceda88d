/**
 * Filtered task lists against a real Temporal dev server: every filter of the
 * page and of `GET /api/tasks` is answered by visibility (series through its
 * own search attribute), the page shows the filter as set with its count and
 * links, and a bad value is a 400 that names its parameter; the CSV of a list
 * is that list, read back by an independent parser.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { listTasks, visibilityQuery, type TaskListing } from '../../src/client/listing';
import { TaskListing as TaskListingSchema } from '../../src/http/schemas';
import { LISTING_CSV_HEADER } from '../../src/http/listing-csv';
import { csvDocument } from '../../src/report/csv';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { MANAGER_TOKEN, parseCatalog, startHttpHarness, type HttpHarness } from './harness';

const RESOLUTION = 'list-test';
const today = DateTime.utc().startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

const catalog = parseCatalog(`
version: 2
resolution:
  id: ${RESOLUTION}
  title: List test resolution
  adoptedBy: Test Council
  timezone: UTC
events:
  council-a: { title: Council A, start: ${date(40)}, series: council }
  council-b: { title: Council B, start: ${date(400)}, series: council }
people:
  focal-ar: { name: نقطة الاتصال, email: focal-ar@example.org, timezone: Asia/Riyadh, locale: ar }
  focal-zh: { name: 联络人, email: focal-zh@example.org, timezone: Asia/Shanghai, locale: zh }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: late
    clause: resolves 1
    title: Late report
    responsible: Secretariat
    assignees: [focal-ar]
    due: ${date(-3)}
    tags: [finance]
    deliverables:
      - { id: note, title: Note, kind: text }
  - id: soon
    clause: resolves 2
    title: Soon report
    responsible: BDT
    assignees: [focal-zh]
    due: ${date(5)}
    tags: [finance, web]
    deliverables:
      - { id: note, title: Note, kind: text }
  - id: later
    clause: resolves 2
    title: Later report
    responsible: BDT
    assignees: [focal-ar, focal-zh]
    due: ${date(20)}
    deliverables:
      - { id: note, title: Note, kind: text }
  - id: each-council
    clause: instructs 1
    title: Report to each Council
    responsible: Secretariat
    assignees: [focal-zh]
    due: { series: council, offset: -P10D }
    deliverables:
      - { id: note, title: Note, kind: text }
`);

const LATE = occurrenceWorkflowId(RESOLUTION, 'late', date(-3));
const SOON = occurrenceWorkflowId(RESOLUTION, 'soon', date(5));
const LATER = occurrenceWorkflowId(RESOLUTION, 'later', date(20));
const COUNCIL_A = occurrenceWorkflowId(RESOLUTION, 'each-council', 'council-a');
const COUNCIL_B = occurrenceWorkflowId(RESOLUTION, 'each-council', 'council-b');
const ALL = [LATE, SOON, LATER, COUNCIL_A, COUNCIL_B];

let stack: HttpHarness;

async function get(path: string): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${stack.server.url}${path}`, {
    headers: { authorization: `Bearer ${MANAGER_TOKEN}` },
    redirect: 'manual',
  });
  return {
    status: response.status,
    // Bytes as sent: text() would drop a byte-order mark.
    text: Buffer.from(await response.arrayBuffer()).toString('utf8'),
    type: response.headers.get('content-type') ?? '',
  };
}

async function apiIds(query: string): Promise<string[]> {
  const reply = await get(`/api/tasks?resolution=${RESOLUTION}&${query}`);
  expect(reply.status, reply.text).toBe(200);
  const listings = JSON.parse(reply.text) as TaskListing[];
  for (const l of listings) expect(TaskListingSchema.strict().safeParse(l).success).toBe(true);
  return listings.map((l) => l.workflowId).sort();
}

/** The task links of a list page's table, as workflow ids. */
function pageIds(text: string): string[] {
  return [...text.matchAll(/<a href="\/tasks\/([^"]+)">/g)].map((m) => m[1]!).sort();
}

beforeAll(async () => {
  stack = await startHttpHarness({ catalog, taskQueue: 'list-test' });
});

afterAll(async () => {
  await stack?.close();
});

describe('filters in the visibility query', () => {
  it('starts with every occurrence listed and the late one overdue', async () => {
    await expect
      .poll(
        async () =>
          (await listTasks(stack.env.client, { resolution: RESOLUTION }))
            .map((l) => `${l.workflowId}:${l.workflowId === LATE ? l.status : ''}`)
            .sort(),
        { timeout: 30_000, interval: 250 },
      )
      .toEqual(ALL.map((id) => `${id}:${id === LATE ? 'overdue' : ''}`).sort());
  });

  it('puts every filter, series included, in the query', () => {
    const query = visibilityQuery(
      { clause: 'resolves 2', responsible: 'BDT', series: 'council', occurrence: 'council-a' },
      0,
    );
    expect(query).toContain(`MandateClause = 'resolves 2'`);
    expect(query).toContain(`MandateResponsible = 'BDT'`);
    expect(query).toContain(`MandateSeries = 'council'`);
    expect(query).toContain(`MandateOccurrence = 'council-a'`);
  });

  it('answers each filter of GET /api/tasks', async () => {
    expect(await apiIds('')).toEqual([...ALL].sort());
    expect(await apiIds('status=overdue')).toEqual([LATE]);
    expect(await apiIds('overdue=true')).toEqual([LATE]);
    expect(await apiIds('status=overdue&status=open')).toEqual([...ALL].sort());
    expect(await apiIds('dueWithin=P7D')).toEqual([SOON]);
    expect(await apiIds('dueWithin=P30D')).toEqual([SOON, LATER].sort());
    expect(await apiIds('assignee=focal-ar')).toEqual([LATE, LATER].sort());
    expect(await apiIds('responsible=BDT')).toEqual([SOON, LATER].sort());
    expect(await apiIds('tag=web')).toEqual([SOON]);
    expect(await apiIds('series=council')).toEqual([COUNCIL_A, COUNCIL_B].sort());
    expect(await apiIds('series=council&occurrence=council-b')).toEqual([COUNCIL_B]);
    expect(await apiIds('clause=resolves%202&tag=finance')).toEqual([SOON]);
  });

  it('publishes the series of a session in its listing', async () => {
    const reply = await get(`/api/tasks?series=council`);
    const listings = JSON.parse(reply.text) as TaskListing[];
    expect(listings.map((l) => l.series)).toEqual(['council', 'council']);
  });
});

describe('the list page', () => {
  it('shows the overdue view with its filter as set, its count and its links', async () => {
    const reply = await get(`/tasks?resolution=${RESOLUTION}&status=overdue`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<h1>Overdue tasks</h1>');
    expect(pageIds(reply.text)).toEqual([LATE]);
    expect(reply.text).toMatch(/<strong>1<\/strong> task\s+matches\s+this filter/);
    expect(reply.text).toMatch(/value="overdue"\s+checked/);
    expect(reply.text).not.toMatch(/value="open"\s+checked/);
    expect(reply.text).toContain(`value="${RESOLUTION}"`);
    expect(reply.text).toContain('<a href="/tasks">Clear the filter</a>');
    expect(reply.text).toContain(`href="/tasks.csv?resolution=${RESOLUTION}&amp;status=overdue"`);
  });

  it('lists what the same query lists in the API', async () => {
    for (const query of ['responsible=BDT&dueWithin=P7D', 'series=council', 'tag=finance']) {
      const reply = await get(`/tasks?resolution=${RESOLUTION}&${query}`);
      expect(reply.status).toBe(200);
      expect(pageIds(reply.text)).toEqual(await apiIds(query));
    }
    // Empty fields, as a GET form sends them, filter nothing.
    const empty = await get(`/tasks?resolution=${RESOLUTION}&tag=&clause=&dueWithin=`);
    expect(pageIds(empty.text)).toEqual([...ALL].sort());
    expect(empty.text).toMatch(/<strong>5<\/strong> tasks/);
  });

  it('offers the assignee by name, sends their key, and keeps a key no catalog names', async () => {
    const reply = await get(`/tasks?assignee=focal-zh`);
    expect(pageIds(reply.text)).toEqual(await apiIds('assignee=focal-zh'));
    const select = /<select id="f-assignee" name="assignee">([\s\S]*?)<\/select>/.exec(
      reply.text,
    )?.[1];
    const options = [
      ...(select ?? '').matchAll(/<option value="([^"]*)"\s*(selected)?>\s*([^<]*?)\s*<\/option>/g),
    ].map((m) => [m[1], m[3], Boolean(m[2])]);
    expect(options).toEqual([
      ['', 'anyone', false],
      // In the collation's order of names: Arabic script sorts before Han.
      ['focal-ar', 'نقطة الاتصال (focal-ar@example.org)', false],
      ['focal-zh', '联络人 (focal-zh@example.org)', true],
    ]);
    const gone = await get(`/tasks?assignee=retired-desk`);
    expect(gone.status).toBe(200);
    expect(gone.text).toMatch(
      /<option value="retired-desk" selected>retired-desk \(not in a loaded catalog\)<\/option>/,
    );
    expect(gone.text).toMatch(/<strong>0<\/strong> tasks/);
  });

  it('shows the selected "due within" reach', async () => {
    const reply = await get(`/tasks?dueWithin=P14D`);
    expect(reply.text).toMatch(/<option value="P14D"\s+selected>/);
  });
});

describe('bad filter values', () => {
  const cases: [string, RegExp][] = [
    ['status=lost', /^status: /],
    ['dueWithin=7', /^dueWithin: /],
    ['dueWithin=P7X', /^dueWithin: /],
    [`series=${encodeURIComponent("a' OR 'b")}`, /^series: .*quotes/],
    [`clause=${'c'.repeat(201)}`, /^clause: /],
  ];
  it.each(cases)('%s: 400 on the page and in the API, naming the parameter', async (q, message) => {
    const web = await get(`/tasks?${q}`);
    expect(web.status).toBe(400);
    expect(web.type).toMatch(/^text\/html/);
    const alert = /<p class="error" role="alert">([^<]*)<\/p>/.exec(web.text)?.[1] ?? '';
    expect(alert).toMatch(message);
    expect(web.text).toContain('<form method="get" action="/tasks"');
    const api = await get(`/api/tasks?${q}`);
    expect(api.status).toBe(400);
    expect((JSON.parse(api.text) as { error: { message: string } }).error.message).toMatch(
      new RegExp(message.source.replace('^', '')),
    );
  });
});

/** Parses CSV with Python's csv module: an independent reader, not our writer read back. */
function parseCsv(text: string): { bom: boolean; rows: string[][] } {
  const out = execFileSync(
    join(__dirname, '..', '..', '.tools', 'venv', 'bin', 'python'),
    [
      '-c',
      'import csv, io, json, sys; t = sys.stdin.buffer.read().decode("utf-8");' +
        ' print(json.dumps({"bom": t.startswith("\\ufeff"), "rows": list(csv.reader(io.StringIO(t.lstrip("\\ufeff"), newline="")))}))',
    ],
    { input: text },
  );
  return JSON.parse(out.toString()) as { bom: boolean; rows: string[][] };
}

describe('CSV of a list', () => {
  it('is the listing, row for row, on the page and in the API', async () => {
    for (const path of ['/tasks.csv', '/api/tasks.csv']) {
      const query = `resolution=${RESOLUTION}&status=open&status=overdue`;
      const reply = await get(`${path}?${query}`);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.type).toBe('text/csv; charset=utf-8');
      const { bom, rows } = parseCsv(reply.text);
      expect(bom).toBe(true);
      expect(rows[0]).toEqual([...LISTING_CSV_HEADER]);
      const listings = JSON.parse((await get(`/api/tasks?${query}`)).text) as TaskListing[];
      expect(rows.slice(1)).toEqual(
        listings.map((l) => [
          l.workflowId,
          l.resolution,
          l.task,
          catalog.tasks.find((t) => t.id === l.task)!.title,
          l.occurrence,
          l.clause,
          l.responsible,
          l.assignees.join('; '),
          l.tags.join('; '),
          l.series ?? '',
          l.status,
          new Date(l.dueAt).toISOString().replace('.000Z', 'Z'),
          '',
          '',
        ]),
      );
      expect(rows.find((r) => r[0] === LATE)?.[11]).toBe(`${date(-2)}T00:00:00Z`); // the end of its due day;
    }
  });

  it('answers a bad filter with 400 naming it', async () => {
    const reply = await get('/tasks.csv?status=lost');
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/status: /);
  });
});

describe('the CSV writer', () => {
  it('quotes per RFC 4180, keeps Arabic and Chinese, and neutralises formulas', () => {
    const cells = [
      '=SUM(A1:A9)',
      '+1',
      '-2',
      '@cmd',
      'a "quoted", text',
      'line\nbreak',
      'نقطة',
      '联络人',
    ];
    const text = csvDocument(
      ['h'],
      cells.map((c) => [c]),
    );
    expect(text.startsWith('\uFEFFh\r\n')).toBe(true);
    expect(
      parseCsv(text)
        .rows.slice(1)
        .map((r) => r[0]),
    ).toEqual([
      "'=SUM(A1:A9)",
      "'+1",
      "'-2",
      "'@cmd",
      'a "quoted", text',
      'line\nbreak',
      'نقطة',
      '联络人',
    ]);
  });
});
