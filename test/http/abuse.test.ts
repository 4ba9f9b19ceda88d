/**
 * What an attacker or a clumsy user tries on the running server, against a
 * real dev server, worker and HTTP server: a hand-in link used from a staff
 * session, a staff copy of a link, bodies too large for their route (refused
 * with 413 before anything reads them), a text too long for a workflow,
 * session cookies replayed after sign-out or after their token was removed,
 * a sign-in `next` that leaves the site, a lower-case bearer scheme, a file
 * name with a direction override, the report's style under the CSP, and a
 * health check that answers within a second when Temporal does not.
 */
import { staffSession } from '../support/staff-sign-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createHttpApp } from '../../src/http/app';
import { CATALOG_PAGE_BYTES } from '../../src/http/body-limits';
import { PAGE_WORDS } from '../../src/i18n/page-words';
import { signLink } from '../../src/links/signed-link';
import { MAX_TEXT_CHARS } from '../../src/shared/task-state';
import { occurrenceWorkflowId, statusQuery } from '../../src/shared/workflow-api';
import {
  LINK_SECRET,
  MANAGER_TOKEN,
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from './harness';

const DAY = 86_400_000;
const DUE = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
const TASK = occurrenceWorkflowId('abuse', 'report', DUE);
const CATALOG_TEXT = `version: 1
resolution: { id: abuse, title: Abuse, adoptedBy: Test Council, timezone: UTC }
people:
  ana: { name: Ana, email: ana@example.org, locale: es }
tasks:
  - id: report
    clause: c1
    title: Report
    responsible: Secretariat
    assignees: [ana]
    due: ${DUE}
    deliverables:
      - { id: summary, title: Summary, kind: text }
      - { id: annex, title: Annex, kind: document }
`;
const catalog = parseCatalog(CATALOG_TEXT);
const readCatalogText = () => CATALOG_TEXT;

let stack: HttpHarness;
beforeAll(async () => {
  stack = await startHttpHarness({ catalog, taskQueue: 'abuse-test' });
}, 180_000);
afterAll(async () => stack?.close());

const url = (path: string) => `${stack.server.url}${path}`;
const link = () =>
  `/hand-in?${signLink(LINK_SECRET, { workflowId: TASK, person: 'ana', expires: Date.now() + 60 * DAY }, 'es')}`;
const history = async () =>
  (await stack.env.client.workflow.getHandle(TASK).query(statusQuery)).history.length;

/** Signs in with a token through the form; answers the session cookie. */
const signIn = (token: string) => staffSession(url(''), token);

/** The hand-in page's form fields (CSRF and nonce) with its cookie. */
async function handInForm(path: string, cookie = '') {
  const page = await fetch(url(path), { headers: { cookie } });
  const csrfCookie = /mandate_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '');
  const text = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(text)?.[1];
  return {
    status: page.status,
    text,
    csrf,
    cookie: csrfCookie ? `mandate_csrf=${csrfCookie[1]}` : '',
  };
}

/**
 * A request that declares a body of `declared` bytes and sends at most
 * `sent`: answers the status and how much of the body the server had taken
 * by then (it must not wait for the rest).
 */
function declaredBody(
  path: string,
  declared: number,
  sent: number,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url(path));
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(declared),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', (error) => {
      // The server may close the connection once it has answered.
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.write(Buffer.alloc(sent, 'a'));
  });
}

/** A chunked body (no declared length) of `bytes`, sent at once. */
async function chunkedBody(path: string, bytes: number): Promise<number> {
  const response = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes; i += 65_536) controller.enqueue(new Uint8Array(65_536));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}

describe('hand-in links are the focal point\u2019s alone', () => {
  it('a genuine link opened in a staff session is refused, and hands in nothing', async () => {
    const cookie = await signIn(MANAGER_TOKEN);
    const before = await history();
    const page = await fetch(url(link()), { headers: { cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This link is a focal point');
    const post = await fetch(url(link()), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ deliverableId: 'summary', text: 'by the manager' }).toString(),
    });
    expect(post.status).toBe(403);
    expect(await history()).toBe(before);
  });

  it('a staff copy of a link says what it is, in the person\u2019s language', async () => {
    const copy = link().replace(/sig=[^&]+/, 'sig=staff-copy');
    const page = await fetch(url(copy));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(PAGE_WORDS.es.staffCopy);
  });
});

describe('bounded requests', () => {
  it('a 200 MB sign-in, hand-in or catalog post is refused with 413 from its declared length', async () => {
    for (const path of ['/login', link(), '/catalogs/check', '/logout'])
      expect(await declaredBody(path, 200 * 1024 * 1024, 1024), path).toBe(413);
  });

  it('a body without a declared length is cut off at its route\u2019s bound', async () => {
    expect(await chunkedBody('/login', 1024 * 1024)).toBe(413);
  });

  it('a text longer than a workflow takes is 413 with the limit in the person\u2019s language, and nothing reaches the task', async () => {
    const form = await handInForm(link());
    const before = await history();
    const response = await fetch(url(link()), {
      method: 'POST',
      headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        csrf: form.csrf!,
        nonce: 'n1',
        deliverableId: 'summary',
        text: 'x'.repeat(MAX_TEXT_CHARS + 1),
      }).toString(),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain(PAGE_WORDS.es.textTooLong(MAX_TEXT_CHARS));
    expect(await history()).toBe(before);
  });
});

