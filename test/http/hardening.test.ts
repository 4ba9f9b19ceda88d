/**
 * The public pages' protections against a real HTTP server, a dev server and
 * a worker: rate limits on sign-in and hand-in (by client and by link, 429
 * with Retry-After), a CSP without inline script or style, cookie flags,
 * staff tokens kept hashed, rotatable link keys, and a log line for every
 * refusal that never holds the secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCatalog } from '../../src/client/start-catalog';
import { loadConfig } from '../../src/config/config';
import { dropLinkKey, linkKeysFor, rotateLinkKeys } from '../../src/config/link-secret';
import { FileSystemDeliverableStore } from '../../src/deliverables/store';
import { findStaff } from '../../src/http/auth';
import { createHttpApp } from '../../src/http/app';
import type { HttpDependencies } from '../../src/http/deps';
import type { Refusal } from '../../src/http/refusals';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import { staffTokens } from '../../src/http/setup';
import { signLink, verifyLink, type LinkKeyRing } from '../../src/links/signed-link';
import { TASK_QUEUE, occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { createMandateWorker } from '../../src/worker/create-worker';
import { parseCatalog } from './harness';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const DAY = 86_400_000;
const DUE = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
const TASK = occurrenceWorkflowId('hardening', 'report', DUE);
const STAFF_TOKEN = 'hardening-secretariat-token-0123456789';
const directory = mkdtempSync(join(tmpdir(), 'mandate-hardening-'));

const CATALOG = `version: 1
resolution:
  id: hardening
  title: Hardening
  adoptedBy: Test Council
  timezone: UTC
people:
  alice: { name: Alice, email: alice@example.org }
  bob: { name: Bob, email: bob@example.org }
tasks:
  - id: report
    clause: c1
    title: Report
    responsible: Secretariat
    assignees: [alice, bob]
    due: ${DUE}
    deliverables:
      - { id: summary, title: Summary, kind: text }
`;

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
let http: HttpServer;
const refusals: Refusal[] = [];
// The ring the server runs with: k2 signs, k1 (rotated out) still verifies.
let oldRing: LinkKeyRing;
let ring: LinkKeyRing;

beforeAll(async () => {
  const keysDir = join(directory, 'keys');
  oldRing = linkKeysFor(keysDir);
  ring = rotateLinkKeys(keysDir);
  env = await devServerEnv();
  mail = await mailHarness();
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    activities: mail.activities,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
  const catalog = parseCatalog(CATALOG);
  await startCatalog(env.client, catalog, { taskQueue: TASK_QUEUE });
  const deps: HttpDependencies = {
    client: env.client,
    store: new FileSystemDeliverableStore(join(directory, 'deliverables')),
    tokens: [{ role: 'secretariat', name: 'sec', token: STAFF_TOKEN }],
    linkSecret: ring,
    catalogs: new Map([['hardening', catalog]]),
    maxUploadBytes: 1024 * 1024,
    now: Date.now,
    secureCookies: false,
    logRefusal: (r) => refusals.push(r),
    rateLimits: {
      signInByClient: { burst: 5, perMinute: 1 },
      handInByClient: { burst: 14, perMinute: 1 },
      handInBadLinkByClient: { burst: 4, perMinute: 1 },
      handInByLink: { burst: 3, perMinute: 1 },
    },
  };
  http = await startHttpServer(deps, 0);
}, 180_000);

afterAll(async () => {
  await http?.close();
  worker?.shutdown();
  await running;
  await mail?.close();
  await env?.teardown();
  rmSync(directory, { recursive: true, force: true });
});

async function signInForm(): Promise<{ cookie: string; csrf: string }> {
  const reply = await fetch(`${http.url}/login`);
  const text = await reply.text();
  const cookie = /mandate_csrf=([^;]+)/.exec(reply.headers.get('set-cookie') ?? '')![1]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(text)![1]!;
  return { cookie: `mandate_csrf=${cookie}`, csrf };
}

function signIn(form: { cookie: string; csrf: string }, token: string): Promise<Response> {
  return fetch(`${http.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: form.csrf, token, next: '/' }).toString(),
  });
}

/** A GET from another loopback address: another client, as far as the server can tell. */
function getFrom(localAddress: string, path: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${http.url}${path}`, { localAddress }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    request.on('error', reject);
    request.end();
  });
}

const link = (secret: LinkKeyRing, person: string, expires = Date.now() + 60 * DAY) =>
  `/hand-in?${signLink(secret, { workflowId: TASK, person, expires })}`;

describe('link keys', () => {
  it('a link signed with the rotated-out key still opens; ids are in the links', async () => {
    const older = link(oldRing, 'bob');
    expect(new URLSearchParams(older.split('?')[1]).get('kid')).toBe('k1');
    expect(new URLSearchParams(link(ring, 'bob').split('?')[1]).get('kid')).toBe('k2');
    expect((await fetch(`${http.url}${older}`)).status).toBe(200);
  });

  it('a dropped key verifies nothing; an expired link stays expired; old links without a key id are key 0', () => {
    const keysDir = join(directory, 'rotation');
    const first = linkKeysFor(keysDir);
    const params = (secret: LinkKeyRing | string, expires = Date.now() + DAY) =>
      new URLSearchParams(signLink(secret, { workflowId: TASK, person: 'bob', expires }));
    const signedByFirst = params(first);
    const rotated = rotateLinkKeys(keysDir);
    expect(verifyLink(rotated, signedByFirst, Date.now())).toMatchObject({ ok: true, keyId: 'k1' });
    expect(verifyLink(rotated, params(first, Date.now() - 1), Date.now())).toMatchObject({
      ok: false,
      reason: 'expired',
      claims: { workflowId: TASK, person: 'bob' },
    });
    expect(() => dropLinkKey(keysDir, 'k2')).toThrow(/signs new links/);
    const dropped = dropLinkKey(keysDir, 'k1');
    expect(dropped.keys.map((k) => k.id)).toEqual(['k2']);
    expect(verifyLink(dropped, signedByFirst, Date.now())).toEqual({
      ok: false,
      reason: 'unknown-key',
    });
    // A link from before key ids (no kid, the MAC without one) still opens with the old bare secret.
    const secret = 'an-old-bare-secret-of-32-characters';
    const legacy = linkKeysFor(join(directory, 'legacy'), secret);
    expect(legacy.keys[0].id).toBe('0');
    const expires = Date.now() + DAY;
    const before = new URLSearchParams({
      task: TASK,
      person: 'bob',
      expires: String(expires),
      sig: createHmac('sha256', secret).update(`${TASK}\nbob\n${expires}`).digest('base64url'),
    });
    expect(verifyLink(legacy, before, Date.now())).toMatchObject({ ok: true, keyId: '0' });
    before.set('person', 'alice');
    expect(verifyLink(legacy, before, Date.now())).toEqual({ ok: false, reason: 'tampered' });
    const file = readFileSync(join(keysDir, 'link-secret'), 'utf8');
    expect(file).toMatch(/^k2:/m);
    expect(file).not.toMatch(/^k1:/m);
  });
});

describe('rate limits', () => {
  it('sign-in: 5 tries per client, then 429 with Retry-After; the log never holds a token', async () => {
    const form = await signInForm();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i += 1) {
      const response = await signIn(form, `wrong-token-guess-number-${i}`);
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Even the right token waits now: the limit is on the client, not on guesses.
    expect((await signIn(form, STAFF_TOKEN)).status).toBe(429);
    const logged = refusals.filter((r) => r.path === '/login');
    expect(logged.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
    expect(logged[0]!.reason).toBe('sign-in with an unknown token');
    expect(logged.at(-1)!.reason).toBe('rate limit sign-in (client)');
    expect(logged[0]!.client).toMatch(/127\.0\.0\.1/);
    const text = JSON.stringify(logged);
    expect(text).not.toMatch(/wrong-token-guess/);
    expect(text).not.toContain(STAFF_TOKEN);
    process.stdout.write(
      `[hardening] sign-in: ${statuses.length + 1} tries, ${logged.filter((r) => r.status === 429).length} refused by the rate limit (429)\n`,
    );
  });

  it('hand-in: forged links cost their sender 4 tries; the focal point, elsewhere, is not locked out', async () => {
    const good = link(ring, 'alice');
    const sig = new URLSearchParams(good.split('?')[1]).get('sig')!;
    const forged = (i: number) =>
      good.replace(sig, `${sig.slice(0, -4)}${String(i).padStart(4, 'A')}`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await fetch(`${http.url}${forged(i)}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    // Alice's own link, from another address and from the guesser's too, still opens:
    // the forged requests were counted against their sender's address, not her link.
    expect((await getFrom('127.0.0.2', good)).status).toBe(200);
    expect((await fetch(`${http.url}${good}`)).status).toBe(200);
    const logged = refusals.filter((r) => r.path === '/hand-in');
    expect(logged.slice(0, 4).map((r) => r.reason)).toEqual(Array(4).fill('hand-in link tampered'));
    expect(logged[4]!.reason).toBe('rate limit hand-in (unverified links)');
    expect(logged[0]!.link).toEqual({ task: TASK, person: 'alice' });
    expect(JSON.stringify(logged)).not.toContain(sig.slice(0, 10));
    process.stdout.write(
      `[hardening] hand-in: 6 forged requests for alice's link, ${logged.filter((r) => r.status === 429).length} refused; her link from another address: 200\n`,
    );
  });

  it('hand-in: one verified link opens 3 times a minute, then 429; other links are not held up', async () => {
    // Alice's link was used twice above.
    expect((await fetch(`${http.url}${link(ring, 'alice')}`)).status).toBe(200);
    const refused = await fetch(`${http.url}${link(ring, 'alice')}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${http.url}${link(ring, 'bob')}`)).status).toBe(200);
    expect(refusals.at(-1)!.reason).toBe('rate limit hand-in (link)');
  });

  it('hand-in: one client gets 14 requests a minute across links, then 429', async () => {
    // 11 used above from 127.0.0.1 (one came from 127.0.0.2); 3 more pass (different people,
    // so no link bucket runs dry), then the client's.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await fetch(`${http.url}${link(ring, `nobody-${i}`)}`)).status);
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    const limited = refusals.filter((r) => r.reason === 'rate limit hand-in (client)');
    expect(limited).toHaveLength(2);
    process.stdout.write(
      `[hardening] hand-in by client: 17 requests, ${limited.length} refused by the client limit\n`,
    );
  });
});

