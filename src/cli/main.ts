/** The `mandate` command line: one module per command under ./commands. */
import { Command, CommanderError, Help, type Option } from 'commander';
import { CatalogInvalidError, formatProblem } from '../catalog/problems';
import { EXIT, UsageError } from './errors';
import { ServiceUnavailableError } from './client';
import { TaskActionRejectedError, TaskNotFoundError } from '../client/task-actions';
import { DeliverableRejectedError } from '../deliverables/store';
import { registerCatalog } from './commands/catalog';
import { registerPlan } from './commands/plan';
import { registerSimulate } from './commands/simulate';
import { registerStart } from './commands/start';
import { registerStatus } from './commands/status';
import { registerActions } from './commands/actions';
import { registerReport } from './commands/report';
import { registerLinkKeys } from './commands/link-keys';
import { registerBackup } from './commands/backup';
import { registerDraft } from './commands/draft';
import { registerDigest } from './commands/digest';
import { registerPeople } from './commands/people';

export function buildProgram(): Command {
  const program = new Command('mandate')
    .description(
      'Track the tasks that resolutions hand out: catalogs, plans and durable Temporal workflows.',
    )
    .showHelpAfterError()
    .exitOverride()
    // Commander enforces required options but does not say which they are; the help does.
    .configureHelp({
      optionDescription(this: Help, option: Option) {
        const text = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${text} (required)` : text;
      },
    });
  registerCatalog(program);
  registerPlan(program);
  registerSimulate(program);
  registerStart(program);
  registerStatus(program);
  registerActions(program);
  registerReport(program);
  registerLinkKeys(program);
  registerBackup(program);
  registerDraft(program);
  registerDigest(program);
  registerPeople(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof CatalogInvalidError) {
    for (const problem of error.problems)
      process.stderr.write(formatProblem(error.file, problem) + '\n');
    return EXIT.invalid;
  }
  if (error instanceof ServiceUnavailableError) {
    process.stderr.write(`mandate: ${error.message}\n`);
    return EXIT.unavailable;
  }
  if (
    error instanceof TaskActionRejectedError ||
    error instanceof TaskNotFoundError ||
    error instanceof DeliverableRejectedError
  ) {
    process.stderr.write(`mandate: ${error.message}\n`);
    return EXIT.invalid;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`mandate: ${error.message}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`mandate: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.invalid;
}
