/**
 * The secretariat reads what went out, in a real browser (Debian's chromium
 * driven by playwright-core) against a real Temporal dev server, worker and
 * SMTP sink: a task whose reminder the worker really sent, its page's Mail
 * section, the mail viewed as sent (the HTML part framed and sandboxed, in
 * Arabic and in English), and the focal point's page. Every page is checked
 * with axe-core (no serious or critical violation; results in
 * artifacts/axe-sent-mail.json); screenshots go to artifacts/screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeCheck, type AxeFinding } from '../support/axe';
import { launchChromium } from '../support/chromium';
import { taskActions } from '../../src/client/task-actions';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import {
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from '../http/harness';

const ARTIFACTS = join(__dirname, '..', '..', 'artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const RESOLUTION = 'sent-mail-browser';

// Each reminder falls on the current minute in its recipient's zone, so it goes out at once.
const minute = DateTime.utc().startOf('minute');
const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: Resolution on the follow-up of the summit
  adoptedBy: Test Council
  timezone: Europe/Zurich
people:
  focal-ar: { name: ليلى حداد, email: laila.haddad@example.org, timezone: Asia/Riyadh, locale: ar }
  focal-en: { name: Sam Focal, email: sam.focal@example.org, timezone: UTC, locale: en }
defaults:
  reminders: [P0D]
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: arabic-report
    clause: 'resolves 4 «to invite» "Member States"'
    title: تقرير عن تنفيذ القرار
    responsible: Secretariat
    assignees: [focal-ar]
    # Its reminder falls on the due date at Riyadh's wall time: the date there.
    due: ${minute.setZone('Asia/Riyadh').toISODate()}
    sendAt: "${minute.setZone('Asia/Riyadh').toFormat('HH:mm')}"
    deliverables:
      - { id: report, title: التقرير, kind: text }
  - id: english-report
    clause: resolves 5
    title: Progress report to the Council
    responsible: Secretariat
    assignees: [focal-en]
    # Its focal point is in UTC: the date there, not the resolution's.
    due: ${minute.toISODate()}
    sendAt: "${minute.toFormat('HH:mm')}"
    deliverables:
      - { id: report, title: Progress report, kind: text }
`);
const ARABIC = occurrenceWorkflowId(
  RESOLUTION,
  'arabic-report',
  minute.setZone('Asia/Riyadh').toISODate()!,
);
const ENGLISH = occurrenceWorkflowId(RESOLUTION, 'english-report', minute.toISODate()!);

let stack: HttpHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const axeResults: { page: string; url: string; passes: number; violations: AxeFinding[] }[] = [];

/** axe-core on the page: no serious or critical violation; then a full-page screenshot. */
async function auditAndShoot(p: Page, name: string): Promise<void> {
  const result = await axeCheck(p);
  axeResults.push({ page: name, url: p.url(), ...result });
  expect(
    result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
  ).toEqual([]);
  await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the worker has sent the task's reminder. */
async function reminderSent(workflowId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (
    !(await taskActions.status(stack.env.client, workflowId)).history.some(
      (e) => e.type === 'message',
    )
  ) {
    if (Date.now() > deadline) throw new Error(`${workflowId} sent no mail within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What the SMTP sink received for an address (the recipient's copy). */
async function receivedBy(address: string) {
  const mail = stack.mail.sink.received.find((m) => m.to.includes(address));
  if (!mail) throw new Error(`nothing received for ${address}`);
  return simpleParser(mail.raw);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startHttpHarness({
    catalog,
    taskQueue: 'sent-mail-browser',
    sendAfter: minute.toMillis() - 1,
  });
  await reminderSent(ARABIC);
  await reminderSent(ENGLISH);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  writeFileSync(join(ARTIFACTS, 'axe-sent-mail.json'), JSON.stringify(axeResults, null, 2));
  await browser?.close();
  await stack?.close();
});

describe('the secretariat reads what went out', () => {
  it('signs in and finds the reminder in the task page Mail section', async () => {
    await page.goto(`${stack.server.url}/login?next=${encodeURIComponent(`/tasks/${ARABIC}`)}`);
    await page.locator('#token').fill(SECRETARIAT_TOKEN);
    await Promise.all([
      page.waitForURL(`${stack.server.url}/tasks/${ARABIC}`),
      page.locator('button[type=submit]').click(),
    ]);
    const section = page.locator('h2#mail + .table-wrap');
    expect(await page.locator('h2#mail').innerText()).toBe('Mail (1)');
    const row = await section.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(row[0]).toMatch(
      /^reminder P0D\n\d+ [A-Z][a-z]{2} \d{4}, \d\d:\d\d, Central European Time$/,
    );
    expect(row[1]).toMatch(/^laila\.haddad@example\.org\n<sent-mail-browser\.arabic-report\./);
    expect(row[2]).toBe('sent\nnone');
    await auditAndShoot(page, 'sent-mail-task-page');
  });

  it('opens the Arabic mail as sent: the frame shows what the focal point got', async () => {
    const sent = await receivedBy('laila.haddad@example.org');
    await Promise.all([
      page.waitForURL(/\/mail\/P/),
      page.getByRole('link', { name: 'reminder P0D' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe(sent.subject);
    const frame = page.frameLocator('iframe.mail');
    // The frame's document is the mail's HTML part: right to left, in Arabic.
    await expect.poll(() => frame.locator('html').getAttribute('lang')).toBe('ar');
    expect(await frame.locator('html').getAttribute('dir')).toBe('rtl');
    const body = await frame.locator('body').innerText();
    expect(body).toContain('تقرير عن تنفيذ القرار');
    expect(body).toContain('التقرير');
    // The hand-in link of the real mail with its signature taken out: staff
    // reading the copy cannot hand in as the focal point.
    const link = await frame.locator('a').first().getAttribute('href');
    const signature = /[?&]sig=([^&]+)/.exec(link!)?.[1];
    expect(signature).toBe('staff-copy');
    const real = /href="([^"]*\/hand-in\?[^"]*)"/.exec(sent.html as string)![1]!;
    expect(link!.replace(/&/g, '&amp;')).toBe(real.replace(/sig=[^&]+/, 'sig=staff-copy'));
    const realSignature = /sig=([^&]+)/.exec(real)![1]!;
    expect(await page.locator('pre.mail-text').innerText()).toBe(
      sent.text!.replaceAll(`sig=${realSignature}`, 'sig=staff-copy').replace(/\n$/, ''),
    );
    expect(await page.content()).not.toContain(realSignature);
    const calendar = await page.locator('h2:text-is("Calendar entry") + dl').innerText();
    expect(calendar).toContain('REQUEST');
    // The headers: the Arabic name, then the address, each isolated, so they read in order.
    const to = page.locator('h2:text-is("Headers") + dl > dt:text-is("To") + dd');
    const [name, address] = await to.locator('bdi').all();
    expect(await name!.innerText()).toBe('ليلى حداد');
    expect(await address!.innerText()).toBe('<laila.haddad@example.org>');
    const nameBox = (await name!.boundingBox())!;
    const addressBox = (await address!.boundingBox())!;
    expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(addressBox.x);
    // In the right-to-left mail, the Latin clause keeps its guillemets and closing quote in place.
    const clause = frame.locator('bdi', { hasText: 'resolves 4' });
    expect(await clause.innerText()).toBe('resolves 4 «to invite» "Member States"');
    // Where each mark is drawn: a range over one character of the text, in the frame.
    const order = await clause.evaluate((element) => {
      // The page's DOM, typed here as far as this reads it (the project has no DOM types).
      interface Range {
        setStart(node: unknown, offset: number): void;
        setEnd(node: unknown, offset: number): void;
        getBoundingClientRect(): { x: number };
      }
      const bdi = element as unknown as {
        firstChild: { textContent: string };
        ownerDocument: { createRange(): Range };
      };
      const text = bdi.firstChild;
      const value = text.textContent;
      const x = (i: number) => {
        const range = bdi.ownerDocument.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().x;
      };
      return [
        value.indexOf('resolves'),
        value.indexOf('«'),
        value.indexOf('»'),
        value.length - 2,
        value.length - 1,
      ].map(x);
    });
    // Left to right as written: r < « < » < s < ".
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await auditAndShoot(page, 'sent-mail-ar');
  });

  it('opens the English mail as sent', async () => {
    const sent = await receivedBy('sam.focal@example.org');
    await page.goto(`${stack.server.url}/tasks/${ENGLISH}`);
    await Promise.all([
      page.waitForURL(/\/mail\/P/),
      page.getByRole('link', { name: 'reminder P0D' }).click(),
    ]);
    const frame = page.frameLocator('iframe.mail');
    await expect
      .poll(() => frame.locator('body').innerText())
      .toContain('Progress report to the Council');
    expect(await page.locator('h1').innerText()).toBe(sent.subject);
    await auditAndShoot(page, 'sent-mail-en');
  });

  it('shows a bounce the bounce reader recorded beside the mail it concerns', async () => {
    const view = await taskActions.status(stack.env.client, ENGLISH);
    const message = view.history.find((e) => e.type === 'message');
    if (message?.type !== 'message') throw new Error('no message');
    await taskActions.recordBounce(stack.env.client, ENGLISH, {
      by: 'bounce reader',
      messageId: message.message.messageId,
      to: 'sam.focal@example.org',
      permanent: true,
      status: '5.1.1',
      diagnostic: '550 5.1.1 <sam.focal@example.org>: Recipient address rejected',
    });
    await page.goto(`${stack.server.url}/tasks/${ENGLISH}#mail`);
    const row = page.locator('h2#mail + .table-wrap tbody tr').first();
    expect((await row.locator('td').allInnerTexts())[2]).toBe(
      'sent\nbounced (5.1.1): 550 5.1.1 <sam.focal@example.org>: Recipient address rejected',
    );
    await auditAndShoot(page, 'sent-mail-bounced-task-page');
    await Promise.all([
      page.waitForURL(/\/mail\/P/),
      page.getByRole('link', { name: 'reminder P0D' }).click(),
    ]);
    expect(await page.locator('dl.facts').first().innerText()).toContain(
      'bounced (5.1.1): 550 5.1.1 <sam.focal@example.org>: Recipient address rejected',
    );
  });

  it("follows the focal point's name to everything sent to them", async () => {
    await page.goto(`${stack.server.url}/tasks/${ARABIC}`);
    await Promise.all([
      page.waitForURL(/\/people\/focal-ar$/),
      page.getByRole('link', { name: 'ليلى حداد' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('ليلى حداد');
    const mail = page.locator('h2:has-text("Mail sent to") + .table-wrap tbody tr');
    expect(await mail.count()).toBe(1);
    expect(await mail.first().innerText()).toContain('تقرير عن تنفيذ القرار');
    await auditAndShoot(page, 'sent-mail-person');
  });
});
