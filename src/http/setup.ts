/** Building the HTTP layer's dependencies from configuration (npm start and `npm run api`). */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { KnownCatalogs } from '../catalog/registry';
import type { Config } from '../config/config';
import { linkSecretFor } from '../config/link-secret';
import { DEFAULT_MEDIA_TYPES, FileSystemDeliverableStore } from '../deliverables/store';
import { parseTokens, type StaffToken } from './auth';
import type { HttpDependencies } from './deps';
import { OidcSignIn } from './oidc';

/**
 * Staff tokens from MANDATE_API_TOKENS(_FILE); for the embedded default,
 * made once into data/api-tokens (one secretariat and one manager token).
 */
export function staffTokens(config: Config): { tokens: StaffToken[]; source: string } {
  if (config.apiTokens)
    return {
      tokens: parseTokens(config.apiTokens.text, config.apiTokens.source),
      source: config.apiTokens.source,
    };
  const local = join(config.dataDir, 'api-tokens');
  if (!existsSync(local)) {
    mkdirSync(config.dataDir, { recursive: true });
    const make = () => randomBytes(24).toString('base64url');
    writeFileSync(
      local,
      `# role:name:token, one a line\nsecretariat:secretariat:${make()}\nmanager:manager:${make()}\n`,
      { mode: 0o600 },
    );
  }
  return { tokens: parseTokens(readFileSync(local, 'utf8'), local), source: local };
}

/** Started catalogs (the data folder's registry) and the catalog folder, kept current. */
function knownCatalogs(
  config: Config,
  warn: (line: string) => void,
): Pick<HttpDependencies, 'catalogs' | 'refreshCatalogs'> {
  const known = new KnownCatalogs(config.dataDir, config.catalogDir, warn);
  return { catalogs: known.catalogs, refreshCatalogs: () => known.refresh() };
}

export function httpDependencies(
  config: Config,
  client: Client,
  warn: (line: string) => void,
): HttpDependencies & { tokenSource: string } {
  const { tokens, source } = staffTokens(config);
  return {
    client,
    store: new FileSystemDeliverableStore(join(config.dataDir, 'deliverables'), {
      maxBytes: config.maxUploadBytes,
      mediaTypes: config.mediaTypes ?? DEFAULT_MEDIA_TYPES,
    }),
    tokens,
    linkSecret: linkSecretFor(config.dataDir, config.linkSecret),
    ...knownCatalogs(config, warn),
    maxUploadBytes: config.maxUploadBytes,
    mediaTypes: config.mediaTypes ?? DEFAULT_MEDIA_TYPES,
    now: Date.now,
    secureCookies: config.publicUrl.startsWith('https://'),
    tokenSource: source,
    ...(config.oidc ? { oidc: new OidcSignIn(config.oidc) } : {}),
  };
}
