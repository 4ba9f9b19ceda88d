/** `mandate report` (a resolution's status per clause) and `mandate outbox` (mail the local sink kept). */
import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../catalog/load';
import { listTasks } from '../../client/listing';
import { reportRows, renderReport, type ReportFormat } from '../../report/council-report';
import { receivedEntries } from '../../simulate/received-entries';
import { loadConfig } from '../../config/config';
import { cliClient } from '../client';
import { UsageError } from '../errors';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("a resolution's status as a table per clause, ready for a Council document")
    .argument('<catalog>', 'catalog YAML file')
    .option('--format <format>', 'md, csv or html', 'md')
    .action(async (file: string, options: { format: string }) => {
      if (!['md', 'csv', 'html'].includes(options.format))
        throw new UsageError(`--format: ${options.format} is not md, csv or html`);
      const catalog = loadCatalog(file);
      const { client } = await cliClient();
      try {
        const listings = await listTasks(client, { resolution: catalog.resolution.id });
        process.stdout.write(
          renderReport(
            catalog,
            reportRows(catalog, listings),
            options.format as ReportFormat,
            Date.now(),
          ),
        );
      } finally {
        await client.connection.close();
      }
    });

  program
    .command('outbox')
    .description('list the mail that the local SMTP sink of `npm start` kept')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const directory = join(loadConfig().dataDir, 'outbox');
      const files = existsSync(directory)
        ? readdirSync(directory)
            .filter((f) => f.endsWith('.eml'))
            .sort()
        : [];
      const entries = await receivedEntries(
        files.map((f) => {
          const raw = readFileSync(join(directory, f));
          const to = /^To:.*<([^>]+)>/im.exec(raw.toString('utf8', 0, 8192))?.[1] ?? '';
          return { to: [to], from: '', raw, receivedAt: 0 };
        }),
        { allKinds: true },
      );
      if (options.json) {
        process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
        return;
      }
      process.stdout.write(`${entries.length} message(s) in ${directory}\n`);
      for (const e of entries)
        process.stdout.write(
          `  ${e.at}  ${e.kind.padEnd(10)} ${e.task} (${e.occurrence}) -> ${e.to}\n`,
        );
    });
}
