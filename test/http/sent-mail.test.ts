/**
 * What went out, over HTTP against the real stack (Temporal dev server,
 * worker, SMTP sink on loopback): the task page's Mail section, one mail
 * viewed as sent with its framed HTML part under its own sandboxing
 * Content-Security-Policy, the calendar entry, a person's page, and the API's
 * mail list and message/rfc822 download. A key of another task's mail, or
 * of none, is refused; a mail missing from the archive still shows its history.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { taskActions } from '../../src/client/task-actions';
import { archiveFileName, messageIdKey } from '../../src/mail/sent-archive';
import { sentMailOf } from '../../src/mail/sent-mail';
import { SentMailItem } from '../../src/http/schemas';
import { mailSection } from '../../src/http/views/sent-mail';
import { renderDocument } from '../../src/html/template';
import type { TaskView } from '../../src/shared/task-view';
import { occurrenceWorkflowId } from '../../src/shared/workflow-api';
import {
  MANAGER_TOKEN,
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from './harness';

const RESOLUTION = 'sent-mail-test';
// Each task's reminder falls on the current minute: everything after its start is sent at once.
const minute = DateTime.utc().startOf('minute');
const today = minute.toISODate()!;
// The Arabic reminder falls on the due date at Riyadh's wall time: its date there (the day after UTC's from 21:00).
const riyadhToday = minute.setZone('Asia/Riyadh').toISODate()!;
const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: Sent mail test resolution
  adoptedBy: Test Council
  timezone: UTC
people:
  focal-ar: { name: نقطة الاتصال, email: focal-ar@example.org, timezone: Asia/Riyadh, locale: ar }
  focal-en: { name: Focal Point, email: focal-en@example.org, timezone: UTC, locale: en }
  boss: { name: Dana Manager, email: dana@example.org, timezone: UTC, locale: en }
defaults:
  reminders: [P0D]
  sendAt: "${minute.toFormat('HH:mm')}"
  overdueEvery: P7D
  escalateAfter: null
  skipWeekends: false
tasks:
  - id: arabic-task
    clause: resolves 1
    title: تقرير عن التنفيذ
    responsible: Secretariat
    assignees: [focal-ar]
    manager: boss
    due: ${riyadhToday}
    # A reminder's time is the recipient's wall time.
    sendAt: "${minute.setZone('Asia/Riyadh').toFormat('HH:mm')}"
    deliverables:
      - { id: report, title: Report, kind: text }
  - id: other-task
    clause: resolves 2
    title: Another task
    responsible: Secretariat
    assignees: [focal-en]
    due: ${today}
    deliverables:
      - { id: note, title: Note, kind: text }
`);
const ARABIC = occurrenceWorkflowId(RESOLUTION, 'arabic-task', riyadhToday);
const OTHER = occurrenceWorkflowId(RESOLUTION, 'other-task', today);

let stack: HttpHarness;

const get = (path: string, token: string | null = SECRETARIAT_TOKEN) =>
  fetch(`${stack.server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    redirect: 'manual',
  });

/** The task's view once its reminder is recorded. */
async function withMail(workflowId: string): Promise<TaskView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const view = await taskActions.status(stack.env.client, workflowId);
    if (view.history.some((e) => e.type === 'message')) return view;
    if (Date.now() > deadline) throw new Error(`${workflowId} sent no mail within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let arabic: TaskView;
let other: TaskView;
let key: string;
let messageId: string;

beforeAll(async () => {
  stack = await startHttpHarness({
    catalog,
    taskQueue: 'sent-mail-test',
    sendAfter: minute.toMillis() - 1,
  });
  arabic = await withMail(ARABIC);
  other = await withMail(OTHER);
  const first = sentMailOf(arabic)[0]!;
  key = first.key;
  messageId = first.message.messageId;
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** What the SMTP server received for a Message-ID. */
async function received(id: string) {
  for (const m of stack.mail.sink.received) {
    const parsed = await simpleParser(m.raw);
    if (parsed.messageId === id) return { raw: m.raw, parsed };
  }
  throw new Error(`the sink has no message ${id}`);
}

/** The hand-in link's signature in the mail as it went out. */
function signatureOf(text: string): string {
  return /(?:[?&]|&amp;)sig=([A-Za-z0-9_-]+)/.exec(text)![1]!;
}

/**
 * `served` is the staff copy of `raw`: the same headers, byte for byte, and
 * the same parts, but for the hand-in link's signature, which is nowhere in
 * it and reads `staff-copy` instead (in the text, the HTML and the calendar).
 */
async function expectStaffCopy(served: Buffer, raw: Buffer): Promise<void> {
  const head = (b: Buffer) => b.subarray(0, b.indexOf('\r\n\r\n')).toString('latin1');
  expect(head(served)).toBe(head(raw));
  const [copy, original] = await Promise.all([simpleParser(served), simpleParser(raw)]);
  const sig = signatureOf(original.text!);
  const unsigned = (t: string) => t.replaceAll(`sig=${sig}`, 'sig=staff-copy');
  expect(copy.text).toBe(unsigned(original.text!));
  expect(String(copy.html).trim()).toBe(unsigned(String(original.html)).trim());
  const ics = (m: typeof copy) =>
    m.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
  const unfold = (t: string) => t.replace(/\r\n[ \t]/g, '');
  expect(unfold(ics(copy))).toContain('sig=staff-copy');
  for (const part of [copy.text!, String(copy.html), unfold(ics(copy)), served.toString('latin1')])
    expect(part).not.toContain(sig);
}

describe('the task page', () => {
  it('lists each mail with its delivery and links it, and links the people', async () => {
    const response = await get(`/tasks/${ARABIC}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<h2 id="mail">Mail (1)</h2>');
    expect(page).toContain(`href="/tasks/${ARABIC}/mail/${key}"`);
    expect(page).toContain('reminder P0D');
    expect(page).toContain('focal-ar@example.org');
    expect(page).toContain(messageId.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(page).toContain('<span class="status status-completed">sent</span>');
    expect(page).toContain('href="/people/focal-ar"');
    expect(page).toContain('href="/people/boss"');
  });

  it('shows a bounce beside the mail it concerns (joined by Message-ID)', () => {
    const view: TaskView = {
      ...arabic,
      history: [
        ...arabic.history,
        {
          type: 'bounced',
          at: Date.now(),
          messageId,
          to: 'focal-ar@example.org',
          permanent: true,
          status: '5.1.1',
          diagnostic: '550 5.1.1 <focal-ar@example.org>: no such user',
        },
        {
          type: 'bounced',
          at: Date.now(),
          messageId: '<some-other-task@mandate-tracker>',
          to: 'x@example.org',
          permanent: false,
          diagnostic: 'delayed elsewhere',
        },
      ],
    };
    const section = renderDocument(mailSection(view));
    expect(section).toContain(
      'bounced (5.1.1): 550 5.1.1 &lt;focal-ar@example.org&gt;: no such user',
    );
    expect(section).not.toContain('delayed elsewhere');
  });
});

