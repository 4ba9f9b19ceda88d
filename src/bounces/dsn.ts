/**
 * Delivery status notifications (RFC 3464) as the bounce mailbox receives
 * them: a multipart/report with report-type=delivery-status, whose
 * message/delivery-status part names each recipient's outcome, and whose
 * returned message (message/rfc822 or text/rfc822-headers) carries the
 * Message-ID of the mail that bounced. Anything else is not a DSN.
 */
import { simpleParser, type ParsedMail } from 'mailparser';

/** One recipient's failure as the notification states it. */
export interface DsnRecipient {
  /** The Final-Recipient address, lower case. */
  recipient: string;
  action: 'failed' | 'delayed';
  /** The RFC 3463 status code, e.g. 5.1.1. */
  status?: string;
  /** The remote server's Diagnostic-Code text (without its type), or what stands in for it. */
  diagnostic: string;
  /** Action `failed`: the address will not take mail; `delayed` is still being retried. */
  permanent: boolean;
}

export interface DeliveryReport {
  /** The notification's own Message-ID: with a recipient, it names one record. */
  reportId: string;
  /** The Message-ID of the mail that bounced; undefined when the notification does not say. */
  originalMessageId?: string;
  /** Failed and delayed recipients; delivered, relayed and expanded ones are left out. */
  recipients: DsnRecipient[];
}

export type ParsedBounce =
  { kind: 'dsn'; report: DeliveryReport } | { kind: 'not-a-dsn'; reason: string; subject?: string };

/** Reads one raw message from the bounce mailbox. */
export async function parseBounce(raw: Buffer | string): Promise<ParsedBounce> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: true });
  const subject = mail.subject;
  const type = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() !== 'multipart/report')
    return notADsn(`content type ${type?.value ?? 'text/plain'}, not multipart/report`, subject);
  const reportType = type.params?.['report-type']?.toLowerCase();
  if (reportType !== 'delivery-status')
    return notADsn(`a report of type ${reportType ?? '(none)'}, not delivery-status`, subject);
  const statusPart = mail.attachments.find(
    (a) => a.contentType.toLowerCase() === 'message/delivery-status',
  );
  if (!statusPart) return notADsn('no message/delivery-status part', subject);

  const [perMessage = new Map<string, string>(), ...perRecipient] = fieldGroups(
    statusPart.content.toString('utf8'),
  );
  const recipients = perRecipient.flatMap((fields) => {
    const recipient = recipientOf(fields);
    const action = fields.get('action')?.toLowerCase();
    if (!recipient || (action !== 'failed' && action !== 'delayed')) return [];
    const status = fields.get('status')?.match(/^\d\.\d{1,3}\.\d{1,3}/)?.[0];
    const diagnostic =
      typedValue(fields.get('diagnostic-code')) ||
      (status ? `status ${status}` : `action ${action}`);
    return [
      {
        recipient,
        action,
        ...(status ? { status } : {}),
        diagnostic,
        permanent: action === 'failed',
      } satisfies DsnRecipient,
    ];
  });
  const originalMessageId =
    (await returnedMessageId(mail)) ??
    angleId(perMessage.get('x-original-message-id')) ??
    angleId(mail.inReplyTo) ??
    angleId(lastOf(mail.references));
  return {
    kind: 'dsn',
    report: {
      reportId: mail.messageId ?? `<${statusPart.checksum}@dsn>`,
      ...(originalMessageId ? { originalMessageId } : {}),
      recipients,
    },
  };
}

function notADsn(reason: string, subject: string | undefined): ParsedBounce {
  return { kind: 'not-a-dsn', reason, ...(subject ? { subject } : {}) };
}

/** The Message-ID of the returned message or its headers. */
async function returnedMessageId(mail: ParsedMail): Promise<string | undefined> {
  const returned = mail.attachments.find((a) =>
    ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'].includes(
      a.contentType.toLowerCase(),
    ),
  );
  if (!returned) return undefined;
  const inner = await simpleParser(returned.content, { skipHtmlToText: true });
  return angleId(inner.messageId);
}

/**
 * The field groups of a message/delivery-status body (RFC 3464 section 2.1):
 * blank-line separated, header syntax with folding; names lower case.
 */
function fieldGroups(body: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  let last: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '') {
      current = undefined;
      last = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && current && last) {
      current.set(last, `${current.get(last)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (!current) {
      current = new Map();
      groups.push(current);
    }
    last = line.slice(0, colon).trim().toLowerCase();
    current.set(last, line.slice(colon + 1).trim());
  }
  return groups;
}

/** `rfc822; someone@example.org` (Final-Recipient, else Original-Recipient) as an address. */
function recipientOf(fields: Map<string, string>): string | undefined {
  const value = typedValue(fields.get('final-recipient') ?? fields.get('original-recipient'));
  const address = value?.replace(/^<|>$/g, '').trim().toLowerCase();
  return address || undefined;
}

/** The text after an RFC 3464 type (`smtp; 550 ...` gives `550 ...`), whitespace collapsed. */
function typedValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const semicolon = value.indexOf(';');
  const text = (semicolon >= 0 ? value.slice(semicolon + 1) : value).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function angleId(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const id = first?.trim().match(/<[^<>\s]+>/)?.[0];
  return id ?? undefined;
}

function lastOf(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value[value.length - 1];
  return value?.trim().split(/\s+/).pop();
}
