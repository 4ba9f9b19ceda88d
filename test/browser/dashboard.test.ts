/**
 * The web pages in a real browser (Debian's chromium driven by
 * playwright-core) against a real Temporal dev server, worker and SMTP sink:
 * a manager signs in and reads the overview, a focal point follows the
 * hand-in link of a mail the worker really sent, and the manager accepts
 * what was handed in. Screenshots at a phone's size go to artifacts/screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { cards } from '../support/overview-cards';
import { loadCatalog } from '../../src/catalog/load';
import { occurrenceWorkflowId, statusQuery } from '../../src/shared/workflow-api';
import { MANAGER_TOKEN, parseCatalog, startHttpHarness, type HttpHarness } from '../http/harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const PHONE = { width: 390, height: 844 };
const RESOLUTION = 'browser-test';

// One task's reminder falls on the current minute (UTC): the workflows are told to
// send what falls after the start of that minute, so that mail goes out at once.
const minute = DateTime.utc().startOf('minute');
const SEND_AFTER = minute.toMillis() - 1;
const date = (days: number) => minute.startOf('day').plus({ days }).toISODate()!;
const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: Browser test resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-es: { name: Punto focal, email: focal-es@example.org, timezone: UTC, locale: es }
defaults:
  reminders: [P7D]
  sendAt: "${minute.plus({ hours: 12 }).toFormat('HH:mm')}"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: mail-task
    clause: resolves 1
    title: Executive summary for the Council
    responsible: Secretariat
    assignees: [focal-es]
    due: ${date(0)}
    reminders: [P0D]
    sendAt: "${minute.toFormat('HH:mm')}"
    deliverables:
      - { id: summary, title: Resumen ejecutivo, kind: text }
  - id: soon-task
    clause: resolves 2
    title: Publish the progress page
    responsible: Secretariat
    assignees: [focal-es]
    due: ${date(4)}
    deliverables:
      - { id: page, title: Progress page, kind: link }
  - id: late-task
    clause: resolves 3
    title: Regional consultation report
    responsible: Secretariat
    assignees: [focal-es]
    due: ${date(-3)}
    deliverables:
      - { id: report, title: Consultation report, kind: text }
`);
const MAIL_TASK = occurrenceWorkflowId(RESOLUTION, 'mail-task', date(0));

let stack: HttpHarness;
let browser: Browser;
let staff: BrowserContext;
let focal: BrowserContext;
let page: Page;

const status = async (workflowId: string) =>
  (await stack.env.client.workflow.getHandle(workflowId).query(statusQuery)).status;

/** Form fields without a label (by `for`/nesting, aria-label or aria-labelledby). */
function unlabelled(p: Page): Promise<string[]> {
  return p.locator('input:not([type=hidden]), textarea, select').evaluateAll((elements) =>
    elements
      .map(
        (e) =>
          e as unknown as {
            labels: { length: number } | null;
            outerHTML: string;
            getAttribute(name: string): string | null;
          },
      )
      .filter(
        (e) =>
          !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'),
      )
      .map((e) => e.outerHTML),
  );
}

async function fieldCount(p: Page): Promise<number> {
  return p.locator('input:not([type=hidden]), textarea, select').count();
}

/** Scrolling table boxes whose content is wider than the box (index: scroll width > width). */
async function tablesWiderThanScreen(p: Page): Promise<string[]> {
  return (await p.evaluate(
    `[...document.querySelectorAll('.table-wrap')].map((w, i) => w.scrollWidth > w.clientWidth ? i + ': ' + w.scrollWidth + ' > ' + w.clientWidth : '').filter(Boolean)`,
  )) as string[];
}

