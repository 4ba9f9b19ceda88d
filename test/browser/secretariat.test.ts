/**
 * A secretariat officer's cycle in a real browser (Debian's chromium driven by
 * playwright-core), signed in through a real OpenID Connect provider on
 * loopback, against a real Temporal dev server, worker and SMTP sink.
 * Screenshots go to artifacts/screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeCheck, type AxeFinding } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { startTestProvider, type TestProvider } from '../support/oidc-provider';
import { startedCatalog } from '../../src/catalog/registry';
import { taskActions } from '../../src/client/task-actions';
import { OidcSignIn } from '../../src/http/oidc';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { parseCatalog, startHttpHarness, type HttpHarness } from '../http/harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const RESOLUTION = 'officer-test';
const OFFICER = 'Amina Diallo <amina.diallo@example.int>';

const today = DateTime.utc().startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;
const CATALOG_YAML = `
version: 1
resolution:
  id: ${RESOLUTION}
  title: Officer test resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-fr: { name: Point focal, email: focal-fr@example.org, timezone: UTC, locale: fr }
  focal-es: { name: Punto focal, email: focal-es@example.org, timezone: UTC, locale: es }
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
  - id: action-task
    clause: resolves 2
    title: Consult the regional offices
    responsible: Secretariat
    assignees: [focal-fr]
    due: ${date(30)}
    deliverables:
      - { id: consultation, title: Consultation, kind: text }
  - id: session-a
    clause: resolves 3
    title: Contribution to the first session
    responsible: Secretariat
    assignees: [focal-fr]
    due: ${date(40)}
    deliverables:
      - { id: contribution, title: Contribution, kind: text }
  - id: session-b
    clause: resolves 3
    title: Background paper for the first session
    responsible: Secretariat
    assignees: [focal-es]
    due: ${date(41)}
    deliverables:
      - { id: paper, title: Paper, kind: text }
  - id: post-task
    clause: resolves 4
    title: National contribution by post
    responsible: Secretariat
    assignees: [focal-es]
    due: ${date(25)}
    deliverables:
      - { id: letter, title: Signed letter, kind: document }
`;
const catalog = parseCatalog(CATALOG_YAML);
const REVIEW_TASK = occurrenceWorkflowId(RESOLUTION, 'review-task', date(20));
const ACTION_TASK = occurrenceWorkflowId(RESOLUTION, 'action-task', date(30));
const POST_TASK = occurrenceWorkflowId(RESOLUTION, 'post-task', date(25));
const SESSION_A = occurrenceWorkflowId(RESOLUTION, 'session-a', date(40));
const SESSION_TASKS = [SESSION_A, occurrenceWorkflowId(RESOLUTION, 'session-b', date(41))];

/** How many workflows of a resolution exist (describe each known id). */
async function listed(resolution: string): Promise<number> {
  let n = 0;
  for await (const w of stack.env.client.workflow.list({
    query: `WorkflowId STARTS_WITH '${resolution}/'`,
  }))
    if (w) n++;
  return n;
}

/** The task page's history rows, newest first, as text. */
async function historyRows(p: Page): Promise<string[]> {
  return p.locator('h2:text-is("History") + .table-wrap tbody tr').allInnerTexts();
}

let stack: HttpHarness;
let idp: TestProvider;
let browser: Browser;
let officer: BrowserContext;
let page: Page;
/** Moves the sign-in's clock forward, to see sessions expire. */
let clockOffset = 0;

/** axe-core results of every page checked, written as an artifact at the end. */
const axeResults: { page: string; url: string; passes: number; violations: AxeFinding[] }[] = [];

/** Checks the page with axe-core: no serious or critical violation. */
async function audit(p: Page, name: string): Promise<void> {
  const result = await axeCheck(p);
  axeResults.push({ page: name, url: p.url(), ...result });
  expect(
    result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  ).toEqual([]);
}

