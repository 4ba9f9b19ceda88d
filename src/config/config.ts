/**
 * Configuration, read once at the edge (worker, `npm start`, CLI) from the
 * environment and validated; secrets may come from `*_FILE` paths. Nothing
 * deeper in the code reads process.env.
 */
import { LOCALES, type Locale } from '../shared/types';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { TASK_QUEUE } from '../shared/workflow-api';

export interface TemporalConfig {
  /** host:port of an existing Temporal service; undefined means the embedded dev server. */
  address?: string;
  namespace: string;
  taskQueue: string;
  tls?: { serverName?: string; caPath?: string; certPath?: string; keyPath?: string };
  apiKey?: string;
}

export interface SmtpConfig {
  /** undefined: the embedded SMTP sink of `npm start`. */
  host?: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

/** The bounce mailbox, read over IMAP for delivery status notifications. */
export interface ImapConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 993); false: plain, upgraded by STARTTLS when offered. */
  tls: boolean;
  user: string;
  password: string;
  /** The folder the bounces arrive in. */
  mailbox: string;
  /** Minutes between two reads. */
  everyMinutes: number;
}

export interface Config {
  dataDir: string;
  /** A staff session (token sign-in or identity provider) ends this long after sign-in. */
  sessionHours: number;
  /** The sent-mail archive: each message as it went out (shared storage on a cluster). */
  sentMailDir: string;
  /** Replies read from the mailbox, each with what became of it (shared storage on a cluster). */
  receivedMailDir: string;
  temporal: TemporalConfig;
  devServer: { ip: string; port: number; uiPort: number; sqlite: SqliteStorage };
  smtp: SmtpConfig;
  /** undefined: no bounce mailbox is read (SMTP refusals are still recorded). */
  imap?: ImapConfig;
  sinkPort: number;
  mailFrom: string;
  /** The secretariat's contact (`Name <address>`): organizer of calendar entries; default the sender. */
  mailContact?: string;
  /**
   * The address replies hand in through (`hand-in@replies.example.org`): task
   * mail to an assignee says Reply-To `hand-in+<token>@…`, and the mailbox
   * reader takes replies to it as submissions. undefined: replies go to the contact.
   */
  replyAddress?: string;
  /** The language the secretariat reads its weekly digest in (`MANDATE_SECRETARIAT_LOCALE`, default en). */
  secretariatLocale: Locale;
  publicUrl: string;
  httpPort: number;
  /** undefined: `npm start` makes one and keeps it in the data folder. */
  linkSecret?: string;
  logLevel: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Staff tokens as `role:name:token` lines; undefined: made once in the data folder. */
  apiTokens?: { text: string; source: string };
  /** Catalogs the API and dashboard know (titles, reports). */
  catalogDir: string;
  /** Resolutions whose read-only public page is published (MANDATE_PUBLIC_RESOLUTIONS); none by default. */
  publicResolutions: string[];
  maxUploadBytes: number;
  /** undefined: the store's default allow-list. */
  mediaTypes?: string[];
  /** Staff sign-in through an OpenID Connect provider; undefined: token sign-in. */
  oidc?: OidcConfig;
  /** Who CLI changes are recorded as unless `--by` says: MANDATE_OPERATOR, else the OS user. */
  operator: string;
}

/** An OpenID Connect provider for staff sign-in (authorization code with PKCE). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** undefined: a public client (PKCE only). */
  clientSecret?: string;
  /** Where the provider sends the browser back; registered with the provider. */
  redirectUrl: string;
  scopes: string;
  /** The claim holding the person's groups or roles (a string or a list). */
  roleClaim: string;
  secretariatGroup: string;
  managerGroup: string;
  /** A staff session ends this long after sign-in. */
  sessionHours: number;
}

/**
 * How the dev server's SQLite file commits (`MANDATE_DEV_SQLITE`): `wal`
 * (write-ahead log, synchronous=NORMAL: a power cut or OS crash can lose the
 * last transactions, never the file), `wal-full` (write-ahead log, an fsync
 * every commit) or `rollback` (SQLite's defaults: rollback journal,
 * synchronous=FULL, two fsyncs a commit).
 */
export const SQLITE_STORAGE = ['wal', 'wal-full', 'rollback'] as const;
export type SqliteStorage = (typeof SQLITE_STORAGE)[number];

function sqliteStorage(raw: string | undefined): SqliteStorage {
  if (raw === undefined || raw === '') return 'wal';
  if ((SQLITE_STORAGE as readonly string[]).includes(raw)) return raw as SqliteStorage;
  throw new ConfigError(
    `MANDATE_DEV_SQLITE: ${JSON.stringify(raw)} is not one of ${SQLITE_STORAGE.join(', ')}`,
  );
}