describe('catalogs checked in the page', () => {
  /** Posts a catalog to /catalogs/check as the page's form does, signed in as the secretariat. */
  async function check(text: string): Promise<Response> {
    const cookie = await signIn(SECRETARIAT_TOKEN);
    const page = await (await fetch(url('/catalogs'), { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const form = new FormData();
    form.append('csrf', csrf);
    form.append('text', text);
    return fetch(url('/catalogs/check'), { method: 'POST', headers: { cookie }, body: form });
  }

  it('are checked off the request thread: the preview comes back, and problems at their line', async () => {
    const ok = await check(readCatalogText());
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('The catalog is valid.');
    const bad = await check(readCatalogText().replace(`due: ${DUE}`, 'due: 2201-01-01'));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('is outside the dates the engine tracks');
  });

  it('a catalog over the page\u2019s bound is refused with 413, naming the command for it', async () => {
    const big = `${readCatalogText()}\n# ${'x'.repeat(CATALOG_PAGE_BYTES)}\n`;
    const response = await check(big);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('mandate catalog validate FILE');
  });
});

describe('sessions', () => {
  it('the cookie holds a random session id, and signing out ends it on the server', async () => {
    const cookie = await signIn(SECRETARIAT_TOKEN);
    expect(cookie).not.toContain(SECRETARIAT_TOKEN);
    expect((await fetch(url('/'), { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(
      await (await fetch(url('/'), { headers: { cookie } })).text(),
    )?.[1];
    const out = await fetch(url('/logout'), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrf! }).toString(),
    });
    expect(out.status).toBe(303);
    // The saved cookie, replayed: signed out all the same.
    const replay = await fetch(url('/'), { headers: { cookie }, redirect: 'manual' });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/login?next=%2F');
  });

  it('a session ends when its token is removed from the configuration', async () => {
    const cookie = await signIn(MANAGER_TOKEN);
    const tokens = stack.deps.tokens;
    stack.deps.tokens = tokens.filter((t) => !('token' in t) || t.token !== MANAGER_TOKEN);
    try {
      expect((await fetch(url('/'), { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
    } finally {
      stack.deps.tokens = tokens;
    }
    // Not back when the token is: the session itself ended.
    expect((await fetch(url('/'), { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
  });
});

describe('smaller holes', () => {
  it('sign-in sends on to same-site paths only', async () => {
    for (const next of [
      '/\\evil.example',
      '//evil.example',
      '/\\/evil.example',
      'https://evil.example',
      '/ok\u0000',
    ])
      expect(await (await fetch(url(`/login?next=${encodeURIComponent(next)}`))).text()).toContain(
        'name="next" value="/"',
      );
    expect(await (await fetch(url('/login?next=%2Ftasks%2Fx'))).text()).toContain(
      'name="next" value="/tasks/x"',
    );
  });

  it('the bearer scheme is read in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer'])
      expect(
        (
          await fetch(url('/api/tasks'), {
            headers: { authorization: `${scheme} ${MANAGER_TOKEN}` },
          })
        ).status,
        scheme,
      ).toBe(200);
  });

  it('a file name keeps no direction override or line break, in the store and in Content-Disposition', async () => {
    const form = new FormData();
    form.append(
      'file',
      new File([Buffer.from('%PDF-1.4\n%%EOF\n')], 'report\u202Efdp.exe\r\n.pdf', {
        type: 'application/pdf',
      }),
    );
    const stored = await fetch(url('/api/documents'), {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETARIAT_TOKEN}` },
      body: form,
    });
    expect(stored.status).toBe(201);
    const reference = (await stored.json()) as { name: string; sha256: string };
    expect(reference.name).toMatch(/^reportfdp\.exe ?\.pdf$/);
    const download = await fetch(url(`/api/documents/${reference.sha256}`), {
      headers: { authorization: `Bearer ${MANAGER_TOKEN}` },
    });
    expect(download.headers.get('content-disposition')).not.toMatch(/\u202E|%E2%80%AE/i);
  });

  it('the report in the dashboard takes its style from the site, not inline', async () => {
    const response = await fetch(url('/reports/abuse?format=html'), {
      headers: { authorization: `Bearer ${MANAGER_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toMatch(/<style/);
    expect(page).toContain('<link rel="stylesheet" href="/report.css"');
    const css = await fetch(url('/report.css'));
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('border-collapse');
  });

  it('/healthz answers 503 within its deadline when Temporal does not answer', async () => {
    // A client whose server is gone; its calls would be retried for about 20 s.
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const app = createHttpApp({ ...stack.deps, client: new Client({ connection }) });
    const timeout = new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), 5_000));
    const answer = await Promise.race([app.request('/healthz'), timeout]);
    expect(answer).not.toBe('no answer');
    expect((answer as Response).status).toBe(503);
    await connection.close().catch(() => undefined);
  });
});
