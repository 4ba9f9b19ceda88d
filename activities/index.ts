/**
 * The activities the worker registers, built from dependencies the worker
 * creates (transport, configuration); nothing here reads the environment.
 */
import type { TaskViewSource } from '../src/digest/task-views';
import { createBounceActivities, type BounceDependencies } from './bounces';
import { createDigestActivities } from './digest';
import { createMailActivities, type MailDependencies } from './mail';

export interface ActivityDependencies extends MailDependencies {
  /** The digest's source of task views (visibility and queries through a client). */
  taskViews?: TaskViewSource;
  /** The bounce mailbox and the client that records what it holds; undefined: none is read. */
  bounces?: BounceDependencies;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createMailActivities(deps),
    ...createDigestActivities({
      transport: deps.transport,
      compose: {
        from: deps.compose.from,
        publicUrl: deps.compose.publicUrl,
        ...(deps.compose.contact ? { contact: deps.compose.contact } : {}),
      },
      ...(deps.archive ? { archive: deps.archive } : {}),
      ...(deps.taskViews ? { taskViews: deps.taskViews } : {}),
    }),
    ...createBounceActivities(deps),
  };
}

export { TransientMailError, isPermanentSmtpFailure } from './mail';
export type { BounceDependencies } from './bounces';
