/**
 * Malformed and refused API requests against the real HTTP server, a dev
 * server and a worker: each gets its status and a JSON error whose message
 * says what is wrong. Nothing here may answer 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { validateCatalogText } from '../../src/catalog/validate';
import { FileSystemDeliverableStore } from '../../src/deliverables/store';
import { startCatalog } from '../../src/client/start-catalog';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import { statusOf } from '../../src/http/errors';
import {
  TaskActionRejectedError,
  TaskRequestInvalidError,
  taskActions,
} from '../../src/client/task-actions';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { TASK_QUEUE, occurrenceWorkflowId } from '../../src/shared/workflow-api';
import type { Catalog } from '../../src/shared/types';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const SECRETARIAT = 'bad-input-secretariat-token';
const MANAGER = 'bad-input-manager-token-0000';
const MAX_UPLOAD = 256 * 1024;
const DUE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const OPEN = occurrenceWorkflowId('bad-input', 'open-task', DUE);
const DONE = occurrenceWorkflowId('bad-input', 'done-task', DUE);
const WEDGED = occurrenceWorkflowId('bad-input', 'wedge-task', DUE);

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
let http: HttpServer;
const storeDir = mkdtempSync(join(tmpdir(), 'mandate-bad-input-'));

const CATALOG = `version: 1
resolution:
  id: bad-input
  title: Bad input
  adoptedBy: Test Council
  timezone: UTC
people:
  alice: { name: Alice, email: alice@example.org }
tasks:
  - id: open-task
    clause: c1
    title: Open task
    responsible: Secretariat
    assignees: [alice]
    due: ${DUE}
    deliverables:
      - { id: report, title: Report, kind: document }
      - { id: summary, title: Summary, kind: text }
  - id: done-task
    clause: c2
    title: Done task
    responsible: Secretariat
    assignees: [alice]
    due: ${DUE}
    completed: 2025-01-01
    deliverables:
      - { id: summary, title: Summary, kind: text }
  - id: wedge-task
    clause: c3
    title: Task for a known bug
    responsible: Secretariat
    assignees: [alice]
    due: ${DUE}
    deliverables: []
`;

beforeAll(async () => {
  env = await devServerEnv();
  mail = await mailHarness();
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    activities: mail.activities,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
  const { catalog } = validateCatalogText(CATALOG);
  await startCatalog(env.client, catalog as Catalog, { taskQueue: TASK_QUEUE });
  await env.client.workflow.getHandle(DONE).result();
  http = await startHttpServer(
    {
      client: env.client,
      store: new FileSystemDeliverableStore(join(storeDir, 'deliverables'), {
        maxBytes: MAX_UPLOAD,
        mediaTypes: ['application/pdf', 'text/plain'],
      }),
      tokens: [
        { role: 'secretariat', name: 'sec', token: SECRETARIAT },
        { role: 'manager', name: 'mgr', token: MANAGER },
      ],
      linkSecret: 'bad-input-link-secret',
      catalogs: new Map([['bad-input', catalog as Catalog]]),
      maxUploadBytes: MAX_UPLOAD,
      now: Date.now,
      secureCookies: false,
    },
    0,
  );
}, 180_000);

afterAll(async () => {
  // The known bug below leaves this workflow failing its workflow tasks; stop it first.
  await env?.client.workflow
    .getHandle(WEDGED)
    .terminate('bad-input test finished')
    .catch(() => undefined);
  await http?.close();
  worker?.shutdown();
  await running;
  await mail?.close();
  await env?.teardown();
  rmSync(storeDir, { recursive: true, force: true });
});

interface Case {
  name: string;
  method?: string;
  path: string;
  token?: string | null;
  headers?: Record<string, string>;
  /** JSON-encoded unless it is a string or FormData. */
  body?: unknown;
  status: number;
  message: RegExp;
}

async function call(c: Case, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { ...(c.headers ?? {}) };
  const token = c.token === undefined ? SECRETARIAT : c.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | FormData | undefined;
  if (c.body instanceof FormData || typeof c.body === 'string') body = c.body;
  else if (c.body !== undefined) {
    body = JSON.stringify(c.body);
    headers['content-type'] ??= 'application/json';
  }
  return fetch(`${http.url}${c.path}`, {
    method: c.method ?? 'GET',
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(signal ? { signal } : {}),
  });
}

