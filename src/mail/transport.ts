/** The SMTP transport from configuration: pooled, with TLS and auth when configured. */
import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config/config';

export function smtpTransport(smtp: SmtpConfig & { host: string }): Transporter {
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    pool: true,
    maxConnections: 4,
    // A loopback sink speaks plain SMTP; anything else must offer STARTTLS when not `secure`.
    ...(smtp.host === '127.0.0.1' || smtp.host === 'localhost'
      ? { ignoreTLS: true }
      : { requireTLS: !smtp.secure }),
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    socketTimeout: 60_000,
  });
}
