/** `mandate simulate`: run the real workflows over a window on the time-skipping server and print what was sent. */
import type { Command } from 'commander';
import { loadCatalog } from '../../catalog/load';
import { toPlanEntry } from '../../plan/catalog-plan';
import { simulate, SimulationWindowError } from '../../simulate/simulate';
import { UsageError } from '../errors';
import { parseWindow } from '../window';
import type { MailDependencies } from '../../../activities/mail';
import { loadConfig } from '../../config/config';
import { previewLinkKeys } from '../../config/link-secret';
import { withRunningSystem } from '../../config/running-system';
import { mailAddress } from '../../mail/address';

/**
 * Mail as the running system writes it: its sender and contact, its
 * dashboard's address (a running \`npm start\`'s, found in the data folder)
 * and its link keys, so a preview's links open there. Said on stderr.
 */
function runningMail(): { compose: MailDependencies['compose']; said: string } {
  const config = withRunningSystem(loadConfig());
  const keys = previewLinkKeys(config.dataDir, config.linkSecret);
  const signed = {
    configured: 'MANDATE_LINK_SECRET',
    'data folder': `the link keys of ${config.dataDir}`,
    'one-off': `a key for this run alone (no system has run on ${config.dataDir} yet, so the links open nowhere)`,
  }[keys.source];
  return {
    compose: {
      from: config.mailFrom,
      ...(config.mailContact ? { contact: mailAddress(config.mailContact) } : {}),
      publicUrl: config.publicUrl,
      linkSecret: keys.ring,
    },
    said: `mail as the running system writes it: from ${config.mailFrom}, links to ${config.publicUrl}, signed with ${signed}`,
  };
}

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
        const mail = runningMail();
        const window = parseWindow(options, catalog.resolution.timezone, Date.now());
        const progress = options.quiet
          ? undefined
          : (message: string) => process.stderr.write(`simulate: ${message}\n`);
        progress?.(mail.said);
        try {
          const received = await simulate(catalog, {
            compose: mail.compose,
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
