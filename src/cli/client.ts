/** A Temporal client for CLI commands, from the same configuration as the worker. */
import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../config/config';
import { withRunningSystem } from '../config/running-system';
import { connectClient } from '../temporal/connect';

import { ServiceUnavailableError } from './errors';

export async function cliClient(): Promise<{ client: Client; config: Config }> {
  // A running `npm start` on this data folder says where it is (src/config/running-system.ts).
  const config = withRunningSystem(loadConfig());
  const address = config.temporal.address ?? `${config.devServer.ip}:${config.devServer.port}`;
  try {
    const client = await connectClient(config.temporal, address);
    return { client, config };
  } catch (error) {
    throw new ServiceUnavailableError(
      `cannot reach Temporal at ${address} (${(error as Error).message}); is \`npm start\` running on this data folder (${config.dataDir})? Elsewhere, set TEMPORAL_ADDRESS, or MANDATE_TEMPORAL_PORT for a dev server on another port`,
    );
  }
}