describe('a mail viewed as sent', () => {
  it('shows the headers, the framed HTML part, the text part and the calendar entry', async () => {
    const { parsed } = await received(messageId);
    const response = await get(`/tasks/${ARABIC}/mail/${key}`);
    expect(response.status).toBe(200);
    // The page itself keeps the site's policy: it may not be framed.
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const page = await response.text();
    expect(page).toContain(parsed.subject!);
    expect(page).toContain('focal-ar@example.org');
    expect(page).toContain('mandates@example.org');
    expect(page).toMatch(/<iframe\s+class="mail"\s+sandbox\s+src="[^"]+\/body"/);
    expect(page).toContain('<pre class="mail-text" lang="ar" dir="rtl">');
    expect(page).toMatch(/<dt>Method<\/dt>\s*<dd>REQUEST<\/dd>/);
    expect(page).toMatch(/<dt>Sequence<\/dt>\s*<dd>0<\/dd>/);
    expect(page).toMatch(
      /<dt>Date<\/dt>\s*<dd>[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} [\d:]{8} \+0300<\/dd>/,
    );
    expect(page).toContain(`href="/tasks/${ARABIC}/mail/${key}/calendar.ics"`);
  });

  it('serves the HTML part as sent, sandboxed and framable only by the site', async () => {
    const { parsed } = await received(messageId);
    const response = await get(`/tasks/${ARABIC}/mail/${key}/body`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = (response.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim());
    expect(csp.sort()).toEqual(
      [
        'sandbox',
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        'img-src data:',
        "frame-ancestors 'self'",
      ].sort(),
    );
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // As sent, but the hand-in link without its signature: a staff copy hands in nothing.
    const body = await response.text();
    const sig = signatureOf(String(parsed.html));
    expect(body.trim()).toBe(String(parsed.html).replaceAll(`sig=${sig}`, 'sig=staff-copy').trim());
    expect(body).not.toContain(sig);
  });

  it('serves the calendar entry and the message as sent', async () => {
    const { raw } = await received(messageId);
    const ics = await get(`/tasks/${ARABIC}/mail/${key}/calendar.ics`);
    expect(ics.headers.get('content-type')).toMatch(
      /^text\/calendar; charset=utf-8; method=REQUEST/,
    );
    expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:REQUEST\r\n/);
    const eml = await get(`/tasks/${ARABIC}/mail/${key}/message.eml`);
    expect(eml.headers.get('content-type')).toBe('message/rfc822');
    await expectStaffCopy(Buffer.from(await eml.arrayBuffer()), raw);
  });

  it("refuses another task's mail, a made-up key and no credentials", async () => {
    const foreign = sentMailOf(other)[0]!.key;
    for (const path of [
      `/tasks/${ARABIC}/mail/${foreign}`,
      `/tasks/${ARABIC}/mail/${foreign}/body`,
      `/tasks/${ARABIC}/mail/${messageIdKey('<nothing@mandate-tracker>')}`,
      `/tasks/${ARABIC}/mail/${messageIdKey('<../../../etc/passwd>')}/message.eml`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain('sent no mail');
    }
    const anonymous = await get(`/tasks/${ARABIC}/mail/${key}/body`, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
    expect((await get(`/tasks/${ARABIC}/mail/${key}`, MANAGER_TOKEN)).status).toBe(200);
  });
});

describe('a person', () => {
  it('lists the mail sent to them across tasks, and the tasks they hold', async () => {
    const response = await get('/people/focal-ar');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<h1><bdi lang="ar">نقطة الاتصال</bdi></h1>');
    expect(page).toContain('Tasks held (1)');
    expect(page).toContain(`href="/tasks/${ARABIC}"`);
    expect(page).toContain('Mail sent to <bdi lang="ar">نقطة الاتصال</bdi> (1)');
    expect(page).toContain(`href="/tasks/${ARABIC}/mail/${key}"`);
    expect(page).toContain('Arabian Standard Time');
    expect(page).not.toContain(OTHER);
  });

  it('knows a manager from the catalog, and no one else', async () => {
    const boss = await (await get('/people/boss')).text();
    expect(boss).toContain('<h1><bdi lang="en">Dana Manager</bdi></h1>');
    expect(boss).toContain(`href="/tasks/${ARABIC}"`);
    expect((await get('/people/nobody')).status).toBe(404);
  });
});

describe('the API', () => {
  it("lists a task's mail, each with whether the archive holds it", async () => {
    const response = await get(`/api/tasks/${ARABIC}/mail`, MANAGER_TOKEN);
    expect(response.status).toBe(200);
    const items = (await response.json()) as unknown[];
    expect(items).toHaveLength(1);
    const item = SentMailItem.parse(items[0]);
    expect(item).toMatchObject({
      kind: 'reminder',
      to: 'focal-ar@example.org',
      messageId,
      key,
      delivered: true,
      bounces: [],
      archived: true,
    });
  });

  it('answers the message as sent, by key or by Message-ID, as message/rfc822', async () => {
    const { raw } = await received(messageId);
    for (const id of [key, encodeURIComponent(messageId)]) {
      const response = await get(`/api/tasks/${ARABIC}/mail/${id}`, MANAGER_TOKEN);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('message/rfc822');
      await expectStaffCopy(Buffer.from(await response.arrayBuffer()), raw);
    }
    const foreign = await get(
      `/api/tasks/${ARABIC}/mail/${sentMailOf(other)[0]!.key}`,
      MANAGER_TOKEN,
    );
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain(
      'sent no mail',
    );
  });

  it('documents both operations', async () => {
    const document = (await (await get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    expect(Object.keys(document.paths['/tasks/{id}/mail']!)).toEqual(['get']);
    expect(
      Object.keys(document.paths['/tasks/{id}/mail/{messageId}']!.get!.responses['200']!.content!),
    ).toEqual(['message/rfc822']);
  });
});

describe('a mail the archive does not hold', () => {
  it('still shows what the history records, and says it is not archived', async () => {
    const otherMail = sentMailOf(other)[0]!;
    rmSync(join(stack.mail.archive.directory, archiveFileName(otherMail.message.messageId)));
    const response = await get(`/tasks/${OTHER}/mail/${otherMail.key}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('not in the sent-mail archive');
    expect(page).toContain('focal-en@example.org');
    expect(page).not.toContain('<iframe');
    expect((await get(`/tasks/${OTHER}/mail/${otherMail.key}/body`)).status).toBe(404);
    const listed = (await (await get(`/api/tasks/${OTHER}/mail`)).json()) as {
      archived: boolean;
    }[];
    expect(listed.map((m) => m.archived)).toEqual([false]);
    expect((await get(`/api/tasks/${OTHER}/mail/${otherMail.key}`)).status).toBe(404);
  });
});
