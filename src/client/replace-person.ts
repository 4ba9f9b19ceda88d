/**
 * Succession: every open task occurrence of a person goes to a successor in
 * one step, each through the validated `reassign` update (so each task's
 * history says who replaced whom and why), and each recurring driver's
 * template too, so occurrences it starts later are the successor's. Nothing
 * changes until the successor is known for every resolution concerned.
 */
import type { Client } from '@temporalio/client';
import { forEachLimited } from './for-each-limited';
import { taskActions } from './task-actions';
import type { TaskView } from '../shared/task-view';
import type { Recipient, TaskTemplate } from '../shared/types';
import {
  SEARCH_ATTRIBUTES,
  WORKFLOW_TYPES,
  reviseTemplateUpdate,
  templateQuery,
  type ReassignRequest,
} from '../shared/workflow-api';

export interface ReplacePersonRequest {
  /** People key of the person who leaves. */
  old: string;
  /** People key of the successor. */
  successor: string;
  /** The successor as each resolution's catalog knows them; undefined where it does not. */
  successorIn: (resolutionId: string) => Recipient | undefined;
  /** Only this resolution's tasks. */
  resolution?: string;
  reason?: string;
  by: string;
  /** Say what would change; change nothing. */
  dryRun?: boolean;
}

export type Role = 'assignee' | 'manager';

export interface ReplacementStep {
  workflowId: string;
  kind: 'occurrence' | 'recurrence';
  roles: Role[];
  outcome: 'reassigned' | 'would reassign' | 'failed';
  error?: string;
}

export interface ReplacementSummary {
  old: string;
  successor: string;
  dryRun: boolean;
  /** Open occurrences reassigned (or, in a dry run, that would be). */
  occurrences: number;
  /** Recurring drivers whose template now names the successor. */
  recurrences: number;
  failed: number;
  steps: ReplacementStep[];
}

/** The successor is not a person of some resolution concerned: nothing was changed. */
export class SuccessorUnknownError extends Error {
  override name = 'SuccessorUnknownError';
}

/** Where the open occurrences and drivers that name a person are found. */
export interface PersonFinder {
  occurrences(old: string, resolution?: string): Promise<string[]>;
  recurrences(resolution?: string): Promise<string[]>;
}

function quoted(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value))
    throw new SuccessorUnknownError(`${JSON.stringify(value)} is not a people or resolution key`);
  return `'${value}'`;
}

/**
 * Visibility: open occurrences where the person is an assignee, or is
 * unreachable (which finds a manager whose mail bounced); running drivers.
 */
export function visibilityFinder(client: Client): PersonFinder {
  const list = async (query: string) => {
    const ids: string[] = [];
    for await (const info of client.workflow.list({ query })) ids.push(info.workflowId);
    return ids.sort();
  };
  const inResolution = (resolution?: string) =>
    resolution ? ` AND ${SEARCH_ATTRIBUTES.resolution.name} = ${quoted(resolution)}` : '';
  return {
    occurrences: (old, resolution) =>
      list(
        `WorkflowType = '${WORKFLOW_TYPES.occurrence}' AND ExecutionStatus = 'Running'` +
          ` AND (${SEARCH_ATTRIBUTES.assignees.name} = ${quoted(old)} OR ${SEARCH_ATTRIBUTES.unreachable.name} = ${quoted(old)})` +
          inResolution(resolution),
      ),
    recurrences: (resolution) =>
      list(
        `WorkflowType = '${WORKFLOW_TYPES.recurrence}' AND ExecutionStatus = 'Running'` +
          inResolution(resolution),
      ),
  };
}

/** The people of a task or template with `old` replaced by `successor`, or undefined if `old` is not among them. */
export function replacedPeople(
  people: { assignees: Recipient[]; manager?: Recipient },
  old: string,
  successor: Recipient,
): { roles: Role[]; assignees: Recipient[]; manager?: Recipient } | undefined {
  const roles: Role[] = [];
  let assignees = people.assignees;
  if (assignees.some((p) => p.key === old)) {
    roles.push('assignee');
    const kept = assignees.filter((p) => p.key !== old && p.key !== successor.key);
    const at = assignees.findIndex((p) => p.key === old);
    assignees = [...kept.slice(0, at), successor, ...kept.slice(at)];
  }
  let manager = people.manager;
  if (manager?.key === old) {
    roles.push('manager');
    manager = successor;
  }
  if (roles.length === 0) return undefined;
  return { roles, assignees, ...(manager ? { manager } : {}) };
}

