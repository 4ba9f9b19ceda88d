/**
 * Handing in by replying to the mail, through the whole stack: task
 * workflows on the time-skipping test server send reminders through the real
 * mail activity to a real SMTP server; replies composed from them by
 * nodemailer as a mail client would (quoting the original, In-Reply-To,
 * attachments) are put in a real Dovecot mailbox; the mailbox reader reads
 * them over IMAP, hands in what it can as the assignee, answers each sender
 * at most once and never an automatic reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { Document, Packer, Paragraph } from 'docx';
import { ImapFlow } from 'imapflow';
import { DateTime } from 'luxon';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { KEYWORDS } from '../../src/bounces/mailbox';
import { taskActions } from '../../src/client/task-actions';
import { validateCatalogText } from '../../src/catalog/validate';
import type { ImapConfig } from '../../src/config/config';
import { DEFAULT_MEDIA_TYPES, FileSystemDeliverableStore } from '../../src/deliverables/store';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import { ReceivedArchive } from '../../src/replies/received-archive';
import {
  bounceTotalsQuery,
  occurrenceWorkflowId,
  statusQuery,
} from '../../src/shared/workflow-api';
import { addDays } from '../../src/time/duration';
import { wallTimeToInstant } from '../../src/time/wall-clock';
import { createMandateWorker } from '../../src/worker/create-worker';
import type { bounceMailboxWorkflow } from '../../workflows/bounce-mailbox';
import type { taskOccurrenceWorkflow } from '../../workflows/task-occurrence';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startHttpServer } from '../../src/http/server';
import type { HttpDependencies } from '../../src/http/deps';
import { launchChromium } from '../support/chromium';
import { staffSession } from '../support/staff-sign-in';
import {
  mailHarness,
  TEST_LINK_SECRET,
  timeSkippingEnv,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const ZONE = 'Europe/Zurich';
const QUEUE = 'reply-hand-in-tests';
const REPLY_ADDRESS = 'hand-in@replies.example.org';
const MAX_BYTES = 100_000;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let dovecot: Dovecot;
let imap: ImapConfig;
let worker: Worker;
let running: Promise<void>;
let storeDir: string;
let archive: ReceivedArchive;

beforeAll(async () => {
  dovecot = await startDovecot();
  [env, mail] = await Promise.all([timeSkippingEnv(), mailHarness()]);
  imap = {
    host: dovecot.host,
    port: dovecot.port,
    tls: false,
    user: dovecot.user,
    password: dovecot.password,
    mailbox: 'INBOX',
    everyMinutes: 5,
  };
  storeDir = mkdtempSync(join(tmpdir(), 'mandate-replies-'));
  archive = new ReceivedArchive(join(storeDir, 'received'));
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: QUEUE,
    activities: {
      ...mail.activities,
      compose: { ...mail.activities.compose, replyAddress: REPLY_ADDRESS },
      bounces: {
        imap,
        client: env.client,
        replies: {
          replyAddress: REPLY_ADDRESS,
          linkSecret: TEST_LINK_SECRET,
          store: new FileSystemDeliverableStore(join(storeDir, 'deliverables'), {
            maxBytes: MAX_BYTES,
            mediaTypes: DEFAULT_MEDIA_TYPES,
          }),
          archive,
        },
      },
    },
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
  await mail?.close();
  await dovecot?.close();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

const CATALOG = (due: string) => `
version: 1
resolution:
  id: replies
  title: Hand-in by reply
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
  fp: { name: Amélie Dubois, email: fp@ministry.example, timezone: Europe/Paris, locale: fr }
  fp2: { name: Former Point, email: former@ministry.example, timezone: Europe/London, locale: en }
  boss: { name: Boss, email: boss@example.org, locale: en }
defaults:
  reminders: [P14D]
  sendAt: "09:00"
  skipWeekends: true
tasks:
  - id: annual
    clause: "resolves 1"
    title: Annual contribution
    responsible: Secretariat
    assignees: [fp]
    manager: boss
    due: ${due}
    deliverables:
      - { id: report, title: National report, kind: document }
      - { id: annex, title: Statistics annex, kind: document }
  - id: moved
    clause: "resolves 2"
    title: Moved task
    responsible: Secretariat
    assignees: [fp2]
    due: ${due}
    deliverables:
      - { id: input, title: Input, kind: document }
  - id: checks
    clause: "resolves 3"
    title: Checked contribution
    responsible: Secretariat
    assignees: [fp]
    due: ${due}
    deliverables:
      - { id: paper, title: Paper, kind: document }
`;

async function dueDate(): Promise<string> {
  let date = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
    .startOf('day')
    .plus({ days: 20 });
  while (date.weekday !== 1) date = date.plus({ days: 1 });
  return date.toISODate()!;
}

async function advanceTo(target: number): Promise<void> {
  for (let now = await env.currentTimeMs(); now < target; now = await env.currentTimeMs())
    await env.sleep(Math.min(7 * 24 * HOUR, target - now));
}

async function received(): Promise<ParsedMail[]> {
  return Promise.all(mail.sink.received.map((m) => simpleParser(m.raw)));
}

/** The reminder a person got for a task, parsed. */
async function reminderFor(address: string, title: string): Promise<ParsedMail> {
  const found = (await received()).find(
    (m) =>
      m.headers.get('x-mandate-kind') === 'reminder' &&
      m.to &&
      !Array.isArray(m.to) &&
      m.to.value[0]?.address === address &&
      m.subject?.includes(title),
  );
  if (!found) throw new Error(`no reminder to ${address} for ${title}`);
  return found;
}

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
let catalogText = '';

