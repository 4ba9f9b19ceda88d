/**
 * The project's SMTP sink (src/mail/smtp-sink.ts) in a child process, so that
 * receiving mail does not share the worker's event loop (a real SMTP server
 * is elsewhere too). The parent asks over IPC for what arrived.
 *
 *   { type: 'count' }  -> { type: 'count', count }
 *   { type: 'drain' }  -> { type: 'drain', mails: [{ messageId, kind, receivedAt, to }] } and forgets them
 */
import { startSmtpSink, type ReceivedMail } from '../src/mail/smtp-sink';

export interface SinkMail {
  messageId: string;
  kind: string;
  receivedAt: number;
  to: string[];
}

export type SinkRequest = { type: 'count' } | { type: 'drain' } | { type: 'close' };
export type SinkReply =
  | { type: 'ready'; port: number }
  | { type: 'count'; count: number }
  | { type: 'drain'; mails: SinkMail[] }
  | { type: 'closed' };

/** A header of a raw message, unfolded. */
export function rawHeader(raw: Buffer, name: string): string | undefined {
  const text = raw.toString('utf8', 0, Math.min(raw.length, 16 * 1024));
  const end = text.search(/\r?\n\r?\n/);
  const head = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return match?.[1]?.trim();
}

function summary(mail: ReceivedMail): SinkMail {
  return {
    messageId: rawHeader(mail.raw, 'Message-ID') ?? '',
    kind: rawHeader(mail.raw, 'X-Mandate-Kind') ?? '',
    receivedAt: mail.receivedAt,
    to: mail.to,
  };
}

async function main(): Promise<void> {
  const sink = await startSmtpSink();
  const send = (reply: SinkReply) => process.send?.(reply);
  process.on('message', (request: SinkRequest) => {
    if (request.type === 'count') send({ type: 'count', count: sink.received.length });
    else if (request.type === 'drain') {
      const mails = sink.received.splice(0).map(summary);
      send({ type: 'drain', mails });
    } else if (request.type === 'close') {
      void sink.close().then(() => {
        send({ type: 'closed' });
        process.disconnect?.();
      });
    }
  });
  process.on('disconnect', () => {
    void sink.close().then(() => process.exit(0));
  });
  send({ type: 'ready', port: sink.port });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`sink: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
