/**
 * The baselines the engine is measured against: the least a Temporal
 * workflow can do for the same job. Bundled for a worker of its own on its
 * own task queue (see bench/run.ts).
 */
import * as wf from '@temporalio/workflow';

/** What the baseline worker registers as activities. */
export interface BaselineActivities {
  /** Does nothing but note that it ran (the bench counts these like mail at the sink). */
  noop(id: string): Promise<void>;
}

const { noop } = wf.proxyActivities<BaselineActivities>({
  // The same timeouts and retry as the engine's mail activity.
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** Scenario 1: a workflow that starts and waits, like a task occurrence far from its first reminder. */
export async function baselineWaitWorkflow(): Promise<void> {
  await wf.sleep('365 days');
}

export interface BaselineMailInput {
  /** One entry per message: the instant (epoch ms) and an id the no-op activity reports. */
  messages: { atMs: number; id: string }[];
}

/**
 * Scenario 2: one timer per distinct instant, then one no-op activity per
 * message at that instant, the same shape as the engine's workflow (one
 * timer per instant, the messages of that instant sent in parallel).
 */
export async function baselineMailWorkflow(input: BaselineMailInput): Promise<number> {
  const instants = [...new Set(input.messages.map((m) => m.atMs))].sort((a, b) => a - b);
  let sent = 0;
  for (const atMs of instants) {
    const wait = atMs - Date.now();
    if (wait > 0) await wf.sleep(wait);
    const batch = input.messages.filter((m) => m.atMs === atMs);
    await Promise.all(batch.map((m) => noop(m.id)));
    sent += batch.length;
  }
  return sent;
}
