/**
 * What every dev-server scenario runs on: the project's embedded dev server
 * (temp data dir, free ports, search attributes registered), one client, the
 * SMTP sink in a child process, the engine's worker (createMandateWorker) and
 * a baseline worker on a task queue of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundle,
} from '@temporalio/worker';
import type { Transporter } from 'nodemailer';
import { smtpTransport } from '../src/mail/transport';
import { startDevServer, type DevServer } from '../src/start/dev-server';
import { createMandateWorker } from '../src/worker/create-worker';
import { WORKFLOWS_PATH, quietLogger } from '../src/worker/workflow-code';
import type { BaselineActivities } from './baseline-workflows';
import { forkChild } from './children';
import type { SinkMail, SinkReply, SinkRequest } from './sink-process';
import { freePort, log, waitFor } from './support';

export const ENGINE_QUEUE = 'bench-engine';
export const BASELINE_QUEUE = 'bench-baseline';

export const COMPOSE = {
  from: 'Mandate tracker <mandates@example.org>',
  publicUrl: 'http://localhost:8080',
  linkSecret: 'bench-link-secret',
};

export interface NoopRecord {
  id: string;
  at: number;
}

export interface BenchEnvironment {
  dataDir: string;
  devServer: DevServer;
  address: string;
  client: Client;
  connection: NativeConnection;
  sinkPort: number;
  transport: Transporter;
  engineBundle: WorkflowBundle;
  /** The engine's bundle on disk, for child-process workers. */
  engineBundleFile: string;
  engineWorker: Worker;
  baselineWorker: Worker;
  /** Workflows started and through their first task per second, as scenario 1 saw it. */
  setupRate?: number;
  /** What the baseline's no-op activity recorded since the last drain. */
  noops: NoopRecord[];
  sinkCount(): Promise<number>;
  sinkDrain(): Promise<SinkMail[]>;
  close(): Promise<void>;
}

export async function startEnvironment(): Promise<BenchEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mandate-bench-'));
  const [port, uiPort] = [await freePort(), await freePort()];
  log(`starting the Temporal dev server on 127.0.0.1:${port} (data in ${dataDir})`);
  const devServer = await startDevServer({ dataDir, ip: '127.0.0.1', port, uiPort });
  const address = devServer.address;
  const client = new Client({ connection: await Connection.connect({ address }) });
  const connection = await NativeConnection.connect({ address });

  const sink = forkChild<SinkRequest, SinkReply>('sink-process.ts', []);
  const { port: sinkPort } = await sink.next('ready', 60_000);
  log(`SMTP sink (child process ${sink.process.pid}) on 127.0.0.1:${sinkPort}`);
  // The production transport: pooled, four connections.
  const transport = smtpTransport({ host: '127.0.0.1', port: sinkPort, secure: false });

  log('bundling the engine and baseline workflows');
  const engineBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quietLogger,
  });
  const engineBundleFile = join(dataDir, 'engine-bundle.js');
  writeFileSync(engineBundleFile, engineBundle.code);
  const baselineBundle = await bundleWorkflowCode({
    workflowsPath: join(__dirname, 'baseline-workflows.ts'),
    logger: quietLogger,
  });

  const engineWorker = await createMandateWorker({
    connection,
    taskQueue: ENGINE_QUEUE,
    activities: { transport, compose: COMPOSE },
    workflowBundle: engineBundle,
  });
  const noops: NoopRecord[] = [];
  const activities: BaselineActivities = {
    noop: (id: string) => {
      noops.push({ id, at: Date.now() });
      return Promise.resolve();
    },
  };
  const baselineWorker = await Worker.create({
    connection,
    taskQueue: BASELINE_QUEUE,
    workflowBundle: baselineBundle,
    activities,
  });
  const engineRun = engineWorker.run();
  const baselineRun = baselineWorker.run();
  await waitFor(
    'workers running',
    () =>
      engineWorker.getState() === 'RUNNING' && baselineWorker.getState() === 'RUNNING'
        ? true
        : undefined,
    30_000,
  );

  return {
    dataDir,
    devServer,
    address,
    client,
    connection,
    sinkPort,
    transport,
    engineBundle,
    engineBundleFile,
    engineWorker,
    baselineWorker,
    noops,
    sinkCount: async () => (await sink.ask({ type: 'count' }, 'count')).count,
    sinkDrain: async () => (await sink.ask({ type: 'drain' }, 'drain')).mails,
    async close() {
      log('stopping workers, sink and dev server');
      for (const worker of [engineWorker, baselineWorker]) {
        if (worker.getState() === 'RUNNING') worker.shutdown();
      }
      await Promise.allSettled([engineRun, baselineRun]);
      transport.close();
      await connection.close();
      await client.connection.close();
      await sink.stop();
      await devServer.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