interface Planned {
  workflowId: string;
  kind: 'occurrence' | 'recurrence';
  resolution: string;
  view?: TaskView;
  template?: TaskTemplate;
}

/**
 * Replaces `old` by the successor on every open occurrence and recurring
 * driver found; at most `concurrency` updates at a time, each reported to
 * `onProgress` as it ends. Throws SuccessorUnknownError before any change when
 * the successor is unknown to a resolution concerned; a task that refuses
 * (closed meanwhile, say) is counted as failed and the rest go on. Safe to
 * run again: each update's id names the task, the person and the successor.
 */
export async function replacePerson(
  client: Client,
  request: ReplacePersonRequest,
  options: {
    finder?: PersonFinder;
    concurrency?: number;
    onProgress?: (step: ReplacementStep, done: number, total: number) => void;
  } = {},
): Promise<ReplacementSummary> {
  if (request.old === request.successor)
    throw new SuccessorUnknownError(`${request.old} cannot succeed themselves`);
  const finder = options.finder ?? visibilityFinder(client);
  const concurrency = options.concurrency ?? 8;
  const [occurrenceIds, driverIds] = await Promise.all([
    finder.occurrences(request.old, request.resolution),
    finder.recurrences(request.resolution),
  ]);

  const planned: Planned[] = [];
  await forEachLimited(occurrenceIds, concurrency, async (workflowId) => {
    const view = await taskActions.status(client, workflowId);
    if (view.closed) return;
    planned.push({ workflowId, kind: 'occurrence', resolution: view.resolution.id, view });
  });
  await forEachLimited(driverIds, concurrency, async (workflowId) => {
    const template = await client.workflow.getHandle(workflowId).query(templateQuery);
    planned.push({ workflowId, kind: 'recurrence', resolution: template.resolutionId, template });
  });
  const concerned = planned.filter(
    (p) =>
      (p.view ?? p.template)!.assignees.some((a) => a.key === request.old) ||
      (p.view ?? p.template)!.manager?.key === request.old,
  );
  concerned.sort((a, b) => a.workflowId.localeCompare(b.workflowId));

  const resolutions = [...new Set(concerned.map((p) => p.resolution))].sort();
  const missing = resolutions.filter((r) => !request.successorIn(r));
  if (missing.length > 0)
    throw new SuccessorUnknownError(
      `${request.successor} is not a person of ${missing.map((r) => `resolution ${r}`).join(', ')}; add them to its catalog (people: ${request.successor}: {name, email, timezone, locale}) and start it again, then retry`,
    );

  const reason = request.reason?.trim() || `successor of ${request.old}`;
  const steps: ReplacementStep[] = [];
  let done = 0;
  await forEachLimited(concerned, concurrency, async (item) => {
    const successor = request.successorIn(item.resolution)!;
    const people = replacedPeople((item.view ?? item.template)!, request.old, successor)!;
    let step: ReplacementStep = {
      workflowId: item.workflowId,
      kind: item.kind,
      roles: people.roles,
      outcome: request.dryRun ? 'would reassign' : 'reassigned',
    };
    if (!request.dryRun) {
      const updateId = `replace-person:${request.old}:${request.successor}:${item.workflowId}`;
      try {
        if (item.kind === 'occurrence') {
          const change: ReassignRequest = {
            by: request.by,
            reason,
            // Whoever left hears nothing more from the tracker.
            notifyUnassigned: false,
            ...(people.roles.includes('assignee') ? { assignees: people.assignees } : {}),
            ...(people.roles.includes('manager') ? { manager: people.manager! } : {}),
          };
          await taskActions.reassign(client, item.workflowId, change, { updateId });
        } else {
          const template = { ...item.template!, assignees: people.assignees };
          if (people.manager) template.manager = people.manager;
          await client.workflow.getHandle(item.workflowId).executeUpdate(reviseTemplateUpdate, {
            args: [{ by: request.by, template }],
            updateId,
          });
        }
      } catch (error) {
        step = { ...step, outcome: 'failed', error: (error as Error).message };
      }
    }
    steps.push(step);
    done += 1;
    options.onProgress?.(step, done, concerned.length);
  });
  steps.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  const ok = steps.filter((s) => s.outcome !== 'failed');
  return {
    old: request.old,
    successor: request.successor,
    dryRun: request.dryRun === true,
    occurrences: ok.filter((s) => s.kind === 'occurrence').length,
    recurrences: ok.filter((s) => s.kind === 'recurrence').length,
    failed: steps.length - ok.length,
    steps,
  };
}