/** One of the six languages, from `name`; default English. */
function localeOf(env: NodeJS.ProcessEnv, name: string): Locale {
  const value = env[name]?.trim();
  if (!value) return 'en';
  if (!(LOCALES as readonly string[]).includes(value))
    throw new ConfigError(`${name}: ${JSON.stringify(value)} is not one of ${LOCALES.join(', ')}`);
  return value as Locale;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function secret(env: Env, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`${name}_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
  }
  return env[name] || undefined;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name}: ${JSON.stringify(raw)} is not a port number (0-65535)`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name}: ${JSON.stringify(raw)} is not true or false`);
}

/** The bounce mailbox settings, when MANDATE_IMAP_HOST is set. */
function imapConfig(env: Env): ImapConfig | undefined {
  const host = env.MANDATE_IMAP_HOST;
  if (!host) return undefined;
  const tls = flag(env, 'MANDATE_IMAP_TLS', true);
  const user = env.MANDATE_IMAP_USER;
  if (!user) throw new ConfigError('MANDATE_IMAP_USER: needed with MANDATE_IMAP_HOST');
  const password = secret(env, 'MANDATE_IMAP_PASSWORD');
  if (!password)
    throw new ConfigError(
      'MANDATE_IMAP_PASSWORD (or MANDATE_IMAP_PASSWORD_FILE): needed with MANDATE_IMAP_HOST',
    );
  const every = env.MANDATE_IMAP_EVERY_MINUTES ? Number(env.MANDATE_IMAP_EVERY_MINUTES) : 5;
  if (!Number.isFinite(every) || every < 1 || every > 24 * 60) {
    throw new ConfigError(
      `MANDATE_IMAP_EVERY_MINUTES: ${env.MANDATE_IMAP_EVERY_MINUTES} is not a number of minutes between 1 and 1440`,
    );
  }
  return {
    host,
    port: port(env, 'MANDATE_IMAP_PORT', tls ? 993 : 143),
    tls,
    user,
    password,
    mailbox: env.MANDATE_IMAP_MAILBOX || 'INBOX',
    everyMinutes: every,
  };
}

/** The hand-in reply address (MANDATE_REPLY_ADDRESS): a plain address, read through the IMAP mailbox. */
function replyAddressOf(env: Env, imap: ImapConfig | undefined): string | undefined {
  const raw = env.MANDATE_REPLY_ADDRESS?.trim();
  if (!raw) return undefined;
  if (!/^[A-Za-z0-9._-]{1,30}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(raw))
    throw new ConfigError(
      `MANDATE_REPLY_ADDRESS: ${JSON.stringify(raw)} is not a plain address such as hand-in@replies.example.org (no name, no +, a local part of at most 30 characters)`,
    );
  if (!imap)
    throw new ConfigError(
      'MANDATE_REPLY_ADDRESS: needs the mailbox it arrives in (set MANDATE_IMAP_HOST and the other MANDATE_IMAP_ settings)',
    );
  return raw;
}

/** MANDATE_PUBLIC_RESOLUTIONS: resolution ids, comma-separated, whose public page is published. */
function publicResolutionsOf(env: Env): string[] {
  const ids = (env.MANDATE_PUBLIC_RESOLUTIONS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of ids)
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
      throw new ConfigError(
        `MANDATE_PUBLIC_RESOLUTIONS: ${JSON.stringify(id)} is not a resolution id ([a-z0-9][a-z0-9-]*)`,
      );
  return ids;
}

/** How long a staff session lasts after sign-in (token or identity provider), in hours. */
function sessionHours(env: Env): number {
  const hours = env.MANDATE_SESSION_HOURS ? Number(env.MANDATE_SESSION_HOURS) : 8;
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
    throw new ConfigError(
      `MANDATE_SESSION_HOURS: ${env.MANDATE_SESSION_HOURS} is not a number of hours between 0 and 720`,
    );
  }
  return hours;
}

/** The OpenID Connect settings, when MANDATE_OIDC_ISSUER is set. */
function oidcConfig(env: Env, publicUrl: string): OidcConfig | undefined {
  const issuer = env.MANDATE_OIDC_ISSUER;
  if (!issuer) return undefined;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`MANDATE_OIDC_ISSUER: ${JSON.stringify(issuer)} is not a URL`);
  }
  // Plain HTTP only to a provider on this machine (tests, a local Keycloak).
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `MANDATE_OIDC_ISSUER: ${issuer} must use https (plain http only on localhost)`,
    );
  }
  const clientId = env.MANDATE_OIDC_CLIENT_ID;
  if (!clientId) throw new ConfigError('MANDATE_OIDC_CLIENT_ID: needed with MANDATE_OIDC_ISSUER');
  const clientSecret = secret(env, 'MANDATE_OIDC_CLIENT_SECRET');
  const hours = sessionHours(env);
  return {
    issuer,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    redirectUrl: env.MANDATE_OIDC_REDIRECT_URL || `${publicUrl.replace(/\/$/, '')}/auth/callback`,
    scopes: env.MANDATE_OIDC_SCOPES || 'openid profile email',
    roleClaim: env.MANDATE_OIDC_ROLE_CLAIM || 'groups',
    secretariatGroup: env.MANDATE_OIDC_SECRETARIAT_GROUP || 'secretariat',
    managerGroup: env.MANDATE_OIDC_MANAGER_GROUP || 'manager',
    sessionHours: hours,
  };
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const dataDir = resolve(cwd, env.MANDATE_DATA_DIR ?? 'data');
  const devPort = port(env, 'MANDATE_TEMPORAL_PORT', 7233);
  const httpPort = port(env, 'MANDATE_HTTP_PORT', 8080);
  const level = (env.MANDATE_LOG_LEVEL ?? 'INFO').toUpperCase();
  if (!['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].includes(level)) {
    throw new ConfigError(
      `MANDATE_LOG_LEVEL: ${level} is not one of TRACE, DEBUG, INFO, WARN, ERROR`,
    );
  }
  const tlsEnabled =
    flag(env, 'TEMPORAL_TLS', false) || Boolean(env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_CA);
  const apiKey = secret(env, 'TEMPORAL_API_KEY');
  const user = env.SMTP_USER || undefined;
  const password = secret(env, 'SMTP_PASSWORD');
  const linkSecret = secret(env, 'MANDATE_LINK_SECRET');
  const tokensText = secret(env, 'MANDATE_API_TOKENS');
  const maxUpload = env.MANDATE_MAX_UPLOAD_BYTES
    ? Number(env.MANDATE_MAX_UPLOAD_BYTES)
    : 50 * 1024 * 1024;
  if (!Number.isInteger(maxUpload) || maxUpload <= 0) {
    throw new ConfigError(
      `MANDATE_MAX_UPLOAD_BYTES: ${env.MANDATE_MAX_UPLOAD_BYTES} is not a positive whole number`,
    );
  }
  const publicUrl = env.MANDATE_PUBLIC_URL || `http://localhost:${httpPort}`;
  const oidc = oidcConfig(env, publicUrl);
  const staffSessionHours = sessionHours(env);
  const imap = imapConfig(env);
  const replyAddress = replyAddressOf(env, imap);
  return {
    dataDir,
    sessionHours: staffSessionHours,
    sentMailDir: join(dataDir, 'sent-mail'),
    receivedMailDir: join(dataDir, 'received-mail'),
    temporal: {
      ...(env.TEMPORAL_ADDRESS ? { address: env.TEMPORAL_ADDRESS } : {}),
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE || TASK_QUEUE,
      ...(tlsEnabled
        ? {
            tls: {
              ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverName: env.TEMPORAL_TLS_SERVER_NAME } : {}),
              ...(env.TEMPORAL_TLS_CA ? { caPath: env.TEMPORAL_TLS_CA } : {}),
              ...(env.TEMPORAL_TLS_CERT ? { certPath: env.TEMPORAL_TLS_CERT } : {}),
              ...(env.TEMPORAL_TLS_KEY ? { keyPath: env.TEMPORAL_TLS_KEY } : {}),
            },
          }
        : {}),
      ...(apiKey ? { apiKey } : {}),
    },
    devServer: {
      ip: env.MANDATE_TEMPORAL_IP || '127.0.0.1',
      port: devPort,
      uiPort: port(env, 'MANDATE_UI_PORT', devPort + 1000),
      sqlite: sqliteStorage(env.MANDATE_DEV_SQLITE),
    },
    smtp: {
      ...(env.SMTP_HOST ? { host: env.SMTP_HOST } : {}),
      port: port(env, 'SMTP_PORT', 587),
      secure: flag(env, 'SMTP_SECURE', false),
      ...(user ? { user } : {}),
      ...(password ? { password } : {}),
    },
    ...(imap ? { imap } : {}),
    sinkPort: port(env, 'MANDATE_SMTP_SINK_PORT', 2525),
    mailFrom: env.MAIL_FROM || 'Mandate tracker <mandates@localhost>',
    ...(env.MAIL_CONTACT ? { mailContact: env.MAIL_CONTACT } : {}),
    ...(replyAddress ? { replyAddress } : {}),
    secretariatLocale: localeOf(env, 'MANDATE_SECRETARIAT_LOCALE'),
    publicUrl,
    httpPort,
    ...(linkSecret ? { linkSecret } : {}),
    logLevel: level as Config['logLevel'],
    ...(tokensText
      ? {
          apiTokens: {
            text: tokensText.replace(/,/g, '\n'),
            source: env.MANDATE_API_TOKENS_FILE ?? 'MANDATE_API_TOKENS',
          },
        }
      : {}),
    catalogDir: resolve(cwd, env.MANDATE_CATALOG_DIR ?? 'catalogs'),
    publicResolutions: publicResolutionsOf(env),
    maxUploadBytes: maxUpload,
    ...(env.MANDATE_MEDIA_TYPES
      ? {
          mediaTypes: env.MANDATE_MEDIA_TYPES.split(',')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        }
      : {}),
    ...(oidc ? { oidc } : {}),
    operator: env.MANDATE_OPERATOR?.trim() || osUserName(env),
  };
}

/** The signed-in OS user; a container may have no passwd entry for its uid. */
function osUserName(env: Env): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER || env.USERNAME || 'operator';
  }
}
