/**
 * A real SMTP server on loopback that keeps what it receives: for `npm start`
 * (each message an .eml file under data/), for `simulate` and for tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  from: string;
  raw: Buffer;
  receivedAt: number;
}

export interface SmtpSinkOptions {
  host?: string;
  port?: number;
  /** Folder for .eml files; none when omitted. */
  directory?: string;
  /**
   * Decides the reply to each message: return an SMTP code and text to refuse
   * it (e.g. 451 or 550), or undefined to accept. For fault tests.
   */
  refuse?: (mail: ReceivedMail) => { code: number; message: string } | undefined;
}

export interface SmtpSink {
  host: string;
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  if (options.directory) mkdirSync(options.directory, { recursive: true });
  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 60 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const refusal = options.refuse?.({
          to,
          from,
          raw: Buffer.concat(chunks),
          receivedAt: Date.now(),
        });
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        const mail = { to, from, raw: Buffer.concat(chunks), receivedAt: Date.now() };
        received.push(mail);
        if (options.directory) {
          const name = `${new Date(mail.receivedAt).toISOString().replace(/[:.]/g, '-')}-${received.length}.eml`;
          writeFileSync(join(options.directory, name), mail.raw);
        }
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  // A client that drops mid-message (a killed worker) is the client's problem, not the sink's.
  server.on('error', (error) => process.stderr.write(`smtp sink: ${error.message}\n`));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
