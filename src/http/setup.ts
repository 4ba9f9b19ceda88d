/** Building the HTTP layer's dependencies from configuration (npm start and `npm run api`). */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { KnownCatalogs } from '../catalog/registry';
import type { Config } from '../config/config';
import { linkKeysFor } from '../config/link-secret';
import { DEFAULT_MEDIA_TYPES } from '../deliverables/store';
import { configuredStore } from '../deliverables/configured-store';
import { ReceivedArchive } from '../replies/received-archive';
import { SentArchive } from '../mail/sent-archive';
import { hashedTokenLine, parseTokens, type StaffToken } from './auth';
import type { HttpDependencies } from './deps';
import { secretariatAddress } from '../client/digest-schedules';
import { OidcSignIn } from './oidc';
import { SessionStore } from './sessions';

/** Staff tokens, and those shown now and never again (made or moved to hashes just now). */
export interface StaffTokens {
  tokens: StaffToken[];
  source: string;
  issued: { role: string; name: string; token: string }[];
}

function writeHashed(file: string, tokens: StaffToken[]): void {
  const text = `# role:name:sha256:<SHA-256 of the token>, one a line; the tokens themselves are not kept\n${tokens.map(hashedTokenLine).join('\n')}\n`;
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/**
 * Staff tokens from MANDATE_API_TOKENS(_FILE); for the embedded default,
 * made once into data/api-tokens (one secretariat and one manager token),
 * which keeps only their SHA-256: the tokens are shown once, at the start
 * that makes them. A file from before keeps tokens in the clear: it is
 * rewritten with hashes, and its tokens shown once more.
 */
export function staffTokens(config: Config): StaffTokens {
  if (config.apiTokens)
    return {
      tokens: parseTokens(config.apiTokens.text, config.apiTokens.source),
      source: config.apiTokens.source,
      issued: [],
    };
  const local = join(config.dataDir, 'api-tokens');
  let issued: StaffTokens['issued'] = [];
  if (!existsSync(local)) {
    mkdirSync(config.dataDir, { recursive: true });
    const make = () => randomBytes(32).toString('base64url');
    issued = [
      { role: 'secretariat', name: 'secretariat', token: make() },
      { role: 'manager', name: 'manager', token: make() },
    ];
    writeHashed(
      local,
      parseTokens(issued.map((t) => `${t.role}:${t.name}:${t.token}`).join('\n'), local),
    );
  }
  const tokens = parseTokens(readFileSync(local, 'utf8'), local);
  const clear = tokens.filter((t) => 'token' in t);
  if (clear.length) {
    writeHashed(local, tokens);
    issued = clear.map((t) => ({ role: t.role, name: t.name, token: 'token' in t ? t.token : '' }));
  }
  return { tokens, source: local, issued };
}

/** Started catalogs (the data folder's registry) and the catalog folder, kept current. */
function knownCatalogs(
  config: Config,
  warn: (line: string) => void,
): Pick<HttpDependencies, 'catalogs' | 'refreshCatalogs' | 'startedCatalogs'> {
  const known = new KnownCatalogs(config.dataDir, config.catalogDir, warn);
  return {
    catalogs: known.catalogs,
    refreshCatalogs: () => known.refresh(),
    startedCatalogs: known.started,
  };
}

export function httpDependencies(
  config: Config,
  client: Client,
  warn: (line: string) => void,
): HttpDependencies & { tokenSource: string; issuedTokens: StaffTokens['issued'] } {
  const { tokens, source, issued } = staffTokens(config);
  return {
    client,
    store: configuredStore(config),
    tokens,
    sentMail: new SentArchive(config.sentMailDir),
    receivedMail: new ReceivedArchive(config.receivedMailDir),
    linkSecret: linkKeysFor(config.dataDir, config.linkSecret),
    ...knownCatalogs(config, warn),
    publicResolutions: new Set(config.publicResolutions),
    dataDir: config.dataDir,
    taskQueue: config.temporal.taskQueue,
    digestSecretariat: secretariatAddress(config),
    maxUploadBytes: config.maxUploadBytes,
    mediaTypes: config.mediaTypes ?? DEFAULT_MEDIA_TYPES,
    now: Date.now,
    secureCookies: config.publicUrl.startsWith('https://'),
    tokenSource: source,
    issuedTokens: issued,
    tokenSessions: new SessionStore(config.sessionHours * 3_600_000),
    ...(config.oidc ? { oidc: new OidcSignIn(config.oidc) } : {}),
  };
}
