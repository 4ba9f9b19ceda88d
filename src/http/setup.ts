/** Building the HTTP layer's dependencies from configuration (npm start and `npm run api`). */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { validateCatalogText } from '../catalog/validate';
import { formatProblem } from '../catalog/problems';
import type { Config } from '../config/config';
import { linkSecretFor } from '../config/link-secret';
import { DEFAULT_MEDIA_TYPES, FileSystemDeliverableStore } from '../deliverables/store';
import type { Catalog } from '../shared/types';
import { parseTokens, type StaffToken } from './auth';
import type { HttpDependencies } from './deps';
import { OidcSignIn } from './oidc';

/** Valid catalogs of a folder by resolution id; invalid ones are reported and left out. */
export function loadCatalogFolder(
  directory: string,
  warn: (line: string) => void,
): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>();
  if (!existsSync(directory)) return catalogs;
  for (const name of readdirSync(directory)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = join(directory, name);
    const { catalog, problems } = validateCatalogText(readFileSync(file, 'utf8'));
    if (catalog) catalogs.set(catalog.resolution.id, catalog);
    else for (const p of problems) warn(formatProblem(file, p));
  }
  return catalogs;
}

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
    catalogs: loadCatalogFolder(config.catalogDir, warn),
    maxUploadBytes: config.maxUploadBytes,
    mediaTypes: config.mediaTypes ?? DEFAULT_MEDIA_TYPES,
    now: Date.now,
    secureCookies: config.publicUrl.startsWith('https://'),
    tokenSource: source,
    ...(config.oidc ? { oidc: new OidcSignIn(config.oidc) } : {}),
  };
}
