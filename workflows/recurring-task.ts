/**
 * The driver of a recurring task: it starts each occurrence's own workflow a
 * day before that occurrence's first message, and continues-as-new every few
 * occurrences so its history stays small however long the recurrence runs.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as wf from '@temporalio/workflow';
import { dueInstant } from '../src/plan/occurrence-plan';
import {
  firstIndexNear,
  isPastUntil,
  nthDueDate,
  occurrenceStartInstant,
  scheduleFor,
} from '../src/plan/occurrences';
import { dateInZone } from '../src/time/wall-clock';
import {
  SEARCH_ATTRIBUTES,
  occurrenceWorkflowId,
  reviseTemplateUpdate,
  templateQuery,
  type RecurrenceWorkflowInput,
} from '../src/shared/workflow-api';
import { driverAttributes, upcomingAttributes } from '../src/shared/occurrence-attributes';
import { taskOccurrenceWorkflow } from './task-occurrence';

const OCCURRENCES_PER_RUN = 12;

export interface RecurrenceOutcome {
  occurrencesStarted: number;
}

export async function recurringTaskWorkflow(
  input: RecurrenceWorkflowInput,
): Promise<RecurrenceOutcome> {
  let template = input.template;
  let changed = false;
  wf.setHandler(templateQuery, () => template);
  wf.setHandler(
    reviseTemplateUpdate,
    (request) => {
      template = request.template;
      changed = true;
      // Listings of the upcoming occurrence read the task's people and tags from the driver.
      if (input.searchAttributes !== false && wf.patched('publish-upcoming'))
        wf.upsertSearchAttributes(driverAttributes(template));
      return template;
    },
    {
      validator: (request) => {
        if (!request?.by?.trim()) throw new Error('by: say who makes this change');
        if (request.template?.taskId !== template.taskId || !request.template.recurrence) {
          throw new Error('template: a revision must keep the task and its recurrence');
        }
      },
    },
  );
  const sendAfter = input.sendAfter ?? wf.workflowInfo().startTime.getTime();
  const started = input.started ?? [];
  const startedBefore = input.startedCount ?? 0;
  let startedThisRun = 0;
  for (let n = input.nextIndex ?? firstIndexNear(template, dateInZone(sendAfter, 'UTC')); ; n++) {
    const dueDate = nthDueDate(template, n);
    if (isPastUntil(template, dueDate))
      return { occurrencesStarted: startedBefore + startedThisRun };
    const schedule = scheduleFor(template, dueDate);
    // Rule 7: occurrences due at or before tracking began are closed history.
    if (dueInstant(schedule) <= sendAfter) continue;

    if (startedThisRun >= OCCURRENCES_PER_RUN || wf.workflowInfo().continueAsNewSuggested) {
      return await wf.continueAsNew<typeof recurringTaskWorkflow>({
        ...input,
        template,
        sendAfter,
        nextIndex: n,
        started: started.slice(-OCCURRENCES_PER_RUN),
        startedCount: startedBefore + startedThisRun,
      });
    }
    const wait = occurrenceStartInstant(schedule) - Date.now();
    // Until its workflow starts, the next occurrence is listed as upcoming with its date.
    if (input.searchAttributes !== false && wait > 0 && wf.patched('publish-upcoming'))
      wf.upsertSearchAttributes(upcomingAttributes(dueDate, dueInstant(schedule)));
    changed = false;
    if (wait > 0 && (await wf.condition(() => changed, wait))) {
      // The template changed while waiting: look at this occurrence again.
      n -= 1;
      continue;
    }

    const workflowId = occurrenceWorkflowId(template.resolutionId, template.taskId, dueDate);
    try {
      await wf.startChild(taskOccurrenceWorkflow, {
        workflowId,
        args: [
          {
            schedule,
            info: template.info,
            sendAfter,
            ...(input.searchAttributes === false ? { searchAttributes: false } : {}),
          },
        ],
        // Each occurrence lives on after the driver moves to the next run.
        parentClosePolicy: 'ABANDON',
        ...(input.searchAttributes === false
          ? {}
          : {
              typedSearchAttributes: [
                { key: SEARCH_ATTRIBUTES.resolution, value: template.resolutionId },
                { key: SEARCH_ATTRIBUTES.task, value: template.taskId },
                { key: SEARCH_ATTRIBUTES.occurrence, value: dueDate },
                { key: SEARCH_ATTRIBUTES.clause, value: template.info.clause },
                { key: SEARCH_ATTRIBUTES.status, value: 'open' },
                { key: SEARCH_ATTRIBUTES.due, value: new Date(dueInstant(schedule)) },
              ],
            }),
      });
    } catch (error) {
      // Already started by an earlier run of this driver: nothing to do.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    started.push(dueDate);
    startedThisRun += 1;
  }
}
