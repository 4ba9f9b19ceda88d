/**
 * A standalone worker process, for running more workers against a Temporal
 * service (docker-compose, a cluster): `npm run worker`. Workers are
 * stateless; add processes to add capacity.
 */
import { loadConfig } from '../src/config/config';
import { smtpTransport } from '../src/mail/transport';
import { ensureBounceReader } from '../src/bounces/start-reader';
import { connectWorker, lazyClient } from '../src/temporal/connect';
import { installRuntime } from '../src/temporal/runtime';
import { activityDependenciesFrom, createMandateWorker } from '../src/worker/create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  installRuntime(config.logLevel);
  const host = config.smtp.host ?? '127.0.0.1';
  const port = config.smtp.host ? config.smtp.port : config.sinkPort;
  const transport = smtpTransport({ ...config.smtp, host, port });
  const connection = await connectWorker(config.temporal);
  const client = lazyClient(config.temporal);
  const worker = await createMandateWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: activityDependenciesFrom(config, transport, client),
    // A bounded cache keeps a worker's memory flat however many workflows are open.
    ...cacheSize(process.env.MANDATE_MAX_CACHED_WORKFLOWS),
  });
  if (config.imap) await ensureBounceReader(client, config.imap, config.temporal.taskQueue);
  process.stderr.write(
    `worker: polling task queue ${config.temporal.taskQueue} on ${config.temporal.address ?? 'localhost:7233'} (namespace ${config.temporal.namespace}); SMTP ${host}:${port}; sent mail kept in ${config.sentMailDir}\n`,
  );
  await worker.run();
  transport.close();
  await client.connection.close();
  await connection.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

function cacheSize(raw: string | undefined): { maxCachedWorkflows?: number } {
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `MANDATE_MAX_CACHED_WORKFLOWS: ${JSON.stringify(raw)} is not a whole number above 0`,
    );
  return { maxCachedWorkflows: n };
}
