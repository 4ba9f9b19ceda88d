/**
 * A failure of ours, as people meet it: Temporal unreachable (a real client
 * to a closed port, without retries so the test is quick). A focal point's
 * page is in their language and direction, offers nothing of the staff's and
 * shows a reference; staff pages and the API show it too; each is logged
 * once with that reference and its stack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSystemDeliverableStore } from '../../src/deliverables/store';
import { createHttpApp } from '../../src/http/app';
import type { HttpDependencies } from '../../src/http/deps';
import { PAGE_WORDS } from '../../src/i18n/page-words';
import { signLink } from '../../src/links/signed-link';
import { LOCALES } from '../../src/shared/types';

const STAFF_TOKEN = 'e'.repeat(24);
const directory = mkdtempSync(join(tmpdir(), 'mandate-5xx-'));
const logged: string[] = [];
const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
const deps: HttpDependencies = {
  client: new Client({ connection }),
  store: new FileSystemDeliverableStore(join(directory, 'deliverables')),
  tokens: [{ role: 'secretariat', name: 'sec', token: STAFF_TOKEN }],
  linkSecret: 'server-error-secret',
  catalogs: new Map(),
  maxUploadBytes: 1024 * 1024,
  now: Date.now,
  secureCookies: false,
  logRefusal: () => undefined,
  logServerError: (line) => logged.push(line),
};
const app = createHttpApp(deps);
const link = (lang: string) =>
  `/hand-in?${signLink(
    deps.linkSecret,
    { workflowId: 'r/t/2027-01-01', person: 'focal', expires: Date.now() + 86_400_000 },
    lang,
  )}`;

afterAll(async () => {
  await connection.close().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
});

describe('a failure of ours (500)', () => {
  it('on a focal point link: their language and direction, no staff link, a logged reference', async () => {
    for (const locale of LOCALES) {
      logged.length = 0;
      const response = await app.request(link(locale));
      expect(response.status).toBe(500);
      const page = await response.text();
      expect(page).toContain(`lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(page).toContain(PAGE_WORDS[locale].serverErrorTitle);
      expect(page).toContain(PAGE_WORDS[locale].serverError);
      expect(page).not.toContain('href="/"');
      expect(page).not.toContain('Overview');
      const reference = /<code dir="ltr">([0-9a-f]{12})<\/code>/.exec(page)?.[1];
      expect(reference).toBeDefined();
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(new RegExp(`^http: 500 ref=${reference} GET /hand-in: \\S+`));
      // The stack, and never the link's query (its signature).
      expect(logged[0]).toMatch(/\n\s+at /);
      expect(logged[0]).not.toContain('sig=');
    }
  });

  it('on a focal point post with no language hint: the browser language', async () => {
    logged.length = 0;
    const url = link('').replace(/&lang=$/, '');
    const response = await app.request(url, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain(PAGE_WORDS.zh.serverErrorTitle);
    expect(logged).toHaveLength(1);
  });

  it('on a staff page and in the API: the reference, logged', async () => {
    logged.length = 0;
    const page = await app.request('/tasks/r/t/2027-01-01', {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    expect(page.status).toBe(500);
    const text = await page.text();
    const reference = /Reference: <code>([0-9a-f]{12})<\/code>/.exec(text)?.[1];
    expect(reference).toBeDefined();
    expect(logged[0]).toContain(`ref=${reference} GET /tasks/r/t/2027-01-01`);

    const api = await app.request('/api/tasks/r/t/2027-01-01', {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    expect(api.status).toBe(500);
    const body = (await api.json()) as { error: { message: string; reference: string } };
    expect(body.error.message).toBe('internal error');
    expect(logged[1]).toContain(`ref=${body.error.reference} GET /api/tasks/`);
    expect(logged).toHaveLength(2);
  });

  it('a refusal on a focal point page (4xx) is in their language too, without staff links', async () => {
    const response = await app.request(`/hand-in/documents/${'0'.repeat(64)}?lang=ar&task=x`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('lang="ar" dir="rtl"');
    expect(page).toContain(PAGE_WORDS.ar.invalid);
    expect(page).not.toContain('href="/"');
  });
});
