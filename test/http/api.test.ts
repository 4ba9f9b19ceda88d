/**
 * The HTTP layer against a real Temporal dev server and worker: the JSON
 * API's role matrix, validation, refusals and uploads, the OpenAPI document,
 * security headers, and the focal point's signed hand-in links.
 */
import { staffSession } from '../support/staff-sign-in';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { listTasks } from '../../src/client/listing';
import { signLink } from '../../src/links/signed-link';
import type { TaskView } from '../../src/shared/task-view';
import { TaskViewSchema } from '../../src/http/schemas';
import { intlLocale } from '../../src/i18n/locales';
import type { Locale } from '../../src/shared/types';
import { occurrenceWorkflowId, statusQuery } from '../../src/shared/workflow-api';
import { REPORT_WORDS } from '../../src/i18n/report-words';
import { PAGE_WORDS } from '../../src/i18n/page-words';
import { readOffice, type DocxRead, type XlsxRead } from '../report/read-office';
import {
  LINK_SECRET,
  MANAGER_TOKEN,
  MAX_UPLOAD_BYTES,
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from './harness';

const DAY = 86_400_000;
const RESOLUTION = 'http-test';
const today = DateTime.utc().startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: HTTP test resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-fr: { name: Point focal, email: focal-fr@example.org, timezone: Europe/Paris, locale: fr }
  focal-en: { name: Focal point, email: focal-en@example.org, timezone: America/New_York, locale: en }
  focal-ar: { name: نقطة الاتصال, email: focal-ar@example.org, timezone: Asia/Riyadh, locale: ar }
  focal-tokyo: { name: Tokyo focal point, email: focal-tokyo@example.org, timezone: Asia/Tokyo, locale: en }
  outsider: { name: Someone else, email: outsider@example.org, timezone: UTC, locale: en }
  desk: { name: Resolution desk, email: desk@example.org, timezone: UTC, locale: en }
defaults:
  reminders: [P7D]
  sendAt: "03:17"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: matrix-task
    clause: resolves 1
    title: Role matrix task
    responsible: Secretariat
    assignees: [focal-en]
    manager: desk
    due: ${date(5)}
    deliverables:
      - { id: note, title: Short note, kind: text }
      - { id: page, title: Web page, kind: link }
  - id: doc-task
    clause: resolves 2
    title: Report as a document
    responsible: Secretariat
    assignees: [focal-en]
    due: ${date(3)}
    deliverables:
      - { id: report, title: The report, kind: document }
  - id: waive-task
    clause: resolves 3
    title: Task to waive
    responsible: Secretariat
    assignees: [focal-en]
    due: ${date(4)}
    deliverables:
      - { id: note, title: Short note, kind: text }
  - id: handin-task
    clause: resolves 4
    title: Hand-in task
    responsible: Secretariat
    assignees: [focal-fr, focal-en, focal-tokyo]
    due: ${date(2)}
    deliverables:
      - { id: summary, title: Résumé, kind: text }
      - { id: site, title: Site, kind: link }
  - id: closing-task
    clause: resolves 5
    title: Task closed while a link is out
    responsible: Secretariat
    assignees: [focal-ar]
    due: ${date(6)}
    deliverables:
      - { id: note, title: Short note, kind: text }
  - id: late-task
    clause: resolves 6
    title: Already overdue task
    responsible: Secretariat
    assignees: [focal-en]
    due: ${date(-2)}
    deliverables:
      - { id: note, title: Short note, kind: text }
`);

const idOf = (task: string) => {
  const found = catalog.tasks.find((t) => t.id === task)!;
  return occurrenceWorkflowId(RESOLUTION, task, found.due.kind === 'date' ? found.due.date : '');
};
const MATRIX = idOf('matrix-task');
const DOC = idOf('doc-task');
const WAIVE = idOf('waive-task');
const HANDIN = idOf('handin-task');
const CLOSING = idOf('closing-task');
const LATE = idOf('late-task');
const ALL = [MATRIX, DOC, WAIVE, HANDIN, CLOSING, LATE];

type Who = 'anonymous' | 'bad' | 'manager' | 'secretariat';
const TOKEN: Record<Who, string | undefined> = {
  anonymous: undefined,
  bad: 'b'.repeat(24),
  manager: MANAGER_TOKEN,
  secretariat: SECRETARIAT_TOKEN,
};

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

let stack: HttpHarness;

async function call(
  method: string,
  path: string,
  options: { as?: Who; json?: unknown; raw?: string; form?: FormData; cookie?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = TOKEN[options.as ?? 'secretariat'];
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | FormData | undefined = options.form;
  if (options.json !== undefined || options.raw !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.raw ?? JSON.stringify(options.json);
  }
  const response = await fetch(`${stack.server.url}${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('application/json');
  return {
    status: response.status,
    headers: response.headers,
    body: json ? JSON.parse(text) : text,
    text,
  };
}

/** Every error under /api is JSON `{ error: { message } }`. */
function expectError(reply: Reply, status: number, message?: RegExp): string {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  const error = (reply.body as { error?: { message?: unknown } }).error;
  expect(typeof error?.message).toBe('string');
  const text = error!.message as string;
  expect(text.length).toBeGreaterThan(0);
  if (message) expect(text).toMatch(message);
  return text;
}

/**
 * What people did to a task, without what depends on the clock (status, next
 * messages) or on the mail going out meanwhile (notices of an earlier change).
 */
function recorded(view: TaskView): Omit<TaskView, 'status' | 'next'> {
  const rest: Partial<TaskView> = { ...view };
  delete rest.status;
  delete rest.next;
  rest.history = view.history.filter((entry) => entry.type !== 'message');
  return rest as Omit<TaskView, 'status' | 'next'>;
}

function view(reply: Reply): TaskView {
  expect(reply.status, reply.text).toBe(200);
  return reply.body as TaskView;
}

const taskPath = (id: string, action?: string) =>
  `/api/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
/** Signs in through the sign-in form; answers the session cookie it sets. */
const signedInCookie = (token: string) => staffSession(stack.server.url, token);

const query = (id: string) => stack.env.client.workflow.getHandle(id).query(statusQuery);

/** Sends `anonymous`, `bad` and, unless allowed, `manager`, and checks each is refused with nothing changed. */
async function expectRefusedFor(
  method: string,
  path: string,
  body: { json?: unknown; form?: () => FormData },
  managerAllowed: boolean,
  workflowId?: string,
): Promise<void> {
  const before = workflowId ? await query(workflowId) : undefined;
  for (const as of ['anonymous', 'bad'] as const) {
    expectError(
      await call(method, path, {
        as,
        json: body.json,
        ...(body.form ? { form: body.form() } : {}),
      }),
      401,
      /authentication required/,
    );
  }
  if (!managerAllowed) {
    expectError(
      await call(method, path, {
        as: 'manager',
        json: body.json,
        ...(body.form ? { form: body.form() } : {}),
      }),
      403,
      /manager role may not/,
    );
  }
  if (workflowId) expect(recorded(await query(workflowId))).toEqual(recorded(before!));
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
const upload = (content: Buffer, name: string, type: string) => () => {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  return form;
};

beforeAll(async () => {
  stack = await startHttpHarness({ catalog, taskQueue: 'http-api-test' });
});

afterAll(async () => {
  await stack?.close();
});

describe('roles', () => {
  it('lists every task once visibility has caught up', async () => {
    // Listings come from visibility, which lags the workflows: wait until every task shows, the late one overdue.
    await expect
      .poll(
        async () => {
          const listed = await listTasks(stack.env.client, { resolution: RESOLUTION });
          return listed
            .map((l) => `${l.workflowId}:${l.workflowId === LATE ? l.status : ''}`)
            .sort();
        },
        { timeout: 30_000, interval: 250 },
      )
      .toEqual(ALL.map((id) => `${id}:${id === LATE ? 'overdue' : ''}`).sort());
  });

  it('GET /api/tasks: staff read, others get 401', async () => {
    await expectRefusedFor('GET', '/api/tasks', {}, true);
    for (const as of ['manager', 'secretariat'] as const) {
      const reply = await call('GET', `/api/tasks?resolution=${RESOLUTION}`, { as });
      expect(reply.status).toBe(200);
      const ids = (reply.body as { workflowId: string }[]).map((l) => l.workflowId).sort();
      expect(ids).toEqual([...ALL].sort());
    }
    const overdue = await call('GET', '/api/tasks?overdue=true', { as: 'manager' });
    expect(
      (overdue.body as { workflowId: string; status: string }[]).map((l) => l.workflowId),
    ).toEqual([LATE]);
  });

  it('GET /api/tasks/{id}: staff read, others get 401', async () => {
    await expectRefusedFor('GET', taskPath(MATRIX), {}, true);
    for (const as of ['manager', 'secretariat'] as const) {
      const v = view(await call('GET', taskPath(MATRIX), { as }));
      expect(v.workflowId).toBe(MATRIX);
      expect(v.status).toBe('open');
      expect(v.deliverables.map((d) => d.id)).toEqual(['note', 'page']);
    }
    expect(view(await call('GET', taskPath(LATE), { as: 'manager' })).status).toBe('overdue');
  });

  it('POST submit: secretariat only', async () => {
    const body = { deliverableId: 'note', payload: { kind: 'text', text: 'Our note.' } };
    await expectRefusedFor('POST', taskPath(MATRIX, 'submit'), { json: body }, false, MATRIX);
    const v = view(await call('POST', taskPath(MATRIX, 'submit'), { json: body }));
    expect(v.status).toBe('submitted');
    expect(v.history.at(-1)).toMatchObject({
      type: 'submitted',
      by: 'sec',
      deliverableId: 'note',
    });
    // The secretariat hands in for the assignee what came by mail: by it, for them.
    const forThem = view(
      await call('POST', taskPath(MATRIX, 'submit'), {
        json: {
          deliverableId: 'page',
          payload: { kind: 'link', url: 'https://example.org/page' },
          for: { person: 'focal-en', via: 'mail', note: ' Sent to the desk on 3 December ' },
        },
      }),
    );
    expect(forThem.deliverables.find((d) => d.id === 'page')).toMatchObject({
      status: 'submitted',
      submittedBy: 'sec',
      submittedFor: { person: 'focal-en', via: 'mail', note: 'Sent to the desk on 3 December' },
    });
    expect(forThem.history.at(-1)).toMatchObject({
      type: 'submitted',
      by: 'sec',
      for: { person: 'focal-en', via: 'mail', note: 'Sent to the desk on 3 December' },
    });
  });

  it('POST review: manager and secretariat', async () => {
    const accept = { decision: 'accept', deliverableId: 'note' };
    await expectRefusedFor('POST', taskPath(MATRIX, 'review'), { json: accept }, true, MATRIX);
    const byManager = view(
      await call('POST', taskPath(MATRIX, 'review'), { as: 'manager', json: accept }),
    );
    expect(byManager.deliverables.find((d) => d.id === 'note')?.status).toBe('accepted');
    expect(byManager.history.at(-1)).toMatchObject({ type: 'reviewed', by: 'mgr' });
    const back = { decision: 'return', deliverableId: 'page', comment: 'Wrong page.' };
    const bySecretariat = view(await call('POST', taskPath(MATRIX, 'review'), { json: back }));
    expect(bySecretariat.status).toBe('returned');
    expect(bySecretariat.history.at(-1)).toMatchObject({
      type: 'reviewed',
      by: 'sec',
      decision: 'return',
    });
  });

  it('POST extend: secretariat only', async () => {
    const body = { dueDate: date(10), reason: 'More time asked' };
    await expectRefusedFor('POST', taskPath(MATRIX, 'extend'), { json: body }, false, MATRIX);
    const v = view(await call('POST', taskPath(MATRIX, 'extend'), { json: body }));
    expect(v.due.date).toBe(date(10));
    expect(v.dueAt).toBe(today.plus({ days: 11 }).toMillis());
  });

  it('POST reassign: secretariat only', async () => {
    const body = {
      assignees: [
        {
          key: 'focal-en',
          name: 'Focal point',
          email: 'focal-en@example.org',
          timezone: 'UTC',
          locale: 'en',
        },
        {
          key: 'focal-fr',
          name: 'Point focal',
          email: 'focal-fr@example.org',
          timezone: 'Europe/Paris',
          locale: 'fr',
        },
      ],
      reason: 'Second focal point',
    };
    await expectRefusedFor('POST', taskPath(MATRIX, 'reassign'), { json: body }, false, MATRIX);
    const v = view(await call('POST', taskPath(MATRIX, 'reassign'), { json: body }));
    expect(v.assignees.map((a) => a.key)).toEqual(['focal-en', 'focal-fr']);
  });

  it('POST reassign: any zone of the IANA database, its current names too (one rule with the catalog)', async () => {
    const person = (key: string, timezone: string) => ({
      key,
      name: key,
      email: `${key}@example.org`,
      timezone,
      locale: 'en',
    });
    // Asia/Kolkata and Europe/Kyiv are missing from this Node's Intl list, which has Asia/Calcutta.
    const body = {
      assignees: [person('focal-en', 'UTC'), person('in-kolkata', 'Asia/Kolkata')],
      manager: person('in-kyiv', 'Europe/Kyiv'),
      reason: 'Focal points in India and Ukraine',
    };
    const v = view(await call('POST', taskPath(MATRIX, 'reassign'), { json: body }));
    expect(v.assignees.map((a) => [a.key, a.timezone])).toEqual([
      ['focal-en', 'UTC'],
      ['in-kolkata', 'Asia/Kolkata'],
    ]);
    expect(v.manager?.timezone).toBe('Europe/Kyiv');
    const made = { ...body, assignees: [person('nowhere', 'Mars/Olympus_Mons')] };
    const reply = await call('POST', taskPath(MATRIX, 'reassign'), { json: made });
    expectError(reply, 400);
    expect(reply.text).toContain('assignees.0.timezone');
    expect(reply.text).toContain('\\"Mars/Olympus_Mons\\" is not a time zone of the IANA database');
  });

  it('POST hold: a blank reason is a 400 naming the field, before the workflow sees it', async () => {
    const reply = await call('POST', taskPath(MATRIX, 'hold'), { json: { reason: '   ' } });
    expectError(reply, 400);
    expect(reply.text).toMatch(/reason: must not be blank/);
    expect(view(await call('GET', taskPath(MATRIX))).hold).toBeUndefined();
  });

  it('POST waive: secretariat only', async () => {
    const body = { reason: 'Overtaken by events' };
    await expectRefusedFor('POST', taskPath(WAIVE, 'waive'), { json: body }, false, WAIVE);
    const v = view(await call('POST', taskPath(WAIVE, 'waive'), { json: body }));
    expect(v.status).toBe('waived');
  });

  it('POST /api/documents: secretariat only', async () => {
    await expectRefusedFor(
      'POST',
      '/api/documents',
      { form: upload(PDF, 'report.pdf', 'application/pdf') },
      false,
    );
    const reply = await call('POST', '/api/documents', {
      form: upload(PDF, 'report.pdf', 'application/pdf')(),
    });
    expect(reply.status, reply.text).toBe(201);
  });

  it('GET /api/reports/{resolution}: staff read, others get 401', async () => {
    await expectRefusedFor('GET', `/api/reports/${RESOLUTION}`, {}, true);
    for (const as of ['manager', 'secretariat'] as const) {
      const md = await call('GET', `/api/reports/${RESOLUTION}`, { as });
      expect(md.status).toBe(200);
      expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
      expect(md.text).toContain('resolves 1');
    }
    const csv = await call('GET', `/api/reports/${RESOLUTION}?format=csv`, { as: 'manager' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expectError(await call('GET', '/api/reports/no-such-resolution'), 404, /no-such-resolution/);
    expectError(await call('GET', `/api/reports/${RESOLUTION}?locale=de`), 400, /locale/);
    expectError(
      await call('GET', `/api/reports/${RESOLUTION}?from=2027-05-01&to=2027-04-01`),
      400,
      /to: 2027-04-01 is before/,
    );
  });

  it('GET /api/reports/{resolution}: Word and Excel downloads open in independent readers', async () => {
    const download = async (query: string) => {
      const response = await fetch(`${stack.server.url}/api/reports/${RESOLUTION}?${query}`, {
        headers: { authorization: `Bearer ${TOKEN.manager}` },
      });
      expect(response.status).toBe(200);
      return { response, body: new Uint8Array(await response.arrayBuffer()) };
    };
    const word = await download('format=docx&locale=fr');
    expect(word.response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(word.response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${RESOLUTION}-\\d{4}-\\d{2}-\\d{2}\\.docx"$`),
    );
    const doc = readOffice('api.docx', word.body) as DocxRead;
    const texts = doc.body.flatMap((b) => ('paragraph' in b ? [b.paragraph] : []));
    expect(texts).toContain(REPORT_WORDS.fr.subtitle);
    expect(texts).toContain('resolves 1');
    const excel = await download('format=xlsx');
    const sheet = (readOffice('api.xlsx', excel.body) as XlsxRead).sheets[0];
    expect(sheet?.freeze).toBe('A2');
    expect(sheet?.rows[0]?.[1]).toBe(REPORT_WORDS.en.taskId);
    expect(sheet?.rows.slice(1).some((r) => r[3] === 'Report as a document')).toBe(true);
  });
});

