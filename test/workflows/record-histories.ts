/**
 * Records the workflow histories that test/workflows/replay.test.ts replays
 * against the current workflow code. Run it again only when a history shape
 * must change on purpose (and keep the old files while running workflows
 * may still have them):
 *
 *   npx tsx test/workflows/record-histories.ts
 *
 * With RECORD_ONLY=<name>[,<name>] it writes only those (a new history added
 * next to the recorded ones, which stay as they were).
 *
 * It runs representative workflows on the time-skipping test server with the
 * real mail activity and a real SMTP sink, and writes each history as JSON
 * under test/histories/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Client, type WorkflowHandle } from '@temporalio/client';
import {
  historyFromJSON as sdkHistoryFromJSON,
  historyToJSON as sdkHistoryToJSON,
  type History,
} from '@temporalio/common/lib/proto-utils';
import { DateTime } from 'luxon';
import { addDays } from '../../src/time/duration';
import { validateCatalogText } from '../../src/catalog/validate';
import { scheduleFor, taskTemplate } from '../../src/plan/occurrences';
import { wallTimeToInstant } from '../../src/time/wall-clock';
import type { TaskTemplate } from '../../src/shared/types';
import {
  extendUpdate,
  holdUpdate,
  occurrenceWorkflowId,
  reassignUpdate,
  recordBounceUpdate,
  recurrenceWorkflowId,
  resumeUpdate,
  reviewUpdate,
  reviseUpdate,
  statusQuery,
  submitUpdate,
  waiveUpdate,
} from '../../src/shared/workflow-api';
import type { recurringTaskWorkflow } from '../../workflows/recurring-task';
import type { taskOccurrenceWorkflow } from '../../workflows/task-occurrence';
import { createMandateWorker } from '../../src/worker/create-worker';
import { mailHarness, timeSkippingEnv, workflowBundle } from '../support/temporal';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ZONE = 'Europe/Zurich';
const TASK_QUEUE = 'record-histories';
const HISTORIES_DIR = join(__dirname, '..', 'histories');

type OccurrenceHandle = WorkflowHandle<typeof taskOccurrenceWorkflow>;

// ---------------------------------------------------------------------------
// History <-> JSON, in the format of `temporal workflow show --output json`

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown): History;
}

/**
 * The SDK's converter, and an equivalent for installs where @temporalio/common
 * and @temporalio/proto each got their own copy of protobufjs: the SDK's then
 * fails with "type must be a Type" (a Type of one copy handed to the other).
 * The equivalent uses the copy that @temporalio/proto's own root was built with.
 */
function protoJson(): { toJson(history: History): unknown; fromJson(json: unknown): History } {
  const local = createRequire(__filename);
  const fromProto = createRequire(local.resolve('@temporalio/proto'));
  const proto = local('@temporalio/proto') as {
    temporal: { api: { history: { v1: { History: { fromObject(o: unknown): unknown } } } } };
  };
  const { patchProtobufRoot } = local('@temporalio/proto/lib/patch-protobuf-root') as {
    patchProtobufRoot(root: unknown): { lookupType(name: string): unknown };
  };
  const { toJson, fromJson } = fromProto('protobufjs/ext/protojson') as ProtoJson;
  const type = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');
  return {
    toJson: (history) => toJson(type, proto.temporal.api.history.v1.History.fromObject(history)),
    fromJson: (json) => fromJson(type, json),
  };
}

function isTypeMismatch(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'type must be a Type';
}

export function historyToJson(history: History): string {
  try {
    return sdkHistoryToJSON(history);
  } catch (error) {
    if (!isTypeMismatch(error)) throw error;
  }
  return JSON.stringify(protoJson().toJson(history), null, 2);
}

/** A history read back from its JSON; replay workers take the result as it is. */
export function historyFromJson(json: unknown): History {
  try {
    return sdkHistoryFromJSON(json);
  } catch (error) {
    if (!isTypeMismatch(error)) throw error;
  }
  return protoJson().fromJson(json);
}

function template(id: string, due: string, extra = ''): TaskTemplate {
  const text = `
version: 1
resolution:
  id: recorded
  title: Recorded histories
  adoptedBy: Test Council
  timezone: ${ZONE}
people:
  amy: { name: Amy, email: amy@example.org }
  ben: { name: Ben, email: ben@example.org, timezone: Asia/Tokyo }
  boss: { name: Boss, email: boss@example.org }
defaults:
  reminders: [P14D, P7D, P1D]
  sendAt: "09:00"
  overdueEvery: P7D
  escalateAfter: P14D
  skipWeekends: true
tasks:
  - id: ${id}
    clause: "requests 1"
    title: Report for ${id}
    responsible: Secretariat
    assignees: [amy, ben]
    manager: boss
    due: ${due}
    deliverables:
      - { id: report, title: The report, kind: link }
${extra}`;
  const { catalog, problems } = validateCatalogText(text);
  if (!catalog) throw new Error(`catalog is invalid: ${JSON.stringify(problems)}`);
  return taskTemplate(catalog, catalog.tasks[0]!);
}