const replyToOf = (m: ParsedMail) => m.replyTo!.value[0]!.address!;

/** A reply as a mail client writes one: Re: subject, the original quoted, threaded, files attached. */
async function replyTo(
  original: ParsedMail,
  options: {
    from: string;
    to?: string;
    text?: string;
    attachments?: Mail.Attachment[];
    headers?: Record<string, string>;
    messageId: string;
  },
): Promise<Buffer> {
  const quoted = (original.text ?? '')
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const references = [
    ...(Array.isArray(original.references)
      ? original.references
      : original.references
        ? [original.references]
        : []),
    original.messageId!,
  ];
  return new MailComposer({
    from: options.from,
    to: options.to ?? replyToOf(original),
    subject: `Re: ${original.subject}`,
    inReplyTo: original.messageId!,
    references,
    messageId: options.messageId,
    text: `${options.text ?? 'Please find our contribution attached.'}\n\nLe lundi, Mandate tracker a écrit :\n${quoted}`,
    ...(options.attachments ? { attachments: options.attachments } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })
    .compile()
    .build();
}

async function withImap<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

async function deliver(...messages: Buffer[]): Promise<void> {
  await withImap(async (client) => {
    for (const m of messages) await client.append('INBOX', m);
  });
}

/** Every message's Message-ID and flags. */
function mailboxFlags(): Promise<Record<string, string[]>> {
  return withImap(async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const out: Record<string, string[]> = {};
      for await (const m of client.fetch('1:*', { envelope: true, flags: true }))
        out[m.envelope?.messageId ?? ''] = [...(m.flags ?? [])]
          .filter((f) => f !== '\\Recent')
          .sort();
      return out;
    } finally {
      lock.release();
    }
  });
}

const answersTo = async (messageId: string) =>
  (await received()).filter((m) => m.inReplyTo === messageId);