describe('validation and refusals', () => {
  it('answers malformed bodies with 400 naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['submit', { deliverableId: 'note' }, /payload/],
      ['submit', { deliverableId: 'note', payload: { kind: 'text', text: '' } }, /payload\.text/],
      [
        'submit',
        { deliverableId: 'page', payload: { kind: 'link', url: 'not a url' } },
        /payload\.url/,
      ],
      ['review', { decision: 'maybe' }, /decision/],
      ['extend', { dueDate: '2030/01/01', reason: 'x' }, /dueDate/],
      ['extend', { dueDate: '2030-01-01', dueTime: '25h', reason: 'x' }, /dueTime/],
      ['extend', { dueDate: '2030-01-01' }, /reason/],
      ['waive', {}, /reason/],
      [
        'reassign',
        {
          assignees: [
            { key: 'x', name: 'X', email: 'not-an-email', timezone: 'UTC', locale: 'en' },
          ],
        },
        /assignees\.0\.email/,
      ],
      [
        'reassign',
        {
          assignees: [
            { key: 'x', name: 'X', email: 'x@example.org', timezone: 'UTC', locale: 'de' },
          ],
        },
        /assignees\.0\.locale/,
      ],
    ];
    const before = await query(HANDIN);
    for (const [action, body, field] of cases) {
      expectError(await call('POST', taskPath(HANDIN, action), { json: body }), 400, field);
    }
    expectError(await call('POST', taskPath(HANDIN, 'waive'), { raw: '{"reason": ' }), 400);
    expectError(await call('GET', '/api/tasks?dueWithin=30days'), 400, /dueWithin/);
    expectError(await call('GET', '/api/tasks?status=lost'), 400, /status/);
    expect(recorded(await query(HANDIN))).toEqual(recorded(before));
  });

  it('answers an unknown task with 404', async () => {
    const unknown = `${RESOLUTION}/no-such-task/2030-01-01`;
    expectError(await call('GET', taskPath(unknown)), 404, /no-such-task/);
    expectError(
      await call('POST', taskPath(unknown, 'waive'), { json: { reason: 'gone' } }),
      404,
      /no-such-task/,
    );
    expectError(await call('GET', '/api/no-such-route'), 404);
  });

  it('answers a refused update with 409 and changes nothing', async () => {
    const before = view(await call('GET', taskPath(HANDIN)));
    expectError(
      await call('POST', taskPath(HANDIN, 'submit'), {
        json: { deliverableId: 'annex', payload: { kind: 'text', text: 'x' } },
      }),
      409,
      /unknown deliverable "annex"/,
    );
    expectError(
      await call('POST', taskPath(HANDIN, 'submit'), {
        json: { deliverableId: 'summary', payload: { kind: 'link', url: 'https://example.org' } },
      }),
      409,
      /expects a text/,
    );
    // A hand-in for someone names an assignee of the task, and how it came.
    expectError(
      await call('POST', taskPath(HANDIN, 'submit'), {
        json: {
          deliverableId: 'summary',
          payload: { kind: 'text', text: 'x' },
          for: { person: 'outsider', via: 'post' },
        },
      }),
      409,
      /for\.person: "outsider" is not an assignee of this task \(focal-fr, focal-en, focal-tokyo\)/,
    );
    expectError(
      await call('POST', taskPath(HANDIN, 'submit'), {
        json: {
          deliverableId: 'summary',
          payload: { kind: 'text', text: 'x' },
          for: { person: 'focal-fr', via: 'pigeon' },
        },
      }),
      400,
      /for\.via/,
    );
    expectError(
      await call('POST', taskPath(HANDIN, 'extend'), {
        json: { dueDate: before.due.date, reason: 'no change' },
      }),
      409,
      /equal the current ones/,
    );
    expectError(
      await call('POST', taskPath(HANDIN, 'review'), { json: { decision: 'accept' } }),
      409,
      /nothing is awaiting review/,
    );
    expectError(
      await call('POST', taskPath(WAIVE, 'waive'), { json: { reason: 'again' } }),
      409,
      /closed/,
    );
    const after = view(await call('GET', taskPath(HANDIN)));
    expect(after.status).toBe(before.status);
    expect(recorded(after)).toEqual(recorded(before));
  });
});

