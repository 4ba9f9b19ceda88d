/**
 * The activities the worker registers, built from dependencies the worker
 * creates (transport, configuration); nothing here reads the environment.
 */
import { createMailActivities, type MailDependencies } from './mail';

export type ActivityDependencies = MailDependencies;

export function createActivities(deps: ActivityDependencies) {
  return { ...createMailActivities(deps) };
}

export { TransientMailError, isPermanentSmtpFailure } from './mail';
