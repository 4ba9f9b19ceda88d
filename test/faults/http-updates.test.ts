/**
 * Through the HTTP API on a dev server (SQLite in a temporary folder):
 *
 * - the same submit, with the same updateId, delivered three times (once,
 *   then twice at the same moment) makes one record;
 * - a 5 MB document goes to the FileSystemDeliverableStore by its SHA-256
 *   and the workflow history grows by less than 10 KB when it is submitted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { FileSystemDeliverableStore } from '../../src/deliverables/store';
import { startCatalog } from '../../src/client/start-catalog';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import type { HistoryEntry } from '../../src/shared/task-state';
import { TASK_QUEUE, occurrenceWorkflowId, statusQuery } from '../../src/shared/workflow-api';
import type { Catalog } from '../../src/shared/types';
import { createMandateWorker } from '../../src/worker/create-worker';
import { mailHarness, workflowBundle, type MailHarness } from '../support/temporal';
import { installRuntime } from '../../src/temporal/runtime';
import {
  EventType,
  FAULT_SUITE,
  connectClient,
  devServer,
  parseCatalog,
  removeTempDirs,
  report,
  tempDir,
  type RestartableDevServer,
} from './support';

const TOKEN = 'fault-suite-secretariat-token';
const FIVE_MB = 5 * 1024 * 1024;
/** Sixty days ahead: no mail falls due during the test. */
const DUE = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

let dev: RestartableDevServer;
let client: Client;
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let mail: MailHarness;
let http: HttpServer;
let storeDir: string;
let catalog: Catalog;

function catalogText(): string {
  const task = (id: string) => `  - id: ${id}
    clause: "requests ${id}"
    title: Task ${id}
    responsible: Secretariat
    assignees: [alice]
    due: ${DUE}
    deliverables:
      - { id: report, title: Report, kind: document }
      - { id: summary, title: Summary, kind: text }
`;
  return `version: 1
resolution:
  id: faults-http
  title: Fault suite over HTTP
  adoptedBy: Test Council
  timezone: UTC
people:
  alice: { name: Alice, email: alice@example.org }
tasks:
${task('redelivered')}${task('large-document')}`;
}

beforeAll(async () => {
  if (!FAULT_SUITE) return;
  installRuntime();
  dev = await devServer(tempDir('faults-http'));
  client = await connectClient(dev.address);
  connection = await NativeConnection.connect({ address: dev.address });
  mail = await mailHarness();
  worker = await createMandateWorker({
    connection,
    activities: mail.activities,
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
  catalog = parseCatalog(catalogText());
  await startCatalog(client, catalog, { taskQueue: TASK_QUEUE });
  storeDir = join(tempDir('faults-store'), 'deliverables');
  http = await startHttpServer(
    {
      client,
      store: new FileSystemDeliverableStore(storeDir),
      tokens: [{ role: 'secretariat', name: 'fault-suite', token: TOKEN }],
      linkSecret: 'fault-suite-link-secret',
      catalogs: new Map([[catalog.resolution.id, catalog]]),
      maxUploadBytes: 50 * 1024 * 1024,
      now: Date.now,
      secureCookies: false,
    },
    0,
  );
}, 180_000);

afterAll(async () => {
  await http?.close();
  worker?.shutdown();
  await running;
  await connection?.close();
  await mail?.close();
  await client?.connection.close();
  await dev?.server.stop();
  removeTempDirs();
});

const auth = { authorization: `Bearer ${TOKEN}` };

function submit(workflowId: string, body: unknown): Promise<Response> {
  return fetch(`${http.url}/api/tasks/${encodeURIComponent(workflowId)}/submit`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const submissions = (history: HistoryEntry[]) => history.filter((h) => h.type === 'submitted');

async function historySize(workflowId: string): Promise<{ bytes: number; events: number }> {
  const { raw } = await client.workflow.getHandle(workflowId).describe();
  const info = raw.workflowExecutionInfo!;
  return { bytes: Number(info.historySizeBytes), events: Number(info.historyLength) };
}

describe.runIf(FAULT_SUITE)('redelivered and large requests over HTTP', () => {
  it('the same submit update delivered three times makes one record', async () => {
    const id = occurrenceWorkflowId('faults-http', 'redelivered', DUE);
    const body = {
      deliverableId: 'summary',
      payload: { kind: 'text', text: 'Summary handed in once, delivered three times.' },
      updateId: 'submit-summary-once',
    };
    const firstResponse = await submit(id, body);
    const [second, third] = await Promise.all([submit(id, body), submit(id, body)]);
    const statuses = [firstResponse.status, second.status, third.status];
    const views = (await Promise.all([firstResponse, second, third].map((r) => r.json()))) as {
      history: HistoryEntry[];
    }[];
    expect(statuses).toEqual([200, 200, 200]);
    for (const view of views) expect(submissions(view.history)).toHaveLength(1);

    const view = await client.workflow.getHandle(id).query(statusQuery);
    const records = submissions(view.history);
    const { events } = await client.workflow.getHandle(id).fetchHistory();
    const accepted = (events ?? []).filter(
      (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    );
    report(
      `redelivery: 3 deliveries of update ${body.updateId} -> HTTP ${statuses.join(',')}; submitted records=${records.length}, UpdateAccepted events=${accepted.length}`,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ deliverableId: 'summary', by: 'fault-suite' });
    expect(accepted).toHaveLength(1);
    expect(view.deliverables.find((d) => d.id === 'summary')?.status).toBe('submitted');
  });

  it('a 5 MB document is stored by hash and adds under 10 KB to the history', async () => {
    const id = occurrenceWorkflowId('faults-http', 'large-document', DUE);
    // A PDF header before random bytes: the store checks what the content is.
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(FIVE_MB - 9)]);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'application/pdf' }), 'annual-report.pdf');
    const upload = await fetch(`${http.url}/api/documents`, {
      method: 'POST',
      headers: auth,
      body: form,
    });
    expect(upload.status).toBe(201);
    const reference = await upload.json();
    expect(reference).toEqual({
      kind: 'document',
      sha256,
      name: 'annual-report.pdf',
      size: FIVE_MB,
      mediaType: 'application/pdf',
    });
    const stored = join(storeDir, sha256.slice(0, 2), sha256);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored).equals(content)).toBe(true);

    const before = await historySize(id);
    const response = await submit(id, {
      deliverableId: 'report',
      payload: reference,
      updateId: 'submit-large-document',
    });
    expect(response.status).toBe(200);
    const after = await historySize(id);
    const grown = after.bytes - before.bytes;
    report(
      `large document: ${FIVE_MB} bytes stored as ${sha256.slice(0, 12)}...; history ${before.bytes} -> ${after.bytes} bytes (+${grown} bytes, +${after.events - before.events} events)`,
    );
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThan(10 * 1024);
    expect(after.bytes).toBeLessThan(64 * 1024);
    const { deliverables } = await client.workflow.getHandle(id).query(statusQuery);
    expect(deliverables.find((d) => d.id === 'report')?.latest).toEqual(reference);
  });
});
