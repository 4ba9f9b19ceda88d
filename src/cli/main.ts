/** The `mandate` command line: one module per command under ./commands. */
import { Command, CommanderError, Help, type Option } from 'commander';
import { CatalogInvalidError, formatProblem } from '../catalog/problems';
import { EXIT, ServiceUnavailableError, UsageError } from './errors';
import { TaskActionRejectedError, TaskNotFoundError } from '../client/action-errors';
import { DeliverableRejectedError } from '../deliverables/store';

type Register = (program: Command) => void;

/** Loads a command module by its path relative to this file. */
export type ModuleLoader = (path: string) => Promise<Record<string, unknown>>;

/**
 * Each command module with the top-level commands it registers. A command
 * loads its own module alone (the Temporal client, the document writers and
 * the rest come when a command needs them: `mandate plan` starts in a
 * fraction of the time); help and unknown commands load them all, in order.
 */
export const COMMAND_MODULES: readonly {
  names: readonly string[];
  path: string;
  register: string;
}[] = [
  { names: ['catalog'], path: './commands/catalog', register: 'registerCatalog' },
  { names: ['plan'], path: './commands/plan', register: 'registerPlan' },
  { names: ['simulate'], path: './commands/simulate', register: 'registerSimulate' },
  { names: ['start'], path: './commands/start', register: 'registerStart' },
  { names: ['status', 'show'], path: './commands/status', register: 'registerStatus' },
  {
    names: ['submit', 'review', 'extend', 'waive', 'hold', 'resume', 'reassign'],
    path: './commands/actions',
    register: 'registerActions',
  },
  { names: ['report', 'outbox'], path: './commands/report', register: 'registerReport' },
  { names: ['link-keys'], path: './commands/link-keys', register: 'registerLinkKeys' },
  { names: ['backup', 'restore'], path: './commands/backup', register: 'registerBackup' },
  { names: ['draft'], path: './commands/draft', register: 'registerDraft' },
  { names: ['registry'], path: './commands/registry', register: 'registerRegistry' },
  { names: ['digest'], path: './commands/digest', register: 'registerDigest' },
  { names: ['replace-person'], path: './commands/people', register: 'registerPeople' },
];

// import() where modules are ES modules (vitest); bin/mandate.js passes CommonJS's require.
const importModule: ModuleLoader = (path) => import(path) as Promise<Record<string, unknown>>;

/** The program with the commands `argv` names, or all of them when it names none. */
export async function buildProgram(
  argv: readonly string[] = [],
  load: ModuleLoader = importModule,
): Promise<Command> {
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
  const name = argv.find((arg) => !arg.startsWith('-'));
  const named = COMMAND_MODULES.filter((module) => name && module.names.includes(name));
  for (const module of named.length > 0 ? named : COMMAND_MODULES) {
    const register = (await load(module.path))[module.register];
    if (typeof register !== 'function') throw new Error(`${module.path} has no ${module.register}`);
    (register as Register)(program);
  }
  return program;
}

export async function main(argv: string[], load?: ModuleLoader): Promise<number> {
  try {
    await (await buildProgram(argv, load)).parseAsync(argv, { from: 'user' });
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
