/**
 * `mandate backup DIR` and `mandate restore DIR`: the embedded default's
 * state (dev server database, deliverables, link keys, staff tokens,
 * catalogs). A backup may run while `npm start` does; a restore needs the
 * system stopped and an empty data folder. A cluster is backed up with
 * PostgreSQL's own tools instead (README, "Backups").
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT as ROOT } from '../../config/project-root';
import { BackupError, backupDataFolder, restoreDataFolder } from '../../backup/backup';
import { loadConfig } from '../../config/config';
import { UsageError } from '../errors';

function versions(): { mandateTracker: string; temporalCli?: string } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const stamp = join(ROOT, '.tools', 'versions.json');
  const cli = existsSync(stamp)
    ? (JSON.parse(readFileSync(stamp, 'utf8')) as { cli?: string }).cli
    : undefined;
  return { mandateTracker: pkg.version, ...(cli ? { temporalCli: cli } : {}) };
}

const say = (line: string) => process.stderr.write(`${line}\n`);

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description("copy the data folder's state (consistent while npm start runs) into a new folder")
    .argument('<dir>', 'a new or empty folder')
    .option('--json', 'print the manifest as JSON')
    .action(async (dir: string, options: { json?: boolean }) => {
      const config = loadConfig();
      if (config.temporal.address)
        throw new UsageError(
          'TEMPORAL_ADDRESS is set: this Temporal keeps its state elsewhere; back up its database with its own tools',
        );
      try {
        const manifest = await backupDataFolder(config.dataDir, resolve(dir), versions(), say);
        if (options.json) process.stdout.write(`${JSON.stringify(manifest)}\n`);
        else {
          const c = manifest.counts;
          process.stdout.write(
            `backup in ${resolve(dir)}: database ${c.databaseBytes} bytes (workflows ${JSON.stringify(c.workflows)}, open ${JSON.stringify(c.openWorkflows)}), ${c.deliverables} documents (${c.deliverableBytes} bytes), ${c.sentMails ?? 0} archived mails, ${c.catalogs} catalogs, ${manifest.files.length} files with their SHA-256\n`,
          );
        }
      } catch (error) {
        if (error instanceof BackupError) throw new UsageError(error.message);
        throw error;
      }
    });
  program
    .command('restore')
    .description('restore a backup into the (empty) data folder; stop npm start first')
    .argument('<dir>', 'a folder made by mandate backup')
    .option('--json', 'print what was restored as JSON')
    .action((dir: string, options: { json?: boolean }) => {
      const config = loadConfig();
      try {
        const restored = restoreDataFolder(resolve(dir), config.dataDir, say);
        if (options.json) process.stdout.write(`${JSON.stringify(restored)}\n`);
        else {
          const c = restored.counts;
          process.stdout.write(
            `restored the backup of ${restored.manifest.createdAt} into ${config.dataDir}: workflows ${JSON.stringify(c.workflows)} (open ${JSON.stringify(c.openWorkflows)}), ${c.deliverables} documents, ${c.sentMails} archived mails, ${c.catalogs} catalogs; ${c.files} files${restored.checksums ? ', each matching its SHA-256' : ''}; the counts equal the manifest's. Start with npm start\n`,
          );
        }
      } catch (error) {
        if (error instanceof BackupError) throw new UsageError(error.message);
        throw error;
      }
    });
}
