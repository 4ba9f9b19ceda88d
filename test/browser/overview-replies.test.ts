/**
 * Replies by mail that could not be used, on the staff overview, in a real
 * browser against a real Temporal dev server: the forged, the misaddressed
 * and the refused ones are listed with why and a link to each task; automatic
 * replies and replies that handed something in are not. The records are the
 * received-mail archive's, as the mailbox reader writes them (the reader
 * itself is tested on Dovecot in test/replies). Screenshot in artifacts/screenshots.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { staffSession } from '../support/staff-sign-in';
import { ReceivedArchive, type ReceivedRecord } from '../../src/replies/received-archive';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import {
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from '../http/harness';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
const due = DateTime.utc().plus({ days: 20 }).toISODate()!;
const catalog = parseCatalog(`
version: 1
resolution:
  id: replies-overview
  title: Replies overview
  adoptedBy: Test Council
  timezone: UTC
people:
  fp: { name: Focal Point, email: fp@example.org, locale: en }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
tasks:
  - id: report
    clause: resolves 1
    title: Annual report
    responsible: Secretariat
    assignees: [fp]
    due: ${due}
    deliverables:
      - { id: report, title: Report, kind: document }
`);
const TASK = occurrenceWorkflowId('replies-overview', 'report', due);

let stack: HttpHarness;
let browser: Browser;
let directory: string;

const record = (
  over: Partial<ReceivedRecord> & Pick<ReceivedRecord, 'messageId'>,
): ReceivedRecord => ({
  readAt: Date.now(),
  from: 'fp@example.org',
  subject: 'Re: Reminder: Annual report',
  workflowId: TASK,
  person: 'fp',
  outcome: 'unusable',
  taken: [],
  refused: [],
  stillMissing: ['Report'],
  answer: 'sent',
  ...over,
});

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  directory = mkdtempSync(join(tmpdir(), 'mandate-received-'));
  stack = await startHttpHarness({ catalog, taskQueue: 'overview-replies' });
  const archive = new ReceivedArchive(directory);
  stack.deps.receivedMail = archive;
  for (const r of [
    record({ messageId: '<forged@example.org>', reason: 'forged' }),
    record({
      messageId: '<other@example.org>',
      from: 'assistant@example.org',
      reason: 'other-sender',
      detail: 'assistant@example.org',
    }),
    record({
      messageId: '<big@example.org>',
      reason: 'too-large',
      refused: [
        {
          file: 'scan.pdf',
          reason: 'too-large',
          detail: 'the document is 60000000 bytes; the limit is 52428800 bytes',
        },
      ],
    }),
    record({
      messageId: '<lost@example.org>',
      reason: 'unknown-task',
      workflowId: undefined,
      person: undefined,
    }),
    record({ messageId: '<away@example.org>', reason: 'automatic', answer: 'not-answered' }),
    record({
      messageId: '<taken@example.org>',
      outcome: 'taken',
      taken: [{ deliverableId: 'report', title: 'Report', what: 'report.pdf' }],
      stillMissing: [],
    }),
  ])
    await archive.save(
      r,
      Buffer.from(`Message-ID: ${r.messageId}\r\nSubject: ${r.subject}\r\n\r\nbody\r\n`),
    );
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('the overview’s unusable replies', () => {
  it('lists each reply nothing was recorded for, with why, its sender and its task', async () => {
    const cookie = await staffSession(stack.server.url, SECRETARIAT_TOKEN);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const host = new URL(stack.server.url).hostname;
    await context.addCookies(
      cookie.split('; ').map((c) => {
        const [name, value] = c.split('=');
        return { name: name!, value: value!, domain: host, path: '/' };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${stack.server.url}/`);
    const section = page.locator('section[aria-labelledby="replies"]');
    await expect
      .poll(() => section.locator('h2').innerText())
      .toBe('Replies by mail that could not be used (4)');
    const rows = await section.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(4);
    const text = rows.join('\n');
    expect(text).toContain('a reply address no key signed for this task');
    expect(text).toContain('from an address other than the assignee’s (assistant@example.org)');
    expect(text).toContain('a file larger than the limit');
    expect(text).toContain('answers no task mail we know');
    expect(text).not.toContain('<away@example.org>');
    expect(text).not.toContain('<taken@example.org>');
    // Each links to its task and to the message as it came.
    await expect.poll(() => section.locator(`a[href="/tasks/${TASK}"]`).count()).toBe(3);
    const download = await page.request.get(
      `${stack.server.url}/received-mail/${Buffer.from('<big@example.org>').toString('base64url')}.eml`,
    );
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain('Message-ID: <big@example.org>');
    await section.screenshot({ path: join(SCREENSHOTS, 'overview-unusable-replies.png') });
    await context.close();
  });
});
