/**
 * The one row model every report format reads (Markdown, CSV, HTML, Word,
 * Excel, the rates and the charts): one row per tracked occurrence, and for
 * what is not tracked (closed in the catalog, sessions of a series not
 * started yet, tasks not started) one row from the catalog, so waived tasks
 * and every session of a series show.
 */
import type { TaskListing } from '../client/listing';
import { dueInstant } from '../plan/occurrence-plan';
import {
  firstDueDate,
  isTentativeOccurrence,
  scheduleFor,
  seriesSessions,
  taskTemplate,
} from '../plan/occurrences';
import { UPCOMING, type TaskStatus } from '../shared/task-state';
import type { TaskView } from '../shared/task-view';
import { dateInZone } from '../time/wall-clock';
import type { Catalog, Task } from '../shared/types';
import { wallTimeToInstant } from '../time/wall-clock';

/** A row's status: an occurrence's, or `not-started` for one nothing tracks yet. */
export type RowStatus = TaskStatus | 'not-started';

/** Why a row has remarks, so each format words them in its language. */
export type RowRemark =
  | { kind: 'waived'; reason: string; on?: string }
  /** An extension made while tracking: the due date moved, and why. */
  | { kind: 'extended'; from: string; to: string; reason: string }
  | { kind: 'session'; title: string; tentative: boolean }
  | { kind: 'recurring'; every: string }
  | { kind: 'completed-before-tracking'; on: string };

export interface ReportRow {
  clause: string;
  task: string;
  /** The occurrence's name (a due date or a session's event key), if it has one. */
  occurrence?: string;
  workflowId?: string;
  title: string;
  responsible: string;
  /** The due instant, epoch milliseconds, when known. */
  dueAt?: number;
  status: RowStatus;
  /** When it was handed in, or (catalog `completed`) the day it was done, epoch ms or date. */
  deliveredAt?: number;
  deliveredOn?: string;
  /** When it was closed (completed or waived), epoch ms, when known. */
  closedAt?: number;
  /** When tracking began, epoch ms, when known (the count over time starts there). */
  startedAt?: number;
  /** When it was done: the workflow's close, or the start of the catalog's `completed` day. */
  completedAt?: number;
  deliverables: string[];
  remarks: RowRemark[];
}

/** One row per tracked occurrence (or per task or session not started yet), in catalog order. */
export function reportRows(
  catalog: Catalog,
  listings: TaskListing[],
  /** Published views of occurrences the listing cannot tell about (waived, extended). */
  views: ReadonlyMap<string, TaskView> = new Map(),
): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const task of catalog.tasks) {
    const mine = listings.filter((l) => l.task === task.id).sort((a, b) => a.dueAt - b.dueAt);
    const base = {
      clause: task.clause,
      task: task.id,
      title: task.title,
      responsible: task.responsible,
      deliverables: task.deliverables.map((d) => d.title),
    };
    const sessions = sessionsOf(catalog, task);
    for (const listing of mine) {
      const session = sessions.find((s) => s.occurrence === listing.occurrence);
      rows.push({
        ...base,
        occurrence: listing.occurrence,
        workflowId: listing.workflowId,
        dueAt: listing.dueAt,
        // A recurring task's next occurrence, listed by its driver: not started, with its date.
        status: listing.status === UPCOMING ? 'not-started' : listing.status,
        ...(listing.deliveredAt !== undefined ? { deliveredAt: listing.deliveredAt } : {}),
        ...(listing.closedAt !== undefined ? { closedAt: listing.closedAt } : {}),
        ...(listing.startedAt !== undefined ? { startedAt: listing.startedAt } : {}),
        ...(listing.status === 'completed' && listing.closedAt !== undefined
          ? { completedAt: listing.closedAt }
          : {}),
        remarks: [
          ...(session ? [session.remark] : eventRemark(catalog, task, listing.occurrence)),
          ...viewRemarks(views.get(listing.workflowId)),
        ],
      });
    }
    if (task.due.kind === 'series') {
      // Sessions with no workflow (before `from`, or added since `mandate start`) still show.
      for (const s of sessions)
        if (!mine.some((l) => l.occurrence === s.occurrence))
          rows.push({
            ...base,
            occurrence: s.occurrence,
            dueAt: s.dueAt,
            status: 'not-started',
            remarks: [s.remark],
          });
      continue;
    }
    if (mine.length > 0) continue;
    rows.push(untrackedRow(catalog, task, base));
  }
  return rows;
}

