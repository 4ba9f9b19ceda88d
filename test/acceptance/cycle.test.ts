/**
 * The product as it ships, through one whole cycle, driven only from
 * outside: `npm start` (the built release, as the README runs it) with a
 * fresh data folder on moved ports; the `mandate` command; the pages in
 * Debian's chromium; the mail as the SMTP sink received it, read by
 * mailparser. Six people in six languages: three focal points hand in a
 * PDF, a Word file, a link and a text through their mailed links; staff
 * download every document byte for byte, return one, accept it when it comes
 * back, and extend, reassign, hold, resume and waive from the dashboard.
 * Then Ctrl-C, and nothing of the run is left. Screenshots go to
 * artifacts/screenshots/acceptance.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { printPdf, sha256, writeDocx } from './documents';
import { handInLink, receivedMail, waitForMail, type ReceivedMail } from './outbox';
import {
  killGroup,
  leftOver,
  mandate,
  mandateJson,
  npmStart,
  stopWithSigint,
  type RunningProduct,
} from './product';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots', 'acceptance');
const RESOLUTION = 'acceptance-cycle';
const ZONE = 'Europe/Zurich';

type Locale = 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';
const PEOPLE: Record<string, { name: string; zone: string; locale: Locale }> = {
  'focal-ar': { name: 'ليلى حداد', zone: 'Asia/Riyadh', locale: 'ar' },
  'focal-zh': { name: '王小明', zone: 'Asia/Shanghai', locale: 'zh' },
  'focal-en': { name: 'Grace Okafor', zone: 'Europe/London', locale: 'en' },
  'focal-fr': { name: 'Élodie Martin', zone: 'Europe/Paris', locale: 'fr' },
  'focal-ru': { name: 'Ирина Иванова', zone: 'Europe/Moscow', locale: 'ru' },
  'focal-es': { name: 'José Pérez', zone: 'America/Mexico_City', locale: 'es' },
};
const email = (key: string) => `${key}@example.org`;

/** How each kind of mail a person gets here begins, in their language (the catalog's titles follow). */
const SUBJECT_STARTS: Record<Locale, Record<string, string>> = {
  ar: { reminder: 'تذكير:' },
  zh: { reminder: '提醒：', returned: '已退回：', accepted: '已接受：' },
  en: { reminder: 'Reminder:' },
  fr: { extended: 'Nouvelle échéance\u00a0:' },
  ru: { unassigned: 'Больше не поручено вам:', cancellation: 'Отменено:' },
  es: { assigned: 'Asignado a usted:', 'on-hold': 'En espera:', resumed: 'Reanudado:' },
};
/** A letter of each non-Latin script, to see that a mail is written in it. */
const SCRIPT: Partial<Record<Locale, RegExp>> = {
  ar: /[\u0600-\u06ff]/,
  zh: /[\u4e00-\u9fff]/,
  ru: /[\u0400-\u04ff]/,
};
/** The calendar method each kind of notice carries (none: no calendar part). */
const CALENDAR: Record<string, string | undefined> = {
  reminder: 'REQUEST',
  returned: 'REQUEST',
  // Nothing more is expected: the thank-you takes the deadline out of the calendar.
  accepted: 'CANCEL',
  extended: 'REQUEST',
  assigned: 'REQUEST',
  unassigned: 'CANCEL',
  'on-hold': undefined,
  resumed: 'REQUEST',
  cancellation: 'CANCEL',
};

const HAND_IN = ['ar', 'zh', 'en'] as const;
const DELIVERABLES = [
  { id: 'report', title: 'Report', kind: 'document' },
  { id: 'annex', title: 'Annex', kind: 'document' },
  { id: 'website', title: 'Web page', kind: 'link' },
  { id: 'summary', title: 'Summary', kind: 'text' },
] as const;

