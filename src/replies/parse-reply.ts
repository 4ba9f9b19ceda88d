/**
 * A message in the mailbox read as a reply to a task mail (mailparser): who
 * sent it, which of our mails it answers, the addresses it went to (where the
 * reply token is), whether a machine wrote it, its files and the new text
 * above the quoted original.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export interface ReplyAttachment {
  name: string;
  /** The type the sender's client declared. */
  contentType: string;
  content: Buffer;
}

export interface ReceivedReply {
  /** The reply's Message-ID; a message without one is named by the hash of its bytes. */
  messageId: string;
  from?: { address: string; name: string };
  subject: string;
  /** `In-Reply-To` first, then `References`, newest first: the mails it answers. */
  answers: string[];
  /** Every address it was sent to (To, Cc, Delivered-To, X-Original-To). */
  recipients: string[];
  /** Why a machine wrote it (RFC 3834 `Auto-Submitted`, an out-of-office, a bounce); undefined: a person did. */
  automatic?: string;
  attachments: ReplyAttachment[];
  /** What the sender wrote above the quoted mail, trimmed. */
  text: string;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((a) => a.value)
    .flatMap((v) => [v.address ?? '', ...(v.group ?? []).map((g) => g.address ?? '')])
    .filter(Boolean);

const headerText = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value)
    return String((value as { value: unknown }).value);
  return String(value);
};

/** Every raw value of a header that may appear more than once (Delivered-To). */
const rawHeaderValues = (mail: ParsedMail, name: string): string[] =>
  mail.headerLines
    .filter((line) => line.key === name)
    .map((line) => line.line.slice(line.line.indexOf(':') + 1).trim());

/** Why a machine wrote the message, by the headers autoresponders and MTAs set. */
function automaticReason(mail: ParsedMail): string | undefined {
  const auto = headerText(mail, 'auto-submitted').trim().toLowerCase();
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder'])
    if (mail.headers.has(name)) return `${name} is set`;
  const precedence = headerText(mail, 'precedence').trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  const returnPath = rawHeaderValues(mail, 'return-path')[0];
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) return 'an empty Return-Path';
  const type = headerText(mail, 'content-type').toLowerCase();
  if (type.startsWith('multipart/report')) return 'a delivery or read report';
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return `sent by ${from}`;
  return undefined;
}

/** The lines a person wrote, before the client's quote of the original. */
export function newText(text: string): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const t = line.trim();
    if (t.startsWith('>')) break;
    // "On … wrote:", "Le … a écrit :", Outlook's separator, a quoted header block.
    if (/(wrote|a écrit|escribió|написал|пишет|写道|كتب)\s*[:：]\s*$/i.test(t)) break;
    if (/^-{2,}\s*(original message|message d'origine|mensaje original)/i.test(t)) break;
    if (/^_{10,}$/.test(t)) break;
    if (/^(from|de|от|发件人|من)\s*[:：]/i.test(t) && kept.some((k) => k.trim() === '')) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

const messageIds = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : [])
    .map((id) => id.trim())
    .filter((id) => /^<[^<>\s]+>$/.test(id));

export async function parseReply(source: Buffer): Promise<ReceivedReply> {
  const mail = await simpleParser(source, { skipImageLinks: true });
  const own = mail.messageId?.trim();
  const messageId =
    own && /^<[^<>\s]{1,990}>$/.test(own)
      ? own
      : `<sha256-${createHash('sha256').update(source).digest('hex').slice(0, 40)}@mailbox>`;
  const references = messageIds(mail.references).reverse();
  const answers = [...new Set([...messageIds(mail.inReplyTo), ...references])];
  const from = mail.from?.value[0];
  const automatic = automaticReason(mail);
  return {
    messageId,
    ...(from?.address ? { from: { address: from.address, name: from.name ?? '' } } : {}),
    subject: mail.subject ?? '',
    answers,
    recipients: [
      ...addresses(mail.to),
      ...addresses(mail.cc),
      ...['delivered-to', 'x-original-to'].flatMap((name) =>
        rawHeaderValues(mail, name).map((v) => v.replace(/^<|>$/g, '')),
      ),
    ],
    ...(automatic ? { automatic } : {}),
    // A picture shown inside the text (a signature's logo) is no deliverable.
    attachments: mail.attachments
      .filter(
        (a) => !(a.contentDisposition === 'inline' && a.cid && a.contentType.startsWith('image/')),
      )
      .map((a) => ({
        name: a.filename ?? 'attachment',
        contentType: a.contentType,
        content: a.content,
      })),
    text: newText(mail.text ?? ''),
  };
}
