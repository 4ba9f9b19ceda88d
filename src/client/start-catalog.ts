/**
 * Starts a catalog's workflows idempotently: one workflow per non-recurring
 * task, one driver per recurring task, one workflow per tracked session of a
 * series task, none for a waived task. A second run starts nothing new (but
 * a session added since); it lists what differs between the catalog and the
 * running workflows, and with `apply` sends those differences as validated
 * updates.
 */
import { workflowExists } from './workflow-exists';
import { installDigestSchedules, type DigestInstallReport } from './digest-schedules';
import type { MailAddress } from '../mail/address';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { dueInstant } from '../plan/occurrence-plan';
import { forEachLimited } from './for-each-limited';
import { scheduleFor, shiftedDue, taskTemplate, trackedOccurrences } from '../plan/occurrences';
import { driverAttributes, occurrenceSearchAttributes } from '../shared/occurrence-attributes';
import { scheduleChanges, type ScheduleChange } from '../occurrence/schedule-changes';
import { describeScheduleChange } from '../i18n/describe-history';
import { decideCatalogPeople, type PeopleField } from '../occurrence/catalog-people';
import type { Catalog, TaskTemplate } from '../shared/types';
import type { recurringTaskWorkflow, taskOccurrenceWorkflow } from '../../workflows';
import type { TaskView } from '../shared/task-view';
import {
  SEARCH_ATTRIBUTES,
  TASK_QUEUE,
  WORKFLOW_TYPES,
  occurrenceWorkflowId,
  recurrenceWorkflowId,
  reviseUpdate,
  reviseTemplateUpdate,
  statusQuery,
  templateQuery,
} from '../shared/workflow-api';

export interface StartOptions {
  taskQueue?: string;
  /** Nothing is sent at or before this instant (default: each workflow's start). */
  sendAfter?: number;
  /** Upsert search attributes (needs them registered on the server). Default true. */
  searchAttributes?: boolean;
  /** Send the differences found in running workflows as updates. */
  apply?: boolean;
  /**
   * Report what a run would do without starting or applying anything:
   * `started` lists what would start (new tasks, sessions added),
   * `differences` what would change; `applied` stays empty.
   */
  dryRun?: boolean;
  /** Who applies the changes (recorded in each workflow's history). */
  actor?: string;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Also install the weekly digest's schedules (not on a dry run), the secretariat's at this address. */
  digests?: { secretariat: MailAddress };
  /**
   * Go on although running tasks are not in the catalog any more (they are
   * left running). Without it such a run changes nothing and throws
   * {@link CatalogDropsTasksError}; a dry run lists them in `removed`.
   */
  allowRemoved?: boolean;
  /**
   * Where a person changed the assignees or the manager since the catalog was
   * last applied and the catalog changes them too, take the catalog's; the
   * person's are kept otherwise (src/occurrence/catalog-people.ts).
   */
  preferCatalog?: boolean;
}

/**
 * The catalog leaves out tasks (or sessions) that are running: a file cut
 * short, or tasks deleted on purpose. Nothing was started or changed.
 */
export class CatalogDropsTasksError extends Error {
  override name = 'CatalogDropsTasksError';
  constructor(readonly removed: string[]) {
    super(
      `the catalog leaves out ${removed.length} running workflow(s): ${removed.slice(0, 10).join(', ')}${removed.length > 10 ? ', ...' : ''}; nothing was started or changed. If they were removed on purpose, start it again with --allow-removed (they keep running; waive them to close them)`,
    );
  }
}

export interface StartReport {
  started: string[];
  alreadyRunning: string[];
  differences: { workflowId: string; changes: string[] }[];
  applied: string[];
  /** Waived tasks (v2), which start nothing: `task: reason`. */
  waived: string[];
  /** Running workflows of the resolution that the catalog no longer names (left running). */
  removed: string[];
  /** The digest schedules installed, when asked for. */
  digests?: DigestInstallReport;
}

interface Job {
  workflowId: string;
  /** For a series session: the template with the session's due date as `firstDue`. */
  template: TaskTemplate;
  /** The occurrence's name when it is not its due date: a series session's event key. */
  occurrence?: string;
}

