/**
 * `mandate simulate`: the real workflows and the real mail activity on the
 * time-skipping test server, sending to a real SMTP sink on loopback. What
 * the sink received is the answer, in the plan's form.
 */
import { existsSync, readdirSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { installRuntime } from '../temporal/runtime';
import { smtpTransport } from '../mail/transport';
import type { Catalog } from '../shared/types';
import { startSmtpSink } from '../mail/smtp-sink';
import { testServerPath } from '../temporal/binaries';
import { startCatalog } from '../client/start-catalog';
import { sortMessages } from '../plan/occurrence-plan';
import { createMandateWorker } from '../worker/create-worker';
import { bundleWorkflows } from '../worker/workflow-code';
import { receivedEntries, type ReceivedEntry } from './received-entries';
import type { MailDependencies } from '../../activities/mail';

export interface SimulateOptions {
  /** Epoch ms; default: the test server's current time. */
  from?: number;
  to: number;
  onProgress?: (message: string) => void;
  /** A folder for every message the sink receives, one .eml file each (to read before starting). */
  outbox?: string;
  /**
   * How mail is written: sender, contact, the hand-in pages' address and the
   * link keys. `mandate simulate` passes the running system's, so a preview
   * reads and links as live mail does; default: {@link EXAMPLE_COMPOSE}.
   */
  compose?: MailDependencies['compose'];
}

/** The mail settings of a simulation not told the running system's (tests, the library). */
export const EXAMPLE_COMPOSE: MailDependencies['compose'] = {
  from: 'Mandate tracker <mandates@example.org>',
  publicUrl: 'http://localhost:8080',
  linkSecret: 'simulation',
};

export class SimulationWindowError extends Error {
  override name = 'SimulationWindowError';
}

/** Tolerance for a `--from` of "now" computed a moment before the server started. */
const FROM_GRACE_MS = 5 * 60_000;

export async function simulate(
  catalog: Catalog,
  options: SimulateOptions,
): Promise<ReceivedEntry[]> {
  const progress = options.onProgress ?? (() => undefined);
  installRuntime();
  const realNow = Date.now();
  if (options.from !== undefined && options.from < realNow - FROM_GRACE_MS) {
    throw new SimulationWindowError(
      `--from ${new Date(options.from).toISOString()} lies before the current time`,
    );
  }
  progress('starting the SMTP sink and the time-skipping test server');
  if (options.outbox) checkOutboxFolder(options.outbox);
  const sink = await startSmtpSink(options.outbox ? { directory: options.outbox } : {});
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  const transport = smtpTransport({ host: sink.host, port: sink.port, secure: false });
  try {
    const serverNow = await env.currentTimeMs();
    const from = options.from ?? serverNow;
    if (options.to <= from) throw new SimulationWindowError('--to must be after --from');
    if (from > serverNow) await env.sleep(from - serverNow);

    progress('bundling the workflows');
    const workflowBundle = await bundleWorkflows();
    const taskQueue = `simulate-${catalog.resolution.id}`;
    const worker = await createMandateWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: {
        transport,
        compose: options.compose ?? EXAMPLE_COMPOSE,
      },
    });
    await worker.runUntil(async () => {
      const report = await startCatalog(env.client, catalog, {
        taskQueue,
        sendAfter: from,
        searchAttributes: false,
      });
      progress(
        `started ${report.started.length} workflows; skipping time to ${new Date(options.to).toISOString()}`,
      );
      await skipTimeTo(env, options.to, (at) =>
        progress(
          `at ${new Date(at).toISOString().slice(0, 10)}: ${sink.received.length} messages received`,
        ),
      );
      await waitForQuiet(sink.received);
    });
    const entries = await receivedEntries(sink.received);
    return sortMessages(entries.filter((e) => e.atMs > from && e.atMs < options.to));
  } finally {
    transport.close();
    await env.teardown();
    await sink.close();
  }
}

/** An outbox folder must not mix this run's mail with older files. */
function checkOutboxFolder(directory: string): void {
  if (!existsSync(directory)) return;
  const old = readdirSync(directory).filter((f) => f.endsWith('.eml'));
  if (old.length > 0)
    throw new SimulationWindowError(
      `--outbox ${directory} already holds ${old.length} .eml file(s); choose an empty or new folder`,
    );
}

/**
 * Moves the test server's clock in steps: one long unlock-and-sleep call
 * outlives the gRPC keepalive and is cut by the server.
 */
async function skipTimeTo(
  env: TestWorkflowEnvironment,
  to: number,
  report: (at: number) => void,
): Promise<void> {
  const step = 14 * 86_400_000;
  let lastReport = 0;
  for (let now = await env.currentTimeMs(); now < to; now = await env.currentTimeMs()) {
    await env.sleep(Math.min(step, to - now));
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      report(now);
    }
  }
}

/** Waits until the sink has received nothing new for a moment: activities still in flight finish. */
async function waitForQuiet(received: unknown[]): Promise<void> {
  let count = -1;
  while (count !== received.length) {
    count = received.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
