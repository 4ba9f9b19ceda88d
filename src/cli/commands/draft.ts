/** `mandate draft`: a draft catalog from the text of a resolution, with TODOs where a person decides. */
import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { draftCatalog } from '../../draft/draft-catalog';
import { writeDraftYaml } from '../../draft/write-draft-yaml';
import { UsageError } from '../errors';

export function registerDraft(program: Command): void {
  program
    .command('draft')
    .description(
      'turn the text of a resolution into a draft catalog: one task per operative clause, TODO where a person must decide',
    )
    .argument('<resolution>', 'plain-text file of the resolution')
    .option('--id <id>', 'the resolution id (default: from the file name)')
    .option('--out <file>', 'write the draft to this file instead of standard output')
    .option('--force', 'overwrite --out if it exists')
    .option('--json', 'print the drafted tasks and the counts as JSON instead of YAML')
    .action(
      (file: string, options: { id?: string; out?: string; force?: boolean; json?: boolean }) => {
        if (!existsSync(file)) throw new UsageError(`draft: no such file ${file}`);
        if (options.id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(options.id))
          throw new UsageError(`draft: --id ${options.id} is not an id ([a-z0-9][a-z0-9-]*)`);
        const draft = draftCatalog(readFileSync(file, 'utf8'), {
          source: basename(file),
          ...(options.id !== undefined ? { id: options.id } : {}),
        });
        if (draft.clausesFound === 0)
          throw new UsageError(
            `draft: ${file}: no operative clause found (expected ITU-style headings such as "resolves" or "instructs the Secretary-General" over numbered items, or UN-style numbered paragraphs such as "1. Requests the Secretary-General to ...")`,
          );
        const output = options.json ? JSON.stringify(draft, null, 2) + '\n' : writeDraftYaml(draft);
        const summary =
          `${file}: ${draft.clausesFound} operative clauses, ${draft.tasks.length} tasks; ` +
          `${draft.tasksNeedingDecision} need a decision (TODO)` +
          (draft.noTask.length > 0
            ? `; ${draft.noTask.length} with no task, listed at the top`
            : '') +
          '.\n';
        if (options.out !== undefined) {
          if (existsSync(options.out) && !options.force)
            throw new UsageError(`draft: ${options.out} exists (use --force to overwrite it)`);
          writeFileSync(options.out, output);
          process.stderr.write(
            summary +
              `Wrote ${options.out}; \`mandate catalog validate ${options.out}\` lists what remains.\n`,
          );
        } else {
          process.stdout.write(output);
          process.stderr.write(summary);
        }
      },
    );
}
