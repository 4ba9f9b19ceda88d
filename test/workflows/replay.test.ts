/**
 * Replays the committed histories under test/histories/ (recorded by
 * test/workflows/record-histories.ts) against the current workflow bundle: a
 * change to the workflows that alters the commands they issue for a recorded
 * history makes this fail, before it breaks workflows already running.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { Worker, bundleWorkflowCode, type ReplayResult } from '@temporalio/worker';
import { installRuntime } from '../../src/temporal/runtime';
import { workflowBundle } from '../support/temporal';
import { historyFromJson } from './record-histories';

const HISTORIES_DIR = join(__dirname, '..', 'histories');

function recordedHistories(): HistoryAndWorkflowId[] {
  return readdirSync(HISTORIES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      workflowId: name.replace(/\.json$/, ''),
      history: historyFromJson(JSON.parse(readFileSync(join(HISTORIES_DIR, name), 'utf8'))),
    }));
}

async function collect(results: AsyncIterable<ReplayResult>): Promise<ReplayResult[]> {
  const all: ReplayResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

const describeError = (result: ReplayResult) =>
  result.error ? `${result.error.name}: ${result.error.message}` : undefined;

describe('recorded workflow histories', () => {
  installRuntime();

  it('replay without error against the current workflows', async () => {
    const histories = recordedHistories();
    expect(histories.map((h) => h.workflowId)).toEqual([
      'recurring-driver',
      'task-occurrence-bounced',
      'task-occurrence-extended',
      'task-occurrence-reviewed',
      'task-occurrence-revised',
      'task-occurrence-waived',
    ]);
    const results = await collect(
      Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories),
    );
    expect(results.map((r) => [r.workflowId, describeError(r)])).toEqual(
      histories.map((h) => [h.workflowId, undefined]),
    );
  });

  it('catch a change in command order', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'nondeterministic-workflows.ts'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    const results = await collect(
      Worker.runReplayHistories({ workflowBundle: changed }, recordedHistories()),
    );
    // Every recorded history begins with a timer, so the extra first command breaks each one.
    expect(results.map((r) => [r.workflowId, r.error?.name])).toEqual(
      recordedHistories().map((h) => [h.workflowId, 'DeterminismViolationError']),
    );
    expect(results[0]?.error?.message).toMatch(/Nondeterminism error/);
  });

  it('need the change-notices patch: taken unguarded, two of them break', async () => {
    // The histories were recorded before change notices existed. Bundling the
    // real workflows with `patched()` always true is the change made in place.
    const unguarded = await bundleWorkflowCode({
      workflowsPath: join(__dirname, '..', '..', 'workflows', 'index.ts'),
      webpackConfigHook: (config) => ({
        ...config,
        resolve: {
          ...config.resolve,
          alias: {
            ...(config.resolve?.alias as Record<string, string> | undefined),
            '@temporalio/workflow$': join(__dirname, 'patch-always-taken.ts'),
          },
        },
      }),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    // The bounce's and the revision's histories were recorded with the patches taken (their markers in it): not these.
    const beforeNotices = recordedHistories().filter(
      (h) => !['task-occurrence-bounced', 'task-occurrence-revised'].includes(h.workflowId),
    );
    const results = await collect(
      Worker.runReplayHistories({ workflowBundle: unguarded }, beforeNotices),
    );
    const broken = results.filter((r) => r.error).map((r) => [r.workflowId, r.error?.name]);
    // An extension and a return now notify the focal points; a waiver already
    // sent its cancellation before, and the driver sends nothing.
    expect(broken).toEqual([
      ['task-occurrence-extended', 'DeterminismViolationError'],
      ['task-occurrence-reviewed', 'DeterminismViolationError'],
    ]);
  });
});