describe('handing in by replying to the mail', () => {
  const ids = {
    good: '<reply-good@ministry.example>',
    forged: '<reply-forged@ministry.example>',
    former: '<reply-former@ministry.example>',
    away: '<reply-away@ministry.example>',
    large: '<reply-large@ministry.example>',
    mislabelled: '<reply-mislabelled@ministry.example>',
  };
  const handles: Record<string, WorkflowHandle<typeof taskOccurrenceWorkflow>> = {};
  let reader: WorkflowHandle<typeof bounceMailboxWorkflow>;
  let docx: Buffer;

  it('sends reminders whose Reply-To is a signed hand-in address, the contact and the calendar feed in the body', async () => {
    const due = await dueDate();
    catalogText = CATALOG(due);
    const { catalog, problems } = validateCatalogText(catalogText);
    if (!catalog) throw new Error(JSON.stringify(problems));
    for (const task of catalog.tasks) {
      const tmpl = taskTemplate(catalog, task);
      handles[task.id] = await env.client.workflow.start<typeof taskOccurrenceWorkflow>(
        'taskOccurrenceWorkflow',
        {
          taskQueue: QUEUE,
          workflowId: occurrenceWorkflowId('replies', task.id, due),
          args: [{ schedule: scheduleFor(tmpl, due), info: tmpl.info, searchAttributes: false }],
        },
      );
    }
    await advanceTo(wallTimeToInstant(addDays(due, -14), '09:00', 'Europe/London') + HOUR);
    await expect
      .poll(async () => (await received()).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(3);
    const reminder = await reminderFor('fp@ministry.example', 'Annual contribution');
    expect(replyToOf(reminder)).toMatch(/^hand-in\+0\.[0-9a-f]{24}@replies\.example\.org$/);
    // Within RFC 5321's 64 octets.
    expect(replyToOf(reminder).split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(reminder.text).toContain(
      'Vous pouvez aussi répondre à ce message en joignant le document',
    );
    expect(reminder.text).toContain('Des questions\u202f? Contactez Boss <boss@example.org>');
    expect(reminder.text).toMatch(
      /Toutes vos échéances dans votre agenda \(abonnement\)\u202f: http:\/\/localhost:8080\/calendar\/fp\/feed\.ics\?kid=0&sig=/,
    );
    // Each person and task has its own address.
    const other = await reminderFor('fp@ministry.example', 'Checked contribution');
    expect(replyToOf(other)).not.toBe(replyToOf(reminder));
  });

  it('takes a reply with a PDF and a DOCX as the assignee’s hand-in, and answers it with a threaded receipt', async () => {
    docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Annexe statistique')] }] }),
    );
    const reminder = await reminderFor('fp@ministry.example', 'Annual contribution');
    const moved = await reminderFor('former@ministry.example', 'Moved task');
    const checks = await reminderFor('fp@ministry.example', 'Checked contribution');
    // The moved task goes to another person before its old assignee replies.
    await taskActions.reassign(env.client, handles.moved!.workflowId, {
      by: 'secretariat',
      assignees: [
        {
          key: 'fp',
          name: 'Amélie Dubois',
          email: 'fp@ministry.example',
          timezone: 'Europe/Paris',
          locale: 'fr',
        },
      ],
    });
    const forgedTo = replyToOf(checks).replace(/\.[0-9a-f]{24}@/, '.0123456789abcdef01234567@');
    await deliver(
      await replyTo(reminder, {
        from: 'Amélie Dubois <fp@ministry.example>',
        messageId: ids.good,
        // The annex first: matched by title, not by order.
        attachments: [
          {
            filename: 'statistics-annex.docx',
            content: docx,
            contentType: 'application/octet-stream',
          },
          { filename: 'national-report.pdf', content: PDF, contentType: 'application/pdf' },
        ],
      }),
      await replyTo(checks, {
        from: 'fp@ministry.example',
        to: forgedTo,
        messageId: ids.forged,
        attachments: [{ filename: 'paper.pdf', content: PDF }],
      }),
      await replyTo(moved, {
        from: 'former@ministry.example',
        messageId: ids.former,
        attachments: [{ filename: 'input.pdf', content: PDF }],
      }),
      await replyTo(checks, {
        from: 'fp@ministry.example',
        messageId: ids.away,
        text: 'Je suis absente du bureau jusqu’au 5 janvier.',
        headers: { 'Auto-Submitted': 'auto-replied' },
        attachments: [{ filename: 'paper.pdf', content: PDF }],
      }),
      await replyTo(checks, {
        from: 'fp@ministry.example',
        messageId: ids.large,
        attachments: [
          { filename: 'paper.pdf', content: Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 32)]) },
        ],
      }),
      await replyTo(checks, {
        from: 'fp@ministry.example',
        messageId: ids.mislabelled,
        // A zip (the DOCX) under a PDF's name and type.
        attachments: [{ filename: 'paper.pdf', content: docx, contentType: 'application/pdf' }],
      }),
    );

    reader = await env.client.workflow.start<typeof bounceMailboxWorkflow>(
      'bounceMailboxWorkflow',
      { taskQueue: QUEUE, workflowId: 'replies/mailbox-reader', args: [{ every: 5 * MINUTE }] },
    );
    await expect
      .poll(async () => (await reader.query(bounceTotalsQuery)).read, { timeout: 30_000 })
      .toBe(6);
    expect(await reader.query(bounceTotalsQuery)).toEqual({
      read: 6,
      notifications: 0,
      recorded: 0,
      unmatched: 0,
      ignored: 0,
      replies: 6,
      handedIn: 1,
      unusable: 5,
      answered: 5,
    });

    const view = await handles.annual!.query(statusQuery);
    expect(
      view.deliverables.map((d) => ({
        id: d.id,
        status: d.status,
        by: d.submittedBy,
        mail: d.submittedByMail,
        name: d.latest?.kind === 'document' ? d.latest.name : undefined,
      })),
    ).toEqual([
      {
        id: 'report',
        status: 'submitted',
        by: 'fp',
        mail: { messageId: ids.good },
        name: 'national-report.pdf',
      },
      {
        id: 'annex',
        status: 'submitted',
        by: 'fp',
        mail: { messageId: ids.good },
        name: 'statistics-annex.docx',
      },
    ]);
    const submitted = view.history.filter((h) => h.type === 'submitted');
    expect(submitted).toHaveLength(2);
    expect(submitted.every((h) => h.type === 'submitted' && h.mail?.messageId === ids.good)).toBe(
      true,
    );

    const [receipt, ...more] = await answersTo(ids.good);
    expect(more).toEqual([]);
    expect(receipt!.to).toMatchObject({ value: [{ address: 'fp@ministry.example' }] });
    expect(receipt!.subject).toBe(`Re: ${reminder.subject}`);
    expect(receipt!.references).toContain(reminder.messageId);
    expect(receipt!.headers.get('auto-submitted')).toBe('auto-replied');
    expect(receipt!.text).toContain(
      'Merci\u202f: votre réponse a été enregistrée pour la tâche «\u00a0Annual contribution\u00a0».',
    );
    expect(receipt!.text).toContain('  - National report: national-report.pdf');
    expect(receipt!.text).toContain('  - Statistics annex: statistics-annex.docx');
    expect(receipt!.text).toContain('Plus rien ne manque');
  });

  it('changes no task for a forged token, a former assignee, an out-of-office, an oversized or a mislabelled file, and answers each person once', async () => {
    for (const key of ['moved', 'checks'] as const) {
      const view = await handles[key]!.query(statusQuery);
      expect(view.history.filter((h) => h.type === 'submitted')).toEqual([]);
      expect(view.deliverables.every((d) => d.status === 'missing')).toBe(true);
    }
    const reasons = Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([k, id]) => [k, (await archive.get(id))?.reason ?? 'taken']),
      ),
    );
    expect(reasons).toEqual({
      good: 'taken',
      forged: 'forged',
      former: 'former-assignee',
      away: 'automatic',
      large: 'too-large',
      mislabelled: 'wrong-type',
    });
    // One answer to each unusable reply, none to the automatic one.
    expect((await answersTo(ids.away)).length).toBe(0);
    const [forged] = await answersTo(ids.forged);
    expect(forged!.text).toContain('L’adresse utilisée n’a pas été émise pour la tâche');
    expect(forged!.text).not.toContain('/hand-in?');
    const [former] = await answersTo(ids.former);
    expect(former!.to).toMatchObject({ value: [{ address: 'former@ministry.example' }] });
    expect(former!.text).toContain('The task “Moved task” is no longer assigned to you.');
    expect(former!.text).not.toContain('/hand-in?');
    const [large] = await answersTo(ids.large);
    expect(large!.text).toContain('paper.pdf: dépasse la taille maximale');
    expect(large!.text).toContain(
      'Remettez-la plutôt par ce lien\u202f: http://localhost:8080/hand-in?',
    );
    const [mislabelled] = await answersTo(ids.mislabelled);
    expect(mislabelled!.text).toContain(
      'paper.pdf: n’est pas un document d’un type accepté (declared application/pdf, but the content is',
    );
    for (const id of [ids.forged, ids.former, ids.large, ids.mislabelled])
      expect((await answersTo(id)).length).toBe(1);

    // Taken: seen. Unusable: kept unseen and marked for staff.
    const flags = await mailboxFlags();
    expect(flags[ids.good]).toEqual(['\\Seen']);
    for (const id of [ids.forged, ids.former, ids.away, ids.large, ids.mislabelled])
      expect(flags[id]).toEqual([KEYWORDS.unusable]);
  });

  it('records nothing twice and answers no one twice when the same messages are read again', async () => {
    // As after a crash between recording and flagging: every message unflagged.
    await withImap(async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsRemove('1:*', ['\\Seen', KEYWORDS.unusable]);
      } finally {
        lock.release();
      }
    });
    const before = mail.sink.received.length;
    await env.sleep(5 * MINUTE + 1000);
    await expect
      .poll(async () => (await reader.query(bounceTotalsQuery)).read, { timeout: 30_000 })
      .toBe(12);
    expect(await reader.query(bounceTotalsQuery)).toMatchObject({ handedIn: 2, answered: 5 });
    const view = await handles.annual!.query(statusQuery);
    expect(view.history.filter((h) => h.type === 'submitted')).toHaveLength(2);
    expect(mail.sink.received.length).toBe(before);
  });

  it('shows staff every reply on its task page, and each message as it came', async () => {
    const { catalog } = validateCatalogText(catalogText);
    const deps: HttpDependencies = {
      client: env.client,
      store: new FileSystemDeliverableStore(join(storeDir, 'deliverables')),
      tokens: [{ role: 'secretariat', name: 'sec', token: 's'.repeat(24) }],
      linkSecret: TEST_LINK_SECRET,
      catalogs: new Map([['replies', catalog!]]),
      maxUploadBytes: MAX_BYTES,
      now: Date.now,
      secureCookies: false,
      taskQueue: QUEUE,
      dataDir: storeDir,
      receivedMail: archive,
    };
    const server = await startHttpServer(deps, 0);
    try {
      const cookie = await staffSession(server.url, 's'.repeat(24));
      const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });
      const annual = await (await get(`/tasks/${handles.annual!.workflowId}`)).text();
      expect(annual).toContain('Replies by mail (1)');
      expect(annual).toContain('National report: national-report.pdf');
      expect(annual).toContain('by replying to a mail, &lt;reply-good@ministry.example&gt;');
      const checks = await (await get(`/tasks/${handles.checks!.workflowId}`)).text();
      expect(checks).toContain('Replies by mail (4)');
      expect(checks).toContain('a file larger than the limit');
      expect(checks).toContain('written by a machine (out of office, auto-reply)');

      const key = Buffer.from(ids.mislabelled).toString('base64url');
      const message = await get(`/received-mail/${key}.eml`);
      expect(message.status).toBe(200);
      expect(message.headers.get('content-type')).toBe('message/rfc822');
      const parsed = await simpleParser(Buffer.from(await message.arrayBuffer()));
      expect(parsed.messageId).toBe(ids.mislabelled);
      expect((await get('/received-mail/bm9uZQ.eml')).status).toBe(404);
      // Signed out: sent to sign in, the message not given.
      const anonymous = await fetch(`${server.url}/received-mail/${key}.eml`, {
        redirect: 'manual',
      });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get('location')).toMatch(/^\/login/);

      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
        const [name, value] = cookie.split('; ')[0]!.split('=');
        const csrf = cookie.split('; ')[1]!.split('=');
        const host = new URL(server.url).hostname;
        await context.addCookies([
          { name: name!, value: value!, domain: host, path: '/' },
          { name: csrf[0]!, value: csrf[1]!, domain: host, path: '/' },
        ]);
        const page = await context.newPage();
        await page.goto(`${server.url}/tasks/${handles.checks!.workflowId}#replies`);
        await page
          .locator('section[aria-labelledby="replies"]')
          .screenshot({ path: join(SCREENSHOTS, 'task-replies.png') });
      } finally {
        await browser.close();
      }
    } finally {
      await server.close();
    }
  });
});
