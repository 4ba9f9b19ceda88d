/**
 * A worker in a process of its own (node --expose-gc), for measuring memory
 * per cached workflow. It registers exactly what createMandateWorker does
 * (the engine's workflow bundle, the mail activities) and runs in debugMode,
 * so that the workflow sandbox lives on this process's main heap where
 * process.memoryUsage().heapUsed can see it (otherwise it lives in a worker
 * thread). With --threaded it is createMandateWorker itself (RSS only).
 *
 *   { type: 'status' }   -> { type: 'status', cached, inFlight }
 *   { type: 'measure' }  -> { type: 'measure', heapUsed, rss, external, arrayBuffers, cached } after full GCs
 */
import { readFileSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { smtpTransport } from '../src/mail/transport';
import { installRuntime } from '../src/temporal/runtime';
import { createMandateWorker } from '../src/worker/create-worker';

export interface MemoryWorkerArgs {
  address: string;
  taskQueue: string;
  maxCachedWorkflows: number;
  bundleFile: string;
  sinkPort: number;
  threaded: boolean;
}

export type MemoryRequest = { type: 'status' } | { type: 'measure' };
export type MemoryReply =
  | { type: 'ready'; maxCachedWorkflows: number }
  | { type: 'status'; cached: number; inFlight: number }
  | {
      type: 'measure';
      heapUsed: number;
      rss: number;
      external: number;
      arrayBuffers: number;
      cached: number;
    };

const COMPOSE = {
  from: 'Mandate tracker <mandates@example.org>',
  publicUrl: 'http://localhost:8080',
  linkSecret: 'bench-link-secret',
};

async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as MemoryWorkerArgs;
  installRuntime('ERROR');
  const connection = await NativeConnection.connect({ address: args.address });
  const transport = smtpTransport({ host: '127.0.0.1', port: args.sinkPort, secure: false });
  const dependencies = { transport, compose: COMPOSE };
  const bundle = { code: readFileSync(args.bundleFile, 'utf8') };
  const worker = args.threaded
    ? await createMandateWorker({
        connection,
        taskQueue: args.taskQueue,
        activities: dependencies,
        workflowBundle: bundle,
        maxCachedWorkflows: args.maxCachedWorkflows,
      })
    : await Worker.create({
        connection,
        taskQueue: args.taskQueue,
        activities: createActivities(dependencies),
        workflowBundle: bundle,
        maxCachedWorkflows: args.maxCachedWorkflows,
        debugMode: true,
      });
  const running = worker.run();
  const send = (reply: MemoryReply) => process.send?.(reply);
  process.on('message', (request: MemoryRequest) => {
    const status = worker.getStatus();
    if (request.type === 'status') {
      send({
        type: 'status',
        cached: status.numCachedWorkflows,
        inFlight: status.numInFlightWorkflowActivations + status.numInFlightActivities,
      });
    } else if (request.type === 'measure') {
      void fullGc().then(() => {
        const usage = process.memoryUsage();
        send({
          type: 'measure',
          heapUsed: usage.heapUsed,
          rss: usage.rss,
          external: usage.external,
          arrayBuffers: usage.arrayBuffers,
          cached: worker.getStatus().numCachedWorkflows,
        });
      });
    }
  });
  process.on('disconnect', () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  });
  while (worker.getState() !== 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 50));
  send({ type: 'ready', maxCachedWorkflows: worker.options.maxCachedWorkflows });
  await running;
  transport.close();
  await connection.close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `memory worker: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
