/** The SMTP transport from configuration: pooled, with TLS and auth when configured. */
import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config/config';

/** Builds every SMTP transport of the project: the worker's, the simulation's and the tests'. */
export function smtpTransport(
  smtp: Pick<SmtpConfig, 'port' | 'secure' | 'user' | 'password'> & { host: string },
  options: { pool?: boolean } = {},
): Transporter {
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    pool: options.pool ?? true,
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
