/** `mandate report` (a resolution's status per clause) and `mandate outbox` (mail the local sink kept). */
import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../catalog/load';
import { startedCatalog } from '../../catalog/registry';
import { reportData } from '../../client/report-data';
import { buildReport, ReportPeriodError } from '../../report/report-context';
import { isReportFormat, renderReport, REPORT_FORMATS } from '../../report/render-report';
import { LOCALES, type Locale } from '../../shared/types';
import { simpleParser } from 'mailparser';
import { receivedEntries } from '../../simulate/received-entries';
import { loadConfig } from '../../config/config';
import { cliClient } from '../client';
import { UsageError } from '../errors';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      "a resolution's status per clause and its implementation rates, ready for a Council document",
    )
    .argument('<catalog>', 'catalog YAML file, or the id of a resolution `mandate start` started')
    .option('--format <format>', REPORT_FORMATS.join(', '), 'md')
    .option('--locale <locale>', `language of the report (${LOCALES.join(', ')})`, 'en')
    .option('--from <date>', 'first day of the period the rates cover (default 1 January)')
    .option('--to <date>', 'last day of the period (default today)')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(
      async (
        file: string,
        options: { format: string; locale: string; from?: string; to?: string; output?: string },
      ) => {
        if (!isReportFormat(options.format))
          throw new UsageError(
            `--format: ${options.format} is not one of ${REPORT_FORMATS.join(', ')}`,
          );
        if (!(LOCALES as readonly string[]).includes(options.locale))
          throw new UsageError(`--locale: ${options.locale} is not one of ${LOCALES.join(', ')}`);
        const binary = options.format === 'docx' || options.format === 'xlsx';
        if (binary && !options.output && process.stdout.isTTY)
          throw new UsageError(`--format ${options.format} is binary: give --output FILE`);
        const catalog = existsSync(file)
          ? loadCatalog(file)
          : startedCatalog(loadConfig().dataDir, file);
        if (!catalog)
          throw new UsageError(
            `${file}: no such catalog file, and no started resolution of that id (mandate start records each one)`,
          );
        const { client } = await cliClient();
        let data;
        try {
          data = await reportData(client, catalog, Date.now());
        } finally {
          await client.connection.close();
        }
        let context;
        try {
          context = buildReport(catalog, data.listings, {
            views: data.views,
            now: Date.now(),
            locale: options.locale as Locale,
            ...(options.from ? { from: options.from } : {}),
            ...(options.to ? { to: options.to } : {}),
          });
        } catch (error) {
          if (error instanceof ReportPeriodError) throw new UsageError(error.message);
          throw error;
        }
        const report = await renderReport(context, options.format);
        if (options.output) {
          writeFileSync(options.output, report.body);
          process.stderr.write(`wrote ${options.output}\n`);
        } else process.stdout.write(report.body);
      },
    );

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
      const mails = [];
      for (const f of files) {
        const raw = readFileSync(join(directory, f));
        mails.push({ to: await headerRecipients(raw), from: '', raw, receivedAt: 0 });
      }
      const entries = await receivedEntries(mails, { allKinds: true });
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

/**
 * The To and Cc addresses of a kept message, read by mailparser (folded and
 * encoded headers included): the .eml files keep no envelope.
 */
async function headerRecipients(raw: Buffer): Promise<string[]> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true });
  const lists = [parsed.to, parsed.cc].flatMap((field) =>
    field === undefined ? [] : Array.isArray(field) ? field : [field],
  );
  return lists.flatMap((list) => list.value.flatMap((a) => (a.address ? [a.address] : [])));
}