describe('pages and cookies', () => {
  it('CSP forbids inline script and style; the page loads its stylesheet from the site', async () => {
    const response = await fetch(`${http.url}/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).not.toMatch(/<style|<script|\sstyle=/i);
    expect(page).toContain('<link rel="stylesheet" href="/assets/app.css"');
    const css = await fetch(`${http.url}/assets/app.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain("'Noto Sans Arabic'");
  });

  it('serves the site icon that every page asks for, with no refusal logged', async () => {
    const before = refusals.length;
    const page = await (await fetch(`${http.url}/login`)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.ico"');
    const icon = await fetch(`${http.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(refusals.slice(before)).toEqual([]);
  });

  it('cookies are HttpOnly and SameSite, and Secure behind TLS', async () => {
    for (const secureCookies of [false, true]) {
      const app = createHttpApp({
        client: env.client,
        store: new FileSystemDeliverableStore(join(directory, 'cookie-store')),
        tokens: [{ role: 'secretariat', name: 'sec', token: STAFF_TOKEN }],
        linkSecret: ring,
        catalogs: new Map(),
        maxUploadBytes: 1024,
        now: Date.now,
        secureCookies,
        logRefusal: () => undefined,
      });
      const page = await app.request('/login');
      const csrfCookie = page.headers.get('set-cookie') ?? '';
      const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const signedIn = await app.request('/login', {
        method: 'POST',
        headers: {
          cookie: `mandate_csrf=${csrf}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ csrf, token: STAFF_TOKEN, next: '/' }).toString(),
      });
      expect(signedIn.status).toBe(303);
      for (const cookie of [csrfCookie, signedIn.headers.get('set-cookie') ?? '']) {
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Strict/);
        if (secureCookies) expect(cookie).toMatch(/Secure/);
        else expect(cookie).not.toMatch(/Secure/);
      }
    }
  });
});

