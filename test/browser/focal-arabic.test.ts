/**
 * The focal point's pages in Arabic, in a real browser: the hand-in page, the
 * page of an expired link (still genuine, so the person's language is known)
 * and of an invalid one (the link's `lang` hint, else the browser's
 * Accept-Language) read right to left, keep codes and addresses left to
 * right, and pass axe-core. Screenshots at a phone's size go to artifacts/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { PAGE_WORDS } from '../../src/i18n/page-words';
import { signLink } from '../../src/links/signed-link';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import { seriousViolations } from '../support/axe';
import { launchChromium } from '../support/chromium';
import {
  LINK_SECRET,
  MAX_UPLOAD_BYTES,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from '../http/harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const PHONE = { width: 390, height: 844 };
const RESOLUTION = 'arabic-test';
const due = DateTime.utc().startOf('day').plus({ days: 10 }).toISODate()!;
const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: قرار الاختبار
  adoptedBy: المجلس
  timezone: Asia/Riyadh
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
  - id: arabic-task
    clause: resolves 4.2
    title: تقرير التنفيذ
    responsible: الأمانة
    assignees: [focal-ar]
    due: ${due}
    deliverables:
      - { id: page, title: صفحة التقدم, kind: link }
      - { id: report, title: التقرير, kind: document }
  - id: chinese-task
    clause: resolves 4.3
    title: 执行情况报告
    responsible: 秘书处
    assignees: [focal-zh]
    due: ${due}
    deliverables:
      - { id: report, title: 报告, kind: document }
`);
const TASK = occurrenceWorkflowId(RESOLUTION, 'arabic-task', due);
/** The default media types by name, as the page says them. */
const ACCEPTED = 'PDF, DOCX, XLSX, PPTX, ODT, ODS, DOC, TXT, CSV, PNG, JPG, JPEG';

let stack: HttpHarness;
let browser: Browser;

const link = (expires: number, lang?: string) =>
  `${stack.server.url}/hand-in?${signLink(LINK_SECRET, { workflowId: TASK, person: 'focal-ar', expires }, lang)}`;

async function open(url: string, locale = 'en-GB'): Promise<{ page: Page; status: number }> {
  const context = await browser.newContext({ viewport: PHONE, locale });
  const page = await context.newPage();
  const response = await page.goto(url);
  return { page, status: response!.status() };
}

/** Right to left, axe-clean, no sideways scrolling, and a screenshot to look at. */
async function expectArabicPage(page: Page, name: string): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('ar');
  expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  const violations = await seriousViolations(page);
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
  expect(
    (await page.evaluate('document.documentElement.scrollWidth')) as number,
  ).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startHttpHarness({ catalog, taskQueue: 'arabic-test' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the focal point pages in Arabic', () => {
  it('shows the hand-in page right to left, the clause and the address field left to right', async () => {
    const { page, status } = await open(link(Date.now() + 86_400_000, 'ar'));
    expect(status).toBe(200);
    expect(await page.locator('h1').innerText()).toBe(PAGE_WORDS.ar.title);
    // The clause is isolated, so its Latin text keeps its order inside the Arabic line.
    expect(await page.locator('bdi').innerText()).toBe('resolves 4.2');
    expect(await page.evaluate(`getComputedStyle(document.querySelector('bdi')).direction`)).toBe(
      'ltr',
    );
    expect(await page.locator('input[type=url]').getAttribute('dir')).toBe('ltr');
    // What a document field takes, said before a file is chosen, and the picker offers only that.
    const file = page.locator('input[type=file]');
    const hint = await page.locator(`#${await file.getAttribute('aria-describedby')}`).innerText();
    expect(hint).toBe(PAGE_WORDS.ar.accepts(ACCEPTED, MAX_UPLOAD_BYTES));
    expect(hint).toContain('PDF, DOCX');
    expect(await file.getAttribute('accept')).toBe(
      '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.doc,.txt,.csv,.png,.jpg,.jpeg',
    );
    await expectArabicPage(page, 'hand-in-ar-phone');
  });

  it('says in Chinese what a document field takes', async () => {
    const zhTask = occurrenceWorkflowId(RESOLUTION, 'chinese-task', due);
    const { page, status } = await open(
      `${stack.server.url}/hand-in?${signLink(LINK_SECRET, { workflowId: zhTask, person: 'focal-zh', expires: Date.now() + 86_400_000 }, 'zh')}`,
    );
    expect(status).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh');
    const file = page.locator('input[type=file]');
    expect(await page.locator(`#${await file.getAttribute('aria-describedby')}`).innerText()).toBe(
      PAGE_WORDS.zh.accepts(ACCEPTED, MAX_UPLOAD_BYTES),
    );
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'hand-in-zh-phone.png'), fullPage: true });
  });

  it('says an expired link has expired in the person’s language', async () => {
    // The browser asks for English: the link is genuine, so the person's Arabic wins.
    const { page, status } = await open(link(Date.now() - 1000));
    expect(status).toBe(410);
    expect(await page.locator('[role=alert]').innerText()).toBe(PAGE_WORDS.ar.expired);
    await expectArabicPage(page, 'hand-in-expired-ar-phone');
  });

  it('says an invalid link is invalid in the language the link or the browser names', async () => {
    const tampered = link(Date.now() + 86_400_000, 'ar').replace(/sig=[^&]+/, 'sig=AAAA');
    const hinted = await open(tampered);
    expect(hinted.status).toBe(400);
    expect(await hinted.page.locator('[role=alert]').innerText()).toBe(PAGE_WORDS.ar.invalid);
    await expectArabicPage(hinted.page, 'hand-in-invalid-ar-phone');
    // No hint: the browser's languages decide; none of ours: English.
    const bare = tampered.replace(/&lang=ar/, '');
    const asked = await open(bare, 'ar-SA');
    expect(await asked.page.locator('[role=alert]').innerText()).toBe(PAGE_WORDS.ar.invalid);
    const neither = await open(bare, 'de-DE');
    expect(await neither.page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await neither.page.locator('[role=alert]').innerText()).toBe(PAGE_WORDS.en.invalid);
  });
});
