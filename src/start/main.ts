/**
 * `npm start`: the whole system on one machine. The Temporal dev server (or
 * an existing service from TEMPORAL_ADDRESS), the project's search
 * attributes, an SMTP sink that keeps mail as .eml files (unless SMTP_HOST is
 * set), and a worker. Stays in the foreground; Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink';
import { smtpTransport } from '../mail/transport';
import { connectWorker, lazyClient } from '../temporal/connect';
import { installRuntime } from '../temporal/runtime';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { activityDependenciesFrom, createMandateWorker } from '../worker/create-worker';
import { startDevServer, type DevServer } from './dev-server';
import { startHttpServer, type HttpServer } from '../http/server';
import { httpDependencies } from '../http/setup';

async function main(): Promise<void> {
  const config = loadConfig();
  installRuntime('WARN');
  const say = (line: string) => process.stdout.write(line + '\n');
  let devServer: DevServer | undefined;
  let sink: SmtpSink | undefined;
  let server: HttpServer | undefined;
  const cleanup = async () => {
    await server?.close();
    await sink?.close();
    await devServer?.stop();
  };
  try {
    // Our own ports first: the dev server opens more ports than it is told
    // (metrics, HTTP), at random, and must not take ours.
    const outbox = join(config.dataDir, 'outbox');
    if (!config.smtp.host) sink = await startSmtpSink({ port: config.sinkPort, directory: outbox });
    const smtp = config.smtp.host
      ? { ...config.smtp, host: config.smtp.host }
      : { ...config.smtp, host: '127.0.0.1', port: sink!.port, secure: false };
    const address = config.temporal.address ?? `${config.devServer.ip}:${config.devServer.port}`;
    const client = lazyClient(config.temporal, address);
    const http = httpDependencies(config, client, (line) =>
      process.stderr.write(`catalog: ${line}\n`),
    );
    server = await startHttpServer(http, config.httpPort);

    if (!config.temporal.address) {
      say('starting the Temporal dev server ...');
      devServer = await startDevServer({ dataDir: config.dataDir, ...config.devServer });
    }
    const added = await ensureSearchAttributes(client, config.temporal.namespace);
    const transport = smtpTransport(smtp);

    const connection = await connectWorker(config.temporal, address);
    const worker = await createMandateWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      activities: activityDependenciesFrom(config, transport),
    });

    say('');
    say('mandate-tracker is running');
    say(
      `  Temporal      ${address}${devServer ? ` (dev server, state in ${devServer.dbFile})` : ' (existing service)'}`,
    );
    if (devServer) say(`  Temporal UI   ${devServer.uiUrl}`);
    say(
      `  Namespace     ${config.temporal.namespace}; search attributes ${added.length ? `registered: ${added.join(', ')}` : 'present'}`,
    );
    say(
      `  Mail          ${sink ? `SMTP sink on 127.0.0.1:${sink.port}, messages in ${outbox}` : `SMTP ${smtp.host}:${smtp.port}`}`,
    );
    say(`  Worker        task queue ${config.temporal.taskQueue}`);
    say(`  Dashboard     ${server.url}  (staff tokens: ${http.tokenSource}, kept hashed)`);
    say(`  API           ${server.url}/api  (OpenAPI: ${server.url}/openapi.json)`);
    say('');
    if (http.issuedTokens.length) {
      say('Staff tokens, shown this once (only their SHA-256 is kept; note them now):');
      for (const t of http.issuedTokens) say(`  ${t.role.padEnd(12)}${t.name}  ${t.token}`);
      say('');
    }
    say('Load a catalog:  npx mandate start catalogs/itu-council-1332.yaml');
    say('Press Ctrl-C to stop.');

    // The worker stops on SIGINT/SIGTERM by itself; then the rest follows.
    await worker.run();
    transport.close();
    await connection.close();
    await client.connection.close();
    say('worker stopped; stopping the rest ...');
  } finally {
    await cleanup();
  }
  say('stopped.');
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  // Open connections would keep a failed start alive; every child is stopped by now.
  process.exit(1);
});