export async function startCatalog(
  client: Client,
  catalog: Catalog,
  options: StartOptions = {},
): Promise<StartReport> {
  const report: StartReport = {
    started: [],
    alreadyRunning: [],
    differences: [],
    applied: [],
    waived: [],
    removed: [],
  };
  // A non-recurring task keeps the workflow it started with, even when the
  // catalog has since moved its due date (and so the occurrence name).
  const existing =
    options.searchAttributes === false
      ? new Map<string, string>()
      : await startedOccurrences(client, catalog.resolution.id);
  // Series sessions due by now (or by sendAfter) are closed history, as in the plan.
  const trackedFrom = options.sendAfter ?? Date.now();
  const jobs: Job[] = catalog.tasks.flatMap((task): Job[] => {
    const template = taskTemplate(catalog, task);
    if (template.waived) {
      report.waived.push(`${template.taskId}: ${template.waived.reason}`);
      return [];
    }
    if (template.sessions) {
      return trackedOccurrences(template, trackedFrom, Number.POSITIVE_INFINITY).map(
        (schedule) => ({
          workflowId: occurrenceWorkflowId(
            template.resolutionId,
            template.taskId,
            schedule.occurrence,
          ),
          template: { ...template, firstDue: schedule.dueDate },
          occurrence: schedule.occurrence,
        }),
      );
    }
    const workflowId = template.recurrence
      ? recurrenceWorkflowId(template.resolutionId, template.taskId)
      : (existing.get(template.taskId) ??
        occurrenceWorkflowId(template.resolutionId, template.taskId, template.firstDue));
    return [{ workflowId, template }];
  });
  // Everything is read and compared first; nothing starts or changes before the whole
  // catalog is known to be applicable.
  if (options.searchAttributes !== false) {
    report.removed = await runningNotInCatalog(client, catalog);
    if (report.removed.length > 0 && !options.dryRun && !options.allowRemoved)
      throw new CatalogDropsTasksError(report.removed);
  }
  let done = 0;
  const total = jobs.length;
  const checked: { job: Job; exists: boolean; changes: string[] }[] = [];
  await forEachLimited(jobs, options.concurrency ?? 32, async (job) => {
    const exists = await workflowExists(client, job.workflowId);
    const preferCatalog = options.preferCatalog === true;
    checked.push({
      job,
      exists,
      changes: exists ? await differences(client, job, preferCatalog) : [],
    });
    if (options.dryRun) options.onProgress?.(++done, total);
  });
  await forEachLimited(checked, options.concurrency ?? 32, async ({ job, exists, changes }) => {
    const outcome =
      exists || options.dryRun
        ? exists
          ? 'exists'
          : 'started'
        : await startOne(client, job, options);
    if (outcome === 'started') report.started.push(job.workflowId);
    else {
      report.alreadyRunning.push(job.workflowId);
      if (changes.length > 0) {
        report.differences.push({ workflowId: job.workflowId, changes });
        if (options.apply && !options.dryRun) {
          await applyChanges(
            client,
            job,
            options.actor ?? 'mandate start --apply',
            options.preferCatalog === true,
          );
          report.applied.push(job.workflowId);
        }
      }
    }
    if (!options.dryRun) options.onProgress?.(++done, total);
  });
  for (const list of [
    report.started,
    report.alreadyRunning,
    report.applied,
    report.waived,
    report.removed,
  ])
    list.sort();
  report.differences.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  if (options.digests && !options.dryRun)
    report.digests = await installDigestSchedules(client, catalog, {
      secretariat: options.digests.secretariat,
      ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
    });
  return report;
}

/**
 * Running top-level workflows of the resolution (occurrences and drivers) that
 * the catalog no longer names: a task id it lacks, or a series session whose
 * event it lacks.
 */
