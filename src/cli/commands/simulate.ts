/** `mandate simulate`: run the real workflows over a window on the time-skipping server and print what was sent. */
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog/load';
import { toPlanEntry } from '../../plan/catalog-plan';
import { simulate, SimulationWindowError } from '../../simulate/simulate';
import { UsageError } from '../errors';
import { parseWindow } from '../window';

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'run the real workflows and mail activity on the time-skipping test server; print what an SMTP sink received',
    )
    .argument('<catalog>', 'catalog YAML file')
    .option('--from <iso>', 'start of the window, not before now (default: now)')
    .option('--to <iso>', 'end of the window (default: one year after --from)')
    .option('--json', 'print a JSON array, one object a message (the default)')
    .option('--quiet', 'no progress on stderr')
    .option('--outbox <dir>', 'also write every message the sink received as an .eml file here')
    .action(
      async (
        file: string,
        options: { from?: string; to?: string; quiet?: boolean; outbox?: string },
      ) => {
        const catalog = loadCatalog(file);
        const window = parseWindow(options, catalog.resolution.timezone, Date.now());
        const progress = options.quiet
          ? undefined
          : (message: string) => process.stderr.write(`simulate: ${message}\n`);
        try {
          const received = await simulate(catalog, {
            ...(options.from !== undefined ? { from: window.from } : {}),
            to: window.to,
            ...(progress ? { onProgress: progress } : {}),
            ...(options.outbox ? { outbox: options.outbox } : {}),
          });
          if (options.outbox) progress?.(`wrote every message received to ${options.outbox}`);
          process.stdout.write(JSON.stringify(received.map(toPlanEntry), null, 2) + '\n');
        } catch (error) {
          if (error instanceof SimulationWindowError) throw new UsageError(error.message);
          throw error;
        }
      },
    );
}
