/**
 * The API server that test/faults/fuzz.sh points schemathesis at: a dev
 * server (SQLite in a temporary folder), a worker, a small catalog started
 * (so some task ids exist), and startHttpServer on a free loopback port.
 * Prints one JSON line `{ url, token, managerToken, tasks }` (a secretariat
 * and a manager token) on stdout when ready, and
 * stops on SIGINT or SIGTERM.
 */
import { smtpTransport } from '../../src/mail/transport';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { FileSystemDeliverableStore } from '../../src/deliverables/store';
import { startCatalog } from '../../src/client/start-catalog';
import { startHttpServer } from '../../src/http/server';
import { startSmtpSink } from '../../src/mail/smtp-sink';
import { installRuntime } from '../../src/temporal/runtime';
import { createMandateWorker } from '../../src/worker/create-worker';
import { connectClient, devServer, parseCatalog, removeTempDirs, tempDir } from './support';

const DUE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

const CATALOG = `version: 1
resolution:
  id: fuzz
  title: Fuzzing target
  adoptedBy: Test Council
  timezone: UTC
people:
  alice: { name: Alice, email: alice@example.org }
  bob: { name: Bob, email: bob@example.org, timezone: Asia/Tokyo, locale: fr }
defaults:
  reminders: [P7D]
  sendAt: "09:00"
tasks:
  - id: report
    clause: c1
    title: Report
    responsible: Secretariat
    assignees: [alice]
    manager: bob
    due: ${DUE}
    deliverables:
      - { id: report, title: Report, kind: document }
      - { id: summary, title: Summary, kind: text }
      - { id: page, title: Page, kind: link, required: false }
  - id: survey
    clause: c2
    title: Survey
    responsible: Secretariat
    assignees: [alice, bob]
    due: ${DUE}
    deliverables:
      - { id: answers, title: Answers, kind: text }
`;

async function main(): Promise<void> {
  installRuntime('ERROR');
  const dataDir = process.env.FUZZ_DATA_DIR ?? tempDir('fuzz');
  const dev = await devServer(dataDir);
  const client = await connectClient(dev.address);
  const connection = await NativeConnection.connect({ address: dev.address });
  const sink = await startSmtpSink();
  const transport = smtpTransport({ host: sink.host, port: sink.port, secure: false });
  const worker = await createMandateWorker({
    connection,
    activities: {
      transport,
      compose: {
        from: 'Mandate tracker <mandates@example.org>',
        publicUrl: 'http://localhost:8080',
        linkSecret: 'fuzz-link-secret',
      },
    },
  });
  const running = worker.run();
  const catalog = parseCatalog(CATALOG);
  const started = await startCatalog(client, catalog);
  const token = randomBytes(24).toString('base64url');
  const managerToken = randomBytes(24).toString('base64url');
  const http = await startHttpServer(
    {
      client,
      store: new FileSystemDeliverableStore(join(dataDir, 'deliverables')),
      tokens: [
        { role: 'secretariat', name: 'fuzzer', token },
        { role: 'manager', name: 'fuzzing-manager', token: managerToken },
      ],
      linkSecret: 'fuzz-link-secret',
      catalogs: new Map([[catalog.resolution.id, catalog]]),
      maxUploadBytes: 1024 * 1024,
      now: Date.now,
      secureCookies: false,
    },
    Number(process.env.FUZZ_HTTP_PORT ?? 0),
  );
  process.stdout.write(
    `${JSON.stringify({ url: http.url, token, managerToken, tasks: started.started })}\n`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await http.close();
    // The SDK's runtime may have shut the worker down on the same signal already.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
    transport.close();
    await sink.close();
    await client.connection.close();
    await dev.server.stop();
    if (!process.env.FUZZ_DATA_DIR) removeTempDirs();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
