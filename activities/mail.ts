/**
 * The mail activity: composes a notice, builds the whole message once, keeps
 * it in the sent-mail archive and hands exactly those bytes to SMTP. Transient
 * failures (4xx replies, refused connections) throw, so Temporal retries them
 * with backoff; permanent rejections (5xx, a bad address) come back as a
 * result that the workflow records, and are never retried.
 */
import { createHash } from 'node:crypto';
import { log } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { withWholeNames } from '../src/mail/address-header';
import { composeNotice, type ComposedMail, type ComposeOptions } from '../src/mail/compose';
import type { SentArchive } from '../src/mail/sent-archive';
import type { NoticeRequest, NoticeResult } from '../src/shared/workflow-api';

export interface MailDependencies {
  transport: Transporter;
  compose: Omit<ComposeOptions, 'now'>;
  /** Clock for the mail's own timestamps; the workflow's planned instant goes in the Date header. */
  now?: () => number;
  /** Where each message is kept as sent; none for simulations and benchmarks. */
  archive?: SentArchive;
}

/** An SMTP failure that a retry may cure. */
export class TransientMailError extends Error {
  override name = 'TransientMailError';
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

export function isPermanentSmtpFailure(error: SmtpError): boolean {
  return (
    typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600
  );
}

/**
 * The message as it goes out (RFC 5322 bytes) and its SMTP envelope, built by
 * nodemailer's own composer. The multipart boundaries come from the
 * Message-ID, so a retry builds the same structure.
 */
export async function buildMessage(
  mail: ComposedMail,
): Promise<{ raw: Buffer; envelope: { from: string; to: string[] } }> {
  // The composer reads `baseBoundary` from the mail options; nodemailer's types leave it out.
  const options: Mail.Options & { baseBoundary: string } = {
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references ? { references: mail.references } : {}),
    date: mail.date,
    headers: mail.headers,
    ...(mail.icalEvent ? { icalEvent: mail.icalEvent } : {}),
    baseBoundary: createHash('sha256').update(mail.messageId).digest('hex').slice(0, 16),
  };
  const node = withWholeNames(new MailComposer(options).compile());
  const envelope = node.getEnvelope();
  // The composer ends some body lines with a bare LF, which SMTP would send as CRLF: the
  // message is built with CRLF throughout (RFC 5322), so the archive holds what goes out.
  const built = (await node.build()).toString('latin1');
  const raw = Buffer.from(built.replace(/\r?\n/g, '\r\n'), 'latin1');
  return { raw, envelope: { from: envelope.from || '', to: envelope.to } };
}

export function createMailActivities(deps: MailDependencies) {
  const now = deps.now ?? Date.now;
  return {
    /** Sends one notice. Idempotent in effect: the Message-ID is the workflow's, so a resend is the same message. */
    async sendNotice(request: NoticeRequest): Promise<NoticeResult> {
      const mail = composeNotice(request, { ...deps.compose, now: now() });
      const { raw, envelope } = await buildMessage(mail);
      // Kept before it is sent: a message that went out is always in the archive.
      await deps.archive?.write(mail.messageId, raw);
      try {
        await deps.transport.sendMail({ envelope, raw });
        log.info('notice sent', {
          messageId: mail.messageId,
          kind: request.kind,
          to: request.recipient.email,
        });
        return { delivered: true };
      } catch (raw) {
        const error = raw as SmtpError;
        if (isPermanentSmtpFailure(error)) {
          log.warn('notice rejected permanently', {
            messageId: mail.messageId,
            to: request.recipient.email,
            response: error.response,
          });
          return { delivered: false, permanent: true, error: error.response ?? error.message };
        }
        throw new TransientMailError(
          `SMTP ${error.responseCode ?? error.code ?? 'error'}: ${error.response ?? error.message}`,
        );
      }
    },
  };
}
