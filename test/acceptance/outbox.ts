/**
 * The mail `npm start`'s SMTP sink received, read back from its outbox
 * folder (one .eml file a message) by mailparser, as a mail client would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  file: string;
  kind: string | undefined;
  /** `resolution/task/occurrence`, from the task headers; undefined on mail no task sent. */
  workflowId: string | undefined;
  recipient: string | undefined;
  language: string | undefined;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  text: string;
  html: string;
  /** The calendar part's METHOD, if the mail has one. */
  calendarMethod: string | undefined;
  parsed: ParsedMail;
}

const header = (mail: ParsedMail, name: string): string | undefined => {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : undefined;
};

async function read(file: string): Promise<ReceivedMail | undefined> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(readFileSync(file));
  } catch {
    return undefined; // still being written
  }
  if (!parsed.messageId) return undefined;
  const resolution = header(parsed, 'x-mandate-resolution');
  const task = header(parsed, 'x-mandate-task');
  const occurrence = header(parsed, 'x-mandate-occurrence');
  const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined;
  const references = parsed.references
    ? Array.isArray(parsed.references)
      ? parsed.references
      : [parsed.references]
    : [];
  const calendar = parsed.attachments.find((a) => a.contentType === 'text/calendar');
  const calendarText = calendar?.content.toString('utf8');
  return {
    file,
    kind: header(parsed, 'x-mandate-kind'),
    workflowId:
      resolution && task && occurrence ? `${resolution}/${task}/${occurrence}` : undefined,
    recipient: header(parsed, 'x-mandate-recipient'),
    language: header(parsed, 'content-language'),
    to: to ?? '',
    subject: parsed.subject ?? '',
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    calendarMethod: calendarText ? /^METHOD:(.+)$/m.exec(calendarText)?.[1]?.trim() : undefined,
    parsed,
  };
}

/** Every message in the outbox that parses, in the order the sink received them. */
export async function receivedMail(outbox: string): Promise<ReceivedMail[]> {
  let names: string[];
  try {
    names = readdirSync(outbox).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  // The sink names files by the time it received them, then a counter.
  names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const mails = await Promise.all(names.map((n) => read(join(outbox, n))));
  return mails.filter((m): m is ReceivedMail => m !== undefined);
}

/** Waits until the outbox holds mail that `done` accepts; answers the whole outbox then. */
export async function waitForMail(
  outbox: string,
  what: string,
  done: (mails: ReceivedMail[]) => boolean,
  timeoutMs = 180_000,
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await receivedMail(outbox);
    if (done(mails)) return mails;
    if (Date.now() > deadline)
      throw new Error(
        `no ${what} within ${timeoutMs / 1000} s; the outbox has: ${mails
          .map((m) => `${m.kind ?? '?'} ${m.workflowId ?? ''} to ${m.recipient ?? m.to}`)
          .join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The signed hand-in link in a mail's text. */
export function handInLink(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/hand-in\?\S+/.exec(mail.text);
  if (!match) throw new Error(`${mail.kind} mail to ${mail.to} carries no hand-in link`);
  return match[0];
}
