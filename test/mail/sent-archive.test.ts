/**
 * The sent-mail archive: its files (written whole, found by Message-ID), the
 * lookup of a task's mail (only that task's own messages), and the mail
 * activity end to end: what the archive keeps is byte for byte what a real
 * SMTP server on loopback received.
 */
import { historyView } from '../../src/occurrence/projection';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { simpleParser } from 'mailparser';
import { createMailActivities } from '../../activities/mail';
import { archiveFileName, messageIdKey, SentArchive } from '../../src/mail/sent-archive';
import { sentMailByKey, sentMailOf } from '../../src/mail/sent-mail';
import type { HistoryEntry } from '../../src/shared/task-state';
import type { NoticeRequest } from '../../src/shared/workflow-api';
import type { Recipient } from '../../src/shared/types';
import { mailHarness, type MailHarness } from '../support/temporal';

const MESSAGE_ID = '<res-1.task-a.2026-06-15.reminder.1781000000000.fp/zh@mandate-tracker>';

describe('the archive files', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'sent-archive-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps one file per Message-ID, named without the characters of the id', async () => {
    const archive = new SentArchive(join(directory, 'a'));
    await archive.write(MESSAGE_ID, Buffer.from('first\r\n'));
    await archive.write('<other@mandate-tracker>', Buffer.from('other\r\n'));
    const files = readdirSync(join(directory, 'a')).sort();
    expect(files).toEqual(
      [archiveFileName('<other@mandate-tracker>'), archiveFileName(MESSAGE_ID)].sort(),
    );
    for (const file of files) expect(file).toMatch(/^[A-Za-z0-9_-]+\.eml$/);
    expect((await archive.read(MESSAGE_ID))?.toString()).toBe('first\r\n');
    expect(await archive.has(MESSAGE_ID)).toBe(true);
  });

  it('overwrites a message written again (a retry) and leaves no temporary file', async () => {
    const archive = new SentArchive(join(directory, 'b'));
    await archive.write(MESSAGE_ID, Buffer.from('attempt 1\r\n'));
    await archive.write(MESSAGE_ID, Buffer.from('attempt 2\r\n'));
    expect((await archive.read(MESSAGE_ID))?.toString()).toBe('attempt 2\r\n');
    expect(readdirSync(join(directory, 'b'))).toEqual([archiveFileName(MESSAGE_ID)]);
  });

  it('answers undefined for a Message-ID it does not hold, also before its folder exists', async () => {
    const archive = new SentArchive(join(directory, 'never-written'));
    expect(await archive.read(MESSAGE_ID)).toBeUndefined();
    expect(await archive.has(MESSAGE_ID)).toBe(false);
  });

  it('names a Message-ID too long for a file name by its SHA-256', () => {
    const long = `<${'x'.repeat(400)}@mandate-tracker>`;
    expect(archiveFileName(long)).toMatch(/^sha256-[0-9a-f]{64}\.eml$/);
    expect(archiveFileName(long)).not.toBe(archiveFileName(`<${'x'.repeat(401)}@mandate-tracker>`));
  });
});