/** A screenshot, after the page passed the accessibility check. */
async function screenshot(p: Page, name: string): Promise<void> {
  await audit(p, name);
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
  writeFileSync(
    join(SCREENSHOTS, '..', 'axe-secretariat.json'),
    JSON.stringify(axeResults, null, 2),
  );
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
    expect(view.history.filter((e) => e.type === 'completed')).toMatchObject([{ by: OFFICER }]);
    expect(await page.locator('main').innerText()).toContain(OFFICER);
  });

  it('opens a handed-in document with the sign-in session alone', async () => {
    const content = Buffer.from('%PDF-1.4\n% the annual report\n');
    const reference = await stack.deps.store.put(content, 'rapport.pdf', 'application/pdf');
    const response = await page.request.get(`${stack.server.url}/documents/${reference.sha256}`, {
      maxRedirects: 0,
    });
    expect(response.status()).toBe(200);
    expect(Buffer.from(await response.body()).equals(content)).toBe(true);
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

describe("the secretariat's task actions", () => {
  it("shows the workflow validator's refusal on the extend form, with what was typed", async () => {
    await page.goto(`${stack.server.url}/tasks/${ACTION_TASK}`);
    // The form starts at the current date: sending it unchanged is refused by the workflow.
    await page.getByLabel('Reason', { exact: true }).first().fill('Nothing really changes');
    await page.getByRole('button', { name: 'Extend…' }).click();
    await page.getByRole('button', { name: 'Confirm: extend' }).click();
    const alert = page.locator('form[action$="/actions/extend"] [role=alert]');
    expect(await alert.innerText()).toContain('the new due date and time equal the current ones');
    expect(await page.locator('#extend-reason').inputValue()).toBe('Nothing really changes');
    expect(await page.locator('#extend-date').getAttribute('aria-describedby')).toBe(
      'extend-error',
    );
    await screenshot(page, 'task-extend-refused');
    const view = await taskActions.status(stack.env.client, ACTION_TASK);
    expect(view.due.date).toBe(date(30));
  });

  it('extends from the task page after a confirmation, and the history names the officer', async () => {
    await page.goto(`${stack.server.url}/tasks/${ACTION_TASK}`);
    await page.locator('#extend-date').fill(date(37));
    await page.locator('#extend-time').fill('17:00');
    await page.locator('#extend-reason').fill('The regional offices asked for a week');
    await page.getByRole('button', { name: 'Extend…' }).click();
    const summary = await page.locator('main').innerText();
    expect(summary).toContain(`Due ${date(30)} → ${date(37)} 17:00 (UTC).`);
    await screenshot(page, 'task-extend-confirm');
    // Nothing changes before the confirmation.
    expect((await taskActions.status(stack.env.client, ACTION_TASK)).due).toEqual({
      date: date(30),
    });
    await Promise.all([
      page.waitForURL(/done=extend/),
      page.getByRole('button', { name: 'Confirm: extend' }).click(),
    ]);
    expect(await page.locator('[role=status]').innerText()).toBe(
      'Extended: the new due date is in force.',
    );
    expect(await historyRows(page)).toContainEqual(
      expect.stringContaining(
        `extended by ${OFFICER} from ${date(30)} to ${date(37)} 17:00: The regional offices asked for a week`,
      ),
    );
    expect((await taskActions.status(stack.env.client, ACTION_TASK)).due).toEqual({
      date: date(37),
      time: '17:00',
    });
  });

  it('reassigns to people of the catalog, by keyboard', async () => {
    await page.goto(`${stack.server.url}/tasks/${ACTION_TASK}`);
    const fr = page.getByLabel(/Point focal/);
    const es = page.getByLabel(/Punto focal/);
    expect(await fr.isChecked()).toBe(true);
    expect(await es.isChecked()).toBe(false);
    await es.focus();
    await page.keyboard.press('Space');
    await fr.focus();
    await page.keyboard.press('Space');
    await page.locator('#reassign-reason').fill('The Spanish-speaking office leads');
    // The manager too: the French focal point follows the work as its manager.
    await page.getByLabel('Manager').selectOption({ label: 'Point focal (focal-fr@example.org)' });
    await screenshot(page, 'task-reassign-with-manager');
    await page.getByRole('button', { name: 'Reassign…' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Reassign “Consult the regional offices”?' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(
      'Assignees Point focal → Punto focal.',
    );
    expect(await page.locator('main').innerText()).toContain('Manager none → Point focal.');
    await Promise.all([
      page.waitForURL(/done=reassign/),
      page.getByRole('button', { name: 'Confirm: reassign' }).click(),
    ]);
    expect(await historyRows(page)).toContainEqual(
      expect.stringContaining(
        `reassigned by ${OFFICER} to focal-es (manager focal-fr): The Spanish-speaking office leads`,
      ),
    );
    const view = await taskActions.status(stack.env.client, ACTION_TASK);
    expect(view.assignees.map((a) => a.key)).toEqual(['focal-es']);
    expect(view.manager?.key).toBe('focal-fr');
    // The notices the change sent are on the page it lands on, without a reload.
    const mailKinds = await page
      .locator('#mail + div table tbody tr td:first-child a')
      .allInnerTexts();
    expect(mailKinds).toEqual(expect.arrayContaining(['assigned', 'unassigned']));
    // Next messages: each at the recipient's own time and zone, by name, a week of them.
    const next = await page.locator('h2:has-text("Next messages") + ul > li').allInnerTexts();
    expect(next.length).toBe(view.next.length);
    expect(next[0]).toMatch(
      /^\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC — (reminder, \d+ \w+ before the due date|reminder on the due date|overdue notice|escalation) — Punto focal \(focal-es@example.org\)$/,
    );
    await screenshot(page, 'task-next-messages');
  });

  it('hands in for a focal point a document that came by post; the history says for whom and how', async () => {
    await page.goto(`${stack.server.url}/tasks/${POST_TASK}`);
    const form = page.locator('form[action$="/hand-in"]');
    expect(await form.count()).toBe(1);
    // Refused on the form, with what was chosen kept: a file is needed.
    await form.getByLabel('Received').selectOption('post');
    await form.getByLabel('Note (optional').fill('Letter of 2 December');
    // The browser would not post without a file: the server's own refusal is what is shown.
    await page.evaluate(
      `document.querySelector('form[action$="/hand-in"] input[type=file]').required = false`,
    );
    await Promise.all([
      page.waitForLoadState('domcontentloaded'),
      form.getByRole('button', { name: 'Hand in for them' }).click(),
    ]);
    expect(await page.locator('#hand-in ~ form .error').innerText()).toBe(
      'file: choose the file that came',
    );
    expect(await page.getByLabel('Note (optional').inputValue()).toBe('Letter of 2 December');
    await screenshot(page, 'task-staff-hand-in-refused');
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    await page.getByLabel('File').setInputFiles({
      name: 'carta-firmada.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.getByLabel('Handed in for').selectOption('focal-es');
    await page.getByLabel('Received').selectOption('post');
    await screenshot(page, 'task-staff-hand-in');
    await Promise.all([
      page.waitForURL(/done=hand-in/),
      page.getByRole('button', { name: 'Hand in for them' }).click(),
    ]);
    const view = await taskActions.status(stack.env.client, POST_TASK);
    const letter = view.deliverables.find((d) => d.id === 'letter')!;
    expect(letter.status).toBe('submitted');
    expect(letter.submittedBy).toBe(OFFICER);
    expect(letter.submittedFor).toEqual({
      person: 'focal-es',
      via: 'post',
      note: 'Letter of 2 December',
    });
    expect(letter.latest).toMatchObject({ kind: 'document', name: 'carta-firmada.pdf' });
    expect(await historyRows(page)).toContainEqual(
      expect.stringContaining(
        `letter handed in by ${OFFICER} (for focal-es, received by post): Letter of 2 December`,
      ),
    );
    expect(await page.locator('main').innerText()).toContain(
      `Received by post from Punto focal; recorded by ${OFFICER} (Letter of 2 December)`,
    );
    // It awaits review as the focal point's own would.
    expect(await page.getByRole('button', { name: 'Accept' }).count()).toBe(1);
    await screenshot(page, 'task-staff-handed-in');
  });

  it('extends every task of a clause by a week after a preview, each with its outcome', async () => {
    await page.goto(`${stack.server.url}/`);
    await page.getByRole('link', { name: 'Extend several tasks' }).click();
    await page.locator('#f-resolution').fill(RESOLUTION);
    await page.locator('#f-clause').fill('resolves 3');
    await page.locator('#days').fill('7');
    await page.locator('#reason').fill('The first session moved by a week');
    await page.getByRole('button', { name: 'Preview' }).click();
    // The preview's address is shareable: the filter is in it.
    const url = new URL(page.url());
    expect(url.searchParams.get('clause')).toBe('resolves 3');
    expect(url.searchParams.get('days')).toBe('7');
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('#preview').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    expect(await page.locator('#preview').innerText()).toBe('Preview: 2 tasks');
    const preview = await page.locator('tbody').innerText();
    expect(preview).toContain(`${date(40)}\t${date(47)}`);
    expect(preview).toContain(`${date(41)}\t${date(48)}`);
    expect(preview).not.toContain('Consult the regional offices');
    await screenshot(page, 'bulk-extend-preview');
    await page.getByRole('button', { name: 'Confirm: extend 2 tasks by 7 days' }).click();
    expect(await page.locator('h1').innerText()).toBe('Extended 2 of 2 tasks by 7 days');
    await screenshot(page, 'bulk-extend-done');
    for (const [i, id] of SESSION_TASKS.entries()) {
      const view = await taskActions.status(stack.env.client, id);
      expect(view.due.date).toBe(date(47 + i));
      // Notices of the change may follow it in the history.
      expect(view.history.filter((e) => e.type === 'extended').at(-1)).toMatchObject({
        by: OFFICER,
        reason: 'The first session moved by a week',
      });
    }
  });

  it('holds and resumes a task from its page, each after a confirmation', async () => {
    await page.goto(`${stack.server.url}/tasks/${ACTION_TASK}`);
    await page.locator('#hold-reason').fill('Waiting for the Council decision');
    await page.getByRole('button', { name: 'Hold…' }).click();
    expect(await page.locator('main').innerText()).toContain(
      'Nothing is sent while the task is on hold',
    );
    await audit(page, 'hold-confirm');
    await Promise.all([
      page.waitForURL(/done=hold/),
      page.getByRole('button', { name: 'Confirm: hold' }).click(),
    ]);
    expect(await page.locator('[role=status]').innerText()).toBe(
      'On hold: nothing is sent until it resumes.',
    );
    expect(await historyRows(page)).toContainEqual(
      expect.stringContaining(`put on hold by ${OFFICER}: Waiting for the Council decision`),
    );
    expect((await taskActions.status(stack.env.client, ACTION_TASK)).status).toBe('on-hold');
    await screenshot(page, 'task-on-hold');
    await page.locator('#resume-reason').fill('The Council decided');
    await page.getByRole('button', { name: 'Resume…' }).click();
    await Promise.all([
      page.waitForURL(/done=resume/),
      page.getByRole('button', { name: 'Confirm: resume' }).click(),
    ]);
    // Held part of a day: the due date moves by the whole days begun.
    expect(await historyRows(page)).toContainEqual(
      expect.stringContaining(
        `resumed by ${OFFICER} after 1 day on hold; due ${date(37)} 17:00 -> ${date(38)} 17:00`,
      ),
    );
    expect((await taskActions.status(stack.env.client, ACTION_TASK)).hold).toBeUndefined();
  });

  it('waives a task after a confirmation; a closed task offers no more changes', async () => {
    await page.goto(`${stack.server.url}/tasks/${ACTION_TASK}`);
    await page.locator('#waive-reason').fill('Overtaken by the Council decision');
    await page.getByRole('button', { name: 'Waive…' }).click();
    expect(await page.locator('main').innerText()).toContain(
      'The task closes as waived: nothing more is asked or sent.',
    );
    await Promise.all([
      page.waitForURL(/done=waive/),
      page.getByRole('button', { name: 'Confirm: waive' }).click(),
    ]);
    expect(await historyRows(page)).toContainEqual(
      expect.stringContaining(`waived by ${OFFICER}: Overtaken by the Council decision`),
    );
    expect(await page.locator('#actions').count()).toBe(0);
    await screenshot(page, 'task-waived');
  });

  it('offers the forms to the secretariat only: a manager sees none and may not post', async () => {
    const manager = await browser.newContext();
    const p = await manager.newPage();
    await signIn(p, 'omar');
    await p.waitForURL(`${stack.server.url}/`);
    await p.goto(`${stack.server.url}/tasks/${SESSION_A}`);
    expect(await p.locator('#actions').count()).toBe(0);
    const csrf = (await manager.cookies()).find((c) => c.name === 'mandate_csrf')!.value;
    const answer = await p.request.post(`${stack.server.url}/tasks/${SESSION_A}/actions/waive`, {
      form: { csrf, reason: 'no', confirm: 'yes' },
    });
    expect(answer.status()).toBe(403);
    expect((await taskActions.status(stack.env.client, SESSION_A)).closed).toBe(false);
    // Nor hand in for someone: a manager reviews, the secretariat records what came.
    const handIn = await p.request.post(`${stack.server.url}/tasks/${SESSION_A}/hand-in`, {
      multipart: {
        csrf,
        deliverableId: 'contribution',
        person: 'focal-fr',
        via: 'post',
        text: 'x',
      },
    });
    expect(handIn.status()).toBe(403);
    expect((await taskActions.status(stack.env.client, SESSION_A)).deliverables[0]!.status).toBe(
      'missing',
    );
    await manager.close();
  });
});

/** A new resolution's catalog; line 12 holds a due date that does not exist. */
const UPLOADED = (due: string) => `version: 1
resolution:
  id: uploaded-test
  title: Uploaded resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-fr: { name: Point focal, email: focal-fr@example.org, timezone: UTC, locale: fr }
tasks:
  - id: first
    clause: resolves 1
    due: ${due}
    title: First uploaded task
    responsible: Secretariat
    assignees: [focal-fr]
    deliverables: []
  - id: second
    clause: resolves 2
    due: ${date(60)}
    title: Second uploaded task
    responsible: Secretariat
    assignees: [focal-fr]
    deliverables: []
`;

describe('catalogs in the browser', () => {
  it("shows an uploaded catalog's error at its line and column, next to the numbered text", async () => {
    const file = join(tmpdir(), 'uploaded-test.yaml');
    writeFileSync(file, UPLOADED('2027-02-30'));
    await page.goto(`${stack.server.url}/`);
    await page.getByRole('link', { name: 'Catalogs: check and start' }).click();
    await page.locator('#catalog-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await page.locator('h1').innerText()).toBe('uploaded-test.yaml: 1 problem');
    const problem = await page.locator('ul.problems li').innerText();
    expect(problem).toMatch(/^line 12, column 10: tasks\[0\]\.due: /);
    // The message is under line 12 of the numbered text, which shows that line.
    const line = page.locator('#line-12');
    expect(await line.locator('code').innerText()).toBe('    due: 2027-02-30');
    expect(await line.locator('.problem').innerText()).toContain(problem.replace(/^line 12, /, ''));
    expect(await page.locator('ol.source > li').count()).toBe(UPLOADED('x').split('\n').length);
    await screenshot(page, 'catalog-problem');
    expect(await listed('uploaded-test')).toBe(0);
  });

  it('previews the fixed catalog, then starts it with progress on the page', async () => {
    const text = page.locator('#catalog-text');
    await text.fill((await text.inputValue()).replace('2027-02-30', date(50)));
    await page.getByRole('button', { name: 'Check' }).click();
    expect(await page.locator('h1').innerText()).toBe('Start “Uploaded resolution”');
    const toStart = await page.locator('section[aria-labelledby=to-start]').innerText();
    expect(toStart).toContain(`uploaded-test/first/${date(50)}`);
    expect(toStart).toContain(`uploaded-test/second/${date(60)}`);
    await screenshot(page, 'catalog-preview');
    // The preview started nothing.
    expect(await listed('uploaded-test')).toBe(0);
    await page.getByRole('button', { name: 'Start 2 tasks' }).click();
    await page.locator('text=Done: 2 started').waitFor();
    const progress = await page.locator('ol.progress').innerText();
    expect(progress).toContain('1 of 2 done');
    expect(progress).toContain('2 of 2 done');
    await screenshot(page, 'catalog-started');
    const view = await taskActions.status(
      stack.env.client,
      occurrenceWorkflowId('uploaded-test', 'first', date(50)),
    );
    expect(view.task.title).toBe('First uploaded task');
    // Recorded in the data folder as `mandate start` records it.
    expect(startedCatalog(stack.deps.dataDir!, 'uploaded-test')?.tasks).toHaveLength(2);
  });

  it('lists a running task whose schedule the catalog would change, and applies it as the officer', async () => {
    await page.goto(`${stack.server.url}/catalogs`);
    expect(await page.locator('main').innerText()).toContain(
      'uploaded-test: Uploaded resolution (2 tasks)',
    );
    await page.locator('#catalog-text').fill(
      UPLOADED(date(50))
        .replace(`due: ${date(60)}`, `due: ${date(60)}\n    tags: [moved]`)
        .replace('Second uploaded task', 'Second task, renamed'),
    );
    await page.getByRole('button', { name: 'Check' }).click();
    const toChange = await page.locator('section[aria-labelledby=to-change]').innerText();
    expect(toChange).toContain(`uploaded-test/second/${date(60)}`);
    expect(toChange).not.toContain(`uploaded-test/first/`);
    expect(await page.locator('#to-start').innerText()).toBe('To start (0)');
    await page.getByRole('button', { name: 'Start and apply 1 change' }).click();
    await page.locator('text=Done: 0 started, 1 changed').waitFor();
    const view = await taskActions.status(
      stack.env.client,
      occurrenceWorkflowId('uploaded-test', 'second', date(60)),
    );
    expect(view.task.title).toBe('Second task, renamed');
    expect(view.history.filter((e) => e.type === 'revised').at(-1)).toMatchObject({ by: OFFICER });
  });
});