describe('staff tokens', () => {
  it('the data folder keeps only hashes; the tokens are shown once and still sign in', () => {
    const dataDir = join(directory, 'tokens');
    const config = loadConfig({ MANDATE_DATA_DIR: dataDir }, directory);
    const first = staffTokens(config);
    expect(first.issued.map((t) => t.role)).toEqual(['secretariat', 'manager']);
    const file = readFileSync(join(dataDir, 'api-tokens'), 'utf8');
    for (const t of first.issued) {
      expect(file).not.toContain(t.token);
      expect(t.token.length).toBeGreaterThanOrEqual(43);
    }
    expect(file).toMatch(/^secretariat:secretariat:sha256:[0-9a-f]{64}$/m);
    const again = staffTokens(config);
    expect(again.issued).toEqual([]);
    expect(findStaff(again.tokens, first.issued[0]!.token)).toEqual({
      role: 'secretariat',
      name: 'secretariat',
    });
    expect(findStaff(again.tokens, `${first.issued[0]!.token}x`)).toBeUndefined();
  });

  it('a file with tokens in the clear is rewritten with hashes, its tokens shown once more', () => {
    const dataDir = join(directory, 'old-tokens');
    const config = loadConfig({ MANDATE_DATA_DIR: dataDir }, directory);
    staffTokens(config);
    writeFileSync(join(dataDir, 'api-tokens'), `manager:carla:${'c'.repeat(32)}\n`);
    const migrated = staffTokens(config);
    expect(migrated.issued).toEqual([{ role: 'manager', name: 'carla', token: 'c'.repeat(32) }]);
    expect(readFileSync(join(dataDir, 'api-tokens'), 'utf8')).not.toContain('c'.repeat(32));
    expect(findStaff(staffTokens(config).tokens, 'c'.repeat(32))).toEqual({
      role: 'manager',
      name: 'carla',
    });
  });
});
