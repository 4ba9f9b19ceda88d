/**
 * The bounce mailbox over IMAP (imapflow): each unseen message is handed to
 * a handler, and only once the handler has said what became of it is the
 * message flagged, so a read cut short reads it again (at least once; the
 * handler's effects are idempotent).
 */
import { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config/config';

/** What became of one message, and so how it is flagged. */
export type Disposition =
  /** Recorded on its task: marked \Seen. */
  | 'recorded'
  /** A notification for mail no task of ours sent: left unseen for a person, keyword $MandateUnmatched. */
  | 'unmatched'
  /** Not a notification: left unseen in place, keyword $MandateIgnored. */
  | 'ignored'
  /** A reply that handed nothing in: kept unseen for staff, keyword $MandateUnusable. */
  | 'unusable'
  /** Could not be recorded now (Temporal unreachable): left as it was, read again next time. */
  | 'retry';

export const KEYWORDS = {
  unmatched: '$MandateUnmatched',
  ignored: '$MandateIgnored',
  unusable: '$MandateUnusable',
} as const;

export interface MailboxMessage {
  uid: number;
  source: Buffer;
}

/** Messages handed over in one read at most; the rest wait for the next. */
const BATCH = 200;

/**
 * Reads the unseen messages not already set aside, hands each to `handle`
 * in order and flags it by the answer. Rejects when the server cannot be
 * reached or refuses the login (the caller retries); a handler that throws
 * stops the read, its message unflagged.
 */
export async function readBounceMailbox(
  config: ImapConfig,
  handle: (message: MailboxMessage) => Promise<Disposition>,
): Promise<{ read: number; dispositions: Disposition[] }> {
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.tls,
    auth: { user: config.user, pass: config.password },
    logger: false,
    connectionTimeout: 30_000,
  });
  await client.connect();
  const dispositions: Disposition[] = [];
  try {
    const lock = await client.getMailboxLock(config.mailbox);
    try {
      const waiting: number[] = [];
      for await (const message of client.fetch({ seen: false }, { uid: true, flags: true })) {
        const flags = message.flags ?? new Set<string>();
        if (!Object.values(KEYWORDS).some((k) => flags.has(k))) waiting.push(message.uid);
      }
      for (const uid of waiting.slice(0, BATCH)) {
        const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!fetched || !fetched.source) continue;
        const disposition = await handle({ uid, source: fetched.source });
        dispositions.push(disposition);
        if (disposition === 'recorded')
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        else if (disposition !== 'retry')
          await client.messageFlagsAdd(String(uid), [KEYWORDS[disposition]], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { read: dispositions.length, dispositions };
}