describe('documents', () => {
  it('refuses an oversized upload with 413', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES * 2, 0x20);
    const refused = await call('POST', '/api/documents', {
      form: upload(big, 'big.pdf', 'application/pdf')(),
    });
    expectError(refused, 413, /larger than/);
    // The unread rest of the body makes the connection unusable: the server says so.
    expect(refused.headers.get('connection')).toBe('close');
    // Just over the limit: under the body limit, refused by the store.
    const over = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    expectError(
      await call('POST', '/api/documents', { form: upload(over, 'over.pdf', 'application/pdf')() }),
      413,
      /limit/,
    );
  });

  it('refuses a media type outside the allow-list with 415', async () => {
    expectError(
      await call('POST', '/api/documents', {
        form: upload(Buffer.from('<script>alert(1)</script>'), 'page.html', 'text/html')(),
      }),
      415,
      /text\/html is not accepted/,
    );
    expectError(await call('POST', '/api/documents', { form: new FormData() }), 400, /file/);
  });

  it('stores a PDF by its SHA-256, and submitting the reference moves the task to submitted', async () => {
    const reply = await call('POST', '/api/documents', {
      form: upload(PDF, 'report.pdf', 'application/pdf')(),
    });
    expect(reply.status, reply.text).toBe(201);
    const reference = reply.body as {
      sha256: string;
      size: number;
      name: string;
      mediaType: string;
    };
    expect(reference).toEqual({
      kind: 'document',
      sha256: createHash('sha256').update(PDF).digest('hex'),
      name: 'report.pdf',
      size: PDF.length,
      mediaType: 'application/pdf',
    });
    expect((await stack.deps.store.get(reference.sha256))?.equals(PDF)).toBe(true);
    const v = view(
      await call('POST', taskPath(DOC, 'submit'), {
        json: { deliverableId: 'report', payload: reference },
      }),
    );
    expect(v.status).toBe('submitted');
    expect((await query(DOC)).deliverables[0]).toMatchObject({
      status: 'submitted',
      latest: reference,
    });
  });
});

