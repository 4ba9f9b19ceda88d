/**
 * Builds the project's worker: the workflows, and activities whose
 * dependencies (SMTP transport, mail settings) the caller provides.
 */
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../../activities';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import { visibleTaskViews } from '../digest/task-views';
import type { Config } from '../config/config';
import { linkKeysFor } from '../config/link-secret';
import { TASK_QUEUE } from '../shared/workflow-api';
import { mailAddress } from '../mail/address';
import { SentArchive } from '../mail/sent-archive';
import { configuredStore } from '../deliverables/configured-store';
import { ReceivedArchive } from '../replies/received-archive';
import { workflowCode } from './workflow-code';

export interface MandateWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  activities: ActivityDependencies;
  /** A bundle built once with `bundleWorkflows`; without it, {@link workflowCode}'s. */
  workflowBundle?: WorkflowBundleOption;
  maxCachedWorkflows?: number;
  identity?: string;
}

/**
 * The mail settings and sent-mail archive every worker process takes from
 * configuration; with a client, the weekly digest reads the tasks' views
 * through it, and a configured bounce mailbox records what it holds.
 */
export function activityDependenciesFrom(
  config: Config,
  transport: Transporter,
  client?: Client,
): ActivityDependencies {
  const linkSecret = linkKeysFor(config.dataDir, config.linkSecret);
  return {
    transport,
    archive: new SentArchive(config.sentMailDir),
    ...(client ? { taskViews: visibleTaskViews(client) } : {}),
    ...(config.imap && client
      ? {
          bounces: {
            imap: config.imap,
            client,
            ...(config.replyAddress
              ? {
                  replies: {
                    replyAddress: config.replyAddress,
                    linkSecret,
                    store: configuredStore(config),
                    archive: new ReceivedArchive(config.receivedMailDir),
                  },
                }
              : {}),
          },
        }
      : {}),
    compose: {
      from: config.mailFrom,
      ...(config.mailContact ? { contact: mailAddress(config.mailContact) } : {}),
      publicUrl: config.publicUrl,
      linkSecret,
      ...(config.replyAddress ? { replyAddress: config.replyAddress } : {}),
    },
  };
}

export function createMandateWorker(options: MandateWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    activities: createActivities(options.activities),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : workflowCode()),
    ...(options.maxCachedWorkflows !== undefined
      ? { maxCachedWorkflows: options.maxCachedWorkflows }
      : {}),
    ...(options.identity ? { identity: options.identity } : {}),
  });
}
