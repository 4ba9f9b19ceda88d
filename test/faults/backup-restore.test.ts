/**
 * A backup taken while the dev server and a worker run, restored into a new
 * data folder: a dev server and a worker started on it find every open
 * workflow, its pending timers (the status view's `next`), its handed-in
 * deliverable and the document's bytes again, and hand-in links signed
 * before the backup still verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupError, backupDataFolder, restoreDataFolder } from '../../src/backup/backup';
import { recordStartedCatalog } from '../../src/catalog/registry';
import { main } from '../../src/cli/main';
import { startCatalog } from '../../src/client/start-catalog';
import { taskActions } from '../../src/client/task-actions';
import { linkKeysFor } from '../../src/config/link-secret';
import { FileSystemDeliverableStore } from '../../src/deliverables/store';
import { signLink, verifyLink } from '../../src/links/signed-link';
import { startSmtpSink, type SmtpSink } from '../../src/mail/smtp-sink';
import { statusQuery } from '../../src/shared/workflow-api';
import type { TaskView } from '../../src/shared/task-view';
import {
  FAULT_SUITE,
  connectClient,
  devServer,
  parseCatalog,
  removeTempDirs,
  report,
  spawnWorker,
  tempDir,
  waitFor,
  type RestartableDevServer,
  type WorkerProcess,
} from './support';

const QUEUE = 'faults-backup';
const TASKS = 8;
const DAY = 86_400_000;
const DUE = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
const OPEN = `WorkflowType = 'taskOccurrenceWorkflow' AND ExecutionStatus = 'Running'`;
const DOCUMENT = Buffer.from('The report handed in before the backup.\n'.repeat(200));

const catalogText = `version: 1
resolution:
  id: backup
  title: Backup
  adoptedBy: Test Council
  timezone: UTC
people:
  alice: { name: Alice, email: alice@example.org }
defaults:
  reminders: [P30D, P7D, P1D]
  sendAt: "09:00"
tasks:
${Array.from(
  { length: TASKS },
  (_, i) => `  - id: task-${i}
    clause: c${i}
    title: Task ${i}
    responsible: Secretariat
    assignees: [alice]
    due: ${DUE}
    deliverables:
      - { id: report, title: Report, kind: document }
      - { id: summary, title: Summary, kind: text }
`,
).join('')}`;

const source = FAULT_SUITE ? tempDir('faults-backup-source') : '';
const backupDir = FAULT_SUITE ? join(tempDir('faults-backup-copy'), 'backup') : '';
const restored = FAULT_SUITE ? join(tempDir('faults-backup-restored'), 'data') : '';
let dev: RestartableDevServer | undefined;
let client: Client | undefined;
let sink: SmtpSink;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  if (!FAULT_SUITE) return;
  sink = await startSmtpSink();
}, 60_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await client?.connection.close();
  await dev?.server.stop();
  await sink?.close();
  removeTempDirs();
});

async function views(c: Client, ids: string[]): Promise<Map<string, TaskView>> {
  const out = new Map<string, TaskView>();
  for (const id of ids) out.set(id, await c.workflow.getHandle(id).query(statusQuery));
  return out;
}

/** The archived messages of a data folder: file name to SHA-256. */
function archived(dataDir: string): Map<string, string> {
  const dir = join(dataDir, 'sent-mail');
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort())
    if (f.endsWith('.eml'))
      out.set(
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      );
  return out;
}

const pending = (view: TaskView) => ({
  next: view.next,
  deliverables: view.deliverables.map((d) => ({ id: d.id, status: d.status, latest: d.latest })),
  dueAt: view.dueAt,
});

