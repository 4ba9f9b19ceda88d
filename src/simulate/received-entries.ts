/** Reads what an SMTP sink received back into the plan's JSON form. */
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import type { ReceivedMail } from '../mail/smtp-sink';
import type { PlanEntry } from '../shared/types';
import type { NoticeKind } from '../shared/task-state';

export interface ReceivedEntry extends Omit<PlanEntry, 'kind'> {
  /** A planned kind, or with `allKinds` any notice kind. */
  kind: NoticeKind;
  atMs: number;
  messageId: string;
}

/** One entry per envelope recipient; `at` from the Date header, with its own UTC offset. */
export async function receivedEntries(
  mails: ReceivedMail[],
  options: { allKinds?: boolean } = {},
): Promise<ReceivedEntry[]> {
  const entries: ReceivedEntry[] = [];
  for (const mail of mails) {
    const parsed = await simpleParser(mail.raw);
    const header = (name: string) => {
      const value = parsed.headers.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    const kind = header('x-mandate-kind');
    const planned = kind === 'reminder' || kind === 'overdue' || kind === 'escalation';
    if (!kind || (!planned && !options.allKinds)) continue;
    const dateHeader = rawHeader(mail.raw, 'Date');
    const date = dateHeader
      ? DateTime.fromRFC2822(dateHeader, { setZone: true })
      : DateTime.invalid('no Date header');
    if (!date.isValid)
      throw new Error(`received a message without a readable Date header: ${dateHeader}`);
    const offset = header('x-mandate-offset');
    for (const to of mail.to) {
      entries.push({
        task: header('x-mandate-task') ?? '',
        occurrence: header('x-mandate-occurrence') ?? '',
        kind: kind as ReceivedEntry['kind'],
        ...(kind === 'reminder' && offset !== undefined ? { offset } : {}),
        to,
        at: date.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ"),
        ...(header('x-mandate-tentative') === 'true' ? { tentative: true as const } : {}),
        atMs: date.toMillis(),
        messageId: parsed.messageId ?? '',
      });
    }
  }
  return entries;
}

/** A header exactly as sent (mailparser turns Date into a Date object and loses its offset). */
function rawHeader(raw: Buffer, name: string): string | undefined {
  const head =
    raw.toString('utf8', 0, Math.min(raw.length, 64 * 1024)).split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(unfolded);
  return match?.[1]?.trim();
}
