/**
 * `mandate link-keys`: the hand-in link keys of the data folder. `rotate`
 * puts a new signing key first and keeps the old ones, so links already
 * mailed keep working until they expire; `drop` removes an old key once its
 * last link has expired. Restart the worker and the HTTP server after a
 * change. Keys given in MANDATE_LINK_SECRET are rotated there instead.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/config';
import { dropLinkKey, linkKeysFor, rotateLinkKeys } from '../../config/link-secret';
import type { LinkKeyRing } from '../../links/signed-link';
import { UsageError } from '../errors';

function show(ring: LinkKeyRing, json: boolean): void {
  const ids = ring.keys.map((k, i) => ({ id: k.id, signs: i === 0 }));
  if (json) process.stdout.write(`${JSON.stringify(ids)}\n`);
  else
    for (const k of ids)
      process.stdout.write(`${k.id}\t${k.signs ? 'signs new links' : 'verifies older links'}\n`);
}

function dataDir(): string {
  const config = loadConfig();
  if (config.linkSecret)
    throw new UsageError(
      'MANDATE_LINK_SECRET is set: the keys live there (id:secret entries, the first signs)',
    );
  return config.dataDir;
}

export function registerLinkKeys(program: Command): void {
  const keys = program
    .command('link-keys')
    .description('the keys that sign hand-in links (never printed)');
  keys
    .command('list')
    .description('key ids, the signing one first')
    .option('--json', 'as JSON')
    .action((options: { json?: boolean }) => show(linkKeysFor(dataDir()), Boolean(options.json)));
  keys
    .command('rotate')
    .description('a new signing key; older keys still verify the links they signed')
    .option('--json', 'as JSON')
    .action((options: { json?: boolean }) =>
      show(rotateLinkKeys(dataDir()), Boolean(options.json)),
    );
  keys
    .command('drop')
    .description('remove an older key (its links stop working)')
    .argument('<id>', 'key id')
    .option('--json', 'as JSON')
    .action((id: string, options: { json?: boolean }) => {
      try {
        show(dropLinkKey(dataDir(), id), Boolean(options.json));
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
}