async function runningNotInCatalog(client: Client, catalog: Catalog): Promise<string[]> {
  const tasks = new Map(catalog.tasks.map((t) => [t.id, t]));
  const events = new Set(Object.keys(catalog.events));
  const query =
    `${SEARCH_ATTRIBUTES.resolution.name} = '${catalog.resolution.id}'` +
    ` AND ExecutionStatus = 'Running' AND ParentWorkflowId IS NULL`;
  const removed: string[] = [];
  for await (const info of client.workflow.list({ query })) {
    const taskId = info.typedSearchAttributes.get(SEARCH_ATTRIBUTES.task);
    const task = taskId === undefined ? undefined : tasks.get(taskId);
    const session = info.typedSearchAttributes.get(SEARCH_ATTRIBUTES.series);
    const occurrence = info.typedSearchAttributes.get(SEARCH_ATTRIBUTES.occurrence);
    if (!task) removed.push(info.workflowId);
    else if (session !== undefined && occurrence !== undefined && !events.has(occurrence))
      removed.push(info.workflowId);
  }
  return removed;
}

/** The workflow id of each non-recurring task already started for the resolution (one visibility listing). */
async function startedOccurrences(
  client: Client,
  resolutionId: string,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const query =
    `WorkflowType = '${WORKFLOW_TYPES.occurrence}' AND ${SEARCH_ATTRIBUTES.resolution.name} = '${resolutionId}'` +
    ` AND ParentWorkflowId IS NULL`;
  for await (const info of client.workflow.list({ query })) {
    const task = info.typedSearchAttributes.get(SEARCH_ATTRIBUTES.task);
    // Prefer a running workflow over a closed one.
    if (task && (!found.has(task) || info.status.name === 'RUNNING'))
      found.set(task, info.workflowId);
  }
  return found;
}

async function startOne(
  client: Client,
  job: Job,
  options: StartOptions,
): Promise<'started' | 'exists'> {
  const { template } = job;
  const taskQueue = options.taskQueue ?? TASK_QUEUE;
  const searchAttributes = options.searchAttributes !== false;
  const sendAfter = options.sendAfter !== undefined ? { sendAfter: options.sendAfter } : {};
  const flag = searchAttributes ? {} : { searchAttributes: false };
  try {
    if (template.recurrence) {
      await client.workflow.start<typeof recurringTaskWorkflow>(WORKFLOW_TYPES.recurrence, {
        workflowId: job.workflowId,
        taskQueue,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [{ template, ...sendAfter, ...flag }],
        ...(searchAttributes ? { typedSearchAttributes: driverAttributes(template) } : {}),
      });
    } else {
      const schedule = scheduleFor(template, template.firstDue, job.occurrence);
      await client.workflow.start<typeof taskOccurrenceWorkflow>(WORKFLOW_TYPES.occurrence, {
        workflowId: job.workflowId,
        taskQueue,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [
          {
            schedule,
            info: template.info,
            ...sendAfter,
            ...flag,
            ...(searchAttributes ? { startAttributes: true as const } : {}),
            ...(template.completed !== undefined ? { completedOn: template.completed } : {}),
          },
        ],
        ...(searchAttributes
          ? {
              typedSearchAttributes: occurrenceSearchAttributes({
                schedule,
                info: template.info,
                status: template.completed !== undefined ? 'completed' : 'open',
                dueAt: dueInstant(schedule),
              }),
            }
          : {}),
      });
    }
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'exists';
    throw error;
  }
}

/** A driver is listed by resolution and task, like its occurrences. */

