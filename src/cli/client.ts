/** A Temporal client for CLI commands, from the same configuration as the worker. */
import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../config/config';
import { connectClient } from '../temporal/connect';

import { ServiceUnavailableError } from './errors';

export async function cliClient(): Promise<{ client: Client; config: Config }> {
  const config = loadConfig();
  const address = config.temporal.address ?? `${config.devServer.ip}:${config.devServer.port}`;
  try {
    const client = await connectClient(config.temporal, address);
    return { client, config };
  } catch (error) {
    throw new ServiceUnavailableError(
      `cannot reach Temporal at ${address} (${(error as Error).message}); is \`npm start\` running, or TEMPORAL_ADDRESS set?`,
    );
  }
}
