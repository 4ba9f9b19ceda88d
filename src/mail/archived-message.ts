/**
 * Reads an archived message (the bytes that went out) for staff: its
 * headers as the recipient's client shows them, its HTML and text parts,
 * and its calendar entry, parsed with mailparser and ical.js.
 */
import ICAL from 'ical.js';
import { simpleParser, type AddressObject } from 'mailparser';

/** The calendar entry a mail carried (its first event). */
export interface CalendarEntry {
  /** The text/calendar part as sent. */
  ics: string;
  method: string;
  summary: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  sequence: number;
  status?: string;
}

/** A mailbox of a header, its display name decoded. */
export interface HeaderMailbox {
  name: string;
  address: string;
}

export interface ArchivedMessage {
  from: HeaderMailbox[];
  to: HeaderMailbox[];
  replyTo: HeaderMailbox[];
  subject: string;
  /** The Date header as written. */
  date: string;
  messageId: string;
  /** Content-Language, e.g. `ar`. */
  language?: string;
  html?: string;
  text?: string;
  calendar?: CalendarEntry;
}

function mailboxes(address: AddressObject | AddressObject[] | undefined): HeaderMailbox[] {
  if (!address) return [];
  return (Array.isArray(address) ? address : [address])
    .flatMap((a) => a.value)
    .map((v) => ({ name: v.name ?? '', address: v.address ?? '' }));
}

/** The header as the message wrote it, unfolded, without its name. */
function headerText(lines: readonly { key: string; line: string }[], key: string): string {
  const line = lines.find((l) => l.key === key)?.line ?? '';
  return line
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/^[^:]*:\s*/, '')
    .trim();
}

/**
 * The first event of a calendar. A part that is not a calendar gives
 * undefined: the page then shows the mail without it, never a failure.
 */
export function readCalendar(ics: string): CalendarEntry | undefined {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch {
    return undefined;
  }
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) return undefined;
  const event = new ICAL.Event(vevent);
  const status = vevent.getFirstPropertyValue('status');
  return {
    ics,
    method: String(calendar.getFirstPropertyValue('method') ?? ''),
    summary: event.summary ?? '',
    start: event.startDate.toJSDate().getTime(),
    end: event.endDate.toJSDate().getTime(),
    sequence: event.sequence ?? 0,
    ...(status ? { status: String(status) } : {}),
  };
}

export async function readArchivedMessage(raw: Buffer): Promise<ArchivedMessage> {
  const parsed = await simpleParser(raw);
  const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  const calendar = part ? readCalendar(part.content.toString('utf8')) : undefined;
  const language = headerText(parsed.headerLines, 'content-language');
  return {
    from: mailboxes(parsed.from),
    to: mailboxes(parsed.to),
    replyTo: mailboxes(parsed.replyTo),
    subject: parsed.subject ?? '',
    date: headerText(parsed.headerLines, 'date'),
    messageId: parsed.messageId ?? '',
    ...(language ? { language } : {}),
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    ...(parsed.text !== undefined ? { text: parsed.text } : {}),
    ...(calendar ? { calendar } : {}),
  };
}