describe.skipIf(!FAULT_SUITE)('backup and restore of the embedded default', () => {
  it('finds every open workflow, timer and deliverable again after a restore', async () => {
    dev = await devServer(source);
    client = await connectClient(dev.address);
    workers.push(
      await spawnWorker({
        address: dev.address,
        smtpPort: sink.port,
        taskQueue: QUEUE,
        dataDir: source,
      }),
    );
    const started = await startCatalog(client, parseCatalog(catalogText), { taskQueue: QUEUE });
    expect(started.started).toHaveLength(TASKS);
    const ids = started.started;
    await waitFor(
      async () => (await client!.workflow.count(OPEN)).count === TASKS,
      'every task visible',
      60_000,
    );

    // A document in the store, handed in to two tasks; a text to a third.
    const store = new FileSystemDeliverableStore(join(source, 'deliverables'));
    const reference = await store.put(DOCUMENT, 'report.txt', 'text/plain');
    for (const id of ids.slice(0, 2))
      await taskActions.submit(client, id, {
        deliverableId: 'report',
        payload: reference,
        by: 'sec',
      });
    await taskActions.submit(client, ids[2]!, {
      deliverableId: 'summary',
      payload: { kind: 'text', text: 'handed in before the backup' },
      by: 'sec',
    });
    // A return mails alice at once: the worker archives it in the sent-mail folder.
    await taskActions.review(client, ids[1]!, {
      decision: 'return',
      deliverableId: 'report',
      comment: 'Please add the annex',
      by: 'sec',
    });
    await waitFor(
      async () =>
        existsSync(join(source, 'sent-mail')) &&
        readdirSync(join(source, 'sent-mail'), { recursive: true }).some((f) =>
          String(f).endsWith('.eml'),
        ),
      'the returned mail archived',
      60_000,
    );
    recordStartedCatalog(source, parseCatalog(catalogText), catalogText);
    const archivedBefore = archived(source);
    const keys = linkKeysFor(source);
    const link = new URLSearchParams(
      signLink(keys, { workflowId: ids[0]!, person: 'alice', expires: Date.now() + 120 * DAY }),
    );
    const before = await views(client, ids);

    // The backup while the server and the worker run, with an update landing during it.
    const during = taskActions.submit(client, ids[3]!, {
      deliverableId: 'summary',
      payload: { kind: 'text', text: 'handed in during the backup' },
      by: 'sec',
    });
    const progress: string[] = [];
    const manifest = await backupDataFolder(source, backupDir, { mandateTracker: 'test' }, (l) =>
      progress.push(l),
    );
    await during;
    expect(progress.some((l) => /^database: \d+\/\d+ pages$/.test(l))).toBe(true);
    expect(manifest.counts.deliverables).toBe(1);
    expect(manifest.counts.openWorkflows.default).toBe(TASKS);
    expect(manifest.counts.catalogs).toBe(1);
    expect(manifest.counts.sentMails).toBe(archivedBefore.size);
    expect(archivedBefore.size).toBeGreaterThanOrEqual(1);
    const paths = (manifest.files as { path: string; sha256: string }[]).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'temporal.db',
        'link-secret',
        'catalogs/backup.yaml',
        `deliverables/${reference.sha256.slice(0, 2)}/${reference.sha256}`,
        ...[...archivedBefore.keys()].map((f) => `sent-mail/${f}`),
      ]),
    );

    for (const worker of workers.splice(0)) await worker.stop();
    await client.connection.close();
    client = undefined;
    await dev.server.stop();
    dev = undefined;

    // A restore refuses a folder in use and says why; the CLI restores into an empty one.
    mkdirSync(join(source, 'x'), { recursive: true });
    expect(() => restoreDataFolder(backupDir, source)).toThrow(BackupError);
    expect(() => restoreDataFolder(backupDir, source)).toThrow(
      /is not empty .*restore only into an empty/,
    );
    // A damaged copy of the backup (one byte of an archived mail changed) restores nothing.
    const damaged = join(tempDir('faults-backup-damaged'), 'backup');
    cpSync(backupDir, damaged, { recursive: true });
    const mailFile = join(damaged, 'sent-mail', [...archivedBefore.keys()][0]!);
    const bytes = readFileSync(mailFile);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    writeFileSync(mailFile, bytes);
    const nowhere = join(tempDir('faults-backup-nowhere'), 'data');
    expect(() => restoreDataFolder(damaged, nowhere)).toThrow(
      /the manifest says \d+ bytes with [0-9a-f]{64}; the backup is damaged, nothing was restored/,
    );
    expect(existsSync(nowhere)).toBe(false);
    const previous = process.env.MANDATE_DATA_DIR;
    process.env.MANDATE_DATA_DIR = restored;
    let code: number;
    try {
      code = await main(['restore', backupDir]);
    } finally {
      if (previous === undefined) delete process.env.MANDATE_DATA_DIR;
      else process.env.MANDATE_DATA_DIR = previous;
    }
    expect(code).toBe(0);
    expect(existsSync(join(restored, 'temporal.db'))).toBe(true);
    // The mail archive comes back byte for byte: every "mail as sent" page has its message.
    expect(archived(restored)).toEqual(archivedBefore);
    expect(existsSync(join(restored, 'catalogs', 'backup.yaml'))).toBe(true);

    dev = await devServer(restored);
    client = await connectClient(dev.address);
    workers.push(
      await spawnWorker({
        address: dev.address,
        smtpPort: sink.port,
        taskQueue: QUEUE,
        dataDir: restored,
      }),
    );
    const open = (await client.workflow.count(OPEN)).count;
    expect(open).toBe(TASKS);
    const after = await views(client, ids);
    for (const id of ids) {
      if (id === ids[3]) continue; // its update raced the backup: either state is consistent
      expect(pending(after.get(id)!)).toEqual(pending(before.get(id)!));
    }
    const raced = after.get(ids[3]!)!.deliverables.find((d) => d.id === 'summary')!.status;
    expect(['missing', 'submitted']).toContain(raced);
    const timers = [...after.values()].reduce((n, v) => n + v.next.length, 0);
    expect(timers).toBeGreaterThan(0);
    const restoredStore = new FileSystemDeliverableStore(join(restored, 'deliverables'));
    expect((await restoredStore.get(reference.sha256))?.equals(DOCUMENT)).toBe(true);
    const handedIn = [...after.values()].filter((v) =>
      v.deliverables.some((d) => d.latest?.kind === 'document'),
    ).length;
    expect(handedIn).toBe(2);
    // Links mailed before the backup still open: the restored keys are the same.
    expect(verifyLink(linkKeysFor(restored), link, Date.now())).toMatchObject({ ok: true });
    expect(readFileSync(join(restored, 'link-secret'), 'utf8')).toBe(
      readFileSync(join(source, 'link-secret'), 'utf8'),
    );
    writeFileSync(
      join(tempDir('faults-backup-manifest'), 'manifest.json'),
      JSON.stringify(manifest),
    );
    report(
      `backup: ${manifest.counts.databaseBytes} bytes of database (workflows ${JSON.stringify(manifest.counts.workflows)}, open ${JSON.stringify(manifest.counts.openWorkflows)}), ${manifest.counts.deliverables} deliverable file (${manifest.counts.deliverableBytes} bytes), ${manifest.counts.sentMails} archived mails, ${manifest.counts.catalogs} catalog; after restore: ${archived(restored).size} archived mails (equal), ${open} open workflows, ${timers} pending messages on their timers, ${handedIn} tasks holding the document, its ${DOCUMENT.length} bytes equal; the update during the backup: ${raced}`,
    );
  }, 300_000);
});
