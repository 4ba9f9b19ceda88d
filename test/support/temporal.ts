/**
 * Real Temporal servers for tests: the time-skipping test server and the
 * CLI's dev server, both from the binaries the project installs. A missing
 * binary fails the test; nothing is skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { Transporter } from 'nodemailer';
import { smtpTransport } from '../../src/mail/transport';
import { SentArchive } from '../../src/mail/sent-archive';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../src/mail/smtp-sink';
import { temporalCliPath, testServerPath } from '../../src/temporal/binaries';
import { installRuntime } from '../../src/temporal/runtime';
import { ALL_SEARCH_ATTRIBUTES } from '../../src/shared/workflow-api';
import { bundleWorkflows } from '../../src/worker/workflow-code';
import type { ActivityDependencies } from '../../activities';

export function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
}

export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  installRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
      log: { format: 'pretty', level: 'error' },
    },
  });
}

let bundle: Promise<WorkflowBundleOption> | undefined;
/** The workflow bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleOption> {
  bundle ??= bundleWorkflows();
  return bundle;
}

export interface MailHarness {
  sink: SmtpSink;
  transport: Transporter;
  /** The sent-mail archive the activities write to (a temporary folder). */
  archive: SentArchive;
  activities: ActivityDependencies;
  close(): Promise<void>;
}

export const TEST_LINK_SECRET = 'test-link-secret';

/** A real SMTP server on loopback, a sent-mail archive, and the activity dependencies that use them. */
export async function mailHarness(options: SmtpSinkOptions = {}): Promise<MailHarness> {
  const sink = await startSmtpSink(options);
  const archiveDir = mkdtempSync(join(tmpdir(), 'mandate-sent-'));
  const archive = new SentArchive(archiveDir);
  const transport = smtpTransport(
    { host: sink.host, port: sink.port, secure: false },
    { pool: false },
  );
  return {
    sink,
    transport,
    archive,
    activities: {
      transport,
      archive,
      compose: {
        from: 'Mandate tracker <mandates@example.org>',
        publicUrl: 'http://localhost:8080',
        linkSecret: TEST_LINK_SECRET,
      },
    },
    async close() {
      transport.close();
      await sink.close();
      rmSync(archiveDir, { recursive: true, force: true });
    },
  };
}
