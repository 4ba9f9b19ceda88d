/**
 * A secretariat officer's cycle in a real browser (Debian's chromium driven by
 * playwright-core), signed in through a real OpenID Connect provider on
 * loopback, against a real Temporal dev server, worker and SMTP sink.
 * Screenshots go to artifacts/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startTestProvider, type TestProvider } from '../support/oidc-provider';
import { taskActions } from '../../src/client/task-actions';
import { OidcSignIn } from '../../src/http/oidc';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { parseCatalog, startHttpHarness, type HttpHarness } from '../http/harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const RESOLUTION = 'officer-test';
const OFFICER = 'Amina Diallo <amina.diallo@example.int>';

const today = DateTime.utc().startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;
const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: Officer test resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-fr: { name: Point focal, email: focal-fr@example.org, timezone: UTC, locale: fr }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: review-task
    clause: resolves 1
    title: Annual report to the Council
    responsible: Secretariat
    assignees: [focal-fr]
    due: ${date(20)}
    deliverables:
      - { id: report, title: Annual report, kind: text }
`);
const REVIEW_TASK = occurrenceWorkflowId(RESOLUTION, 'review-task', date(20));

let stack: HttpHarness;
let idp: TestProvider;
let browser: Browser;
let officer: BrowserContext;
let page: Page;
/** Moves the sign-in's clock forward, to see sessions expire. */
let clockOffset = 0;

async function screenshot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in at the provider's own pages, as `login`, from the app's sign-in page. */
async function signIn(p: Page, login: string): Promise<void> {
  await p.goto(`${stack.server.url}/`);
  expect(new URL(p.url()).pathname).toBe('/login');
  await p.getByRole('link', { name: 'Sign in with your organisation account' }).click();
  // The provider's page, or straight back when the provider's own session is still open.
  await p.waitForURL((u) => u.href.startsWith(`${idp.issuer}/interaction/`) || u.pathname === '/', {
    waitUntil: 'domcontentloaded',
  });
  if (!p.url().startsWith(idp.issuer)) return;
  await p.locator('input[name=login]').fill(login);
  await p.locator('input[name=password]').fill('any password');
  await p.locator('button[type=submit]').click();
  // The provider asks for consent once per account and client.
  const consent = p.locator('input[name=prompt][value=consent]');
  await p.waitForLoadState('domcontentloaded');
  if ((await consent.count()) > 0) await p.locator('button[type=submit]').click();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startHttpHarness({ catalog, taskQueue: 'officer-test' });
  idp = await startTestProvider({
    redirectUri: `${stack.server.url}/auth/callback`,
    accounts: {
      amina: {
        name: 'Amina Diallo',
        email: 'amina.diallo@example.int',
        groups: ['staff', 'mandate-secretariat'],
      },
      omar: { name: 'Omar Haddad', email: 'omar.haddad@example.int', groups: ['mandate-managers'] },
      visitor: { name: 'Visiting Expert', email: 'visitor@example.int', groups: ['staff'] },
    },
  });
  // Routes read their dependencies per request: the server is up before the provider knows its URL.
  stack.deps.oidc = new OidcSignIn(
    {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl: `${stack.server.url}/auth/callback`,
      scopes: 'openid profile email groups',
      roleClaim: 'groups',
      secretariatGroup: 'mandate-secretariat',
      managerGroup: 'mandate-managers',
      sessionHours: 8,
    },
    () => Date.now() + clockOffset,
  );
  browser = await launchChromium();
  officer = await browser.newContext();
  page = await officer.newPage();
});

afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await stack?.close();
});

describe('staff sign-in through OpenID Connect', () => {
  it('signs the officer in at the provider, with the secretariat role from the groups claim', async () => {
    await signIn(page, 'amina');
    await page.waitForURL(`${stack.server.url}/`);
    expect(await page.locator('main').innerText()).toContain(
      `Signed in as ${OFFICER} (secretariat)`,
    );
    await screenshot(page, 'officer-signed-in');
  });

  it("records the officer's name and e-mail as `by` of a review made on the task page", async () => {
    await taskActions.submit(stack.env.client, REVIEW_TASK, {
      deliverableId: 'report',
      payload: { kind: 'text', text: 'Le rapport annuel.' },
      by: 'focal-fr',
    });
    await page.goto(`${stack.server.url}/tasks/${REVIEW_TASK}`);
    await Promise.all([
      page.waitForURL(/done=accept/),
      page.getByRole('button', { name: 'Accept' }).click(),
    ]);
    const view = await taskActions.status(stack.env.client, REVIEW_TASK);
    expect(view.history.at(-1)).toMatchObject({ type: 'completed', by: OFFICER });
    expect(await page.locator('main').innerText()).toContain(OFFICER);
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const session = (await officer.cookies()).find((c) => c.name === 'mandate_staff');
    expect(session?.httpOnly).toBe(true);
    await page.goto(`${stack.server.url}/`);
    await Promise.all([
      page.waitForURL(/\/login\?signedOut=1/),
      page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    expect(await page.locator('[role=status]').innerText()).toBe('You are signed out.');
    // The old cookie, replayed, no longer opens anything.
    const replay = await fetch(`${stack.server.url}/`, {
      headers: { cookie: `mandate_staff=${session!.value}` },
      redirect: 'manual',
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/login?next=%2F');
  });

  it('gives the manager group the manager role, and refuses someone with neither group', async () => {
    const other = await browser.newContext();
    const p = await other.newPage();
    await signIn(p, 'omar');
    await p.waitForURL(`${stack.server.url}/`);
    expect(await p.locator('main').innerText()).toContain(
      'Signed in as Omar Haddad <omar.haddad@example.int> (manager)',
    );
    await other.close();

    const third = await browser.newContext();
    const q = await third.newPage();
    await signIn(q, 'visitor');
    await q.waitForURL((u) => u.pathname === '/auth/callback');
    expect(await q.locator('[role=alert]').innerText()).toContain(
      'Visiting Expert is signed in at the identity provider but has no role here',
    );
    expect((await third.cookies()).some((c) => c.name === 'mandate_staff')).toBe(false);
    await screenshot(q, 'sign-in-no-role');
    await third.close();
  });

  it('ends a session when it expires', async () => {
    await signIn(page, 'amina');
    await page.waitForURL(`${stack.server.url}/`);
    clockOffset = 8 * 3_600_000 + 1;
    try {
      await page.goto(`${stack.server.url}/tasks/${REVIEW_TASK}`);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      clockOffset = 0;
    }
    await signIn(page, 'amina');
    await page.waitForURL(`${stack.server.url}/`);
  });

  it('refuses a callback whose state was not started in this browser', async () => {
    const answer = await fetch(`${stack.server.url}/auth/callback?code=abc&state=forged`);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('this sign-in is stale or was started elsewhere');
  });

  it('keeps bearer tokens for API clients', async () => {
    const answer = await fetch(`${stack.server.url}/api/tasks/${encodeURIComponent(REVIEW_TASK)}`, {
      headers: { authorization: `Bearer ${'s'.repeat(24)}` },
    });
    expect(answer.status).toBe(200);
  });
});