/** No serious or critical axe-core violation on the page as shown. */
async function expectAccessible(p: Page): Promise<void> {
  const violations = await seriousViolations(p);
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

async function screenshot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startHttpHarness({ catalog, taskQueue: 'browser-test', sendAfter: SEND_AFTER });
  browser = await launchChromium();
  staff = await browser.newContext({ viewport: PHONE });
  focal = await browser.newContext({ viewport: PHONE });
  page = await staff.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('dashboard', () => {
  it('signs the manager in through /login, using only the keyboard', async () => {
    await page.goto(`${stack.server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await fieldCount(page)).toBe(1);
    expect(await unlabelled(page)).toEqual([]);
    await page.keyboard.press('Tab');
    expect(await page.locator('#token:focus').count()).toBe(1);
    await page.keyboard.type(MANAGER_TOKEN);
    await page.keyboard.press('Tab');
    expect(await page.locator('button[type=submit]:focus').innerText()).toBe('Sign in');
    await Promise.all([page.waitForURL(`${stack.server.url}/`), page.keyboard.press('Enter')]);
    expect(await page.locator('main').innerText()).toContain('Signed in as mgr (manager)');
  });

  it('shows counts per status, every task of the catalog and the overdue list', async () => {
    // Visibility lags the workflows: reload until all three tasks are listed, one overdue.
    await expect
      .poll(
        async () => {
          await page.reload();
          const counts = await cards(page);
          return [Object.values(counts).reduce((a, b) => a + b, 0), counts.overdue];
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([3, 1]);
    const counts = await cards(page);
    expect(Object.keys(counts).sort()).toEqual(
      ['completed', 'on-hold', 'open', 'overdue', 'returned', 'submitted', 'waived'].sort(),
    );
    expect(counts.open).toBe(2);
    const overdue = page.locator('section[aria-labelledby=overdue]');
    expect(await overdue.locator('h2').innerText()).toBe('Overdue (1)');
    expect(await overdue.innerText()).toContain('Regional consultation report');
    expect(await overdue.innerText()).not.toContain('Publish the progress page');
    const soon = await page.locator('section[aria-labelledby=soon]').innerText();
    expect(soon).toContain('Publish the progress page');
    const timeline = await page.locator('section[aria-labelledby=timeline]').innerText();
    for (const task of catalog.tasks) expect(timeline).toContain(task.title);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await unlabelled(page)).toEqual([]);
    // Nothing wider than the phone's screen except inside the scrolling tables.
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await tablesWiderThanScreen(page)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'overview-phone');
    // The calendar feeds: the resolution's, and its one responsible body's.
    const feeds = page.locator('section[aria-labelledby=feeds]');
    expect(await feeds.locator('a[href^="webcal://"]').allInnerTexts()).toEqual([
      `${RESOLUTION}: every task`,
      `${RESOLUTION}: Secretariat`,
    ]);
    await feeds.screenshot({ path: join(SCREENSHOTS, 'overview-feeds-phone.png') });
  });

  it('shows the rates and the picture of the year, labelled for screen readers', async () => {
    const report = page.locator(`section[aria-labelledby=report-${RESOLUTION}]`);
    const text = await report.innerText();
    expect(text).toContain('Implementation rates');
    // resolves 3's task was due 3 days ago and is overdue; the others are not due yet.
    const resolutionRow = report.locator('.rates table').first().locator('tbody tr');
    expect(await resolutionRow.locator('td').allInnerTexts()).toEqual([
      RESOLUTION,
      '1',
      '0',
      '0',
      '1',
      '0',
      '0',
      '0',
      '0%',
    ]);
    const charts = report.locator('figure svg[role=img]');
    expect(await charts.count()).toBe(2);
    for (const svg of await charts.all()) {
      expect(await svg.getAttribute('aria-label')).toMatch(/\S/);
      expect(await svg.locator('title').count()).toBe(1);
    }
    // One mark per occurrence on the timeline, and the three clauses as its rows.
    const timeline = await charts.first().innerHTML();
    for (const clause of ['resolves 1', 'resolves 2', 'resolves 3'])
      expect(timeline).toContain(clause);
    expect(await report.locator('a[href*="format=docx"]').count()).toBe(1);
    const word = await page.request.get(`${stack.server.url}/reports/${RESOLUTION}?format=docx`);
    expect(word.status()).toBe(200);
    expect(word.headers()['content-type']).toMatch(/wordprocessingml/);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    // Each chart and rates box fits the phone's width (a rates table scrolls inside its box).
    expect(
      await page.evaluate(
        `[...document.querySelectorAll('figure, .rates-wrap')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth || e.getBoundingClientRect().left < 0).length`,
      ),
    ).toBe(0);
    expect(
      await page.evaluate(
        'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
      ),
    ).toBe(true);
    await report.screenshot({ path: join(SCREENSHOTS, 'overview-charts-phone.png') });
    const wide = await staff.newPage();
    await wide.setViewportSize({ width: 1280, height: 900 });
    await wide.goto(`${stack.server.url}/`);
    await wide
      .locator(`section[aria-labelledby=report-${RESOLUTION}]`)
      .screenshot({ path: join(SCREENSHOTS, 'overview-charts-desktop.png') });
    await wide.close();
  });

  it('filters the list and downloads its CSV by keyboard alone', async () => {
    await page.goto(`${stack.server.url}/`);
    // The overdue heading links the overdue view: the list filtered on status=overdue.
    await page.locator('#overdue a').focus();
    await Promise.all([page.waitForURL(/\/tasks\?status=overdue$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').innerText()).toBe('Overdue tasks');
    expect(await page.locator('#list-count').innerText()).toMatch(/^1 task matches this filter/);
    expect(await page.locator('main table').innerText()).toContain('Regional consultation report');
    expect(await unlabelled(page)).toEqual([]);
    await expectAccessible(page);
    expect(
      (await page.evaluate('document.documentElement.scrollWidth')) as number,
    ).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'task-list-phone');

    // From the form's first field: Tab to the "open" box, Space ticks it, Enter sends the form.
    await page.locator('#f-resolution').focus();
    let steps = 0;
    while (!(await page.locator('input[value=open]:focus').count()) && steps++ < 20)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await Promise.all([
      page.waitForURL(/status=open&status=overdue|status=overdue.*status=open/),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('#list-count').innerText()).toMatch(/^3 tasks match this filter/);
    expect(await page.locator('input[value=open]').isChecked()).toBe(true);

    // Tab reaches the CSV link; Enter downloads the same list.
    steps = 0;
    while (!(await page.locator('a[href^="/tasks.csv"]:focus').count()) && steps++ < 40)
      await page.keyboard.press('Tab');
    expect(await page.locator('a[href^="/tasks.csv"]:focus').innerText()).toBe('Download CSV');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFWorkflow,')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(4);

    // The clear link, by keyboard too, shows every task again.
    await page.locator('a', { hasText: 'Clear the filter' }).focus();
    await Promise.all([page.waitForURL(/\/tasks$/), page.keyboard.press('Enter')]);
    expect(await page.locator('#list-count').innerText()).toMatch(/^3 tasks in all/);
  });

  it('lets the focal point hand in through the link of a real mail', async () => {
    await expect
      .poll(
        () => stack.mail.sink.received.filter((m) => m.to.includes('focal-es@example.org')).length,
        {
          timeout: 30_000,
          interval: 250,
        },
      )
      .toBeGreaterThan(0);
    const raw = stack.mail.sink.received.find((m) => m.to.includes('focal-es@example.org'))!.raw;
    const mail = await simpleParser(raw);
    expect(mail.headers.get('x-mandate-kind')).toBe('reminder');
    expect(mail.headers.get('x-mandate-task')).toBe('mail-task');
    expect(mail.html).toBeTruthy();
    const href = /href="([^"]*\/hand-in\?[^"]*)"/
      .exec(mail.html || '')?.[1]
      ?.replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    expect(href!.startsWith(`${stack.server.url}/hand-in?`)).toBe(true);

    const hand = await focal.newPage();
    await hand.goto(href!);
    expect(await hand.locator('html').getAttribute('lang')).toBe('es');
    expect(await hand.locator('h1').innerText()).toBe('Entregar su contribución');
    expect(await hand.locator('main').innerText()).toContain('Executive summary for the Council');
    expect(await fieldCount(hand)).toBe(1);
    expect(await unlabelled(hand)).toEqual([]);
    const width = await hand.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(hand);
    await screenshot(hand, 'hand-in-phone');

    // Keyboard only: Tab to the text, type, Tab to the button, Enter.
    await hand.keyboard.press('Tab');
    expect(await hand.locator('textarea:focus').count()).toBe(1);
    await hand.keyboard.type('Resumen: todo en orden.');
    await hand.keyboard.press('Tab');
    expect(await hand.locator('button:focus').innerText()).toBe('Enviar');
    await Promise.all([hand.waitForURL(/\/hand-in\?/), hand.keyboard.press('Enter')]);
    await hand.locator('h1', { hasText: 'Gracias: recibido' }).waitFor();
    expect(await hand.locator('[role=status]').innerText()).toBe('Resumen ejecutivo');
    await expectAccessible(hand);
    await screenshot(hand, 'hand-in-received-phone');
    await expect.poll(() => status(MAIL_TASK), { timeout: 10_000 }).toBe('submitted');
    const handedIn = await stack.env.client.workflow.getHandle(MAIL_TASK).query(statusQuery);
    expect(handedIn.deliverables[0]).toMatchObject({
      status: 'submitted',
      submittedBy: 'focal-es',
      latest: { kind: 'text', text: 'Resumen: todo en orden.' },
    });
  });

  it('lets the manager accept on the task page, which completes the task', async () => {
    await page.goto(`${stack.server.url}/tasks/${MAIL_TASK}`);
    expect(await page.locator('h1').innerText()).toBe('Executive summary for the Council');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Resumen: todo en orden.');
    expect(main).toContain('awaiting review');
    expect(await fieldCount(page)).toBe(1);
    expect(await unlabelled(page)).toEqual([]);
    // The review form fits the phone: no table needs scrolling sideways to reach Accept.
    expect(await tablesWiderThanScreen(page)).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'task-phone');
    await Promise.all([
      page.waitForURL(/done=accept/),
      page.getByRole('button', { name: 'Accept' }).click(),
    ]);
    expect(await page.locator('[role=status]').innerText()).toBe('Accepted.');
    expect(await status(MAIL_TASK)).toBe('completed');
    expect(await page.locator('main p .status').first().innerText()).toBe('completed');
    const accepted = await stack.env.client.workflow.getHandle(MAIL_TASK).query(statusQuery);
    // Notices of the change may follow it in the history.
    expect(accepted.history.filter((e) => e.type === 'completed')).toMatchObject([{ by: 'mgr' }]);
    await expect
      .poll(
        async () => {
          await page.goto(`${stack.server.url}/`);
          return (await cards(page)).completed;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
  });

  it('shows the registry of every known catalog: burden table and chart, merge candidates, mandates with no end', async () => {
    const shipped = loadCatalog(join(__dirname, '..', '..', 'catalogs', 'itu-council-1332.yaml'));
    stack.deps.catalogs.set(shipped.resolution.id, shipped);
    const wide = await staff.newPage();
    await wide.setViewportSize({ width: 1280, height: 900 });
    await wide.goto(`${stack.server.url}/registry?from=2026-12-01&to=2027-11-30`);
    expect(await wide.locator('h1').innerText()).toBe('Registry');
    expect(await wide.locator('main > p').first().innerText()).toContain(
      `2 resolutions (${RESOLUTION}, itu-council-1332), from 2026-12-01 to 2027-11-30`,
    );
    const bodies = await wide.locator('#burden + p + .table-wrap tbody th').allInnerTexts();
    expect(bodies).toContain('ITU Secretary-General');
    expect(bodies).toContain('Secretariat');
    const chart = wide.locator('section[aria-labelledby=burden] svg[role=img]');
    expect(await chart.getAttribute('aria-label')).toMatch(
      /^Reporting burden by month\. \d+ occurrences due from 2026-12-01 to 2027-11-30 across \d+ bodies/,
    );
    expect(await wide.locator('#overlaps').innerText()).toMatch(/^Merge candidates \(\d+\)$/);
    expect(await wide.locator('.overlap .side-by-side > div').count()).toBeGreaterThanOrEqual(2);
    expect(await wide.locator('#endless').innerText()).toMatch(
      /^Mandates with no end \([1-9]\d*\)$/,
    );
    await expectAccessible(wide);
    await screenshot(wide, 'registry-desktop');
    const download = await wide.request.get(
      `${stack.server.url}/registry?from=2026-12-01&to=2027-11-30&format=xlsx`,
    );
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 2).toString()).toBe('PK');
    await wide.close();
    // On the phone, the burden table scrolls in its box and the page does not.
    await page.goto(`${stack.server.url}/registry`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(page, 'registry-phone');
  });

  it('publishes a read-only page of the resolution only when told to, with no name or address', async () => {
    const visitor = await focal.newPage();
    const url = `${stack.server.url}/public/${RESOLUTION}`;
    expect((await visitor.goto(url))!.status()).toBe(404);
    stack.deps.publicResolutions = new Set([RESOLUTION]);
    try {
      expect((await visitor.goto(url))!.status()).toBe(200);
      expect(await visitor.locator('h1').innerText()).toBe(catalog.resolution.title);
      const rows = await visitor.locator('tbody tr').count();
      expect(rows).toBe(catalog.tasks.length);
      const text = await visitor.locator('body').innerText();
      for (const task of catalog.tasks) expect(text).toContain(task.title);
      // No person: neither a name nor an address of the catalog's people, nor any address at all.
      const source = await visitor.content();
      for (const person of Object.values(catalog.people)) {
        expect(source).not.toContain(person.email);
        expect(source).not.toContain(person.name);
      }
      expect(source).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(await visitor.locator('a[href^="/tasks"], a[href^="/registry"], nav').count()).toBe(0);
      await expectAccessible(visitor);
      await screenshot(visitor, 'public-resolution-phone');
      // Another resolution stays unpublished.
      expect((await visitor.goto(`${stack.server.url}/public/itu-council-1332`))!.status()).toBe(
        404,
      );
    } finally {
      stack.deps.publicResolutions = undefined;
      await visitor.close();
    }
  });
});
