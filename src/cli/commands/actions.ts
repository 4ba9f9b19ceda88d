/** `mandate submit | review | extend | waive | reassign`: validated updates to one task occurrence. */
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCatalog } from '../../catalog/load';
import { recipientOf } from '../../plan/occurrences';
import { configuredStore } from '../../deliverables/configured-store';
import { mediaTypeForFileName } from '../../deliverables/media-types';
import { taskActions } from '../../client/task-actions';
import {
  RECEIVED_VIA,
  type DeliverablePayload,
  type HandedInFor,
  type ReceivedVia,
} from '../../shared/task-state';
import type { TaskView } from '../../shared/task-view';
import { describeDeadline } from '../../i18n/deadline';
import { cliClient } from '../client';
import { UsageError } from '../errors';

/** How `--by` defaults, said in each command's help. */
export const BY_DEFAULT = '(default: MANDATE_OPERATOR, else your user name)';

function printView(view: TaskView): void {
  const due = describeDeadline(view.due, view.resolution.zone, view.dueAt, 'en');
  process.stdout.write(`${view.workflowId}: ${view.status}; due ${due.stated}\n`);
}

/** `--for`, `--via`, `--note` read together: the first names whom, the second is then needed. */
function handedInForOf(options: {
  for?: string;
  via?: string;
  note?: string;
}): HandedInFor | undefined {
  if (options.for === undefined) {
    if (options.via !== undefined || options.note !== undefined)
      throw new UsageError('--via and --note go with --for <person>');
    return undefined;
  }
  if (options.via === undefined)
    throw new UsageError(`--for needs --via: how it came (${RECEIVED_VIA.join(', ')})`);
  if (!(RECEIVED_VIA as readonly string[]).includes(options.via))
    throw new UsageError(
      `--via: ${JSON.stringify(options.via)} is not one of ${RECEIVED_VIA.join(', ')}`,
    );
  return {
    person: options.for,
    via: options.via as ReceivedVia,
    ...(options.note !== undefined ? { note: options.note } : {}),
  };
}

