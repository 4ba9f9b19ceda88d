/**
 * The secretariat's task actions as posted by the pages' forms: each form's
 * fields are read into the same request the CLI and API send, and described
 * for the confirmation step. Nothing here talks to Temporal.
 */
import { dateRangeProblem, isCalendarDate } from '../time/duration';
import { recipientOf } from '../plan/occurrences';
import type { Catalog, Recipient } from '../shared/types';
import type { TaskView } from '../shared/task-view';
import type {
  ExtendRequest,
  HoldRequest,
  ReassignRequest,
  ResumeRequest,
  WaiveRequest,
} from '../shared/workflow-api';

export const TASK_ACTIONS = ['extend', 'waive', 'reassign', 'hold', 'resume'] as const;
export type TaskActionName = (typeof TASK_ACTIONS)[number];

/** What a form asks for, without `by` (added from the session). */
export type ActionRequest =
  | { action: 'extend'; request: Omit<ExtendRequest, 'by'> }
  | { action: 'waive'; request: Omit<WaiveRequest, 'by'> }
  | { action: 'reassign'; request: Omit<ReassignRequest, 'by'> }
  | { action: 'hold'; request: Omit<HoldRequest, 'by'> }
  | { action: 'resume'; request: Omit<ResumeRequest, 'by'> };

/** A form that could not be read: which field, and why; shown on the form. */
export class ActionFormError extends Error {
  override name = 'ActionFormError';
}

/** The values a form was posted with, to show it again as it was typed. */
export type FormValues = Record<string, string | string[]>;

export function formValues(form: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key === 'csrf' || key === 'nonce') continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key] = key === 'assignee' ? all : (all[0] ?? '');
  }
  return values;
}

const text = (values: FormValues, key: string): string => {
  const v = values[key];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};

function reasonOf(values: FormValues): string {
  const reason = text(values, 'reason');
  if (!reason) throw new ActionFormError('reason: say why (it is recorded in the history)');
  return reason;
}

/** Reads a posted form into its request; throws {@link ActionFormError} naming the field. */
export function readActionForm(
  action: TaskActionName,
  values: FormValues,
  catalog: Catalog | undefined,
): ActionRequest {
  if (action === 'extend') {
    const dueDate = text(values, 'dueDate');
    if (!isCalendarDate(dueDate))
      throw new ActionFormError(
        `new due date: ${JSON.stringify(dueDate)} is not a date (YYYY-MM-DD)`,
      );
    const outside = dateRangeProblem(dueDate);
    if (outside) throw new ActionFormError(`new due date: ${outside}`);
    const dueTime = text(values, 'dueTime');
    if (dueTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(dueTime))
      throw new ActionFormError(`due time: ${JSON.stringify(dueTime)} is not a time (HH:MM)`);
    return {
      action,
      request: { dueDate, ...(dueTime ? { dueTime } : {}), reason: reasonOf(values) },
    };
  }
  if (action === 'waive') return { action, request: { reason: reasonOf(values) } };
  if (action === 'hold') return { action, request: { reason: reasonOf(values) } };
  if (action === 'resume') {
    const reason = text(values, 'reason');
    return { action, request: reason ? { reason } : {} };
  }
  if (!catalog)
    throw new ActionFormError(
      "assignees: this task's catalog is not loaded here, so its people are not known",
    );
  const raw = values.assignee;
  const keys = Array.isArray(raw) ? raw : raw ? [raw] : [];
  if (keys.length === 0) throw new ActionFormError('assignees: choose at least one person');
  const assignees = keys.map((key) => {
    const person = catalog.people[key];
    if (!person) throw new ActionFormError(`assignees: ${key} is not a person of the catalog`);
    return recipientOf(catalog, person);
  });
  // The manager: empty keeps the current one, `-` removes it, a key names the new one.
  const managerKey = text(values, 'manager');
  let manager: Recipient | null | undefined;
  if (managerKey === '-') manager = null;
  else if (managerKey) {
    const person = catalog.people[managerKey];
    if (!person) throw new ActionFormError(`manager: ${managerKey} is not a person of the catalog`);
    manager = recipientOf(catalog, person);
  }
  const reason = text(values, 'reason');
  return {
    action,
    request: {
      assignees,
      ...(manager !== undefined ? { manager } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

/** What the change will do, in a sentence per line, for the confirmation step. */
export function describeAction(view: TaskView, a: ActionRequest): string[] {
  const due = (d: { date: string; time?: string }) => `${d.date}${d.time ? ` ${d.time}` : ''}`;
  if (a.action === 'extend')
    return [
      `Due ${due(view.due)} → ${due({ date: a.request.dueDate, ...(a.request.dueTime ? { time: a.request.dueTime } : view.due.time ? { time: view.due.time } : {}) })} (${view.resolution.zone}).`,
      'Reminders and overdue notices move with the date; the assignees get an updated calendar entry.',
      `Reason: ${a.request.reason}`,
    ];
  if (a.action === 'waive')
    return [
      'The task closes as waived: nothing more is asked or sent.',
      `Reason: ${a.request.reason}`,
    ];
  if (a.action === 'hold')
    return [
      'Nothing is sent while the task is on hold; it is not overdue meanwhile.',
      'When it resumes, its due date moves forward by the calendar days it was held, a part of a day counting as a whole day (a hold of an hour moves it a day).',
      `Reason: ${a.request.reason}`,
    ];
  if (a.action === 'resume')
    return [
      `On hold since ${view.hold ? new Date(view.hold.since).toISOString().slice(0, 10) : '?'}: the due date moves forward by the calendar days it was held, a part of a day counting as a whole day, and mail resumes.`,
      ...(a.request.reason ? [`Reason: ${a.request.reason}`] : []),
    ];
  const manager = a.request.manager;
  return [
    `Assignees ${view.assignees.map((p) => p.name).join(', ') || 'none'} → ${(a.request.assignees ?? []).map((p) => p.name).join(', ')}.`,
    ...(manager !== undefined
      ? [`Manager ${view.manager?.name ?? 'none'} → ${manager?.name ?? 'none'}.`]
      : []),
    ...(a.request.reason ? [`Reason: ${a.request.reason}`] : []),
  ];
}
