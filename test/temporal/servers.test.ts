/**
 * Smoke tests of the two real servers: a 30-day durable timer that finishes
 * in seconds under time skipping, and a signal/query round trip on the dev
 * server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { devServerEnv, timeSkippingEnv } from '../support/temporal';

const workflowsPath = join(__dirname, 'smoke-workflows.ts');

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a workflow with a 30-day durable timer in seconds', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'smoke',
      workflowsPath,
    });
    const started = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute('sleepThirtyDays', {
        taskQueue: 'smoke',
        workflowId: 'smoke-timer',
      }),
    );
    const slept = result.after - result.before;
    expect(slept).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await devServerEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('answers a query with the state a signal set', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'smoke',
      workflowsPath,
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('signalAndQuery', {
        taskQueue: 'smoke',
        workflowId: 'smoke-signal',
      });
      await handle.signal('set', 'hello from the test');
      await expect
        .poll(() => handle.query<string>('get'), { timeout: 20_000 })
        .toBe('hello from the test');
      await handle.signal('set', 'done');
      expect(await handle.result()).toBe('done');
    });
  });
});
