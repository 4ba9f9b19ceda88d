/** `mandate registry`: every known catalog in one view (burden, merge candidates, mandates with no end). */
import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { loadCatalog } from '../../catalog/load';
import { KnownCatalogs } from '../../catalog/registry';
import { loadConfig } from '../../config/config';
import { buildRegistry } from '../../registry/registry';
import {
  isRegistryFormat,
  REGISTRY_FORMATS,
  registryCsv,
  registryTable,
  registryXlsx,
} from '../../registry/registry-formats';
import { isCalendarDate } from '../../time/duration';
import { UsageError } from '../errors';

export function registerRegistry(program: Command): void {
  program
    .command('registry')
    .description(
      'every known catalog in one view: the reporting burden per body and month, requests that overlap, mandates with no end',
    )
    .argument(
      '[catalogs...]',
      'catalog files (default: the catalog folder and every resolution `mandate start` started)',
    )
    .option('--from <date>', 'first day of the window (default today)')
    .option('--to <date>', 'last day of the window (default a year after --from, less a day)')
    .option('--span-days <n>', 'due dates this close count as the same time, for overlaps', '30')
    .option('--similarity <share>', 'texts sharing this share of words overlap (0-1)', '0.6')
    .option('--format <format>', REGISTRY_FORMATS.join(', '), 'table')
    .option('--json', 'the same as --format json')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(
      async (
        files: string[],
        options: {
          from?: string;
          to?: string;
          spanDays: string;
          similarity: string;
          format: string;
          json?: boolean;
          output?: string;
        },
      ) => {
        const format = options.json ? 'json' : options.format;
        if (!isRegistryFormat(format))
          throw new UsageError(`--format: ${format} is not one of ${REGISTRY_FORMATS.join(', ')}`);
        const from = options.from ?? DateTime.utc().toISODate()!;
        if (!isCalendarDate(from))
          throw new UsageError(`--from: ${from} is not a date (YYYY-MM-DD)`);
        const to =
          options.to ??
          DateTime.fromISO(from, { zone: 'UTC' }).plus({ years: 1, days: -1 }).toISODate()!;
        if (!isCalendarDate(to)) throw new UsageError(`--to: ${to} is not a date (YYYY-MM-DD)`);
        if (to < from) throw new UsageError(`--to: ${to} is before --from ${from}`);
        const spanDays = Number(options.spanDays);
        if (!Number.isInteger(spanDays) || spanDays < 0)
          throw new UsageError(`--span-days: ${options.spanDays} is not a whole number of days`);
        const similarity = Number(options.similarity);
        if (!(similarity > 0 && similarity <= 1))
          throw new UsageError(
            `--similarity: ${options.similarity} is not a share between 0 and 1`,
          );
        if (format === 'xlsx' && !options.output && process.stdout.isTTY)
          throw new UsageError('--format xlsx is binary: give --output FILE');

        const catalogs =
          files.length > 0
            ? files.map((file) => {
                if (!existsSync(file)) throw new UsageError(`registry: no such file ${file}`);
                return loadCatalog(file);
              })
            : (() => {
                const config = loadConfig();
                const known = new KnownCatalogs(config.dataDir, config.catalogDir, (line) =>
                  process.stderr.write(`${line}\n`),
                );
                return [...known.catalogs.values()];
              })();
        if (catalogs.length === 0)
          throw new UsageError('registry: no catalog (give files, or start a resolution)');
        const registry = buildRegistry(catalogs, { from, to, spanDays, similarity });
        const output =
          format === 'json'
            ? JSON.stringify(registry, null, 2) + '\n'
            : format === 'csv'
              ? registryCsv(registry)
              : format === 'xlsx'
                ? await registryXlsx(registry)
                : registryTable(registry);
        if (options.output) writeFileSync(options.output, output);
        else process.stdout.write(output);
      },
    );
}