describe('serving documents', () => {
  const NAME = 'Rapport – été 2026.pdf';
  // Bytes of their own, so the store's record names them NAME.
  const DOCUMENT = Buffer.concat([PDF, Buffer.from('% serving test\n')]);
  let reference: { sha256: string; name: string; size: number; mediaType: string };

  beforeAll(async () => {
    const reply = await call('POST', '/api/documents', {
      form: upload(DOCUMENT, NAME, 'application/pdf')(),
    });
    expect(reply.status, reply.text).toBe(201);
    reference = reply.body as typeof reference;
    // Handed in to DOC (the earlier test may have handed in the same bytes under another name).
    view(
      await call('POST', taskPath(DOC, 'submit'), {
        json: { deliverableId: 'report', payload: reference },
      }),
    );
  });

  /** A download: the stored bytes, its type, the original name, and no sniffing. */
  async function expectDownload(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${stack.server.url}${path}`, { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.status, bytes.toString()).toBe(200);
    expect(bytes.equals(DOCUMENT)).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment;/);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
    expect(decodeURIComponent(encoded ?? '')).toBe(NAME);
    // The ASCII fallback holds no raw non-ASCII byte.
    expect(/filename="([^"]*)"/.exec(disposition)?.[1]).toMatch(/^[\x20-\x7e]+$/);
  }

  it('serves a stored document to staff through the API, and nothing to others', async () => {
    await expectDownload(`/api/documents/${reference.sha256}`, {
      authorization: `Bearer ${MANAGER_TOKEN}`,
    });
    for (const as of ['anonymous', 'bad'] as const)
      expectError(await call('GET', `/api/documents/${reference.sha256}`, { as }), 401);
    expectError(await call('GET', `/api/documents/${'0'.repeat(64)}`), 404, /no document/);
    expectError(await call('GET', '/api/documents/not-a-hash'), 400, /sha256/);
  });

  it('links the document from the task page, served with the staff session', async () => {
    // A cookie that holds a token itself (as sign-in once set) signs nobody in.
    const legacy = await call('GET', `/tasks/${DOC}`, {
      as: 'anonymous',
      cookie: `mandate_session=${MANAGER_TOKEN}`,
    });
    expect(legacy.status).toBe(302);
    const cookie = await signedInCookie(MANAGER_TOKEN);
    expect(cookie).not.toContain(MANAGER_TOKEN);
    const page = await call('GET', `/tasks/${DOC}`, { as: 'anonymous', cookie });
    expect(page.status, page.text).toBe(200);
    expect(page.text).toContain(`href="/documents/${reference.sha256}"`);
    await expectDownload(`/documents/${reference.sha256}`, { cookie });
    const anonymous = await call('GET', `/documents/${reference.sha256}`, { as: 'anonymous' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('serves a focal point the documents of their own task through their link only', async () => {
    const search = `?${signLink(LINK_SECRET, { workflowId: DOC, person: 'focal-en', expires: Date.now() + DAY })}`;
    const page = await call('GET', `/hand-in${search}`, { as: 'anonymous' });
    expect(page.status, page.text).toBe(200);
    const href = `/hand-in/documents/${reference.sha256}${search}`.replaceAll('&', '&amp;');
    expect(page.text).toContain(`href="${href}"`);
    await expectDownload(`/hand-in/documents/${reference.sha256}${search}`);
    // The same document through a link for another task, a stranger, or a tampered link.
    const other = `?${signLink(LINK_SECRET, { workflowId: HANDIN, person: 'focal-en', expires: Date.now() + DAY })}`;
    expect(
      (await call('GET', `/hand-in/documents/${reference.sha256}${other}`, { as: 'anonymous' }))
        .status,
    ).toBe(404);
    const stranger = `?${signLink(LINK_SECRET, { workflowId: DOC, person: 'outsider', expires: Date.now() + DAY })}`;
    expect(
      (await call('GET', `/hand-in/documents/${reference.sha256}${stranger}`, { as: 'anonymous' }))
        .status,
    ).toBe(403);
    const tampered = search.replace('focal-en', 'focal-fr');
    expect(
      (await call('GET', `/hand-in/documents/${reference.sha256}${tampered}`, { as: 'anonymous' }))
        .status,
    ).toBe(400);
    const expired = `?${signLink(LINK_SECRET, { workflowId: DOC, person: 'focal-en', expires: Date.now() - 1 })}`;
    expect(
      (await call('GET', `/hand-in/documents/${reference.sha256}${expired}`, { as: 'anonymous' }))
        .status,
    ).toBe(410);
  });

  it('refuses a submit naming a document that was never uploaded, and changes nothing', async () => {
    const before = await query(DOC);
    const madeUp = {
      ...reference,
      sha256: createHash('sha256').update('never uploaded').digest('hex'),
    };
    expectError(
      await call('POST', taskPath(DOC, 'submit'), {
        json: { deliverableId: 'report', payload: madeUp },
      }),
      409,
      new RegExp(`no document ${madeUp.sha256} in the store`),
    );
    expect(recorded(await query(DOC))).toEqual(recorded(before));
  });

  it('refuses a binary labelled as a PDF or as text, naming both types, and stores nothing', async () => {
    // The first 64 KB of the running Node binary: a real executable.
    const binary = readFileSync(process.execPath).subarray(0, 64 * 1024);
    const detected = process.platform === 'linux' ? 'application/x-elf' : '';
    for (const [name, type] of [
      ['report.pdf', 'application/pdf'],
      ['notes.txt', 'text/plain'],
    ] as const) {
      const message = expectError(
        await call('POST', '/api/documents', { form: upload(binary, name, type)() }),
        415,
        new RegExp(`declared ${type.replace('/', '\\/')}, but the content is ${detected}`),
      );
      expect(message.length).toBeGreaterThan(0);
    }
    const sha256 = createHash('sha256').update(binary).digest('hex');
    expect(await stack.deps.store.has(sha256)).toBe(false);
  });
});

describe('OpenAPI and headers', () => {
  it('publishes the task view in full: every field typed, no open records', async () => {
    const doc = (await call('GET', '/openapi.json', { as: 'anonymous' })).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const view = doc.components.schemas.TaskView;
    expect(Object.keys(view?.properties ?? {})).toEqual(Object.keys(TaskViewSchema.shape));
    expect(doc.components.schemas.HistoryEntry).toBeDefined();
    // z.record(z.unknown()) would publish a schema with an empty `additionalProperties`.
    expect(JSON.stringify(doc)).not.toMatch(/"additionalProperties":\{\}/);
    // A real answer validates against the published schema.
    expect(TaskViewSchema.safeParse(await query(HANDIN)).success).toBe(true);
  });

  it('serves an OpenAPI 3.1 document listing every /api path', async () => {
    const reply = await call('GET', '/openapi.json', { as: 'anonymous' });
    expect(reply.status).toBe(200);
    const doc = reply.body as {
      openapi: string;
      info: { title: string; version: string };
      servers: { url: string }[];
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    expect(doc.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/documents',
        '/documents/{sha256}',
        '/people/unreachable',
        '/people/{key}/replace',
        '/reports/{resolution}',
        '/tasks',
        '/tasks.csv',
        '/tasks/{id}',
        '/tasks/{id}/extend',
        '/tasks/{id}/hold',
        '/tasks/{id}/mail',
        '/tasks/{id}/mail/{messageId}',
        '/tasks/{id}/reassign',
        '/tasks/{id}/resume',
        '/tasks/{id}/review',
        '/tasks/{id}/submit',
        '/tasks/{id}/waive',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/tasks/{id}/submit']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/tasks/{id}/submit']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
    );
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'SubmitRequest', 'TaskView', 'DocumentReference']),
    );
  });

  it('sends security headers on API, pages and errors', async () => {
    const link = `/hand-in?${signLink(LINK_SECRET, { workflowId: HANDIN, person: 'focal-fr', expires: Date.now() + DAY })}`;
    for (const [path, as] of [
      ['/api/tasks', 'manager'],
      ['/api/tasks', 'anonymous'],
      ['/', 'manager'],
      ['/login', 'anonymous'],
      [link, 'anonymous'],
      ['/openapi.json', 'anonymous'],
    ] as const) {
      const reply = await call('GET', path, { as });
      expect(reply.headers.get('content-security-policy'), path).toMatch(/default-src 'self'/);
      expect(reply.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(reply.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(reply.headers.get('x-frame-options'), path).toMatch(/DENY|SAMEORIGIN/);
    }
  });
});

describe('signed hand-in links', () => {
  const linkFor = (workflowId: string, person: string, expires = Date.now() + 30 * DAY) =>
    `/hand-in?${signLink(LINK_SECRET, { workflowId, person, expires })}`;

  /** Opens the page as a browser would: its CSRF cookie and the form's hidden fields. */
  async function openForm(link: string) {
    const reply = await call('GET', link, { as: 'anonymous' });
    expect(reply.status, reply.text).toBe(200);
    const cookie = /mandate_csrf=([^;]+)/.exec(reply.headers.get('set-cookie') ?? '')?.[1];
    const csrf = /name="csrf" value="([^"]+)"/.exec(reply.text)?.[1];
    const nonce = /name="nonce" value="([^"]+)"/.exec(reply.text)?.[1];
    expect(cookie).toBeTruthy();
    expect(csrf).toBe(cookie);
    expect(nonce).toBeTruthy();
    return { page: reply.text, cookie: `mandate_csrf=${cookie}`, csrf: csrf!, nonce: nonce! };
  }

  function handInForm(fields: Record<string, string>): FormData {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return form;
  }

  it('shows a valid link as a page in the person’s language', async () => {
    const fr = await call('GET', linkFor(HANDIN, 'focal-fr'), { as: 'anonymous' });
    expect(fr.status).toBe(200);
    expect(fr.headers.get('content-type')).toMatch(/^text\/html/);
    expect(fr.text).toMatch(/<html lang="fr" dir="ltr">/);
    expect(fr.text).toContain('Remettre votre contribution');
    expect(fr.text).toContain('Résumé');
    const en = await call('GET', linkFor(HANDIN, 'focal-en'), { as: 'anonymous' });
    expect(en.text).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.text).toContain('Hand in your deliverable');
    // The due instant in each person's own zone, also for two people sharing a language.
    const dueAt = (await query(HANDIN)).dueAt;
    // The day as the resolution states it, and the local time where the person's clock differs.
    const view0 = await query(HANDIN);
    const stated = (locale: Locale) =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        dateStyle: 'long',
        timeZone: view0.resolution.zone,
      }).format(Date.parse(`${view0.due.date}T12:00:00Z`));
    const localTime = (zone: string, locale: Locale) =>
      new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone: zone }).format(
        dueAt,
      );
    expect(fr.text).toContain(stated('fr'));
    expect(en.text).toContain(stated('en'));
    expect(en.text).toContain(localTime('America/New_York', 'en'));
    const tokyo = await call('GET', linkFor(HANDIN, 'focal-tokyo'), { as: 'anonymous' });
    expect(tokyo.text).toContain(stated('en'));
    expect(tokyo.text).toContain(localTime('Asia/Tokyo', 'en'));
    const ar = await call('GET', linkFor(CLOSING, 'focal-ar'), { as: 'anonymous' });
    expect(ar.text).toMatch(/<html lang="ar" dir="rtl">/);
    // An address is typed left to right whatever the page's direction (a right-to-left page
    // would otherwise show its placeholder as //:https).
    expect(fr.text).toMatch(/<input[^>]*type="url"[^>]*dir="ltr"/);
  });

  it('refuses tampered links with 400 and nothing reaches the workflow', async () => {
    const good = linkFor(HANDIN, 'focal-fr');
    const { cookie, csrf, nonce } = await openForm(good);
    const params = new URLSearchParams(good.slice('/hand-in?'.length));
    const sig = params.get('sig')!;
    const flipped = new URLSearchParams(params);
    flipped.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    const otherPerson = new URLSearchParams(params);
    otherPerson.set('person', 'focal-en');
    const later = new URLSearchParams(params);
    later.set('expires', String(Number(params.get('expires')) + DAY));
    const noSig = new URLSearchParams(params);
    noSig.delete('sig');
    const before = await query(HANDIN);
    for (const bad of [flipped, otherPerson, later, noSig]) {
      const get = await call('GET', `/hand-in?${bad}`, { as: 'anonymous' });
      expect(get.status).toBe(400);
      expect(get.text).toContain('This link is not valid.');
      const post = await call('POST', `/hand-in?${bad}`, {
        as: 'anonymous',
        cookie,
        form: handInForm({ csrf, nonce, deliverableId: 'summary', text: 'forged' }),
      });
      expect(post.status).toBe(400);
    }
    expect((await query(HANDIN)).history).toEqual(before.history);
  });

  it('answers an expired link with 410', async () => {
    const expired = linkFor(HANDIN, 'focal-fr', Date.now() - 1000);
    const reply = await call('GET', expired, { as: 'anonymous' });
    expect(reply.status).toBe(410);
    // Still genuine: the page is in the language of the person it was for.
    expect(reply.text).toMatch(/<html lang="fr" dir="ltr">/);
    expect(reply.text).toContain(PAGE_WORDS.fr.expired);
  });

  it('answers a correctly signed link for someone not assigned with 403', async () => {
    const before = await query(HANDIN);
    const reply = await call('GET', linkFor(HANDIN, 'outsider'), { as: 'anonymous' });
    expect(reply.status).toBe(403);
    const post = await call('POST', linkFor(HANDIN, 'outsider'), {
      as: 'anonymous',
      form: handInForm({ deliverableId: 'summary', text: 'not mine' }),
    });
    expect(post.status).toBe(403);
    expect((await query(HANDIN)).history).toEqual(before.history);
  });

  it('refuses a POST without the CSRF token with 403', async () => {
    const link = linkFor(HANDIN, 'focal-fr');
    const { cookie, csrf, nonce } = await openForm(link);
    const before = await query(HANDIN);
    const fields = { nonce, deliverableId: 'summary', text: 'Notre résumé.' };
    const missing = await call('POST', link, { as: 'anonymous', cookie, form: handInForm(fields) });
    expect(missing.status).toBe(403);
    const noCookie = await call('POST', link, {
      as: 'anonymous',
      form: handInForm({ ...fields, csrf }),
    });
    expect(noCookie.status).toBe(403);
    const wrong = await call('POST', link, {
      as: 'anonymous',
      cookie,
      form: handInForm({
        ...fields,
        csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`,
      }),
    });
    expect(wrong.status).toBe(403);
    expect((await query(HANDIN)).history).toEqual(before.history);
  });

  it('hands in once when the same POST is replayed with the same nonce', async () => {
    const link = linkFor(HANDIN, 'focal-fr');
    const { cookie, csrf, nonce } = await openForm(link);
    const fields = { csrf, nonce, deliverableId: 'summary', text: 'Notre résumé.' };
    for (let i = 0; i < 2; i++) {
      const reply = await call('POST', link, { as: 'anonymous', cookie, form: handInForm(fields) });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.text).toMatch(/<html lang="fr"/);
      expect(reply.text).toContain('Merci');
    }
    const { history, status } = await query(HANDIN);
    const submitted = history.filter((e) => e.type === 'submitted');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({
      by: 'focal-fr',
      deliverableId: 'summary',
      payload: { kind: 'text', text: 'Notre résumé.' },
    });
    expect(status).toBe('submitted');
    // The page now offers only what is still missing.
    const page = await call('GET', link, { as: 'anonymous' });
    expect(page.text).not.toContain('value="summary"');
    expect(page.text).toContain('value="site"');
  });

  it('answers a link replayed after the task was waived with 410', async () => {
    const link = linkFor(CLOSING, 'focal-ar');
    const { cookie, csrf, nonce } = await openForm(link);
    view(await call('POST', taskPath(CLOSING, 'waive'), { json: { reason: 'No longer needed' } }));
    const get = await call('GET', link, { as: 'anonymous' });
    expect(get.status).toBe(410);
    expect(get.text).toMatch(/<html lang="ar" dir="rtl">/);
    // The waived task still mails its cancellations before it closes; the history
    // compared below is taken once it has closed, so only a hand-in could change it.
    await stack.env.client.workflow.getHandle(CLOSING).result();
    const before = await query(CLOSING);
    const post = await call('POST', link, {
      as: 'anonymous',
      cookie,
      form: handInForm({ csrf, nonce, deliverableId: 'note', text: 'too late' }),
    });
    expect(post.status).toBe(410);
    expect((await query(CLOSING)).history).toEqual(before.history);
  });
});

