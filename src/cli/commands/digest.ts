/**
 * `mandate digest --install`: the weekly digest's schedules for every
 * recorded catalog (or the files named); `mandate digest --preview PERSON`:
 * when that person's next digest goes and what it would say now, sent to nobody.
 */
import type { Command } from 'commander';
import { readCatalogFile } from '../../catalog/load';
import { loadCatalogFolder, registryDirectory } from '../../catalog/registry';
import {
  digestRecipients,
  installDigestSchedules,
  secretariatAddress,
  type DigestRecipient,
} from '../../client/digest-schedules';
import type { Config } from '../../config/config';
import { digestContent } from '../../digest/digest-content';
import { visibleTaskViews } from '../../digest/task-views';
import { composeDigest } from '../../mail/compose-digest';
import { DIGEST_HOUR, isEmptyDigest, SECRETARIAT_KEY } from '../../shared/digest';
import type { Catalog } from '../../shared/types';
import { nextDigestInstant, weekStartOf } from '../../time/digest-day';
import { dateInZone, formatInstant } from '../../time/wall-clock';
import { WEEKEND_ONLY } from '../../time/working-days';
import { cliClient } from '../client';
import { UsageError } from '../errors';

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description(
      `the weekly digest: install its schedules, or preview one (managers and the secretariat, key "${SECRETARIAT_KEY}")`,
    )
    .argument(
      '[catalogs...]',
      'with --install: catalog files (default: every catalog `mandate start` recorded)',
    )
    .option('--install', 'create or update the digest schedules; delete those nobody needs')
    .option('--preview <person>', 'print the next digest of this people key, without sending it')
    .option(
      '--resolution <id>',
      'with --preview: the resolution, when the person has digests in several',
    )
    .option('--json', 'print JSON')
    .action(
      async (
        files: string[],
        options: { install?: boolean; preview?: string; resolution?: string; json?: boolean },
      ) => {
        if (Boolean(options.install) === (options.preview !== undefined))
          throw new UsageError('digest: give one of --install or --preview PERSON');
        const { client, config } = await cliClient();
        try {
          const catalogs = files.length
            ? files.map((file) => readCatalogFile(file).catalog)
            : [
                ...loadCatalogFolder(registryDirectory(config.dataDir), (line) =>
                  process.stderr.write(`${line}\n`),
                ).values(),
              ];
          if (options.install) {
            const reports = [];
            for (const catalog of catalogs)
              reports.push({
                resolution: catalog.resolution.id,
                ...(await installDigestSchedules(client, catalog, {
                  secretariat: secretariatAddress(config),
                  taskQueue: config.temporal.taskQueue,
                })),
              });
            if (options.json) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
            else
              for (const r of reports)
                process.stdout.write(
                  `${r.resolution}: ${r.created.length} created, ${r.updated.length} updated, ${r.deleted.length} deleted\n` +
                    [
                      ...r.created.map((id) => `  created  ${id}`),
                      ...r.updated.map((id) => `  updated  ${id}`),
                      ...r.deleted.map((id) => `  deleted  ${id}`),
                    ]
                      .map((line) => `${line}\n`)
                      .join(''),
                );
            return;
          }
          const { catalog, entry } = findRecipient(
            catalogs,
            options.preview!,
            options.resolution,
            config,
          );
          const calendar = entry.recipient.workingDays ?? WEEKEND_ONLY;
          const time = `${String(DIGEST_HOUR).padStart(2, '0')}:00`;
          const at = nextDigestInstant(Date.now(), entry.recipient.timezone, calendar, time);
          if (at === undefined)
            throw new UsageError(`${options.preview}: no digest day within a year`);
          const views = await visibleTaskViews(client)(catalog.resolution.id);
          const content = digestContent(
            views,
            { role: entry.role, personKey: entry.recipient.key },
            at,
          );
          const input = {
            resolutionId: catalog.resolution.id,
            resolutionTitle: catalog.resolution.title,
            recipient: entry.recipient,
            role: entry.role,
            at,
          };
          const weekOf = weekStartOf(dateInZone(at, entry.recipient.timezone), calendar);
          const mail = isEmptyDigest(content)
            ? undefined
            : composeDigest(
                { input, content, weekOf, messageId: '<preview@mandate-tracker>' },
                {
                  from: config.mailFrom,
                  publicUrl: config.publicUrl,
                  contact: secretariatAddress(config),
                },
              );
          const when = formatInstant(at, entry.recipient.timezone);
          if (options.json) {
            process.stdout.write(
              JSON.stringify(
                {
                  resolution: catalog.resolution.id,
                  recipient: entry.recipient.key,
                  to: entry.recipient.email,
                  at: when,
                  content,
                  ...(mail ? { subject: mail.subject, text: mail.text } : {}),
                },
                null,
                2,
              ) + '\n',
            );
            return;
          }
          const out = (line: string) => process.stdout.write(line + '\n');
          out(
            `next digest: ${when} (${entry.recipient.timezone}) to ${entry.recipient.name} <${entry.recipient.email}>`,
          );
          if (!mail) {
            out('nothing to say as the tasks stand now: no mail would go');
            return;
          }
          out(`Subject: ${mail.subject}`);
          out('');
          out(mail.text);
        } finally {
          await client.connection.close();
        }
      },
    );
}

function findRecipient(
  catalogs: Catalog[],
  person: string,
  resolution: string | undefined,
  config: Config,
): { catalog: Catalog; entry: DigestRecipient } {
  const found = catalogs
    .filter((c) => resolution === undefined || c.resolution.id === resolution)
    .flatMap((catalog) =>
      digestRecipients(catalog, secretariatAddress(config))
        .filter((e) => e.recipient.key === person)
        .map((entry) => ({ catalog, entry })),
    );
  if (found.length === 1) return found[0]!;
  const where = resolution ? `resolution ${resolution}` : 'the recorded catalogs';
  if (found.length === 0)
    throw new UsageError(
      `${person}: gets no digest in ${where} (a manager of a task, or "${SECRETARIAT_KEY}")`,
    );
  throw new UsageError(
    `${person}: gets a digest in ${found.map((f) => f.catalog.resolution.id).join(', ')}; choose one with --resolution`,
  );
}