const at = (date: string, time = '09:00') => wallTimeToInstant(date, time, ZONE);

async function main(): Promise<void> {
  const env = await timeSkippingEnv();
  const mail = await mailHarness();
  // Results are read with a plain client: the environment's own would unlock time skipping.
  const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  const histories = new Map<string, string>();
  try {
    const worker = await createMandateWorker({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      activities: mail.activities,
      workflowBundle: await workflowBundle(),
    });

    const dueDate = async (): Promise<string> => {
      let date = DateTime.fromMillis(await env.currentTimeMs(), { zone: ZONE })
        .startOf('day')
        .plus({ days: 20 });
      while (date.weekday !== 1) date = date.plus({ days: 1 });
      return date.toISODate()!;
    };

    const settle = async (handle: OccurrenceHandle): Promise<void> => {
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

    const advanceTo = async (target: number, handle?: OccurrenceHandle): Promise<void> => {
      for (let now = await env.currentTimeMs(); now < target; now = await env.currentTimeMs()) {
        await env.sleep(Math.min(14 * DAY, target - now));
        if (handle) await settle(handle);
      }
    };

    const start = async (tmpl: TaskTemplate): Promise<OccurrenceHandle> =>
      env.client.workflow.start<typeof taskOccurrenceWorkflow>('taskOccurrenceWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: occurrenceWorkflowId(tmpl.resolutionId, tmpl.taskId, tmpl.firstDue),
        args: [
          { schedule: scheduleFor(tmpl, tmpl.firstDue), info: tmpl.info, searchAttributes: false },
        ],
      });

    const record = async (name: string, handle: WorkflowHandle): Promise<void> => {
      histories.set(name, historyToJson(await handle.fetchHistory()));
    };

    const link = { kind: 'link' as const, url: 'https://example.org/report.pdf' };

    await worker.runUntil(async () => {
      // 1. Reminders, a submission, a return, a resubmission and an acceptance.
      {
        const due = await dueDate();
        const handle = await start(template('reviewed', due));
        await advanceTo(at(addDays(due, -7)) + HOUR, handle);
        const submit = { by: 'amy', deliverableId: 'report', payload: link };
        await handle.executeUpdate(submitUpdate, { args: [submit] });
        await handle.executeUpdate(reviewUpdate, {
          args: [{ by: 'secretariat', decision: 'return', comment: 'Add the annex' }],
        });
        await handle.executeUpdate(submitUpdate, { args: [submit] });
        await advanceTo(at(addDays(due, -3)) + HOUR, handle);
        await handle.executeUpdate(reviewUpdate, {
          args: [{ by: 'secretariat', decision: 'accept' }],
        });
        await plain.workflow.getHandle(handle.workflowId).result();
        await record('task-occurrence-reviewed', handle);
      }

      // 2. An extension: reminders of the new schedule, overdue notices, an escalation, then a waiver.
      {
        const due = await dueDate();
        const handle = await start(template('extended', due));
        await advanceTo(at(addDays(due, -14)) + HOUR, handle);
        await handle.executeUpdate(extendUpdate, {
          args: [{ by: 'secretariat', dueDate: addDays(due, 7), reason: 'Data arrive late' }],
        });
        await advanceTo(at(addDays(due, 7 + 15)) + HOUR, handle);
        await handle.executeUpdate(submitUpdate, {
          args: [{ by: 'ben', deliverableId: 'report', payload: link }],
        });
        await handle.executeUpdate(reviewUpdate, {
          args: [{ by: 'secretariat', decision: 'accept' }],
        });
        await plain.workflow.getHandle(handle.workflowId).result();
        await record('task-occurrence-extended', handle);
      }

      // 3. A waiver after the first reminders: cancellations to both assignees.
      {
        const due = await dueDate();
        const handle = await start(template('waived', due));
        await advanceTo(at(addDays(due, -14)) + HOUR, handle);
        await handle.executeUpdate(waiveUpdate, {
          args: [{ by: 'secretariat', reason: 'Overtaken by events' }],
        });
        await plain.workflow.getHandle(handle.workflowId).result();
        await record('task-occurrence-waived', handle);
      }

      // 5. A bounce read later: recorded, escalated to the manager, then a successor named.
      {
        const due = await dueDate();
        const tmpl = template('bounced', due);
        const handle = await start(tmpl);
        await advanceTo(at(addDays(due, -14)) + HOUR, handle);
        const sent = (await handle.query(statusQuery)).history.find(
          (h) => h.type === 'message' && h.message.recipient === 'amy',
        );
        if (sent?.type !== 'message') throw new Error('no reminder to amy');
        await handle.executeUpdate(recordBounceUpdate, {
          args: [
            {
              by: 'bounce mailbox',
              messageId: sent.message.messageId,
              to: 'amy@example.org',
              permanent: true,
              status: '5.1.1',
              diagnostic: '550 5.1.1 user unknown',
            },
          ],
          updateId: 'bounce:<dsn@mx.example.org>:amy@example.org',
        });
        await settle(handle);
        const ben = tmpl.assignees.find((p) => p.key === 'ben')!;
        const successor = {
          ...tmpl.assignees.find((p) => p.key === 'amy')!,
          key: 'cat',
          name: 'Cat',
          email: 'cat@example.org',
        };
        await handle.executeUpdate(reassignUpdate, {
          args: [
            {
              by: 'secretariat',
              assignees: [successor, ben],
              reason: 'successor of amy',
              notifyUnassigned: false,
            },
          ],
        });
        await advanceTo(at(addDays(due, -7)) + HOUR, handle);
        await handle.executeUpdate(waiveUpdate, {
          args: [{ by: 'secretariat', reason: 'Recorded' }],
        });
        await plain.workflow.getHandle(handle.workflowId).result();
        await record('task-occurrence-bounced', handle);
      }

      // 6. A reassignment, a hold and resumption, then the catalog applied again
      //    with a new due date and the old assignee: the person's change stands.
      {
        const due = await dueDate();
        const tmpl = template('revised', due);
        const handle = await start(tmpl);
        await advanceTo(at(addDays(due, -14)) + HOUR, handle);
        const [amy, ben] = tmpl.assignees;
        const cat = { ...amy!, key: 'cat', name: 'Cat', email: 'cat@example.org' };
        await handle.executeUpdate(reassignUpdate, {
          args: [{ by: 'secretariat', assignees: [cat, ben!], reason: 'amy moved' }],
        });
        await handle.executeUpdate(holdUpdate, {
          args: [{ by: 'secretariat', reason: 'Council postponed' }],
        });
        await env.sleep(2 * DAY);
        await handle.executeUpdate(resumeUpdate, { args: [{ by: 'secretariat' }] });
        await settle(handle);
        const moved = scheduleFor(tmpl, tmpl.firstDue);
        await handle.executeUpdate(reviseUpdate, {
          args: [
            {
              by: 'root',
              schedule: { ...moved, dueDate: addDays(due, 14) },
              info: { ...tmpl.info, title: `${tmpl.info.title} (revised)` },
            },
          ],
        });
        await advanceTo(at(addDays(due, 7)) + HOUR, handle);
        await handle.executeUpdate(waiveUpdate, {
          args: [{ by: 'secretariat', reason: 'Recorded' }],
        });
        await plain.workflow.getHandle(handle.workflowId).result();
        await record('task-occurrence-revised', handle);
      }

      // 4. A recurring task's driver starting its two occurrences, then finishing.
      {
        const due = await dueDate();
        const until = DateTime.fromISO(due).plus({ months: 1 }).toISODate()!;
        const tmpl = template('monthly', due, `    recurrence: { every: P1M, until: ${until} }\n`);
        const driver = await env.client.workflow.start<typeof recurringTaskWorkflow>(
          'recurringTaskWorkflow',
          {
            taskQueue: TASK_QUEUE,
            workflowId: recurrenceWorkflowId(tmpl.resolutionId, tmpl.taskId),
            args: [{ template: tmpl, searchAttributes: false }],
          },
        );
        for (let step = 0; (await driver.describe()).status.name === 'RUNNING'; step++) {
          if (step > 20) throw new Error('the driver did not finish');
          await env.sleep(7 * DAY);
        }
        const outcome = await plain.workflow.getHandle(driver.workflowId).result();
        if ((outcome as { occurrencesStarted: number }).occurrencesStarted !== 2) {
          throw new Error(`expected 2 occurrences, got ${JSON.stringify(outcome)}`);
        }
        await record('recurring-driver', driver);
        for (const occurrence of [due, until]) {
          const child = env.client.workflow.getHandle(
            occurrenceWorkflowId(tmpl.resolutionId, tmpl.taskId, occurrence),
          );
          await child.terminate('recorded');
        }
      }
    });
  } finally {
    await env.teardown();
    await mail.close();
  }

  mkdirSync(HISTORIES_DIR, { recursive: true });
  const only = process.env.RECORD_ONLY?.split(',');
  for (const [name, json] of histories) {
    if (only && !only.includes(name)) continue;
    const file = join(HISTORIES_DIR, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
