/**
 * Escaping by construction, end to end: every free-text field of a catalog,
 * and everything people type at run time (hand-ins, review comments,
 * extension, reassignment and waiver reasons), carries a markup payload. Every
 * page, every mail kind in every locale (composed, and as received over SMTP)
 * and the report in each format must show it as text, never as markup.
 *
 * HTML outputs: no `<script` at all, and every occurrence of the payload is
 * the fully escaped one, so a single unescaped (or double-escaped)
 * interpolation fails. Markdown passes HTML through, so it must not carry `<`
 * or `>` either. Plain text (the text part of a mail, CSV) is not markup: it
 * must carry the payload exactly as typed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createMailActivities } from '../../activities/mail';
import { listTasks } from '../../src/client/listing';
import { signLink } from '../../src/links/signed-link';
import { composeNotice } from '../../src/mail/compose';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import {
  occurrenceWorkflowId,
  statusQuery,
  type NoticeRequest,
} from '../../src/shared/workflow-api';
import { LOCALES } from '../../src/shared/types';
import {
  LINK_SECRET,
  SECRETARIAT_TOKEN,
  parseCatalog,
  startHttpHarness,
  type HttpHarness,
} from './harness';

const DAY = 86_400_000;
const RESOLUTION = 'escaping-test';
const today = DateTime.utc().startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

/** The payload of one field: it breaks out of an attribute (either quote) and opens a script. */
const attack = (field: string) => `${field}"><script>alert(1)</script>'${field}`;
/** The same, as HTML text or attribute value must carry it (written out here, not computed by the code under test). */
const escaped = (field: string) =>
  `${field}&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;${field}`;
/** A file name cannot hold a slash: its payload does without the closing tag. */
const FILE_NAME = `docName"><script>alert(1)'docName.pdf`;
const FILE_NAME_ESCAPED = `docName&quot;&gt;&lt;script&gt;alert(1)&#39;docName.pdf`;
const LINK_URL = `https://example.org/${attack('linkUrl')}`;
const q = (text: string) => JSON.stringify(text);

const PEOPLE = {
  ar: 'Asia/Riyadh',
  zh: 'Asia/Shanghai',
  en: 'America/New_York',
  fr: 'Europe/Paris',
  ru: 'Europe/Moscow',
  es: 'America/Mexico_City',
} as const;

const catalog = parseCatalog(`
version: 1
resolution:
  id: ${RESOLUTION}
  title: ${q(attack('resolutionTitle'))}
  adoptedBy: ${q(attack('adoptedBy'))}
  timezone: UTC
  source: ${q(attack('source'))}
events:
  session:
    title: ${q(attack('eventTitle'))}
    start: ${date(12)}
    place: ${q(attack('eventPlace'))}
    notes: ${q(attack('eventNotes'))}
people:
${LOCALES.map(
  (l) =>
    `  focal-${l}: { name: ${q(attack(`name${l}`))}, email: focal-${l}@example.org, timezone: ${PEOPLE[l]}, locale: ${l} }`,
).join('\n')}
  desk: { name: ${q(attack('managerName'))}, email: desk@example.org, timezone: UTC, locale: en }
defaults:
  reminders: [P7D]
  sendAt: "03:17"
  overdueEvery: P7D
  escalateAfter: P1D
  skipWeekends: false
tasks:
  - id: review-task
    clause: ${q(attack('clause'))}
    title: ${q(attack('taskTitle'))}
    responsible: ${q(attack('responsible'))}
    notes: ${q(attack('notes'))}
    assignees: [focal-ar]
    manager: desk
    due: ${date(5)}
    deliverables:
      - { id: note, title: ${q(attack('noteTitle'))}, kind: text }
      - { id: site, title: ${q(attack('siteTitle'))}, kind: link }
      - { id: doc, title: ${q(attack('docTitle'))}, kind: document }
  - id: waive-task
    clause: ${q(attack('waiveClause'))}
    title: ${q(attack('waiveTitle'))}
    responsible: ${q(attack('waiveResponsible'))}
    assignees: [focal-en]
    due: ${date(4)}
    deliverables:
      - { id: note, title: ${q(attack('waiveNoteTitle'))}, kind: text }
  - id: mail-task
    clause: ${q(attack('mailClause'))}
    title: ${q(attack('mailTitle'))}
    responsible: ${q(attack('mailResponsible'))}
    assignees: [${LOCALES.map((l) => `focal-${l}`).join(', ')}]
    manager: desk
    due: { event: session }
    deliverables:
      - { id: annex, title: ${q(attack('annexTitle'))}, kind: document }
  - id: late-task
    clause: ${q(attack('lateClause'))}
    title: ${q(attack('lateTitle'))}
    responsible: ${q(attack('lateResponsible'))}
    assignees: [focal-fr]
    due: ${date(-2)}
    deliverables:
      - { id: note, title: ${q(attack('lateNoteTitle'))}, kind: text }
`);

