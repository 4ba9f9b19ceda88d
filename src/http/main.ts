/** `npm run api`: the HTTP API and dashboard alone, against TEMPORAL_ADDRESS (docker-compose, clusters). */
import { loadConfig } from '../config/config';
import { connectClient } from '../temporal/connect';
import { startHttpServer } from './server';
import { httpDependencies } from './setup';

async function main(): Promise<void> {
  const config = loadConfig();
  const client = await connectClient(config.temporal);
  const deps = httpDependencies(config, client, (line) =>
    process.stderr.write(`catalog: ${line}\n`),
  );
  const server = await startHttpServer(
    deps,
    config.httpPort,
    // Loopback unless told: a container sets MANDATE_HTTP_HOST=0.0.0.0 behind its published port.
    process.env.MANDATE_HTTP_HOST ?? '127.0.0.1',
  );
  process.stdout.write(
    `api: ${server.url} (OpenAPI at /openapi.json; staff tokens from ${deps.tokenSource})\n`,
  );
  const stop = async () => {
    await server.close();
    await client.connection.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