describe('the catalogs page', () => {
  it('tells a started catalog from one that only sits in the catalog folder', async () => {
    const cookie = await signedInCookie(SECRETARIAT_TOKEN);
    const [known] = [...stack.deps.catalogs.keys()];
    const page = async () =>
      (await (await fetch(`${stack.server.url}/catalogs`, { headers: { cookie } })).text()).replace(
        /\s+/g,
        ' ',
      );
    const before = stack.deps.startedCatalogs;
    try {
      stack.deps.startedCatalogs = new Set();
      const notStarted = await page();
      expect(notStarted).toContain('None yet: check a catalog below, then start it.');
      expect(notStarted).toMatch(
        new RegExp(`In the catalog folder, not started</h2> <ul> <li><code>${known}</code>`),
      );
      stack.deps.startedCatalogs = new Set([known!]);
      const started = await page();
      expect(started).toMatch(new RegExp(`Started</h2> <ul> <li><code>${known}</code>`));
      expect(started).not.toContain('not started');
    } finally {
      stack.deps.startedCatalogs = before;
    }
  });
});

describe('the bulk extension form', () => {
  it('answers a bad filter value on the form itself, naming the field, with what was typed', async () => {
    const cookie = await signedInCookie(SECRETARIAT_TOKEN);
    const response = await fetch(
      `${stack.server.url}/bulk/extend?status=bogus&days=7&reason=${encodeURIComponent('Council moved')}`,
      { headers: { cookie } },
    );
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('<form');
    expect(page).toMatch(/status: .*bogus|status: Invalid/);
    expect(page).toContain('value="Council moved"');
  });
});
