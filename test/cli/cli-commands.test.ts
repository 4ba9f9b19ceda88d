/**
 * The command line as an operator meets it, against a real dev server and
 * worker: `show` takes every id `start` prints (a recurring driver lists its
 * occurrences), `--by` defaults to the configured operator, `--help` marks
 * what is required, `outbox` reads folded headers with mailparser, and `digest`
 * installs and previews the weekly digest.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { main } from '../../src/cli/main';
import { statusQuery } from '../../src/shared/workflow-api';
import { createMandateWorker } from '../../src/worker/create-worker';
import { devServerEnv, mailHarness, workflowBundle, type MailHarness } from '../support/temporal';

const TASK_QUEUE = 'cli-commands-test';
const OPERATOR = 'Amina Diallo';
const today = DateTime.utc().startOf('day');
const d = (days: number) => today.plus({ days }).toISODate()!;
const CATALOG = `version: 1
resolution: { id: cli-test, title: CLI test, adoptedBy: Test Council, timezone: UTC }
people:
  fp: { name: Focal point, email: fp@example.org }
defaults: { reminders: [P7D], skipWeekends: false }
tasks:
  - id: monthly
    clause: invites 1
    title: Monthly input
    responsible: Member States
    assignees: [fp]
    # The first reminder is due now, so the driver starts this occurrence at once.
    due: ${d(5)}
    recurrence: { every: P1M, until: ${d(100)} }
    deliverables: [{ id: input, title: Input, kind: text }]
  - id: once
    clause: resolves 1
    title: One report
    responsible: Secretariat
    assignees: [fp]
    due: ${d(20)}
    deliverables: [{ id: note, title: Note, kind: text }]
`;

let env: TestWorkflowEnvironment;
let mail: MailHarness;
let worker: Worker;
let running: Promise<void>;
const root = mkdtempSync(join(tmpdir(), 'mandate-cli-'));
const dataDir = join(root, 'data');
const catalogFile = join(root, 'cli-test.yaml');
const saved = { ...process.env };

/** Runs `mandate ...` in this process; what it printed and its exit code. */
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

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
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
    MANDATE_DATA_DIR: dataDir,
    MANDATE_OPERATOR: OPERATOR,
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

describe('show', () => {
  it('accepts every id start prints; a recurring driver lists its occurrences', async () => {
    const start = await mandate('start', catalogFile);
    expect(start.code, start.err).toBe(0);
    const ids = [...start.out.matchAll(/^ {2}started +(\S+)$/gm)].map((m) => m[1]!);
    expect(ids.sort()).toEqual(['cli-test/monthly/recurrence', `cli-test/once/${d(20)}`]);
    const first = `cli-test/monthly/${d(5)}`;
    const driver = await eventually(
      () => mandate('show', 'cli-test/monthly/recurrence'),
      (r) => r.out.includes(first),
    );
    expect(driver.code, driver.err).toBe(0);
    expect(driver.out).toContain('recurring task monthly of cli-test');
    // Due at the end of its day, shown on that day in the resolution's zone (not 00:00 of the next).
    expect(driver.out).toMatch(new RegExp(`open +${d(5)} +UTC +${first}`));
    const json = await mandate('show', 'cli-test/monthly/recurrence', '--json');
    const parsed = JSON.parse(json.out) as {
      running: boolean;
      occurrences: { workflowId: string }[];
    };
    expect(parsed.running).toBe(true);
    expect(parsed.occurrences.map((o) => o.workflowId)).toContain(first);
    for (const id of ids.filter((i) => !i.endsWith('/recurrence'))) {
      const shown = await mandate('show', id);
      expect(shown.code, shown.err).toBe(0);
      expect(shown.out).toContain('One report');
    }
  });

  it('says plainly when a recurring task was never started', async () => {
    const shown = await mandate('show', 'cli-test/nothing/recurrence');
    expect(shown.code).toBe(1);
    expect(shown.err).toBe(
      'mandate: no recurring task cli-test/nothing/recurrence (was its catalog started?)\n',
    );
  });
});

