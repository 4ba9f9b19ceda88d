/**
 * Scenario 5, on Temporal's time-skipping test server with the real worker,
 * mail activity and an SMTP sink:
 *
 *  a) the history of one task occurrence over its whole life: four reminders
 *     (P30D, P14D, P7D, P1D), three weekly overdue notices, then a submission
 *     and an acceptance that complete it: events counted at the end;
 *  b) a recurring task with more occurrences than the driver starts per run
 *     (OCCURRENCES_PER_RUN = 12): the driver's runs, followed through
 *     continue-as-new from the first run.
 */
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { DateTime } from 'luxon';
import { addDays } from '../src/time/duration';
import { scheduleFor, taskTemplate } from '../src/plan/occurrences';
import { wallTimeToInstant } from '../src/time/wall-clock';
import type { TaskTemplate } from '../src/shared/types';
import {
  occurrenceWorkflowId,
  recurrenceWorkflowId,
  reviewUpdate,
  statusQuery,
  submitUpdate,
} from '../src/shared/workflow-api';
import type { recurringTaskWorkflow } from '../workflows/recurring-task';
import type { taskOccurrenceWorkflow } from '../workflows/task-occurrence';
import { createMandateWorker } from '../src/worker/create-worker';
import { mailHarness, timeSkippingEnv, workflowBundle } from '../test/support/temporal';
import type { Row } from './results';
import { catalogYaml, log, validatedCatalog, type GenPolicy } from './support';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const QUEUE = 'bench-history';
const ZONE = 'Europe/Zurich';

type History = temporal.api.history.v1.IHistory;
type OccurrenceHandle = WorkflowHandle<typeof taskOccurrenceWorkflow>;

function template(
  id: string,
  due: string,
  policy: GenPolicy,
  recurrence?: { every: string; until: string },
): TaskTemplate {
  const catalog = validatedCatalog(
    catalogYaml({
      resolutionId: 'bench-history',
      title: 'Benchmark resolution (history)',
      timezone: ZONE,
      people: [{ key: 'amy', name: 'Amy', email: 'amy@example.org', timezone: ZONE, locale: 'en' }],
      defaults: policy,
      tasks: [
        {
          id,
          clause: 'requests 1',
          title: `History of ${id}`,
          responsible: 'Secretariat',
          assignees: ['amy'],
          due,
          ...(recurrence ? { recurrence } : {}),
          deliverables: [{ id: 'report', title: 'The report', kind: 'link' }],
          tags: [],
        },
      ],
    }),
  );
  return taskTemplate(catalog, catalog.tasks[0]!);
}