async function expectAnswer(c: Case, signal?: AbortSignal): Promise<void> {
  const response = await call(c, signal);
  const raw = await response.text();
  expect({ status: response.status, body: raw.slice(0, 500) }).toMatchObject({
    status: c.status,
  });
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const parsed = JSON.parse(raw) as { error?: { message?: string } };
  expect(parsed.error?.message).toMatch(c.message);
}

const task = (id: string, action = '') =>
  `/api/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
const text = (value: string) => ({
  deliverableId: 'summary',
  payload: { kind: 'text', text: value },
});

function form(name: string, content: Buffer | string, type: string, field = 'file'): FormData {
  const data = new FormData();
  data.append(field, new Blob([content], { type }), name);
  return data;
}

const cases: Case[] = [
  // Credentials come first.
  {
    name: 'no credentials',
    path: '/api/tasks',
    token: null,
    status: 401,
    message: /authentication required/,
  },
  {
    name: 'an unknown token',
    path: '/api/tasks',
    token: 'not-a-token-of-anybody-here',
    status: 401,
    message: /authentication required/,
  },
  {
    name: 'a Basic instead of a Bearer header',
    path: '/api/tasks',
    token: null,
    headers: { authorization: `Basic ${Buffer.from(`sec:${SECRETARIAT}`).toString('base64')}` },
    status: 401,
    message: /Bearer/,
  },
  {
    name: 'a manager submitting',
    method: 'POST',
    path: task(OPEN, 'submit'),
    token: MANAGER,
    body: text('x'),
    status: 403,
    message: /the manager role may not do this \(needs secretariat\)/,
  },
  {
    name: 'a manager uploading',
    method: 'POST',
    path: '/api/documents',
    token: MANAGER,
    body: form('a.pdf', 'pdf', 'application/pdf'),
    status: 403,
    message: /manager role may not/,
  },
  // Query strings.
  {
    name: 'an unknown status',
    path: '/api/tasks?status=late',
    status: 400,
    message: /invalid request: status/,
  },
  { name: 'overdue=yes', path: '/api/tasks?overdue=yes', status: 400, message: /overdue/ },
  {
    name: 'dueWithin without P',
    path: '/api/tasks?dueWithin=30D',
    status: 400,
    message: /dueWithin/,
  },
  {
    name: 'dueWithin with a time part',
    path: '/api/tasks?dueWithin=PT1H',
    status: 400,
    message: /dueWithin/,
  },
  { name: 'a bare P', path: '/api/tasks?dueWithin=P', status: 400, message: /dueWithin/ },
  {
    name: 'a quote in a filter',
    path: `/api/tasks?resolution=${encodeURIComponent("x' OR 'a'='a")}`,
    status: 400,
    message: /resolution: quotes, backslashes and control characters are not allowed/,
  },
  {
    name: 'a backslash in a filter',
    path: `/api/tasks?tag=${encodeURIComponent('a\\')}`,
    status: 400,
    message: /tag: quotes, backslashes/,
  },
  {
    name: 'a resolution filter over 100 characters',
    path: `/api/tasks?resolution=${'r'.repeat(101)}`,
    status: 400,
    message: /resolution/,
  },
  // Task ids.
  {
    name: 'an unknown task',
    path: task('bad-input/no-such-task/2030-01-01'),
    status: 404,
    message: /no task bad-input\/no-such-task/,
  },
  {
    name: 'a task id over 300 characters',
    path: task('x'.repeat(301)),
    status: 400,
    message: /invalid request: id/,
  },
  {
    name: 'submit to an unknown task',
    method: 'POST',
    path: task('bad-input/ghost/2030-01-01', 'submit'),
    body: text('x'),
    status: 404,
    message: /no task/,
  },
  // Bodies.
  {
    name: 'a body that is not JSON',
    method: 'POST',
    path: task(OPEN, 'submit'),
    headers: { 'content-type': 'application/json' },
    body: '{"deliverableId": "summary", ',
    status: 400,
    message: /JSON/i,
  },
  {
    name: 'an empty body',
    method: 'POST',
    path: task(OPEN, 'submit'),
    headers: { 'content-type': 'application/json' },
    body: '',
    status: 400,
    message: /./,
  },
  {
    name: 'a JSON array for a body',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: [text('x')],
    status: 400,
    message: /invalid request/,
  },
  {
    name: 'a form body where JSON is expected',
    method: 'POST',
    path: task(OPEN, 'submit'),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'deliverableId=summary',
    status: 415,
    message: /Unsupported Media Type/,
  },
  {
    name: 'no payload',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 'summary' },
    status: 400,
    message: /invalid request: payload/,
  },
  {
    name: 'an unknown payload kind',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 'summary', payload: { kind: 'video', url: 'x' } },
    status: 400,
    message: /payload/,
  },
  {
    name: 'a document reference with a short hash',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: {
      deliverableId: 'report',
      payload: {
        kind: 'document',
        sha256: 'abc',
        name: 'a.pdf',
        size: 3,
        mediaType: 'application/pdf',
      },
    },
    status: 400,
    message: /payload\.sha256/,
  },
  {
    name: 'a negative document size',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: {
      deliverableId: 'report',
      payload: {
        kind: 'document',
        sha256: 'a'.repeat(64),
        name: 'a.pdf',
        size: -1,
        mediaType: 'application/pdf',
      },
    },
    status: 400,
    message: /payload\.size/,
  },
  {
    name: 'a link that is not a URL',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 'summary', payload: { kind: 'link', url: 'not a url' } },
    status: 400,
    message: /payload\.url/,
  },
  {
    name: 'an empty text',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: text(''),
    status: 400,
    message: /payload\.text/,
  },
  {
    name: 'a text over 20000 characters',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: text('x'.repeat(20_001)),
    status: 400,
    message: /payload\.text/,
  },
  {
    name: 'an updateId over 200 characters',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { ...text('x'), updateId: 'u'.repeat(201) },
    status: 400,
    message: /updateId/,
  },
  {
    name: 'a deliverableId of the wrong type',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 42, payload: { kind: 'text', text: 'x' } },
    status: 400,
    message: /deliverableId/,
  },
  // The workflow's validators.
  {
    name: 'an unknown deliverable',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 'annex', payload: { kind: 'text', text: 'x' } },
    status: 409,
    message: /unknown deliverable "annex" \(this task has: report, summary\)/,
  },
  {
    name: 'a text for a document deliverable',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 'report', payload: { kind: 'text', text: 'x' } },
    status: 409,
    message: /deliverable report/,
  },
  {
    name: 'a review with nothing awaiting review',
    method: 'POST',
    path: task(OPEN, 'review'),
    body: { decision: 'accept' },
    status: 409,
    message: /nothing is awaiting review/,
  },
  {
    name: 'a return without a comment',
    method: 'POST',
    path: task(OPEN, 'review'),
    body: { decision: 'return' },
    status: 400,
    message: /invalid request: comment/,
  },
  {
    name: 'a return with a blank comment',
    method: 'POST',
    path: task(OPEN, 'review'),
    body: { decision: 'return', comment: '   ' },
    status: 400,
    message: /comment: must not be blank/,
  },
  {
    name: 'an unknown review decision',
    method: 'POST',
    path: task(OPEN, 'review'),
    body: { decision: 'maybe' },
    status: 400,
    message: /decision/,
  },
  {
    name: 'an extension to 30 February',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '2031-02-30', reason: 'more time' },
    status: 400,
    message: /dueDate: expected a calendar date/,
  },
  {
    name: 'an extension to a date the engine does not track',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '9999-12-31', reason: 'more time' },
    status: 400,
    message:
      /dueDate: 9999-12-31 is outside the dates the engine tracks \(1970-01-01 to 2200-12-31\)/,
  },
  {
    name: 'an extension to 25:00',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '2031-03-01', dueTime: '25:00', reason: 'more time' },
    status: 400,
    message: /dueTime: expected a wall time/,
  },
  {
    name: 'an extension with a blank reason',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '2031-03-01', reason: ' \t ' },
    status: 400,
    message: /reason: must not be blank/,
  },
  {
    name: 'an extension to a date already passed (a conflict with the clock)',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '2001-03-01', reason: 'more time' },
    status: 409,
    message: /already passed/,
  },
  {
    name: 'an extension without a reason',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '2031-03-01' },
    status: 400,
    message: /reason/,
  },
  {
    name: 'an extension with a slash date',
    method: 'POST',
    path: task(OPEN, 'extend'),
    body: { dueDate: '01/03/2031', reason: 'more time' },
    status: 400,
    message: /dueDate/,
  },
  {
    name: 'a reassignment to nobody',
    method: 'POST',
    path: task(OPEN, 'reassign'),
    body: { assignees: [] },
    status: 400,
    message: /assignees/,
  },
  {
    name: 'a reassignment of nobody and no manager',
    method: 'POST',
    path: task(OPEN, 'reassign'),
    body: { reason: 'nothing' },
    status: 400,
    message: /give assignees, manager or both/,
  },
  {
    name: 'a reassignment to an unknown time zone',
    method: 'POST',
    path: task(OPEN, 'reassign'),
    body: {
      assignees: [
        { key: 'zed', name: 'Zed', email: 'zed@example.org', timezone: 'Mars/Base', locale: 'en' },
      ],
    },
    status: 400,
    message: /assignees\.0\.timezone/,
  },
  {
    name: 'an address with a newline after it',
    method: 'POST',
    path: task(OPEN, 'reassign'),
    body: {
      assignees: [
        { key: 'zed', name: 'Zed', email: 'zed@example.org\n', timezone: 'UTC', locale: 'en' },
      ],
    },
    status: 400,
    message: /assignees\.0\.email/,
  },
  {
    name: 'a link that is not http(s)',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: { deliverableId: 'summary', payload: { kind: 'link', url: 'ftp://example.org/x' } },
    status: 400,
    message: /payload\.url: expected an http\(s\) address/,
  },
  {
    name: 'a blank text',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: text('  \n '),
    status: 400,
    message: /payload\.text: must not be blank/,
  },
  {
    name: 'a JSON body over the limit',
    method: 'POST',
    path: task(OPEN, 'submit'),
    body: text('x'.repeat(300 * 1024)),
    status: 413,
    message: /larger than 262144 bytes/,
  },
  {
    name: 'an unknown deliverable, the id given as three path segments',
    method: 'POST',
    path: `/api/tasks/${OPEN}/submit`,
    body: { deliverableId: 'annex', payload: { kind: 'text', text: 'x' } },
    status: 409,
    message: /unknown deliverable "annex"/,
  },
  {
    name: 'a hold without a reason, the id given as three path segments',
    method: 'POST',
    path: `/api/tasks/${OPEN}/hold`,
    body: {},
    status: 400,
    message: /reason/,
  },
  {
    name: 'a resumption of a task not on hold, the id given as three path segments',
    method: 'POST',
    path: `/api/tasks/${OPEN}/resume`,
    body: {},
    status: 409,
    message: /not on hold/,
  },
  {
    name: 'the mail of an unknown task: a mail path, not a three-segment id',
    path: `/api/tasks/no-such-task/mail/${'0'.repeat(400)}`,
    status: 404,
    message: /no task no-such-task/,
  },
  {
    name: 'an unknown task given as three path segments',
    path: '/api/tasks/bad-input/no-such-task/2030-01-01',
    status: 404,
    message: /no task bad-input\/no-such-task\/2030-01-01/,
  },
  {
    name: 'a reassignment to a bad address',
    method: 'POST',
    path: task(OPEN, 'reassign'),
    body: {
      assignees: [
        { key: 'zed', name: 'Zed', email: 'zed-at-example', timezone: 'UTC', locale: 'en' },
      ],
    },
    status: 400,
    message: /assignees\.0\.email/,
  },
  {
    name: 'a reassignment to an unknown locale',
    method: 'POST',
    path: task(OPEN, 'reassign'),
    body: {
      assignees: [
        { key: 'zed', name: 'Zed', email: 'zed@example.org', timezone: 'UTC', locale: 'de' },
      ],
    },
    status: 400,
    message: /locale/,
  },
  {
    name: 'a waiver without a reason',
    method: 'POST',
    path: task(OPEN, 'waive'),
    body: { reason: '' },
    status: 400,
    message: /reason/,
  },
  {
    name: 'a submit to a completed task',
    method: 'POST',
    path: task(DONE, 'submit'),
    body: text('late'),
    status: 409,
    message: /closed/,
  },
  // Uploads.
  {
    name: 'an upload that is not multipart',
    method: 'POST',
    path: '/api/documents',
    headers: { 'content-type': 'application/json' },
    body: '{"file": "x"}',
    status: 415,
    message: /Unsupported Media Type/,
  },
  {
    name: 'an upload with the file under another field',
    method: 'POST',
    path: '/api/documents',
    body: form('a.pdf', 'pdf', 'application/pdf', 'document'),
    status: 400,
    message: /invalid request: file/,
  },
  {
    name: 'an empty upload',
    method: 'POST',
    path: '/api/documents',
    body: form('a.pdf', '', 'application/pdf'),
    status: 400,
    message: /empty/,
  },
  {
    name: 'an upload of a media type not accepted',
    method: 'POST',
    path: '/api/documents',
    body: form('a.exe', 'MZ', 'application/x-msdownload'),
    status: 415,
    message: /application\/x-msdownload is not accepted/,
  },
  {
    name: 'an upload over the limit',
    method: 'POST',
    path: '/api/documents',
    body: form('big.pdf', Buffer.alloc(MAX_UPLOAD + 1, 1), 'application/pdf'),
    status: 413,
    message: /limit is 262144 bytes|larger than 262144 bytes/,
  },
  {
    name: 'an upload far over the limit (cut off by the body limit)',
    method: 'POST',
    path: '/api/documents',
    body: form('huge.pdf', Buffer.alloc(4 * MAX_UPLOAD, 1), 'application/pdf'),
    status: 413,
    message: /larger than 262144 bytes/,
  },
  {
    name: 'a file name of 300 characters',
    method: 'POST',
    path: '/api/documents',
    body: form(`${'n'.repeat(296)}.pdf`, 'pdf', 'application/pdf'),
    status: 400,
    message: /file name/,
  },
  // Reports and routes.
  {
    name: 'a report for an unknown resolution',
    path: '/api/reports/nobody',
    status: 404,
    message: /no catalog loaded for resolution nobody/,
  },
  {
    name: 'a report in PDF',
    path: '/api/reports/bad-input?format=pdf',
    status: 400,
    message: /format/,
  },
  {
    name: 'an unknown API route',
    path: '/api/nothing-here',
    status: 404,
    message: /no route GET \/api\/nothing-here/,
  },
  {
    name: 'a due-within with a seven-digit year count',
    method: 'GET',
    path: '/api/tasks?dueWithin=P1000000Y',
    status: 400,
    message: /dueWithin: expected a date duration/,
  },
  {
    name: 'a NUL byte in a list filter',
    method: 'GET',
    path: '/api/tasks?tag=%00',
    status: 400,
    message: /control characters/,
  },
  {
    name: 'a DELETE of a task',
    method: 'DELETE',
    path: task(OPEN),
    status: 405,
    message: /DELETE is not allowed here \(allowed: GET, HEAD\)/,
  },
  {
    name: 'a GET of an action',
    path: task(OPEN, 'submit'),
    status: 405,
    message: /allowed: POST/,
  },
];

describe('malformed API requests', () => {
  it.each(cases)('$name -> $status', async (c) => {
    await expectAnswer(c);
  });

  it('left the open task unchanged', async () => {
    const response = await fetch(`${http.url}${task(OPEN)}`, {
      headers: { authorization: `Bearer ${SECRETARIAT}` },
    });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { history: { type: string }[] };
    expect(view.history.map((h) => h.type)).toEqual(['started']);
  });
});

describe('people in updates', () => {
  // Once a bug: an unknown zone was accepted and wedged the workflow.
  it('a reassignment to an unknown time zone, past the schema, is invalid input (400)', async () => {
    const refused = await taskActions
      .reassign(env.client, WEDGED, {
        by: 'sec',
        assignees: [
          {
            key: 'zed',
            name: 'Zed',
            email: 'zed@example.org',
            timezone: 'Mars/Base',
            locale: 'en',
          },
        ],
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(TaskRequestInvalidError);
    expect(statusOf(refused)).toEqual({
      status: 400,
      message: expect.stringMatching(/Mars\/Base/),
    });
  }, 30_000);
});

describe("the workflow's refusals", () => {
  it("a date outside the engine's range past the schema is invalid input (400)", async () => {
    const refused = await taskActions
      .extend(env.client, OPEN, { by: 'sec', dueDate: '0001-01-01', reason: 'more time' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TaskRequestInvalidError);
    expect(statusOf(refused).message).toMatch(
      /dueDate: 0001-01-01 is outside the dates the engine tracks/,
    );
  });

  it('a name with a line break or a direction override past the schema is invalid input (400)', async () => {
    for (const [name, problem] of [
      ['Zed\r\nBcc: x@example.org', /holds a line break \(U\+000D\)/],
      ['Zed \u202Eevil', /"Zed \\u202eevil" holds U\+202E/],
    ] as const) {
      const refused = await taskActions
        .reassign(env.client, OPEN, {
          by: 'sec',
          assignees: [
            { key: 'zed', name, email: 'zed@example.org', timezone: 'UTC', locale: 'en' },
          ],
        })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TaskRequestInvalidError);
      expect(statusOf(refused).message).toMatch(problem);
    }
  });

  it('an impossible date past the schema is invalid input (400)', async () => {
    const refused = await taskActions
      .extend(env.client, OPEN, { by: 'sec', dueDate: '2031-02-30', reason: 'more time' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TaskRequestInvalidError);
    expect(statusOf(refused).status).toBe(400);
    expect(statusOf(refused).message).toMatch(/dueDate: "2031-02-30" is not a calendar date/);
  });

  it('a change to a closed task is a state conflict (409)', async () => {
    const refused = await taskActions
      .waive(env.client, DONE, { by: 'sec', reason: 'again' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TaskActionRejectedError);
    expect(refused).not.toBeInstanceOf(TaskRequestInvalidError);
    expect(statusOf(refused).status).toBe(409);
  });
});

/** A raw request, for what fetch will not send (TRACE, a declared length it never delivers). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string | number>,
  body?: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${http.url}${path}`,
      { method, headers: { authorization: `Bearer ${SECRETARIAT}`, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text,
            ms: Date.now() - started,
          }),
        );
      },
    );
    request.on('error', reject);
    // The body is written but the request is left open: the server must answer anyway.
    if (body) request.write(body);
    else request.end();
  });
}

