/**
 * The DSN parser on notifications of the shapes real servers send (Postfix,
 * Exim, Microsoft 365, Gmail; a delay; several recipients) and on a mail that
 * is no notification (an automatic reply that quotes our Message-ID).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBounce, type DeliveryReport } from '../../src/bounces/dsn';
import { messageIdFor, workflowIdsOf } from '../../src/shared/message-id';

const ORIGINAL = '<mail-failures.bounce.2027-03-01.reminder.1798000000000.fp-one@mandate-tracker>';
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'dsn', name));

async function report(name: string): Promise<DeliveryReport> {
  const parsed = await parseBounce(fixture(name));
  if (parsed.kind !== 'dsn') throw new Error(`${name}: ${parsed.reason}`);
  return parsed.report;
}

describe('delivery status notifications', () => {
  it('Postfix: the recipient, 5.1.1, the diagnostic unfolded, the id from text/rfc822-headers', async () => {
    expect(await report('postfix.eml')).toEqual({
      reportId: '<20261214080005.4F1A2B3C4D@mail.example.org>',
      originalMessageId: ORIGINAL,
      recipients: [
        {
          recipient: 'fp.one@ministry.example',
          action: 'failed',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <fp.one@ministry.example>: Recipient address rejected: User unknown in virtual mailbox table',
          permanent: true,
        },
      ],
    });
  });

  it('Exim: fields in its own order, the id from the returned message/rfc822', async () => {
    const r = await report('exim.eml');
    expect(r.reportId).toBe('<E1tMxYz-000Abc-2Q@mx.exim.example>');
    expect(r.originalMessageId).toBe(ORIGINAL);
    expect(r.recipients).toEqual([
      {
        recipient: 'fp.one@ministry.example',
        action: 'failed',
        status: '5.0.0',
        diagnostic: '550 5.1.1 <fp.one@ministry.example>: mailbox unavailable',
        permanent: true,
      },
    ]);
  });

  it('Microsoft 365: a three-part status code and the Exchange diagnostic', async () => {
    const r = await report('microsoft-365.eml');
    expect(r.originalMessageId).toBe(ORIGINAL);
    expect(r.recipients).toEqual([
      {
        recipient: 'fp.three@contoso.example',
        action: 'failed',
        status: '5.1.10',
        diagnostic:
          '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
        permanent: true,
      },
    ]);
  });

  it('Gmail: a multi-line 550 diagnostic as one line', async () => {
    const r = await report('gmail.eml');
    expect(r.originalMessageId).toBe(ORIGINAL);
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'fp.four@gmail.example',
      action: 'failed',
      status: '5.1.1',
      permanent: true,
    });
    expect(r.recipients[0]!.diagnostic).toMatch(
      /^550-5\.1\.1 The email account that you tried to reach does not exist\. .* - gsmtp$/,
    );
    expect(r.recipients[0]!.diagnostic).not.toContain('\n');
  });

  it('a delay (Action: delayed, 4.4.1) is transient', async () => {
    expect((await report('delayed.eml')).recipients).toEqual([
      {
        recipient: 'fp.one@ministry.example',
        action: 'delayed',
        status: '4.4.1',
        diagnostic: 'connect to mx.ministry.example[192.0.2.10]:25: Connection timed out',
        permanent: false,
      },
    ]);
  });

  it('several recipients: each with its own action, status and diagnostic', async () => {
    const r = await report('several-recipients.eml');
    expect(r.originalMessageId).toBe(ORIGINAL);
    expect(r.recipients.map((x) => [x.recipient, x.action, x.status, x.permanent])).toEqual([
      ['fp.one@ministry.example', 'failed', '5.1.1', true],
      ['deputy@ministry.example', 'delayed', '4.2.2', false],
    ]);
    expect(r.recipients[1]!.diagnostic).toBe('452 4.2.2 Mailbox full');
  });

  it('without a returned message, the id comes from In-Reply-To', async () => {
    const text = fixture('postfix.eml').toString('utf8');
    const cut = text.slice(0, text.indexOf('Content-Description: Undelivered Message Headers'));
    const withoutReturned = cut
      .replace(/--4F1A2B3C4D[^\r\n]*\r\n$/, '--4F1A2B3C4D.1797235205/mail.example.org--\r\n')
      .replace(
        'Auto-Submitted: auto-replied\r\n',
        `Auto-Submitted: auto-replied\r\nIn-Reply-To: ${ORIGINAL}\r\n`,
      );
    const parsed = await parseBounce(withoutReturned);
    expect(parsed.kind).toBe('dsn');
    if (parsed.kind === 'dsn') expect(parsed.report.originalMessageId).toBe(ORIGINAL);
  });

  it('an automatic reply is no notification, though it quotes our Message-ID', async () => {
    expect(await parseBounce(fixture('not-a-dsn.eml'))).toEqual({
      kind: 'not-a-dsn',
      reason: 'content type text/plain, not multipart/report',
      subject: 'Automatic reply: Reminder: WTISD theme announced for the year',
    });
  });

  it('a report of another type (a read receipt) is no notification', async () => {
    const mdn = fixture('postfix.eml')
      .toString('utf8')
      .replace('report-type=delivery-status', 'report-type=disposition-notification');
    expect(await parseBounce(mdn)).toMatchObject({
      kind: 'not-a-dsn',
      reason: 'a report of type disposition-notification, not delivery-status',
    });
  });
});

describe('from a Message-ID back to its task', () => {
  it('reads the workflow id back from every kind of Message-ID we send', () => {
    const id = 'itu-council-1332/wtisd/2027-05-17';
    for (const key of [
      'reminder.1798000000000.fp-one',
      'delivery-failure.escalation.1.boss',
      'assigned.12.fp',
      'cancellation.fp',
    ])
      expect(workflowIdsOf(messageIdFor(id, key))).toEqual([id]);
  });

  it('a workflow id with dots of its own has each reading, and a foreign id none', () => {
    expect(workflowIdsOf(messageIdFor('r.1/t/o', 'reminder.1.p'))).toEqual([
      'r/1/t.o',
      'r/1.t/o',
      'r.1/t/o',
    ]);
    expect(workflowIdsOf('<20261214080005.4F1A2B3C4D@mail.example.org>')).toEqual([]);
    expect(workflowIdsOf('<a.b.c@mandate-tracker>')).toEqual([]);
  });
});
