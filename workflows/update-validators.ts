/**
 * Validators for the task-occurrence updates. They run before an update is
 * accepted, so a rejected update leaves nothing in the workflow history.
 * Each throws an Error whose message says what is wrong and what is expected.
 */
import { isCalendarDate, isWallTime } from '../src/time/duration';
import { dueInstant } from '../src/plan/occurrence-plan';
import { isValidZone } from '../src/time/wall-clock';
import { LOCALES, type Recipient } from '../src/shared/types';
import type { OccurrenceState } from '../src/shared/task-state';
import { isClosed, payloadProblem } from '../src/shared/task-state';
import type {
  Actor,
  ExtendRequest,
  ReassignRequest,
  ReviewRequest,
  ReviseRequest,
  SubmitRequest,
  WaiveRequest,
} from '../src/shared/workflow-api';
import { isEmailAddress } from '../src/shared/email';

function requireActor(request: Actor | undefined): void {
  if (!request || typeof request !== 'object') throw new Error('the request is empty');
  if (typeof request.by !== 'string' || !request.by.trim())
    throw new Error('by: say who makes this change');
}

function requireOpen(state: OccurrenceState): void {
  if (isClosed(state)) {
    throw new Error(
      `the task is closed (${state.waived ? 'waived' : 'completed'}); no change is possible`,
    );
  }
}

function deliverable(state: OccurrenceState, id: string | undefined) {
  const found = state.deliverables.find((d) => d.deliverable.id === id);
  if (!found) {
    const known = state.deliverables.map((d) => d.deliverable.id).join(', ') || 'none';
    throw new Error(`unknown deliverable ${JSON.stringify(id)} (this task has: ${known})`);
  }
  return found;
}

export function validateSubmit(state: OccurrenceState, request: SubmitRequest): void {
  requireActor(request);
  requireOpen(state);
  const target = deliverable(state, request.deliverableId);
  if (target.status === 'accepted')
    throw new Error(`deliverable ${target.deliverable.id} is already accepted`);
  if (!request.payload || typeof request.payload !== 'object') throw new Error('payload: missing');
  const problem = payloadProblem(target.deliverable.kind, request.payload);
  if (problem) throw new Error(`deliverable ${target.deliverable.id} ${problem}`);
}

export function validateReview(state: OccurrenceState, request: ReviewRequest): void {
  requireActor(request);
  requireOpen(state);
  if (request.decision !== 'accept' && request.decision !== 'return') {
    throw new Error('decision: expected accept or return');
  }
  if (request.decision === 'return' && !request.comment?.trim()) {
    throw new Error('comment: say why the deliverable is returned');
  }
  if (request.deliverableId !== undefined) {
    const target = deliverable(state, request.deliverableId);
    if (target.status !== 'submitted') {
      throw new Error(
        `deliverable ${target.deliverable.id} is ${target.status}, not awaiting review`,
      );
    }
    return;
  }
  const awaiting = state.deliverables.some((d) => d.status === 'submitted');
  const required = state.deliverables.some((d) => d.deliverable.required);
  if (!awaiting && (required || request.decision === 'return')) {
    throw new Error('nothing is awaiting review');
  }
}

export function validateExtend(state: OccurrenceState, request: ExtendRequest, now: number): void {
  requireActor(request);
  requireOpen(state);
  if (!request.reason?.trim()) throw new Error('reason: say why the deadline moves');
  if (typeof request.dueDate !== 'string' || !isCalendarDate(request.dueDate)) {
    throw new Error(
      `dueDate: ${JSON.stringify(request.dueDate)} is not a calendar date YYYY-MM-DD`,
    );
  }
  if (
    request.dueTime != null &&
    (typeof request.dueTime !== 'string' || !isWallTime(request.dueTime))
  ) {
    throw new Error(`dueTime: ${JSON.stringify(request.dueTime)} is not a wall time HH:MM`);
  }
  const dueTime =
    request.dueTime === undefined ? state.schedule.dueTime : (request.dueTime ?? undefined);
  const next = dueInstant({
    dueDate: request.dueDate,
    zone: state.schedule.zone,
    ...(dueTime ? { dueTime } : {}),
  });
  if (next <= now)
    throw new Error(
      `the new due date ${request.dueDate}${dueTime ? ` ${dueTime}` : ''} has already passed`,
    );
  if (next === dueInstant(state.schedule))
    throw new Error('the new due date and time equal the current ones');
}

/** A person the planner can schedule for: a real zone and a supported locale. */
function checkPerson(p: Recipient | undefined, where: string): void {
  if (!p || typeof p !== 'object' || !p.key || !p.name || !isEmailAddress(p.email)) {
    throw new Error(`${where}: expected a person with key, name, email, timezone and locale`);
  }
  if (typeof p.timezone !== 'string' || !isValidZone(p.timezone)) {
    throw new Error(
      `${where}.timezone: ${JSON.stringify(p.timezone)} is not an IANA time zone (e.g. Europe/Zurich)`,
    );
  }
  if (!(LOCALES as readonly string[]).includes(p.locale)) {
    throw new Error(
      `${where}.locale: ${JSON.stringify(p.locale)} is not one of ${LOCALES.join(', ')}`,
    );
  }
}

export function validateReassign(state: OccurrenceState, request: ReassignRequest): void {
  requireActor(request);
  requireOpen(state);
  if (request.assignees === undefined && request.manager === undefined) {
    throw new Error('give assignees, manager or both');
  }
  if (request.assignees !== undefined) {
    if (!Array.isArray(request.assignees) || request.assignees.length === 0) {
      throw new Error('assignees: expected at least one person');
    }
    request.assignees.forEach((p, i) => checkPerson(p, `assignees[${i}]`));
  }
  if (request.manager != null) checkPerson(request.manager, 'manager');
}

export function validateWaive(state: OccurrenceState, request: WaiveRequest): void {
  requireActor(request);
  requireOpen(state);
  if (!request.reason?.trim()) throw new Error('reason: say why the task is waived');
}

export function validateRevise(state: OccurrenceState, request: ReviseRequest): void {
  requireActor(request);
  requireOpen(state);
  if (
    request.schedule?.occurrence !== state.schedule.occurrence ||
    request.schedule.taskId !== state.schedule.taskId
  ) {
    throw new Error('schedule: a revision must keep the task and occurrence');
  }
  if (!Array.isArray(request.schedule.assignees) || request.schedule.assignees.length === 0) {
    throw new Error('schedule.assignees: expected at least one person');
  }
  request.schedule.assignees.forEach((p, i) => checkPerson(p, `schedule.assignees[${i}]`));
  if (request.schedule.manager) checkPerson(request.schedule.manager, 'schedule.manager');
}