describe('methods and body sizes', () => {
  it('TRACE on a task answers 405 with Allow', async () => {
    const answer = await rawRequest('TRACE', task(OPEN), {});
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
    expect(answer.body).toMatch(/TRACE is not allowed here/);
  });

  it('a declared 20 MB JSON body is refused from its length, before it is sent', async () => {
    const answer = await rawRequest(
      'POST',
      task(OPEN, 'submit'),
      { 'content-type': 'application/json', 'content-length': 20 * 1024 * 1024 },
      Buffer.from('{"deliverableId": "summary", "payload": {"kind": "text", "text": "'),
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toMatch(/larger than 262144 bytes/);
    expect(answer.headers.connection).toBe('close');
  });

  it('a chunked 20 MB JSON body is cut off at the limit', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${http.url}${task(OPEN, 'submit')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETARIAT}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    // Either the answer arrives (413), or the server closed the socket while the rest streamed.
    if (response instanceof Response) expect(response.status).toBe(413);
    else
      expect(String((response as Error).cause ?? response)).toMatch(
        /closed|reset|EPIPE|terminated|socket/i,
      );
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it('a task id as three path segments reads the task', async () => {
    const response = await fetch(`${http.url}/api/tasks/${OPEN}`, {
      headers: { authorization: `Bearer ${SECRETARIAT}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { workflowId: string }).workflowId).toBe(OPEN);
  });

  it.each(['P9000Y', 'P698123Y610525M8766525D'])(
    'a large dueWithin (%s) lists every open task due from now on',
    async (reach) => {
      const response = await fetch(`${http.url}/api/tasks?dueWithin=${reach}`, {
        headers: { authorization: `Bearer ${SECRETARIAT}` },
      });
      expect(response.status).toBe(200);
      const ids = ((await response.json()) as { workflowId: string }[]).map((l) => l.workflowId);
      expect(ids).toEqual(expect.arrayContaining([OPEN, WEDGED]));
      expect(ids).not.toContain(DONE);
    },
  );
});
