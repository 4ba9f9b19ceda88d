/** `mandate replace-person OLD NEW` and `mandate status --unreachable`: succession of people who leave. */
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog/load';
import { KnownCatalogs } from '../../catalog/registry';
import {
  replacePerson,
  SuccessorUnknownError,
  type ReplacementStep,
} from '../../client/replace-person';
import { successorLookup } from '../../client/successor';
import { listUnreachable, type UnreachableListing } from '../../client/unreachable';
import { cliClient } from '../client';
import { UsageError } from '../errors';
import { BY_DEFAULT } from './actions';

export function registerPeople(program: Command): void {
  program
    .command('replace-person')
    .description(
      'give every open task of a person to a successor (each through reassign, with a history entry), and the recurring tasks that name them',
    )
    .argument('<old>', 'people key of the person who leaves')
    .argument('<new>', 'people key of the successor, a person of each catalog concerned')
    .option('--dry-run', 'say what would change; change nothing')
    .option('--resolution <id>', 'only this resolution')
    .option(
      '--catalog <file>',
      'take the successor from this catalog (default: the known catalogs)',
    )
    .option('--reason <text>', 'why (default: successor of OLD)')
    .option('--by <who>', `who makes the change ${BY_DEFAULT}`)
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        old: string,
        successor: string,
        options: {
          dryRun?: boolean;
          resolution?: string;
          catalog?: string;
          reason?: string;
          by?: string;
          json?: boolean;
        },
      ) => {
        const { client, config } = await cliClient();
        try {
          const only = options.catalog ? loadCatalog(options.catalog) : undefined;
          if (only && !only.people[successor])
            throw new UsageError(`${successor} is not a person of ${options.catalog}`);
          const known = new KnownCatalogs(config.dataDir, config.catalogDir, (line) =>
            process.stderr.write(`catalog: ${line}\n`),
          );
          const say = (line: string) => {
            if (!options.json) process.stdout.write(`${line}\n`);
          };
          const summary = await replacePerson(
            client,
            {
              old,
              successor,
              successorIn: successorLookup(known.catalogs, successor, only),
              ...(options.resolution ? { resolution: options.resolution } : {}),
              ...(options.reason ? { reason: options.reason } : {}),
              by: options.by ?? config.operator,
              ...(options.dryRun ? { dryRun: true } : {}),
            },
            { onProgress: (step, done, total) => say(`[${done}/${total}] ${stepLine(step)}`) },
          );
          if (options.json) {
            process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
          } else {
            say(
              `${summary.dryRun ? 'dry run: would reassign' : 'reassigned'} ${summary.occurrences} open task occurrence(s) and ${summary.recurrences} recurring task(s) from ${old} to ${successor}${summary.failed ? `; ${summary.failed} failed` : ''}`,
            );
          }
          if (summary.failed > 0) process.exitCode = 1;
        } catch (error) {
          if (error instanceof SuccessorUnknownError) throw new UsageError(error.message);
          throw error;
        } finally {
          await client.connection.close();
        }
      },
    );
}

function stepLine(step: ReplacementStep): string {
  const what = `${step.workflowId} (${step.kind === 'recurrence' ? 'recurring task' : step.roles.join(' and ')})`;
  return step.outcome === 'failed' ? `${what}: failed: ${step.error}` : `${what}: ${step.outcome}`;
}

/** `mandate status --unreachable`. */
export async function printUnreachable(options: { resolution?: string; json?: boolean }) {
  const { client } = await cliClient();
  let people: UnreachableListing[];
  try {
    people = await listUnreachable(client, options);
  } finally {
    await client.connection.close();
  }
  if (options.json) {
    process.stdout.write(
      JSON.stringify(
        people.map((p) => ({ ...p, since: new Date(p.since).toISOString() })),
        null,
        2,
      ) + '\n',
    );
    return;
  }
  process.stdout.write(
    `${people.length} unreachable person(s)${people.length ? '; name a successor with mandate replace-person OLD NEW' : ''}\n`,
  );
  for (const p of people) {
    process.stdout.write(
      `  ${p.key} <${p.email}> since ${new Date(p.since).toISOString()}: ${p.status ? `${p.status} ` : ''}${p.diagnostic}\n`,
    );
    for (const task of p.tasks) process.stdout.write(`    ${task}\n`);
  }
}