describe("a task's mail", () => {
  const message = (messageId: string, to: string) => ({
    type: 'message' as const,
    at: 2,
    message: {
      kind: 'reminder' as const,
      to,
      recipient: 'fp',
      at: 1,
      messageId,
      delivered: true,
    },
  });
  const history: HistoryEntry[] = [
    { type: 'started', at: 0, dueDate: '2026-06-15' },
    message(MESSAGE_ID, 'fp@example.org'),
    message('<res-1.task-a.2026-06-15.overdue@mandate-tracker>', 'fp@example.org'),
    {
      type: 'bounced',
      at: 5,
      messageId: MESSAGE_ID,
      to: 'fp@example.org',
      permanent: true,
      status: '5.1.1',
      diagnostic: '550 5.1.1 no such user',
    },
  ];

  it('lists every message with the bounces read for it', () => {
    const mail = sentMailOf({ history: history.map(historyView) });
    expect(mail.map((m) => [m.message.messageId, m.bounces.map((b) => b.status)])).toEqual([
      [MESSAGE_ID, ['5.1.1']],
      ['<res-1.task-a.2026-06-15.overdue@mandate-tracker>', []],
    ]);
    expect(mail[0]!.key).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('finds a mail by its key among its own messages only', () => {
    expect(
      sentMailByKey({ history: history.map(historyView) }, messageIdKey(MESSAGE_ID))?.message
        .messageId,
    ).toBe(MESSAGE_ID);
    // Another task's mail, a path and a raw Message-ID are not this task's mail.
    expect(
      sentMailByKey(
        { history: history.map(historyView) },
        messageIdKey('<res-2.other@mandate-tracker>'),
      ),
    ).toBe(undefined);
    expect(
      sentMailByKey({ history: history.map(historyView) }, '../../etc/passwd'),
    ).toBeUndefined();
    expect(sentMailByKey({ history: history.map(historyView) }, MESSAGE_ID)).toBeUndefined();
  });
});

describe('the mail activity', () => {
  let mail: MailHarness;
  const refused = new Set<string>();
  beforeAll(async () => {
    mail = await mailHarness({
      refuse: ({ to }) =>
        refused.has(to[0] ?? '') ? { code: 550, message: 'mailbox unavailable' } : undefined,
    });
  });
  afterAll(() => mail?.close());

  const recipient: Recipient = {
    key: 'fp-zh',
    name: '联络人',
    email: 'fp-zh@example.org',
    timezone: 'Asia/Shanghai',
    locale: 'zh',
  };
  const request = (messageId: string, to: Recipient = recipient): NoticeRequest => ({
    workflowId: 'res-1/task-a/2026-06-15',
    messageId,
    kind: 'reminder',
    offset: 'P7D',
    at: Date.parse('2026-06-08T01:00:00Z'),
    recipient: to,
    schedule: {
      resolutionId: 'res-1',
      taskId: 'task-a',
      occurrence: '2026-06-15',
      zone: 'Europe/Zurich',
      dueDate: '2026-06-15',
      policy: {
        reminders: ['P7D'],
        sendAt: '09:00',
        overdueEvery: null,
        escalateAfter: null,
        skipWeekends: false,
      },
      assignees: [to],
    },
    info: {
      resolutionTitle: 'Test resolution',
      title: '秘书长的报告',
      clause: 'resolves 1',
      responsible: 'Secretariat',
      deliverables: [{ id: 'report', title: 'Report', kind: 'text', required: true }],
      dependsOn: [],
      tags: [],
    },
    dueAt: Date.parse('2026-06-15T22:00:00Z'),
    missing: [{ id: 'report', title: 'Report', kind: 'text' }],
    sequence: 0,
  });
  const send = (r: NoticeRequest, now: number) =>
    new MockActivityEnvironment().run(
      createMailActivities({ ...mail.activities, now: () => now }).sendNotice,
      r,
    );
  const received = (to: string) => mail.sink.received.filter((m) => m.to.includes(to));

  it('archives exactly the bytes the SMTP server received', async () => {
    expect(await send(request(MESSAGE_ID), Date.parse('2026-06-08T01:00:05Z'))).toEqual({
      delivered: true,
    });
    const [got] = received(recipient.email);
    const archived = await mail.archive.read(MESSAGE_ID);
    expect(archived).toBeDefined();
    expect(archived!.equals(got!.raw)).toBe(true);
    const parsed = await simpleParser(archived!);
    expect(parsed.messageId).toBe(MESSAGE_ID);
    expect(parsed.subject).toContain('秘书长的报告');
    expect(parsed.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);
  });

  it('a second attempt overwrites the archive with the message that went out last', async () => {
    const id = '<res-1.task-a.2026-06-15.retry@mandate-tracker>';
    const to = { ...recipient, email: 'fp-retry@example.org' };
    await send(request(id, to), Date.parse('2026-06-08T01:00:05Z'));
    await send(request(id, to), Date.parse('2026-06-08T01:07:00Z'));
    const attempts = received(to.email);
    expect(attempts).toHaveLength(2);
    // The calendar's DTSTAMP is the attempt's clock: the two messages differ.
    expect(attempts[0]!.raw.equals(attempts[1]!.raw)).toBe(false);
    expect((await mail.archive.read(id))!.equals(attempts[1]!.raw)).toBe(true);
  });

  it('keeps a message the server refused, which the workflow records as refused', async () => {
    const id = '<res-1.task-a.2026-06-15.refused@mandate-tracker>';
    const to = { ...recipient, email: 'gone@example.org' };
    refused.add(to.email);
    const result = await send(request(id, to), Date.parse('2026-06-08T01:00:05Z'));
    expect(result).toMatchObject({ delivered: false, permanent: true });
    const parsed = await simpleParser((await mail.archive.read(id))!);
    expect(parsed.messageId).toBe(id);
  });
});