/** What the catalog says differently from the running workflow. Closed workflows have none. */
async function differences(client: Client, job: Job, preferCatalog: boolean): Promise<string[]> {
  const handle = client.workflow.getHandle(job.workflowId);
  const description = await handle.describe();
  if (description.status.name !== 'RUNNING') return [];
  if (job.template.recurrence)
    return compareTemplates(await handle.query(templateQuery), job.template).map((c) =>
      describeScheduleChange(c),
    );
  const view = await handle.query(statusQuery);
  // The people settled as the workflow will settle them (one rule, src/occurrence/).
  const wanted = {
    assignees: job.template.assignees,
    ...(job.template.manager ? { manager: job.template.manager } : {}),
  };
  const decisions = decideCatalogPeople(
    {
      assignees: view.assignees,
      ...(view.manager ? { manager: view.manager } : {}),
      ...(view.catalogPeople ? { catalog: view.catalogPeople } : {}),
      reassigned: view.history.some((e) => e.type === 'reassigned'),
    },
    wanted,
    preferCatalog,
  );
  // A person's change that the catalog did not touch is no difference.
  const stands = (field: PeopleField) =>
    decisions.some((d) => d.field === field && d.take === 'task' && !d.conflict);
  const assignees = stands('assignees') ? wanted.assignees : view.assignees;
  const manager = stands('manager') ? wanted.manager : view.manager;
  // Compare with the due date the catalog gave, so an extension made since is not a difference.
  const changes = compareTemplates(
    {
      ...job.template,
      firstDue: view.catalogDue.date,
      ...(view.catalogDue.time !== undefined ? { dueTime: view.catalogDue.time } : {}),
      policy: view.policy,
      assignees,
      ...(manager ? { manager } : {}),
      info: infoOf(view),
    },
    job.template,
    {
      running: view.tentative,
      wanted: scheduleFor(job.template, job.template.firstDue, job.occurrence).tentative === true,
    },
  );
  return changes.map((fact) => {
    const change = describeScheduleChange(fact);
    const conflict = decisions.find((d) => d.conflict && d.field === fact.field);
    if (!conflict) return change;
    return conflict.take === 'task'
      ? `${change} (conflict: changed by a person since the catalog was last applied; the person's kept, --prefer-catalog takes the catalog's)`
      : `${change} (conflict: changed by a person since the catalog was last applied; the catalog's taken, --prefer-catalog)`;
  });
}

/** The task description a view publishes, in the catalog's shape. */
function infoOf(view: TaskView): TaskTemplate['info'] {
  return {
    resolutionTitle: view.resolution.title,
    title: view.task.title,
    clause: view.task.clause,
    responsible: view.task.responsible,
    deliverables: view.deliverables.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      required: d.required,
    })),
    dependsOn: view.task.dependsOn,
    tags: view.task.tags,
    ...(view.task.notes !== undefined ? { notes: view.task.notes } : {}),
  };
}

/** The series is derived from the due, compared already; tasks started before it was kept lack it. */
function withoutSeries(info: TaskTemplate['info']): TaskTemplate['info'] {
  const rest = { ...info };
  delete rest.series;
  return rest;
}

/**
 * How the catalog's template differs from the running one. `tentative` is the
 * occurrence's own (a series session's), where the template's flag says less.
 */
export function compareTemplates(
  running: TaskTemplate,
  wanted: TaskTemplate,
  tentative = { running: running.tentative === true, wanted: wanted.tentative === true },
): ScheduleChange[] {
  const facts = (t: TaskTemplate, isTentative: boolean) => ({
    // The date the occurrence is due on, after any dueShift (a running one's is already moved).
    dueDate: shiftedDue(t, t.firstDue),
    ...(isTentative ? { tentative: true } : {}),
    ...(t.dueTime !== undefined ? { dueTime: t.dueTime } : {}),
    ...(t.recurrence ? { recurrence: t.recurrence } : {}),
    policy: t.policy,
    assignees: t.assignees,
    ...(t.manager ? { manager: t.manager } : {}),
    info: withoutSeries(t.info),
  });
  return scheduleChanges(facts(running, tentative.running), facts(wanted, tentative.wanted));
}

async function applyChanges(
  client: Client,
  job: Job,
  actor: string,
  preferCatalog: boolean,
): Promise<void> {
  const handle = client.workflow.getHandle(job.workflowId);
  if (job.template.recurrence) {
    await handle.executeUpdate(reviseTemplateUpdate, {
      args: [{ by: actor, template: job.template }],
    });
    return;
  }
  // A non-recurring task keeps its occurrence name: the first due date it started with.
  const view = await handle.query(statusQuery);
  const schedule = {
    ...scheduleFor(job.template, job.template.firstDue),
    occurrence: view.occurrence,
  };
  await handle.executeUpdate(reviseUpdate, {
    args: [
      { by: actor, schedule, info: job.template.info, ...(preferCatalog ? { preferCatalog } : {}) },
    ],
  });
}
