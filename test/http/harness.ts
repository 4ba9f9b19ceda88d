/**
 * One real stack for an HTTP test file: a Temporal dev server with the
 * project's search attributes, one worker sending to a real SMTP sink, a
 * catalog started on it, and the HTTP server on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { validateCatalogText } from '../../src/catalog/validate';
import { DEFAULT_MEDIA_TYPES, FileSystemDeliverableStore } from '../../src/deliverables/store';
import { startCatalog } from '../../src/client/start-catalog';
import type { HttpDependencies } from '../../src/http/deps';
import { startHttpServer, type HttpServer } from '../../src/http/server';
import type { Catalog } from '../../src/shared/types';
import { createMandateWorker } from '../../src/worker/create-worker';
import {
  TEST_LINK_SECRET,
  devServerEnv,
  mailHarness,
  workflowBundle,
  type MailHarness,
} from '../support/temporal';

export const SECRETARIAT_TOKEN = 's'.repeat(24);
export const MANAGER_TOKEN = 'm'.repeat(24);
export const LINK_SECRET = TEST_LINK_SECRET;
export const MAX_UPLOAD_BYTES = 1024 * 1024;

export interface HttpHarness {
  env: TestWorkflowEnvironment;
  server: HttpServer;
  mail: MailHarness;
  catalog: Catalog;
  deps: HttpDependencies;
  close(): Promise<void>;
}

export function parseCatalog(yaml: string): Catalog {
  const { catalog, problems } = validateCatalogText(yaml);
  if (!catalog) throw new Error(`test catalog: ${JSON.stringify(problems)}`);
  return catalog;
}

export async function startHttpHarness(options: {
  catalog: Catalog;
  taskQueue: string;
  /** Nothing is sent at or before this instant (see StartOptions.sendAfter). */
  sendAfter?: number;
}): Promise<HttpHarness> {
  const directory = mkdtempSync(join(tmpdir(), 'mandate-http-'));
  const env = await devServerEnv();
  const deps: HttpDependencies = {
    client: env.client,
    store: new FileSystemDeliverableStore(join(directory, 'deliverables'), {
      maxBytes: MAX_UPLOAD_BYTES,
      mediaTypes: DEFAULT_MEDIA_TYPES,
    }),
    tokens: [
      { role: 'secretariat', name: 'sec', token: SECRETARIAT_TOKEN },
      { role: 'manager', name: 'mgr', token: MANAGER_TOKEN },
    ],
    linkSecret: LINK_SECRET,
    catalogs: new Map([[options.catalog.resolution.id, options.catalog]]),
    maxUploadBytes: MAX_UPLOAD_BYTES,
    now: Date.now,
    secureCookies: false,
    taskQueue: options.taskQueue,
    dataDir: directory,
  };
  const mail = await mailHarness();
  deps.sentMail = mail.archive;
  const server = await startHttpServer(deps, 0);
  // Mails carry links to this server, exactly as they would in production.
  const worker: Worker = await createMandateWorker({
    connection: env.nativeConnection,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: {
      ...mail.activities,
      compose: { ...mail.activities.compose, publicUrl: server.url },
    },
  });
  const running = worker.run();
  await startCatalog(env.client, options.catalog, {
    taskQueue: options.taskQueue,
    ...(options.sendAfter !== undefined ? { sendAfter: options.sendAfter } : {}),
  });
  return {
    env,
    server,
    mail,
    catalog: options.catalog,
    deps,
    async close() {
      await server.close();
      worker.shutdown();
      await running;
      await mail.close();
      await env.teardown();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