function untrackedRow(
  catalog: Catalog,
  task: Task,
  base: Pick<ReportRow, 'clause' | 'task' | 'title' | 'responsible' | 'deliverables'>,
): ReportRow {
  const dueDate = firstDueDate(catalog, task);
  // The planner's schedule, so the instant is the one mail keys on (dueShift included).
  const dueAt = dueInstant(scheduleFor(taskTemplate(catalog, task), dueDate));
  if (task.waived)
    return {
      ...base,
      occurrence: dueDate,
      dueAt,
      status: 'waived',
      // Waived from the start of its day: before it, the task was owed like any other.
      closedAt: wallTimeToInstant(task.waived.on, '00:00', catalog.resolution.timezone),
      remarks: [{ kind: 'waived', reason: task.waived.reason, on: task.waived.on }],
    };
  if (task.completed)
    return {
      ...base,
      occurrence: dueDate,
      dueAt,
      status: 'completed',
      deliveredOn: task.completed,
      completedAt: wallTimeToInstant(task.completed, '00:00', catalog.resolution.timezone),
      remarks: [{ kind: 'completed-before-tracking', on: task.completed }],
    };
  if (task.recurrence)
    return {
      ...base,
      status: 'not-started',
      remarks: [{ kind: 'recurring', every: task.recurrence.every }],
    };
  return { ...base, occurrence: dueDate, dueAt, status: 'not-started', remarks: [] };
}

/** What a dashboard or CLI change left on an occurrence: its waiver's reason, its extensions. */
function viewRemarks(view: TaskView | undefined): RowRemark[] {
  if (!view) return [];
  const remarks: RowRemark[] = view.history.flatMap((e) =>
    e.type === 'extended'
      ? [{ kind: 'extended' as const, from: e.from, to: e.to, reason: e.reason }]
      : [],
  );
  if (view.waived)
    remarks.push({
      kind: 'waived',
      reason: view.waived.reason,
      on: dateInZone(view.waived.at, view.resolution.zone),
    });
  return remarks;
}

/** An event due on a date not yet published says so, as a session does. */
function eventRemark(catalog: Catalog, task: Task, occurrence: string): RowRemark[] {
  if (task.due.kind !== 'event' || !isTentativeOccurrence(catalog, task, occurrence)) return [];
  const event = catalog.events[task.due.event];
  return [{ kind: 'session', title: event?.title ?? task.due.event, tentative: true }];
}

interface Session {
  occurrence: string;
  dueAt: number;
  remark: RowRemark;
}

/** Every session of a series task's series (the planner's), with its due instant and title. */
function sessionsOf(catalog: Catalog, task: Task): Session[] {
  const template = taskTemplate(catalog, task);
  return seriesSessions(catalog, task)
    .map((s) => {
      const event = catalog.events[s.event];
      return {
        occurrence: s.event,
        dueAt: dueInstant(scheduleFor(template, s.dueDate, s.event)),
        remark: {
          kind: 'session' as const,
          title: event?.title ?? s.event,
          tentative: event?.tentative === true,
        },
      };
    })
    .sort((a, b) => a.dueAt - b.dueAt);
}

/** Rows grouped by clause, in first-seen (catalog) order. */
export function byClause(rows: ReportRow[]): Map<string, ReportRow[]> {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) groups.set(row.clause, [...(groups.get(row.clause) ?? []), row]);
  return groups;
}

/** Rows from listings alone, when no catalog is at hand (`mandate status --summary`). */
export function rowsFromListings(listings: TaskListing[]): ReportRow[] {
  return listings.map((l) => ({
    clause: l.clause,
    task: l.task,
    occurrence: l.occurrence,
    workflowId: l.workflowId,
    title: l.task,
    responsible: l.responsible,
    dueAt: l.dueAt,
    status: l.status === UPCOMING ? 'not-started' : l.status,
    ...(l.deliveredAt !== undefined ? { deliveredAt: l.deliveredAt } : {}),
    ...(l.closedAt !== undefined ? { closedAt: l.closedAt } : {}),
    ...(l.status === 'completed' && l.closedAt !== undefined ? { completedAt: l.closedAt } : {}),
    deliverables: [],
    remarks: [],
  }));
}
