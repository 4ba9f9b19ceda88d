/** `mandate start`: start a catalog's workflows idempotently; list and apply catalog changes. */
import type { Command } from 'commander';
import { readCatalogFile } from '../../catalog/load';
import { beginCatalogStart, finishCatalogStart } from '../../catalog/registry';
import { startCatalog } from '../../client/start-catalog';
import { cliClient } from '../client';
import { BY_DEFAULT } from './actions';
import { secretariatAddress } from '../../client/digest-schedules';

interface StartCommandOptions {
  apply?: boolean;
  allowRemoved?: boolean;
  preferCatalog?: boolean;
  by?: string;
  json?: boolean;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'start one workflow per task occurrence (a driver per recurring task); a second run starts nothing new',
    )
    .argument('<catalog>', 'catalog YAML file')
    .option('--apply', 'send catalog changes to the running workflows as validated updates')
    .option(
      '--allow-removed',
      'go on although running tasks are not in the catalog any more (they keep running)',
    )
    .option(
      '--prefer-catalog',
      "where a person changed the assignees or the manager since the catalog was last applied and the catalog changes them too, take the catalog's (the person's are kept otherwise)",
    )
    .option('--by <who>', `who applies the changes (recorded in each workflow) ${BY_DEFAULT}`)
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: StartCommandOptions) => {
      const { catalog, text } = readCatalogFile(file);
      const { client, config } = await cliClient();
      // Recorded as the catalog only once every change is applied; until then it is pending.
      const interrupted = beginCatalogStart(config.dataDir, catalog, text);
      if (interrupted && !options.json)
        process.stderr.write(
          interrupted.sameCatalog
            ? `an earlier start of this catalog (${interrupted.since.toISOString()}) did not finish: this run finishes it\n`
            : `an earlier start of another version of this catalog (${interrupted.since.toISOString()}) did not finish: this run applies this version\n`,
        );
      const tty = process.stderr.isTTY;
      let lastShown = 0;
      const report = await startCatalog(client, catalog, {
        taskQueue: config.temporal.taskQueue,
        ...(options.apply ? { apply: true } : {}),
        ...(options.allowRemoved ? { allowRemoved: true } : {}),
        ...(options.preferCatalog ? { preferCatalog: true } : {}),
        actor: options.by ?? config.operator,
        digests: { secretariat: secretariatAddress(config) },
        onProgress: (done, total) => {
          if (done === total || Date.now() - lastShown > 500) {
            lastShown = Date.now();
            process.stderr.write(
              `${tty ? '\r' : ''}${catalog.resolution.id}: ${done}/${total} tasks${tty && done < total ? '' : '\n'}`,
            );
          }
        },
      });
      await client.connection.close();
      const recorded = finishCatalogStart(config.dataDir, catalog, text);
      if (!options.json) process.stderr.write(`catalog recorded in ${recorded}\n`);
      if (options.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return;
      }
      const out = (line: string) => process.stdout.write(line + '\n');
      out(
        `started ${report.started.length} workflow(s); ${report.alreadyRunning.length} already there`,
      );
      for (const id of report.started) out(`  started  ${id}`);
      for (const task of report.waived) out(`  waived   ${task} (nothing to start)`);
      for (const id of report.removed) out(`  removed  ${id} (not in the catalog; left running)`);
      for (const id of report.alreadyRunning) {
        const diff = report.differences.find((d) => d.workflowId === id);
        out(`  exists   ${id}${diff ? `  (differs: ${diff.changes.join('; ')})` : ''}`);
      }
      if (report.digests)
        out(
          `digest schedules: ${report.digests.created.length} created, ${report.digests.updated.length} updated, ${report.digests.deleted.length} deleted`,
        );
      if (report.differences.length > 0) {
        out(
          options.apply
            ? `applied the catalog's changes to ${report.applied.length} workflow(s)`
            : `${report.differences.length} workflow(s) differ from the catalog; run again with --apply to send the changes`,
        );
      }
    });
}