// Each hand-in task's one reminder goes out at the next whole minute at least 50 s
// from now, at that wall time in its focal point's zone: mail arrives within the test.
const reminderAt = DateTime.utc().plus({ seconds: 50 }).startOf('minute').plus({ minutes: 1 });
const handInTask = (locale: (typeof HAND_IN)[number]) => {
  const local = reminderAt.setZone(PEOPLE[`focal-${locale}`]!.zone);
  const due = local.plus({ days: 3 }).toISODate()!;
  return { id: `hand-in-${locale}`, due, sendAt: local.toFormat('HH:mm') };
};
const later = DateTime.now().setZone(ZONE).plus({ days: 40 }).toISODate()!;
const workflowOf = (task: string, occurrence: string) => `${RESOLUTION}/${task}/${occurrence}`;

const CATALOG = `version: 2
resolution:
  id: ${RESOLUTION}
  title: Acceptance cycle resolution
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
${Object.entries(PEOPLE)
  .map(
    ([key, p]) =>
      `  ${key}: { name: "${p.name}", email: ${email(key)}, timezone: ${p.zone}, locale: ${p.locale} }`,
  )
  .join('\n')}
defaults:
  reminders: [P3D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
${HAND_IN.map((locale) => {
  const t = handInTask(locale);
  return `  - id: ${t.id}
    clause: resolves ${HAND_IN.indexOf(locale) + 1}
    title: Annual contribution ${locale}
    responsible: Member States
    assignees: [focal-${locale}]
    due: ${t.due}
    sendAt: "${t.sendAt}"
    deliverables:
${DELIVERABLES.map((d) => `      - { id: ${d.id}, title: ${d.title}, kind: ${d.kind} }`).join('\n')}`;
}).join('\n')}
${[
  ['extend-me', 'focal-fr'],
  ['reassign-me', 'focal-ru'],
  ['hold-me', 'focal-es'],
  ['waive-me', 'focal-ru'],
]
  .map(
    ([id, who], i) => `  - id: ${id}
    clause: instructs ${i + 1}
    title: Task ${id}
    responsible: Secretariat
    assignees: [${who}]
    due: ${later}
    reminders: [P7D]
    deliverables:
      - { id: note, title: Note, kind: text }`,
  )
  .join('\n')}
`;

const WORKFLOWS = {
  ...Object.fromEntries(
    HAND_IN.map((l) => [`hand-in-${l}`, workflowOf(`hand-in-${l}`, handInTask(l).due)]),
  ),
  ...Object.fromEntries(
    ['extend-me', 'reassign-me', 'hold-me', 'waive-me'].map((t) => [t, workflowOf(t, later)]),
  ),
} as Record<string, string>;

interface TaskViewJson {
  workflowId: string;
  status: string;
  due: { date: string; time?: string };
  assignees: { key: string }[];
  deliverables: {
    id: string;
    status: string;
    latest?: { kind: string; sha256?: string; name?: string; url?: string; text?: string };
  }[];
  history: { type: string }[];
}

let product: RunningProduct;
let browser: Browser;
let staff: BrowserContext;
let staffPage: Page;
let work: string;
let outbox: string;
/** What each focal point handed in: the files' bytes by deliverable. */
const handedIn = new Map<string, Map<string, { name: string; bytes: Buffer }>>();

const show = (workflowId: string) => mandateJson<TaskViewJson>(product, ['show', workflowId]);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Posts one deliverable's form on the hand-in page as the browser does, and checks the receipt. */
async function handInOne(
  page: Page,
  deliverable: (typeof DELIVERABLES)[number],
  value: { file: string } | { url: string } | { text: string },
  screenshot?: string,
): Promise<void> {
  const form = page.locator('form', {
    has: page.locator(`input[name=deliverableId][value="${deliverable.id}"]`),
  });
  if ('file' in value) await form.locator('input[type=file]').setInputFiles(value.file);
  else if ('url' in value) await form.locator('input[name=url]').fill(value.url);
  else await form.locator('textarea[name=text]').fill(value.text);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/hand-in?')),
    form.locator('button[type=submit]').click(),
  ]);
  expect(response.status(), `${deliverable.id}: ${await response.text()}`).toBe(200);
  await page.waitForLoadState('domcontentloaded');
  await expect.poll(() => page.locator('[role=status]').innerText()).toContain(deliverable.title);
  if (screenshot) await shot(page, screenshot);
  // Back to the forms through the receipt's own link.
  await page.locator('main a[href^="/hand-in?"]').click();
  await page.waitForLoadState('domcontentloaded');
}

