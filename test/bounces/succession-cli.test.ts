/**
 * Succession on a real dev server (visibility and search attributes) through
 * the command line: a bounce recorded on a task marks the person unreachable
 * (MandateUnreachable), `mandate status --unreachable` lists them with their
 * tasks and diagnostic, and `mandate replace-person` moves every open
 * occurrence and the recurring driver to the successor, in a dry run first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { main } from '../../src/cli/main';
import { taskActions } from '../../src/client/task-actions';
import { statusQuery, templateQuery } from '../../src/shared/workflow-api';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const TASK_QUEUE = 'succession-cli-test';
const today = DateTime.utc().startOf('day');
const d = (days: number) => today.plus({ days }).toISODate()!;
const CATALOG = `version: 1
resolution: { id: succession, title: Succession, adoptedBy: Test Council, timezone: UTC }
people:
  fp: { name: Leaving, email: leaving@example.org }
  co: { name: Colleague, email: co@example.org }
  fp2: { name: Successor, email: successor@example.org }
  boss: { name: Boss, email: boss@example.org }
defaults: { reminders: [P7D], skipWeekends: false }
tasks:
  - id: monthly
    clause: invites 1
    title: Monthly input
    responsible: Member States
    assignees: [fp]
    due: ${d(5)}
    recurrence: { every: P1M, until: ${d(100)} }
    deliverables: [{ id: input, title: Input, kind: text }]
  - id: once
    clause: resolves 1
    title: One report
    responsible: Secretariat
    assignees: [fp, co]
    manager: boss
    due: ${d(20)}
    deliverables: [{ id: note, title: Note, kind: text }]
  - id: other
    clause: resolves 2
    title: Not theirs
    responsible: Secretariat
    assignees: [co]
    due: ${d(30)}
    deliverables: [{ id: note, title: Note, kind: text }]
`;
const ONCE = `succession/once/${d(20)}`;
const MONTHLY = `succession/monthly/${d(5)}`;

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
const root = mkdtempSync(join(tmpdir(), 'mandate-succession-'));
const catalogFile = join(root, 'succession.yaml');
const saved = { ...process.env };

async function mandate(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof write.out;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof write.err;
  try {
    const code = await main(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

beforeAll(async () => {
  env = await devServerEnv();
  mail = await mailHarness();
  worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: mail.activities,
  });
  running = worker.run();
  writeFileSync(catalogFile, CATALOG);
  Object.assign(process.env, {
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    MANDATE_DATA_DIR: join(root, 'data'),
    MANDATE_CATALOG_DIR: join(root, 'no-catalogs'),
    MANDATE_OPERATOR: 'Amina Diallo',
  });
});

afterAll(async () => {
  process.env = saved;
  worker?.shutdown();
  await running;
  await mail?.close();
  await env?.teardown();
  rmSync(root, { recursive: true, force: true });
});

interface Unreachable {
  key: string;
  email: string;
  status?: string;
  diagnostic: string;
  tasks: string[];
}

async function unreachable(): Promise<Unreachable[]> {
  const r = await mandate('status', '--unreachable', '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Unreachable[];
}

describe('succession', () => {
  it('a bounce makes the person unreachable; replace-person hands their open tasks and the recurring task to the successor', async () => {
    const start = await mandate('start', catalogFile);
    expect(start.code, start.err).toBe(0);
    await expect
      .poll(() => taskActions.status(env.client, MONTHLY).then((v) => v.workflowId), {
        timeout: 20_000,
      })
      .toBe(MONTHLY);

    // An extension mails the assignees at once: the mail to fp is the one that bounces.
    const extended = await mandate('extend', ONCE, '--due', d(27), '--reason', 'more time');
    expect(extended.code, extended.err).toBe(0);
    await expect
      .poll(
        async () =>
          (await env.client.workflow.getHandle(ONCE).query(statusQuery)).history.some(
            (h) => h.type === 'message' && h.message.recipient === 'fp',
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    const view = await env.client.workflow.getHandle(ONCE).query(statusQuery);
    const entry = view.history.find((h) => h.type === 'message' && h.message.recipient === 'fp');
    if (entry?.type !== 'message') throw new Error('no mail to fp');
    await taskActions.recordBounce(
      env.client,
      ONCE,
      {
        by: 'bounce mailbox',
        messageId: entry.message.messageId,
        to: 'leaving@example.org',
        permanent: true,
        status: '5.1.1',
        diagnostic: '550 5.1.1 <leaving@example.org>: user unknown',
      },
      { updateId: 'bounce:<dsn@mx.example.org>:leaving@example.org' },
    );

    // The manager hears of the bounce. Waited for here, so that the count of
    // mail sent by replace-person below cannot take this notice in late.
    await expect
      .poll(() => mail.sink.received.filter((m) => m.to.includes('boss@example.org')).length, {
        timeout: 20_000,
      })
      .toBe(1);

    await expect.poll(unreachable, { timeout: 20_000 }).toEqual([
      {
        key: 'fp',
        email: 'leaving@example.org',
        since: expect.any(String),
        status: '5.1.1',
        diagnostic: '550 5.1.1 <leaving@example.org>: user unknown',
        tasks: [ONCE],
      },
    ]);
    const text = await mandate('status', '--unreachable');
    expect(text.out).toContain(
      '1 unreachable person(s); name a successor with mandate replace-person OLD NEW',
    );
    expect(text.out).toContain('fp <leaving@example.org> since');
    expect(text.out).toContain(`    ${ONCE}`);

    // A successor no catalog knows: said, and nothing changes.
    const unknown = await mandate('replace-person', 'fp', 'nobody');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('nobody is not a person of resolution succession');

    const dry = await mandate('replace-person', 'fp', 'fp2', '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({
      dryRun: true,
      occurrences: 2,
      recurrences: 1,
      failed: 0,
      steps: [
        { workflowId: `succession/monthly/${d(5)}`, kind: 'occurrence', outcome: 'would reassign' },
        { workflowId: 'succession/monthly/recurrence', kind: 'recurrence' },
        { workflowId: ONCE, kind: 'occurrence', roles: ['assignee'] },
      ],
    });
    expect(
      (await env.client.workflow.getHandle(ONCE).query(statusQuery)).assignees.map((a) => a.key),
    ).toEqual(['fp', 'co']);

    const sentBefore = mail.sink.received.length;
    const replaced = await mandate(
      'replace-person',
      'fp',
      'fp2',
      '--reason',
      'fp left the ministry',
    );
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out.split('\n').filter((l) => l.startsWith('['))).toHaveLength(3);
    expect(replaced.out).toContain(`[3/3] `);
    expect(replaced.out).toContain(
      'reassigned 2 open task occurrence(s) and 1 recurring task(s) from fp to fp2',
    );

    const after = await env.client.workflow.getHandle(ONCE).query(statusQuery);
    expect(after.assignees.map((a) => a.key)).toEqual(['fp2', 'co']);
    expect(after.unreachable).toBeUndefined();
    expect(after.history.at(-1)).toMatchObject({
      type: 'reassigned',
      by: 'Amina Diallo',
      reason: 'fp left the ministry',
    });
    const template = await env.client.workflow
      .getHandle('succession/monthly/recurrence')
      .query(templateQuery);
    expect(template.assignees.map((a) => a.key)).toEqual(['fp2']);
    await expect
      .poll(async () => JSON.parse((await mandate('status', '--assignee', 'fp', '--json')).out), {
        timeout: 20_000,
      })
      .toEqual([]);
    await expect.poll(unreachable, { timeout: 20_000 }).toEqual([]);

    // The successor is told; the address that bounced hears nothing more.
    await expect
      .poll(
        () =>
          mail.sink.received
            .slice(sentBefore)
            .flatMap((m) => m.to)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(['successor@example.org', 'successor@example.org']);
  });
});