export async function benchHistory(options: { recurrences: number }): Promise<Row[]> {
  log('scenario 5: histories on the time-skipping test server');
  const env = await timeSkippingEnv();
  const mail = await mailHarness();
  // Results are read with a plain client: the environment's own would let time run away.
  const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  const rows: Row[] = [];
  try {
    const worker = await createMandateWorker({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      activities: mail.activities,
      workflowBundle: await workflowBundle(),
    });
    await worker.runUntil(async () => {
      const serverDate = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });

      // ---- a) one occurrence's life
      const due = serverDate.startOf('day').plus({ days: 45 }).toISODate()!;
      const tmpl = template('life', due, {
        reminders: ['P30D', 'P14D', 'P7D', 'P1D'],
        sendAt: '09:00',
        overdueEvery: 'P7D',
        escalateAfter: null,
        skipWeekends: false,
      });
      const schedule = scheduleFor(tmpl, tmpl.firstDue);
      const handle: OccurrenceHandle = await env.client.workflow.start<
        typeof taskOccurrenceWorkflow
      >('taskOccurrenceWorkflow', {
        taskQueue: QUEUE,
        workflowId: occurrenceWorkflowId(tmpl.resolutionId, tmpl.taskId, tmpl.firstDue),
        // The test server has no custom search attributes; the dev server run adds upserts (see notes).
        args: [{ schedule, info: tmpl.info, searchAttributes: false }],
      });
      const settle = async (): Promise<void> => {
        for (let tries = 0; tries < 600; tries++) {
          const description = await handle.describe();
          if (description.status.name !== 'RUNNING') return;
          const { next } = await handle.query(statusQuery);
          const upcoming = next[0] ? { atMs: Date.parse(next[0].at) } : undefined;
          const idle = (description.raw.pendingActivities?.length ?? 0) === 0;
          if (idle && (!upcoming || upcoming.atMs > (await env.currentTimeMs()))) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`${handle.workflowId} did not settle`);
      };
      // After the third overdue notice (D+1, D+8, D+15 at 09:00), before the fourth.
      const target = wallTimeToInstant(addDays(due, 15), '09:00', ZONE) + HOUR;
      for (let t = await env.currentTimeMs(); t < target; t = await env.currentTimeMs()) {
        await env.sleep(Math.min(7 * DAY, target - t));
        await settle();
      }
      const link = { kind: 'link' as const, url: 'https://example.org/report.pdf' };
      await handle.executeUpdate(submitUpdate, {
        args: [{ by: 'amy', deliverableId: 'report', payload: link }],
      });
      await handle.executeUpdate(reviewUpdate, {
        args: [{ by: 'secretariat', decision: 'accept' }],
      });
      const outcome = await plain.workflow
        .getHandle<typeof taskOccurrenceWorkflow>(handle.workflowId)
        .result();
      const { events } = await handle.fetchHistory();
      const byType = new Map<string, number>();
      for (const e of events ?? []) {
        const type =
          Object.keys(e).find(
            (k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k] != null,
          ) ?? 'other';
        const name = type.replace(/EventAttributes$/, '');
        byType.set(name, (byType.get(name) ?? 0) + 1);
      }
      const count = events?.length ?? 0;
      const top = [...byType.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      log(`  history: ${count} events, ${outcome.messagesSent} messages sent (${top})`);
      rows.push({
        id: '5a',
        scenario:
          'History: events of one task occurrence over its life (4 reminders, 3 overdue notices, submit, accept and its notice)',
        engine: `${count} events`,
        baseline: '-',
        ratio: '-',
        goal: '< 200',
        // 4 reminders, 3 overdue notices and the assignee's notice of the acceptance.
        met: count < 200 && outcome.messagesSent === 8,
        notes: `${outcome.messagesSent} messages sent, status ${outcome.status}; ${top}; time-skipping server with search attributes off; with them on, publish() adds one UpsertWorkflowSearchAttributes event whenever status, due, assignees, tags or delivered change (about 4 more over this life)`,
      });

      // ---- b) the recurring driver continues as new
      // The clock moved on in a): start from the server's time now.
      const later = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE });
      const first = later.startOf('day').plus({ days: 10 }).toISODate()!;
      const until = DateTime.fromISO(first)
        .plus({ weeks: options.recurrences - 1 })
        .toISODate()!;
      const rtmpl = template(
        'weekly',
        first,
        {
          reminders: [],
          sendAt: '09:00',
          overdueEvery: 'P1Y',
          escalateAfter: null,
          skipWeekends: false,
        },
        { every: 'P1W', until },
      );
      const driverId = recurrenceWorkflowId(rtmpl.resolutionId, rtmpl.taskId);
      const driver = await env.client.workflow.start<typeof recurringTaskWorkflow>(
        'recurringTaskWorkflow',
        {
          taskQueue: QUEUE,
          workflowId: driverId,
          args: [{ template: rtmpl, searchAttributes: false }],
        },
      );
      for (let step = 0; (await driver.describe()).status.name === 'RUNNING'; step++) {
        if (step > options.recurrences + 10) throw new Error('the driver did not finish');
        await env.sleep(7 * DAY);
      }
      const result = await plain.workflow
        .getHandle<typeof recurringTaskWorkflow>(driverId)
        .result();
      // Follow the chain of runs from the first one.
      const runs: number[] = [];
      let runId: string | undefined = driver.firstExecutionRunId;
      while (runId) {
        const history: History = await plain.workflow.getHandle(driverId, runId).fetchHistory();
        const events = history.events ?? [];
        runs.push(events.length);
        runId =
          events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ??
          undefined;
      }
      // The occurrences' own workflows (the driver's outcome counts only those its last run remembers).
      let occurrences = 0;
      for (let n = 0; n < options.recurrences; n++) {
        const date = DateTime.fromISO(first).plus({ weeks: n }).toISODate()!;
        const id = occurrenceWorkflowId(rtmpl.resolutionId, rtmpl.taskId, date);
        occurrences += await plain.workflow
          .getHandle(id)
          .describe()
          .then(
            () => 1,
            () => 0,
          );
      }
      const expectedRuns = Math.ceil(options.recurrences / 12);
      log(
        `  recurring driver: ${occurrences} occurrence workflows (outcome says ${result.occurrencesStarted}) in ${runs.length} runs (events per run ${runs.join(', ')})`,
      );
      rows.push({
        id: '5b',
        scenario: `Recurring driver: ${options.recurrences} weekly occurrences, runs of its workflow id`,
        engine: `${runs.length} runs`,
        baseline: '-',
        ratio: '-',
        goal: `continue-as-new (${expectedRuns} runs)`,
        met: runs.length === expectedRuns && occurrences === options.recurrences,
        notes: `${occurrences} occurrence workflows exist; events per run ${runs.join(', ')}; the driver's outcome reports occurrencesStarted = ${result.occurrencesStarted}${result.occurrencesStarted !== occurrences ? ' (under-counts: it is the length of the list that continue-as-new trims to the last 12)' : ''}`,
      });
    });
  } finally {
    await env.teardown();
    await mail.close();
  }
  return rows;
}
