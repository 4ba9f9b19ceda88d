/**
 * `npm start`: the whole system on one machine. The Temporal dev server (or
 * an existing service from TEMPORAL_ADDRESS), the project's search
 * attributes, an SMTP sink that keeps mail as .eml files (unless SMTP_HOST is
 * set), and a worker. Stays in the foreground; SIGINT (Ctrl-C), SIGTERM
 * and SIGHUP stop everything in order, however they arrive (a terminal, npm,
 * kill); a second one stops at once. A busy port is named with its holder.
 */
import { constants } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink';
import { smtpTransport } from '../mail/transport';
import { connectWorker, lazyClient } from '../temporal/connect';
import { installRuntime } from '../temporal/runtime';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import { activityDependenciesFrom, createMandateWorker } from '../worker/create-worker';
import { startDevServer, type DevServer } from './dev-server';
import { ensurePortFree } from './port-holder';
import { startHttpServer, type HttpServer } from '../http/server';
import { httpDependencies } from '../http/setup';
import { forgetRunningSystem, recordRunningSystem } from '../config/running-system';
import { ensureBounceReader } from '../bounces/start-reader';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A stop asked for while starting: the rest of the start is skipped and what runs is stopped. */
class StopRequested extends Error {
  override name = 'StopRequested';
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The signals are ours: the worker stops first, then the servers, then the dev server.
  installRuntime('WARN', { handleSignals: false });
  const say = (line: string) => process.stdout.write(line + '\n');
  let devServer: DevServer | undefined;
  let sink: SmtpSink | undefined;
  let server: HttpServer | undefined;
  let worker: Awaited<ReturnType<typeof createMandateWorker>> | undefined;
  let stopSignal: NodeJS.Signals | undefined;
  const cleanup = async () => {
    await server?.close();
    await sink?.close();
    await devServer?.stop();
  };
  /** Set when a part failed beyond repair: everything stops, and npm start exits 1. */
  let failure: string | undefined;
  const stopEverything = (why: string) => {
    if (stopSignal || failure) return;
    failure = why;
    say(`npm start: ${why}; stopping everything ...`);
    if (worker?.getState() === 'RUNNING') worker.shutdown();
  };
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (stopSignal) {
        say(`${signal} again: stopping at once`);
        devServer?.kill();
        process.exit(128 + constants.signals[signal]);
      }
      stopSignal = signal;
      say(`${signal}: stopping ...`);
      if (worker?.getState() === 'RUNNING') worker.shutdown();
    });
  }
  // Orphaned (npm, or the shell that ran this, killed): nobody is left to press Ctrl-C.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stopEverything(`its parent process ${parent} is gone`);
  }, 1_000).unref();

  /** A dev server that stops on its own is started again, up to 5 times in 10 minutes. */
  const restarts: number[] = [];
  const supervise = (server: DevServer) => {
    void server.exited.then(async ({ code, signal }) => {
      if (stopSignal || failure || server !== devServer) return;
      say(
        `npm start: the Temporal dev server stopped unexpectedly (${signal ?? `exit code ${code}`}; its log: ${server.logFile})`,
      );
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - 10 * 60_000) restarts.shift();
      if (restarts.length > 5) {
        stopEverything('the Temporal dev server stopped 6 times in 10 minutes');
        return;
      }
      say(`restarting the Temporal dev server (${restarts.length} of 5 in 10 minutes) ...`);
      try {
        devServer = await startDevServer({ dataDir: config.dataDir, ...config.devServer });
        say(`the Temporal dev server is back on ${devServer.address}; the worker reconnects`);
        supervise(devServer);
      } catch (error) {
        stopEverything(
          `the Temporal dev server could not be restarted (${error instanceof Error ? error.message : String(error)})`,
        );
      }
    });
  };
  const checkpoint = () => {
    if (stopSignal) throw new StopRequested(stopSignal);
  };
  try {
    // Our own ports first: the dev server opens more ports than it is told
    // (metrics, HTTP), at random, and must not take ours.
    const outbox = join(config.dataDir, 'outbox');
    if (!config.smtp.host) await ensurePortFree('127.0.0.1', config.sinkPort, 'the SMTP sink');
    await ensurePortFree('127.0.0.1', config.httpPort, 'the dashboard and API');
    if (!config.temporal.address) {
      await ensurePortFree(config.devServer.ip, config.devServer.port, 'the Temporal dev server');
      await ensurePortFree(config.devServer.ip, config.devServer.uiPort, 'the Temporal Web UI');
    }
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
    checkpoint();

    if (!config.temporal.address) {
      say('starting the Temporal dev server ...');
      devServer = await startDevServer({ dataDir: config.dataDir, ...config.devServer });
      supervise(devServer);
      checkpoint();
    }
    const added = await ensureSearchAttributes(client, config.temporal.namespace);
    const transport = smtpTransport(smtp);

    const connection = await connectWorker(config.temporal, address);
    worker = await createMandateWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      activities: activityDependenciesFrom(config, transport, client),
    });
    if (config.imap) await ensureBounceReader(client, config.imap, config.temporal.taskQueue);

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
    say(`  Sent mail     ${config.sentMailDir} (each message as it went out)`);
    say(`  Worker        task queue ${config.temporal.taskQueue}`);
    if (config.imap)
      say(
        `  Bounces       IMAP ${config.imap.host}:${config.imap.port} ${config.imap.mailbox}, read every ${config.imap.everyMinutes} min`,
      );
    say(`  Dashboard     ${server.url}  (staff tokens: ${http.tokenSource}, kept hashed)`);
    say(`  API           ${server.url}/api  (OpenAPI: ${server.url}/openapi.json)`);
    say('');
    if (http.issuedTokens.length) {
      say('Staff tokens, shown this once (only their SHA-256 is kept; note them now):');
      for (const t of http.issuedTokens) say(`  ${t.role.padEnd(12)}${t.name}  ${t.token}`);
      say('');
    }
    // Only while nothing is started: once a catalog runs, say which.
    const started = [...(http.startedCatalogs ?? [])].sort();
    say(
      started.length
        ? `Catalogs started: ${started.join(', ')} (another: npx mandate start CATALOG)`
        : 'Load a catalog:  npx mandate start catalogs/itu-council-1332.yaml',
    );
    say('Press Ctrl-C to stop.');
    checkpoint();

    // The CLI finds this system's ports here while it runs.
    recordRunningSystem(config.dataDir, {
      pid: process.pid,
      temporalAddress: address,
      httpPort: config.httpPort,
      publicUrl: config.publicUrl,
    });

    // A stop signal shuts the worker down; then the rest follows.
    await worker.run();
    transport.close();
    await connection.close();
    await client.connection.close();
    say('worker stopped; stopping the rest ...');
  } finally {
    forgetRunningSystem(config.dataDir);
    await cleanup();
  }
  say('stopped.');
  if (failure) process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof StopRequested) {
    // Stopped while starting: everything started so far is stopped by now.
    process.stdout.write('stopped before it was up.\n');
    process.exit(128 + constants.signals[error.message as NodeJS.Signals]);
  }
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  // Open connections would keep a failed start alive; every child is stopped by now.
  process.exit(1);
});
