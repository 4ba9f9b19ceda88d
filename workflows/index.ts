/** The workflows the worker registers. */
export { taskOccurrenceWorkflow, type OccurrenceOutcome } from './task-occurrence';
export { recurringTaskWorkflow, type RecurrenceOutcome } from './recurring-task';
export { weeklyDigestWorkflow } from './weekly-digest';
export { bounceMailboxWorkflow } from './bounce-mailbox';
