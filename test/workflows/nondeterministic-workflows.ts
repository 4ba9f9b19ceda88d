/**
 * The real workflows with one command added in front. Replaying the recorded
 * histories against these must fail; test/workflows/replay.test.ts uses them
 * to show that its replay check catches a change in command order.
 *
 * The added command is a memo upsert, not a bare `sleep(1)`: replay matches a
 * timer by its sequence number, not its duration, and both workflows begin by
 * waiting on a timer whose firing makes them act at once, so an extra timer in
 * front lines up with the recorded commands and replays cleanly.
 */
import { upsertMemo } from '@temporalio/workflow';
import type {
  OccurrenceWorkflowInput,
  RecurrenceWorkflowInput,
} from '../../src/shared/workflow-api';
import {
  recurringTaskWorkflow as realRecurringTaskWorkflow,
  type RecurrenceOutcome,
} from '../../workflows/recurring-task';
import {
  taskOccurrenceWorkflow as realTaskOccurrenceWorkflow,
  type OccurrenceOutcome,
} from '../../workflows/task-occurrence';

export async function taskOccurrenceWorkflow(
  input: OccurrenceWorkflowInput,
): Promise<OccurrenceOutcome> {
  upsertMemo({ changed: 'an extra command before the first timer' });
  return realTaskOccurrenceWorkflow(input);
}

export async function recurringTaskWorkflow(
  input: RecurrenceWorkflowInput,
): Promise<RecurrenceOutcome> {
  upsertMemo({ changed: 'an extra command before the first timer' });
  return realRecurringTaskWorkflow(input);
}