describe('options', () => {
  it('records the configured operator when --by is not given', async () => {
    const id = `cli-test/once/${d(20)}`;
    const submitted = await mandate('submit', id, '--deliverable', 'note', '--text', 'Done.');
    expect(submitted.code, submitted.err).toBe(0);
    const view = await env.client.workflow.getHandle(id).query(statusQuery);
    expect(view.deliverables[0]).toMatchObject({ status: 'submitted', submittedBy: OPERATOR });
    const reviewed = await mandate('review', id, '--accept', '--by', 'Chief of staff');
    expect(reviewed.code, reviewed.err).toBe(0);
    const after = await env.client.workflow.getHandle(id).query(statusQuery);
    expect(after.history.find((e) => e.type === 'reviewed')).toMatchObject({
      by: 'Chief of staff',
    });
  });

  it('marks required options in --help, and says where --by comes from', async () => {
    const help = await mandate('extend', '--help');
    expect(help.code).toBe(0);
    const line = (flag: string) =>
      help.out.split('\n').find((l) => l.trimStart().startsWith(flag)) ?? '';
    expect(line('--due')).toMatch(/\(required\)$/);
    expect(line('--reason')).toMatch(/\(required\)$/);
    expect(line('--time')).not.toMatch(/required/);
    expect(help.out).toMatch(
      /--by <who> +who extends \(default: MANDATE_OPERATOR, else your\s+user name\)/,
    );
    const missing = await mandate('extend', 'x/y/z', '--reason', 'late');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/required option '--due <date>' not specified/);
  });
});

describe('outbox', () => {
  it('reads recipients from folded and encoded To headers', async () => {
    const outbox = join(dataDir, 'outbox');
    mkdirSync(outbox, { recursive: true });
    const recipients = [
      {
        name: 'Direction des relations internationales et de la coopération',
        address: 'dri@example.org',
      },
      { name: 'نقطة الاتصال في المكتب الإقليمي للدول العربية', address: 'arab-office@example.org' },
    ];
    const raw = await new MailComposer({
      from: 'Mandate tracker <mandates@example.org>',
      to: recipients,
      subject: 'Reminder',
      text: 'Please hand in the report.',
      date: new Date('2027-01-04T09:00:00Z'),
      messageId: '<folded@mandate-tracker>',
      headers: {
        'X-Mandate-Kind': 'reminder',
        'X-Mandate-Task': 'once',
        'X-Mandate-Occurrence': d(20),
      },
    })
      .compile()
      .build();
    // The header is folded over lines: the old one-line regular expression found nobody.
    expect(raw.toString()).toMatch(/^To: [^\r\n]*\r\n[ \t]/m);
    writeFileSync(join(outbox, 'folded.eml'), raw);
    const listed = await mandate('outbox', '--json');
    expect(listed.code, listed.err).toBe(0);
    const entries = JSON.parse(listed.out) as { to: string; messageId: string }[];
    expect(entries.map((e) => e.to)).toEqual(recipients.map((r) => r.address));
    expect(entries.every((e) => e.messageId === '<folded@mandate-tracker>')).toBe(true);
    expect(readFileSync(join(outbox, 'folded.eml')).equals(raw)).toBe(true);
  });
});

describe('digest', () => {
  it('start installed the secretariat digest; --install again updates it in place', async () => {
    const installed = await mandate('digest', '--install');
    expect(installed.code, installed.err).toBe(0);
    expect(installed.out).toBe(
      'cli-test: 0 created, 1 updated, 0 deleted\n  updated  digest/cli-test/secretariat\n',
    );
  });

  it('--preview prints when the next digest goes and what it says, from visibility', async () => {
    const first = `cli-test/monthly/${d(5)}`;
    await eventually(
      () => mandate('status', '--resolution', 'cli-test', '--json'),
      (r) => r.out.includes(first),
    );
    const preview = await mandate('digest', '--preview', 'secretariat');
    expect(preview.code, preview.err).toBe(0);
    const [head, subject] = preview.out.split('\n');
    // 08:00 UTC (the resolution's zone) on a Monday, the secretariat's digest day.
    expect(head).toMatch(
      /^next digest: (\d{4}-\d\d-\d\d)T08:00:00\.000\+00:00 \(UTC\) to Mandate tracker <mandates@localhost>$/,
    );
    const day = DateTime.fromISO(head!.slice('next digest: '.length, 'next digest: '.length + 10), {
      zone: 'UTC',
    });
    expect(day.weekday).toBe(1);
    expect(subject).toMatch(/^Subject: Weekly digest: CLI test, week of /);
    expect(preview.out).toContain('Due in the next 14 days (1)\n  - Monthly input\n');
    expect(preview.out).toContain(`http://localhost:8080/tasks/${first}`);
  });

  it('--preview names who gets a digest when the person gets none', async () => {
    const preview = await mandate('digest', '--preview', 'fp');
    expect(preview.code).toBe(2);
    expect(preview.err).toBe(
      'mandate: fp: gets no digest in the recorded catalogs (a manager of a task, or "secretariat")\n',
    );
  });
});
