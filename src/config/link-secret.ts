/**
 * The hand-in link keys: from configuration, or made once and kept in the
 * data folder (`link-secret`, one `id:secret` a line, the first signs new
 * links; a bare line from before key ids is key "0"). Rotating puts a new key
 * first and keeps the old ones, so links already mailed keep working until
 * they expire; a key is dropped by hand once its last link has expired.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEGACY_KEY_ID, type LinkKey, type LinkKeyRing } from '../links/signed-link';

export const LINK_SECRET_FILE = 'link-secret';

/** Parses key lines (or comma-separated entries); throws naming the bad entry. */
export function parseLinkKeys(text: string, source: string): LinkKeyRing {
  const keys: LinkKey[] = [];
  text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((line, index) => {
      const match = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(line);
      const key = match
        ? { id: match[1]!, secret: match[2]! }
        : { id: LEGACY_KEY_ID, secret: line };
      if (key.secret.length < 16)
        throw new Error(`${source}: entry ${index + 1}: a link secret needs 16+ characters`);
      if (keys.some((k) => k.id === key.id))
        throw new Error(`${source}: entry ${index + 1}: key id ${key.id} appears twice`);
      keys.push(key);
    });
  const [first, ...rest] = keys;
  if (!first) throw new Error(`${source}: no link secret`);
  return { keys: [first, ...rest] };
}

function newKey(existing: LinkKey[]): LinkKey {
  let n = existing.length + 1;
  while (existing.some((k) => k.id === `k${n}`)) n += 1;
  return { id: `k${n}`, secret: randomBytes(32).toString('base64url') };
}

function write(file: string, ring: LinkKeyRing): void {
  const text = [
    '# hand-in link keys, id:secret; the first signs new links, all verify',
    ...ring.keys.map((k) => `${k.id}:${k.secret}`),
    '',
  ].join('\n');
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function linkKeysFor(dataDir: string, configured?: string): LinkKeyRing {
  if (configured) return parseLinkKeys(configured, 'MANDATE_LINK_SECRET');
  const file = join(dataDir, LINK_SECRET_FILE);
  if (existsSync(file)) return parseLinkKeys(readFileSync(file, 'utf8'), file);
  mkdirSync(dataDir, { recursive: true });
  const ring: LinkKeyRing = { keys: [newKey([])] };
  write(file, ring);
  return ring;
}

/**
 * The keys a preview signs with: the configured or the data folder's (so its
 * links open on the running system), else a key for this run alone, and
 * nothing written: a preview leaves the data folder as it found it.
 */
export function previewLinkKeys(
  dataDir: string,
  configured?: string,
): { ring: LinkKeyRing; source: 'configured' | 'data folder' | 'one-off' } {
  if (configured)
    return { ring: parseLinkKeys(configured, 'MANDATE_LINK_SECRET'), source: 'configured' };
  const file = join(dataDir, LINK_SECRET_FILE);
  if (existsSync(file))
    return { ring: parseLinkKeys(readFileSync(file, 'utf8'), file), source: 'data folder' };
  return { ring: { keys: [newKey([])] }, source: 'one-off' };
}

/** Puts a new signing key first in the data folder's ring; returns the new ring. */
export function rotateLinkKeys(dataDir: string): LinkKeyRing {
  const ring = linkKeysFor(dataDir);
  const rotated: LinkKeyRing = { keys: [newKey(ring.keys), ...ring.keys] };
  write(join(dataDir, LINK_SECRET_FILE), rotated);
  return rotated;
}

/** Removes a key that no longer signs (never the signing one). */
export function dropLinkKey(dataDir: string, id: string): LinkKeyRing {
  const ring = linkKeysFor(dataDir);
  if (ring.keys[0].id === id)
    throw new Error(`key ${id} signs new links; rotate first, then drop it`);
  const rest = ring.keys.filter((k) => k.id !== id);
  if (rest.length === ring.keys.length) throw new Error(`no link key ${id}`);
  const dropped: LinkKeyRing = { keys: [ring.keys[0], ...rest.slice(1)] };
  write(join(dataDir, LINK_SECRET_FILE), dropped);
  return dropped;
}
