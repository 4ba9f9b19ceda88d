/** `mandate catalog validate`: every problem of a catalog, one a line, as FILE:LINE:COLUMN: message. */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { validateCatalogText } from '../../catalog/validate';
import { formatProblem } from '../../catalog/problems';
import { EXIT } from '../errors';

export function registerCatalog(program: Command): void {
  const catalog = program.command('catalog').description('work with resolution catalogs');
  catalog
    .command('validate')
    .description(
      'check a catalog against the v1 format; exit 1 and list every problem when it is invalid',
    )
    .argument('<catalog>', 'catalog YAML file')
    .option('--json', 'print the problems as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const { catalog: valid, problems } = validateCatalogText(readFileSync(file, 'utf8'));
      if (options.json) {
        process.stdout.write(
          JSON.stringify({ file, valid: Boolean(valid), problems }, null, 2) + '\n',
        );
      } else if (valid) {
        process.stdout.write(
          `${file}: valid (${valid.tasks.length} tasks, ${Object.keys(valid.people).length} people, ${Object.keys(valid.events).length} events)\n`,
        );
      } else {
        for (const problem of problems) process.stdout.write(formatProblem(file, problem) + '\n');
      }
      process.exitCode = valid ? EXIT.ok : EXIT.invalid;
    });
}