async function signIn(context: BrowserContext, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${product.url}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.locator('#token').fill(token);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(`${product.url}/`);
  return page;
}

async function openTask(workflowId: string): Promise<void> {
  await staffPage.goto(`${product.url}/tasks/${workflowId}`);
  await expect.poll(() => staffPage.locator('h1').innerText()).not.toBe('');
}

/** A change from the task page: fill its form, read the confirmation, confirm. */
async function change(
  workflowId: string,
  action: 'extend' | 'reassign' | 'hold' | 'resume' | 'waive',
  fill: (form: ReturnType<Page['locator']>) => Promise<void>,
  notice: string,
): Promise<void> {
  await openTask(workflowId);
  const form = staffPage.locator(`form[action$="/actions/${action}"]`);
  await fill(form);
  await form.locator('button[type=submit]').click();
  await staffPage.waitForLoadState('domcontentloaded');
  expect(await staffPage.locator('h1').innerText()).toContain('?');
  await staffPage.locator('button[type=submit]', { hasText: 'Confirm' }).click();
  await staffPage.waitForURL((u) => u.searchParams.get('done') === action);
  expect(await staffPage.locator('[role=status]').innerText()).toContain(notice);
}

describe('the release as a user runs it: npm start, the mandate command, pages and mail', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'mandate-acceptance-work-'));
    browser = await launchChromium();
    product = await npmStart();
    outbox = join(product.dataDir, 'outbox');
  });

  afterAll(async () => {
    await browser?.close();
    if (product && product.child.exitCode === null) {
      await stopWithSigint(product).catch(() => undefined);
      killGroup(product);
    }
    if (work) rmSync(work, { recursive: true, force: true });
    if (product) rmSync(product.dataDir, { recursive: true, force: true });
  });

  it('npm start comes up on the moved ports with a fresh data folder, and prints staff tokens', () => {
    const out = product.output();
    expect(out).toContain('mandate-tracker is running');
    expect(out).toContain(`127.0.0.1:${product.env.MANDATE_TEMPORAL_PORT}`);
    expect(out).toContain(`Dashboard     ${product.url}`);
    expect(out).toContain(`messages in ${product.dataDir}/outbox`);
    expect(product.tokens.secretariat).toMatch(/^[\w-]{20,}$/);
    // The release runs with plain node, and the same Node as this test.
    expect(product.runtime()).toEqual({
      pid: expect.any(Number),
      command: 'node scripts/run.js start',
      executable: realpathSync(process.execPath),
    });
  });

  it('mandate start loads a catalog of six people in six languages', async () => {
    const file = join(work, 'catalog.yaml');
    writeFileSync(file, CATALOG);
    const validated = await mandate(product, ['catalog', 'validate', file]);
    expect(validated.stderr).toBe('');
    expect(validated.code).toBe(0);
    const started = await mandate(product, ['start', file]);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain('started 7 workflow(s); 0 already there');
    for (const id of Object.values(WORKFLOWS)) expect(started.stdout).toContain(`started  ${id}`);
    const listed = await mandateJson<{ workflowId: string; status: string }[]>(product, [
      'status',
      '--resolution',
      RESOLUTION,
    ]);
    expect(listed.map((l) => l.workflowId).sort()).toEqual(Object.values(WORKFLOWS).sort());
  });

  it('each hand-in focal point gets a reminder in their language, with a hand-in link', async () => {
    const mails = await waitForMail(
      outbox,
      'reminder to each hand-in focal point',
      (all) =>
        HAND_IN.every((l) =>
          all.some((m) => m.kind === 'reminder' && m.recipient === `focal-${l}`),
        ),
      240_000,
    );
    for (const locale of HAND_IN) {
      const mail = mails.find((m) => m.kind === 'reminder' && m.recipient === `focal-${locale}`)!;
      expect(mail.workflowId).toBe(WORKFLOWS[`hand-in-${locale}`]);
      expect(mail.to).toBe(email(`focal-${locale}`));
      expect(mail.language).toBe(locale);
      expect(mail.subject.startsWith(SUBJECT_STARTS[locale].reminder!)).toBe(true);
      expect(new URL(handInLink(mail)).origin).toBe(
        new URL(product.url.replace('127.0.0.1', 'localhost')).origin,
      );
    }
  });

  it('from the mailed links (ar, zh, en), each hands in a PDF, a Word file, a link and a text in the browser', async () => {
    const mails = await receivedMail(outbox);
    for (const locale of HAND_IN) {
      const mail = mails.find((m) => m.kind === 'reminder' && m.recipient === `focal-${locale}`)!;
      const pdf = join(work, locale, 'report.pdf');
      const docx = join(work, locale, 'annex.docx');
      mkdirSync(join(work, locale), { recursive: true });
      const pdfBytes = await printPdf(
        browser,
        locale,
        { ar: 'التقرير السنوي', zh: '年度报告', en: 'Annual report' }[locale],
      );
      const docxBytes = await writeDocx(`Annex of ${PEOPLE[`focal-${locale}`]!.name}`);
      writeFileSync(pdf, pdfBytes);
      writeFileSync(docx, docxBytes);
      handedIn.set(
        locale,
        new Map([
          ['report', { name: 'report.pdf', bytes: pdfBytes }],
          ['annex', { name: 'annex.docx', bytes: docxBytes }],
        ]),
      );

      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const opened = await page.goto(handInLink(mail));
      expect(opened?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      // A focal point's page offers nothing of the staff's.
      expect(await page.locator('nav a[href="/"]').count()).toBe(0);
      await shot(page, `hand-in-${locale}`);
      await handInOne(page, DELIVERABLES[0], { file: pdf }, `receipt-${locale}`);
      await handInOne(page, DELIVERABLES[1], { file: docx });
      await handInOne(page, DELIVERABLES[2], { url: `https://example.org/${locale}/report` });
      await handInOne(page, DELIVERABLES[3], { text: `Summary from ${locale}: done.` });
      expect(await page.locator('form').count()).toBe(0);
      await shot(page, `handed-in-${locale}`);
      await context.close();

      const view = await show(WORKFLOWS[`hand-in-${locale}`]!);
      expect(view.status).toBe('submitted');
      const latest = Object.fromEntries(view.deliverables.map((d) => [d.id, d.latest]));
      expect(latest.report).toMatchObject({
        kind: 'document',
        name: 'report.pdf',
        sha256: sha256(pdfBytes),
      });
      expect(latest.annex).toMatchObject({
        kind: 'document',
        name: 'annex.docx',
        sha256: sha256(docxBytes),
      });
      expect(latest.website).toMatchObject({
        kind: 'link',
        url: `https://example.org/${locale}/report`,
      });
      expect(latest.summary).toMatchObject({ kind: 'text', text: `Summary from ${locale}: done.` });
    }
  });

  it('staff download every document byte for byte, from the dashboard and from the API', async () => {
    staff = await browser.newContext({ acceptDownloads: true });
    staffPage = await signIn(staff, product.tokens.secretariat);
    await shot(staffPage, 'overview');
    for (const locale of HAND_IN) {
      await openTask(WORKFLOWS[`hand-in-${locale}`]!);
      if (locale === 'ar') await shot(staffPage, 'task-page');
      for (const [, document] of handedIn.get(locale)!) {
        const [download] = await Promise.all([
          staffPage.waitForEvent('download'),
          staffPage.locator('a[download]', { hasText: document.name }).click(),
        ]);
        const bytes = readFileSync((await download.path())!);
        expect(sha256(bytes)).toBe(sha256(document.bytes));
        expect(download.suggestedFilename()).toBe(document.name);
        const api = await fetch(`${product.url}/api/documents/${sha256(document.bytes)}`, {
          headers: { authorization: `Bearer ${product.tokens.manager}` },
        });
        expect(api.status).toBe(200);
        expect(sha256(Buffer.from(await api.arrayBuffer()))).toBe(sha256(document.bytes));
      }
    }
  });

  it('a returned document comes back from the returned mail and is accepted', async () => {
    const task = WORKFLOWS['hand-in-zh']!;
    await openTask(task);
    const review = staffPage.locator('form[action$="/review"]', {
      has: staffPage.locator('input[name=deliverableId][value=report]'),
    });
    await review.locator('input[name=comment]').fill('Please add the 2026 figures.');
    await review.locator('button[value=return]').click();
    await staffPage.waitForURL((u) => u.searchParams.get('done') === 'return');

    const mails = await waitForMail(outbox, 'returned mail to focal-zh', (all) =>
      all.some((m) => m.kind === 'returned' && m.recipient === 'focal-zh'),
    );
    const returned = mails.find((m) => m.kind === 'returned' && m.recipient === 'focal-zh')!;
    expect(returned.text).toContain('Please add the 2026 figures.');
    const again = join(work, 'zh', 'report-2.pdf');
    const againBytes = await printPdf(browser, 'zh', '年度报告（修订版）');
    writeFileSync(again, againBytes);
    const context = await browser.newContext({ locale: 'zh' });
    const page = await context.newPage();
    await page.goto(handInLink(returned));
    expect(await page.locator('form').count()).toBe(1);
    await handInOne(page, DELIVERABLES[0], { file: again }, 'receipt-again-zh');
    await context.close();
    handedIn.get('zh')!.set('report', { name: 'report-2.pdf', bytes: againBytes });

    for (const d of DELIVERABLES) {
      await openTask(task);
      const form = staffPage.locator('form[action$="/review"]', {
        has: staffPage.locator(`input[name=deliverableId][value=${d.id}]`),
      });
      await form.locator('button[value=accept]').click();
      await staffPage.waitForURL((u) => u.searchParams.get('done') === 'accept');
    }
    const view = await show(task);
    expect(view.status).toBe('completed');
    expect(view.deliverables.find((d) => d.id === 'report')!.latest!.sha256).toBe(
      sha256(againBytes),
    );
    await waitForMail(outbox, 'accepted mail to focal-zh', (all) =>
      all.some((m) => m.kind === 'accepted' && m.recipient === 'focal-zh'),
    );
  });

  it('the secretariat extends, reassigns, holds, resumes and waives from the dashboard', async () => {
    const extendedTo = DateTime.fromISO(later).plus({ days: 14 }).toISODate()!;
    await change(
      WORKFLOWS['extend-me']!,
      'extend',
      async (form) => {
        await form.locator('input[name=dueDate]').fill(extendedTo);
        await form.locator('input[name=reason]').fill('Council moved its session');
      },
      'Extended',
    );
    expect((await show(WORKFLOWS['extend-me']!)).due.date).toBe(extendedTo);

    await change(
      WORKFLOWS['reassign-me']!,
      'reassign',
      async (form) => {
        await form.locator('input[name=assignee][value=focal-ru]').uncheck();
        await form.locator('input[name=assignee][value=focal-es]').check();
        await form.locator('input[name=reason]').fill('New focal point');
      },
      'Reassigned',
    );
    expect((await show(WORKFLOWS['reassign-me']!)).assignees.map((a) => a.key)).toEqual([
      'focal-es',
    ]);

    await change(
      WORKFLOWS['hold-me']!,
      'hold',
      (form) => form.locator('input[name=reason]').fill('Waiting for the Council decision'),
      'On hold',
    );
    expect((await show(WORKFLOWS['hold-me']!)).status).toBe('on-hold');
    await change(
      WORKFLOWS['hold-me']!,
      'resume',
      (form) => form.locator('input[name=reason]').fill('Decision taken'),
      'Resumed',
    );
    expect((await show(WORKFLOWS['hold-me']!)).status).not.toBe('on-hold');

    await change(
      WORKFLOWS['waive-me']!,
      'waive',
      (form) => form.locator('input[name=reason]').fill('Overtaken by events'),
      'Waived',
    );
    expect((await show(WORKFLOWS['waive-me']!)).status).toBe('waived');
    await shot(staffPage, 'waived');
  });

  it('every mail is of the right kind, to the right person, in their language and thread', async () => {
    const expected = [
      ...HAND_IN.map((l) => `reminder ${WORKFLOWS[`hand-in-${l}`]} focal-${l}`),
      `returned ${WORKFLOWS['hand-in-zh']} focal-zh`,
      `accepted ${WORKFLOWS['hand-in-zh']} focal-zh`,
      `extended ${WORKFLOWS['extend-me']} focal-fr`,
      `assigned ${WORKFLOWS['reassign-me']} focal-es`,
      `unassigned ${WORKFLOWS['reassign-me']} focal-ru`,
      `on-hold ${WORKFLOWS['hold-me']} focal-es`,
      `resumed ${WORKFLOWS['hold-me']} focal-es`,
      `cancellation ${WORKFLOWS['waive-me']} focal-ru`,
    ].sort();
    const isTaskMail = (m: ReceivedMail) => m.workflowId !== undefined;
    const mails = await waitForMail(
      outbox,
      'every change notice',
      (all) => all.filter(isTaskMail).length >= expected.length,
      60_000,
    );
    const taskMail = mails.filter(isTaskMail);
    expect(taskMail.map((m) => `${m.kind} ${m.workflowId} ${m.recipient}`).sort()).toEqual(
      expected,
    );
    // Mail no task sent can only be the secretariat's weekly digest.
    for (const other of mails.filter((m) => !isTaskMail(m))) expect(other.kind).toBe('digest');

    for (const mail of taskMail) {
      const person = PEOPLE[mail.recipient!]!;
      const where = `${mail.kind} to ${mail.recipient}`;
      expect(mail.to, where).toBe(email(mail.recipient!));
      expect(mail.language, where).toBe(person.locale);
      expect(mail.subject.startsWith(SUBJECT_STARTS[person.locale][mail.kind!]!), where).toBe(true);
      const script = SCRIPT[person.locale];
      if (script) expect(mail.text, where).toMatch(script);
      expect(mail.html, where).toContain(`lang="${person.locale}"`);
      expect(mail.html, where).toContain(`dir="${person.locale === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(mail.calendarMethod, where).toBe(CALENDAR[mail.kind!]);
    }
    // One conversation per task and person: the first mail starts it, every later one replies to it.
    const threads = new Map<string, ReceivedMail[]>();
    for (const mail of taskMail) {
      const key = `${mail.workflowId} ${mail.recipient}`;
      threads.set(key, [...(threads.get(key) ?? []), mail]);
    }
    for (const [key, thread] of threads) {
      const [first, ...rest] = thread;
      expect(first!.inReplyTo, key).toBeUndefined();
      for (const reply of rest) {
        expect(reply.inReplyTo, `${reply.kind} in ${key}`).toBe(first!.messageId);
        expect(reply.references, `${reply.kind} in ${key}`).toContain(first!.messageId);
      }
    }
    expect(threads.get(`${WORKFLOWS['hand-in-zh']} focal-zh`)!.map((m) => m.kind)).toEqual([
      'reminder',
      'returned',
      'accepted',
    ]);
  });

  it('no request of the cycle failed on the server', () => {
    expect(product.errors()).not.toMatch(/internal error|TransformError|^http: /m);
  });

  it('Ctrl-C stops everything: npm start exits and no process of the run is left', async () => {
    const code = await stopWithSigint(product);
    expect(product.output()).toContain('stopped.');
    expect(code).not.toBeNull();
    await expect.poll(() => leftOver(product), { timeout: 10_000 }).toEqual([]);
  });
});