export function registerActions(program: Command): void {
  program
    .command('submit')
    .description('hand in a deliverable: a document (stored by SHA-256), a link or a text')
    .argument('<task>', 'workflow id: <resolution>/<task>/<occurrence>')
    .requiredOption('--deliverable <id>', 'deliverable id from the catalog')
    .option('--file <path>', 'a document')
    .option('--media-type <type>', 'media type of --file (default: from its extension)')
    .option('--link <url>', 'a link')
    .option('--text <text>', 'a text')
    .option('--by <who>', `who hands it in ${BY_DEFAULT}`)
    .option(
      '--for <person>',
      'hand it in for this assignee (person key): what came by post, by hand or by mail',
    )
    .option('--via <how>', `with --for, how it came: ${RECEIVED_VIA.join(', ')}`)
    .option('--note <text>', 'with --for, a note kept in the history (e.g. the letter date)')
    .option('--update-id <id>', 'idempotency key: the same id twice has one effect')
    .action(
      async (
        workflowId: string,
        options: {
          deliverable: string;
          file?: string;
          mediaType?: string;
          link?: string;
          text?: string;
          by?: string;
          for?: string;
          via?: string;
          note?: string;
          updateId?: string;
        },
      ) => {
        const given = [options.file, options.link, options.text].filter((x) => x !== undefined);
        if (given.length !== 1)
          throw new UsageError('give exactly one of --file, --link or --text');
        const handedInFor = handedInForOf(options);
        const { client, config } = await cliClient();
        try {
          let payload: DeliverablePayload;
          if (options.file !== undefined) {
            const mediaType = options.mediaType ?? mediaTypeForFileName(options.file);
            if (!mediaType)
              throw new UsageError(
                `--media-type: cannot tell the media type of ${options.file}; give it`,
              );
            statSync(options.file);
            // The same limits as uploads through the API; the store checks the content too.
            const store = configuredStore(config);
            payload = await store.put(
              readFileSync(options.file),
              basename(options.file),
              mediaType,
            );
          } else if (options.link !== undefined) payload = { kind: 'link', url: options.link };
          else payload = { kind: 'text', text: options.text! };
          printView(
            await taskActions.submit(
              client,
              workflowId,
              {
                deliverableId: options.deliverable,
                payload,
                by: options.by ?? config.operator,
                ...(handedInFor ? { for: handedInFor } : {}),
              },
              options.updateId ? { updateId: options.updateId } : {},
            ),
          );
        } finally {
          await client.connection.close();
        }
      },
    );

  program
    .command('review')
    .description('accept a handed-in deliverable, or return it with a comment')
    .argument('<task>', 'workflow id')
    .option('--deliverable <id>', 'one deliverable (default: all awaiting review)')
    .option('--accept', 'accept')
    .option('--return', 'return to the focal point')
    .option('--comment <text>', 'why it is returned (required with --return)')
    .option('--by <who>', `who reviews ${BY_DEFAULT}`)
    .action(
      async (
        workflowId: string,
        options: {
          deliverable?: string;
          accept?: boolean;
          return?: boolean;
          comment?: string;
          by?: string;
        },
      ) => {
        if (Boolean(options.accept) === Boolean(options.return))
          throw new UsageError('give one of --accept or --return');
        const { client, config } = await cliClient();
        try {
          printView(
            await taskActions.review(client, workflowId, {
              decision: options.accept ? 'accept' : 'return',
              by: options.by ?? config.operator,
              ...(options.deliverable ? { deliverableId: options.deliverable } : {}),
              ...(options.comment ? { comment: options.comment } : {}),
            }),
          );
        } finally {
          await client.connection.close();
        }
      },
    );

  program
    .command('extend')
    .description('move the due date (and time); every later message follows')
    .argument('<task>', 'workflow id')
    .requiredOption('--due <date>', 'new due date YYYY-MM-DD')
    .option('--time <HH:MM>', 'new due time in the resolution zone')
    .option('--no-time', 'drop the due time (due at the end of the day)')
    .requiredOption('--reason <text>', 'why')
    .option('--by <who>', `who extends ${BY_DEFAULT}`)
    .action(
      async (
        workflowId: string,
        options: { due: string; time?: string | false; reason: string; by?: string },
      ) => {
        const { client, config } = await cliClient();
        try {
          printView(
            await taskActions.extend(client, workflowId, {
              dueDate: options.due,
              ...(options.time === false
                ? { dueTime: null }
                : options.time !== undefined
                  ? { dueTime: options.time }
                  : {}),
              reason: options.reason,
              by: options.by ?? config.operator,
            }),
          );
        } finally {
          await client.connection.close();
        }
      },
    );

  program
    .command('waive')
    .description('close a task without its deliverables; assignees get a calendar cancellation')
    .argument('<task>', 'workflow id')
    .requiredOption('--reason <text>', 'why')
    .option('--by <who>', `who waives ${BY_DEFAULT}`)
    .action(async (workflowId: string, options: { reason: string; by?: string }) => {
      const { client, config } = await cliClient();
      try {
        printView(
          await taskActions.waive(client, workflowId, {
            reason: options.reason,
            by: options.by ?? config.operator,
          }),
        );
      } finally {
        await client.connection.close();
      }
    });

  program
    .command('hold')
    .description('put a task on hold: no mail goes out until it resumes')
    .argument('<task>', 'workflow id')
    .requiredOption('--reason <text>', 'why')
    .option('--by <who>', `who puts it on hold ${BY_DEFAULT}`)
    .action(async (workflowId: string, options: { reason: string; by?: string }) => {
      const { client, config } = await cliClient();
      try {
        printView(
          await taskActions.hold(client, workflowId, {
            reason: options.reason,
            by: options.by ?? config.operator,
          }),
        );
      } finally {
        await client.connection.close();
      }
    });

  program
    .command('resume')
    .description(
      'resume a held task: its due date moves forward by the calendar days it was held, a part of a day counting as a whole one',
    )
    .argument('<task>', 'workflow id')
    .option('--reason <text>', 'why')
    .option('--by <who>', `who resumes it ${BY_DEFAULT}`)
    .action(async (workflowId: string, options: { reason?: string; by?: string }) => {
      const { client, config } = await cliClient();
      try {
        printView(
          await taskActions.resume(client, workflowId, {
            by: options.by ?? config.operator,
            ...(options.reason !== undefined ? { reason: options.reason } : {}),
          }),
        );
      } finally {
        await client.connection.close();
      }
    });

  program
    .command('reassign')
    .description('change the assignees or the manager, with people from a catalog')
    .argument('<task>', 'workflow id')
    .requiredOption('--catalog <file>', 'catalog whose people are meant')
    .option('--assignees <keys>', 'comma-separated people keys')
    .option('--manager <key>', 'people key of the new manager')
    .option('--reason <text>', 'why')
    .option('--by <who>', `who reassigns ${BY_DEFAULT}`)
    .action(
      async (
        workflowId: string,
        options: {
          catalog: string;
          assignees?: string;
          manager?: string;
          reason?: string;
          by?: string;
        },
      ) => {
        const catalog = loadCatalog(options.catalog);
        const person = (key: string) => {
          const found = catalog.people[key];
          if (!found) throw new UsageError(`unknown person ${key} (not in ${options.catalog})`);
          return recipientOf(catalog, found);
        };
        const { client, config } = await cliClient();
        try {
          printView(
            await taskActions.reassign(client, workflowId, {
              by: options.by ?? config.operator,
              ...(options.assignees
                ? { assignees: options.assignees.split(',').map((k) => person(k.trim())) }
                : {}),
              ...(options.manager ? { manager: person(options.manager) } : {}),
              ...(options.reason ? { reason: options.reason } : {}),
            }),
          );
        } finally {
          await client.connection.close();
        }
      },
    );
}