const idOf = (task: string) => {
  const found = catalog.tasks.find((t) => t.id === task)!;
  return occurrenceWorkflowId(
    RESOLUTION,
    task,
    found.due.kind === 'date' ? found.due.date : date(12),
  );
};
const REVIEW = idOf('review-task');
const WAIVE = idOf('waive-task');
const MAIL = idOf('mail-task');
const LATE = idOf('late-task');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

let stack: HttpHarness;

beforeAll(async () => {
  stack = await startHttpHarness({ catalog, taskQueue: 'http-escaping-test' });
});

afterAll(async () => {
  await stack?.close();
});

/** Every markup payload in `html` is escaped as text; `fields` must each show up. */
function expectEscaped(html: string, where: string, fields: string[] = []): void {
  expect(html, where).not.toMatch(/<script/i);
  const payloads = html.split('alert(1)').length - 1;
  const safe =
    html.match(/&quot;&gt;&lt;script&gt;alert\(1\)(?:&lt;\/script&gt;)?&#39;/g)?.length ?? 0;
  expect(payloads, `${where}: shows no payload at all`).toBeGreaterThan(0);
  expect(safe, `${where}: a payload is not escaped exactly once`).toBe(payloads);
  for (const field of fields) expect(html, `${where}: ${field}`).toContain(escaped(field));
}

async function get(path: string, options: { staff?: boolean; cookie?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.staff !== false) headers.authorization = `Bearer ${SECRETARIAT_TOKEN}`;
  if (options.cookie) headers.cookie = options.cookie;
  const response = await fetch(`${stack.server.url}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function post(path: string, body: FormData | unknown, cookie?: string) {
  const headers: Record<string, string> = {};
  if (body instanceof FormData) {
    if (cookie) headers.cookie = cookie;
  } else {
    headers.authorization = `Bearer ${SECRETARIAT_TOKEN}`;
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${stack.server.url}${path}`, {
    method: 'POST',
    headers,
    body: body instanceof FormData ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
}

const api = (id: string, action: string) => `/api/tasks/${encodeURIComponent(id)}/${action}`;
const query = (id: string) => stack.env.client.workflow.getHandle(id).query(statusQuery);
const linkFor = (workflowId: string, person: string) =>
  `/hand-in?${signLink(LINK_SECRET, { workflowId, person, expires: Date.now() + 30 * DAY })}`;

/** Opens a hand-in page as a browser would: the CSRF cookie and a form's hidden fields. */
async function openHandIn(link: string) {
  const page = await get(link, { staff: false });
  expect(page.status, page.text).toBe(200);
  const token = /mandate_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
  expect(token).toBeTruthy();
  return { page: page.text, cookie: `mandate_csrf=${token}`, csrf: token! };
}

function handIn(csrf: string, fields: Record<string, string | Blob>, fileName?: string): FormData {
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('nonce', randomUUID());
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Blob) form.append(key, value, fileName);
    else form.append(key, value);
  }
  return form;
}

describe('pages', () => {
  it('lists every task once visibility has caught up', async () => {
    await expect
      .poll(
        async () => {
          const listed = await listTasks(stack.env.client, { resolution: RESOLUTION });
          return listed
            .map((l) => `${l.workflowId}:${l.workflowId === LATE ? l.status : ''}`)
            .sort();
        },
        { timeout: 30_000, interval: 250 },
      )
      .toEqual(
        [REVIEW, WAIVE, MAIL, LATE].map((id) => `${id}:${id === LATE ? 'overdue' : ''}`).sort(),
      );
  });

  it('hand-in page (right to left), hand-ins of each kind, their receipts and a refusal', async () => {
    const link = linkFor(REVIEW, 'focal-ar');
    const { page, cookie, csrf } = await openHandIn(link);
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expectEscaped(page, 'hand-in page', [
      'taskTitle',
      'clause',
      'noteTitle',
      'siteTitle',
      'docTitle',
    ]);

    const text = await post(
      link,
      handIn(csrf, { deliverableId: 'note', text: attack('text') }),
      cookie,
    );
    expect(text.status, text.text).toBe(200);
    expectEscaped(text.text, 'receipt of a text', ['noteTitle']);
    const site = await post(link, handIn(csrf, { deliverableId: 'site', url: LINK_URL }), cookie);
    expect(site.status, site.text).toBe(200);
    expectEscaped(site.text, 'receipt of a link', ['siteTitle']);
    const doc = await post(
      link,
      handIn(
        csrf,
        { deliverableId: 'doc', file: new Blob([PDF], { type: 'application/pdf' }) },
        FILE_NAME,
      ),
      cookie,
    );
    expect(doc.status, doc.text).toBe(200);
    expectEscaped(doc.text, 'receipt of a document', ['docTitle']);

    // A deliverable id typed into the form comes back in the error page.
    const refused = await post(
      link,
      handIn(csrf, { deliverableId: attack('deliverableId'), text: 'x' }),
      cookie,
    );
    expect(refused.status).toBe(400);
    expectEscaped(refused.text, 'error page of a hand-in');
    expect(refused.text).toContain(escaped('deliverableId').replace('&quot;&gt;', '\\&quot;&gt;'));

    const { deliverables } = await query(REVIEW);
    expect(deliverables.map((d) => d.latest)).toEqual([
      { kind: 'text', text: attack('text') },
      { kind: 'link', url: LINK_URL },
      expect.objectContaining({ kind: 'document', name: FILE_NAME }),
    ]);
  });

  it('task page with the hand-ins, a review comment and an extension reason', async () => {
    const review = await post(api(REVIEW, 'review'), {
      decision: 'return',
      deliverableId: 'note',
      comment: attack('reviewComment'),
    });
    expect(review.status, review.text).toBe(200);
    const extend = await post(api(REVIEW, 'extend'), {
      dueDate: date(9),
      reason: attack('extensionReason'),
    });
    expect(extend.status, extend.text).toBe(200);

    const page = await get(`/tasks/${REVIEW}?done=return`);
    expect(page.status, page.text).toBe(200);
    expectEscaped(page.text, 'task page', [
      'taskTitle',
      'clause',
      'resolutionTitle',
      'responsible',
      'namear',
      'noteTitle',
      'siteTitle',
      'docTitle',
      'text',
      'linkUrl',
      'reviewComment',
      'extensionReason',
    ]);
    expect(page.text).toContain(FILE_NAME_ESCAPED);

    // The returned deliverable is offered again to the focal point, with the comment.
    const again = await get(linkFor(REVIEW, 'focal-ar'), { staff: false });
    expectEscaped(again.text, 'hand-in page after a return', ['noteTitle', 'reviewComment']);
  });

  it('task page after a reassignment and a waiver', async () => {
    const reassign = await post(api(WAIVE, 'reassign'), {
      assignees: [
        {
          key: 'newcomer',
          name: attack('newcomerName'),
          email: 'newcomer@example.org',
          timezone: 'UTC',
          locale: 'en',
        },
      ],
      reason: attack('reassignReason'),
    });
    expect(reassign.status, reassign.text).toBe(200);
    const waive = await post(api(WAIVE, 'waive'), { reason: attack('waiverReason') });
    expect(waive.status, waive.text).toBe(200);
    const page = await get(`/tasks/${WAIVE}`);
    expect(page.status, page.text).toBe(200);
    expectEscaped(page.text, 'waived task page', [
      'waiveTitle',
      'waiveClause',
      'waiveResponsible',
      'newcomerName',
      'waiveNoteTitle',
      'waiverReason',
    ]);
  });

  it('overview, one resolution, sign-in and error pages', async () => {
    const overview = await get('/');
    expect(overview.status).toBe(200);
    const listed = ['taskTitle', 'clause', 'responsible', 'lateTitle', 'lateClause', 'mailTitle'];
    expectEscaped(overview.text, 'overview', listed);
    const one = await get(`/?resolution=${RESOLUTION}`);
    expectEscaped(one.text, 'overview of one resolution', ['resolutionTitle', ...listed]);

    const signIn = await get(`/login?next=${encodeURIComponent(`/${attack('next')}`)}`, {
      staff: false,
    });
    expect(signIn.status).toBe(200);
    expectEscaped(signIn.text, 'sign-in page', ['next']);

    const missing = await get(`/tasks/${RESOLUTION}/${encodeURIComponent(attack('taskId'))}/x`);
    expect(missing.status).toBe(404);
    expectEscaped(missing.text, 'error page', ['taskId']);
  });
});

describe('report', () => {
  it('html escapes every cell and the title', async () => {
    const reply = await get(`/api/reports/${RESOLUTION}?format=html`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expectEscaped(reply.text, 'report (html)', [
      'adoptedBy',
      'resolutionTitle',
      'clause',
      'taskTitle',
      'responsible',
      'noteTitle',
      'waiveClause',
      'mailTitle',
      'lateTitle',
    ]);
  });

  it('markdown carries no markup', async () => {
    const reply = await get(`/api/reports/${RESOLUTION}?format=md`);
    expect(reply.status).toBe(200);
    expect(reply.text).not.toMatch(/[<>]/);
    for (const field of ['adoptedBy', 'resolutionTitle', 'clause', 'taskTitle', 'noteTitle'])
      expect(reply.text).toContain(`${field}"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'${field}`);
  });

  it('csv keeps every value exactly as written', async () => {
    const reply = await get(`/api/reports/${RESOLUTION}?format=csv`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    const review = parseCsv(reply.text).find((row) => row[1] === 'review-task');
    expect(review?.slice(0, 4)).toEqual([
      attack('clause'),
      'review-task',
      attack('taskTitle'),
      attack('responsible'),
    ]);
    expect(review?.[7]).toBe(
      [attack('noteTitle'), attack('siteTitle'), attack('docTitle')].join('; '),
    );
  });
});

describe('mail', () => {
  const KINDS = ['reminder', 'overdue', 'escalation', 'cancellation', 'delivery-failure'] as const;
  let activities: ReturnType<typeof createMailActivities>;
  const silent = {
    log: () => undefined,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };

  beforeAll(() => {
    activities = createMailActivities(stack.mail.activities);
  });

  async function received(messageId: string): Promise<ParsedMail> {
    for (const mail of stack.mail.sink.received) {
      const parsed = await simpleParser(mail.raw);
      if (parsed.messageId === messageId) return parsed;
    }
    throw new Error(`the sink has no message ${messageId}`);
  }

  /** The HTML part escapes; the text part and the subject are text and carry the payload as typed. */
  function expectMail(
    parts: { subject?: string; text?: string; html: string },
    kind: string,
    where: string,
  ) {
    // A cancellation asks for nothing: it lists no deliverable.
    const fields = ['mailTitle', 'mailClause', 'resolutionTitle', 'mailResponsible', 'managerName'];
    if (kind !== 'cancellation') fields.push('annexTitle');
    expectEscaped(parts.html, `${where} (html)`, fields);
    for (const field of fields) expect(parts.text, `${where} (text)`).toContain(attack(field));
    expect(parts.subject, `${where} (subject)`).toContain(attack('mailTitle'));
  }

  it.each(KINDS)('every locale, %s: composed, and as received over SMTP', async (kind) => {
    const { dueAt, due } = await query(MAIL);
    // The mail activity's input, as the workflow builds it from the catalog.
    const template = taskTemplate(
      catalog,
      catalog.tasks.find((t) => t.id === 'mail-task')!,
    );
    const schedule = scheduleFor(template, due.date);
    for (const recipient of schedule.assignees) {
      const request: NoticeRequest = {
        workflowId: MAIL,
        messageId: `<escaping.${kind}.${recipient.key}@mandate-tracker>`,
        kind,
        ...(kind === 'reminder' ? { offset: 'P7D' } : {}),
        at: kind === 'reminder' ? dueAt - 7 * DAY : dueAt + DAY,
        recipient,
        schedule,
        info: template.info,
        dueAt,
        missing: template.info.deliverables.map((d) => ({
          id: d.id,
          title: d.title,
          kind: d.kind,
        })),
        sequence: 0,
        ...(kind === 'delivery-failure'
          ? { failure: { to: attack('failureTo'), error: attack('failureError') } }
          : {}),
      };
      const where = `${kind} in ${recipient.locale}`;
      const composed = composeNotice(request, {
        ...stack.mail.activities.compose,
        now: Date.now(),
      });
      expectMail(composed, kind, `${where}, composed`);
      expect(composed.html).toMatch(
        recipient.locale === 'ar' ? /<html lang="ar" dir="rtl">/ : /<html lang="\w+" dir="ltr">/,
      );
      if (kind === 'delivery-failure') {
        expect(composed.html).toContain(escaped('failureError'));
        expect(composed.text).toContain(attack('failureError'));
      }

      const result = await new MockActivityEnvironment(undefined, { logger: silent }).run(
        activities.sendNotice,
        request,
      );
      expect(result).toEqual({ delivered: true });
      const parsed = await received(request.messageId);
      expect(typeof parsed.html).toBe('string');
      // The name is a display name only: it cannot change where the mail goes.
      const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
      expect(to, where).toEqual([{ address: recipient.email, name: recipient.name }]);
      expectMail(
        { subject: parsed.subject, text: parsed.text, html: parsed.html as string },
        kind,
        `${where}, received`,
      );
    }
  });

  it('the cancellation the worker sent on the waiver', async () => {
    const cancellations = async () =>
      (await query(WAIVE)).history.flatMap((e) =>
        e.type === 'message' && e.message.kind === 'cancellation' ? [e.message] : [],
      );
    await expect.poll(async () => (await cancellations()).length, { timeout: 30_000 }).toBe(1);
    const sent = await cancellations();
    for (const message of sent) {
      const parsed = await received(message.messageId);
      expectEscaped(parsed.html as string, 'cancellation (html)', [
        'waiveTitle',
        'waiveClause',
        'resolutionTitle',
        'waiveResponsible',
      ]);
      expect(parsed.text).toContain(attack('waiveTitle'));
    }
  });
});

/** RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}
