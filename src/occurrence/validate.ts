/**
 * The rules a requested change must pass, one per change. The workflow runs
 * them as update validators (a refused update leaves nothing in its history)
 * and the pure changes run them first. Each throws a `Refusal` whose message
 * says what is wrong and what is expected.
 */
import { conflict, invalid } from './refusal';
import { dateRangeProblem, isCalendarDate, isWallTime } from '../time/duration';
import { dueInstant } from '../plan/occurrence-plan';
import { isValidZone } from '../time/wall-clock';
import { LOCALES, type Recipient } from '../shared/types';
import type { HandedInFor, OccurrenceState } from '../shared/task-state';
import {
  MAX_RECEIVED_NOTE_CHARS,
  RECEIVED_VIA,
  isClosed,
  payloadProblem,
} from '../shared/task-state';
import type {
  Actor,
  BounceRequest,
  ExtendRequest,
  HoldRequest,
  ReassignRequest,
  ResumeRequest,
  ReviewRequest,
  ReviseRequest,
  SubmitRequest,
  WaiveRequest,
} from '../shared/workflow-api';
import { isEmailAddress } from '../shared/email';
import { quotedText, textProblem } from '../shared/text-rules';

function requireActor(request: Actor | undefined): void {
  if (!request || typeof request !== 'object') throw invalid('the request is empty');
  if (typeof request.by !== 'string' || !request.by.trim())
    throw invalid('by: say who makes this change');
}

function requireOpen(state: OccurrenceState): void {
  if (isClosed(state)) {
    throw conflict(
      `the task is closed (${state.waived ? 'waived' : 'completed'}); no change is possible`,
    );
  }
}

function deliverable(state: OccurrenceState, id: string | undefined) {
  const found = state.deliverables.find((d) => d.deliverable.id === id);
  if (!found) {
    const known = state.deliverables.map((d) => d.deliverable.id).join(', ') || 'none';
    throw conflict(`unknown deliverable ${JSON.stringify(id)} (this task has: ${known})`);
  }
  return found;
}

export function validateSubmit(state: OccurrenceState, request: SubmitRequest): void {
  requireActor(request);
  requireOpen(state);
  const target = deliverable(state, request.deliverableId);
  if (target.status === 'accepted')
    throw conflict(`deliverable ${target.deliverable.id} is already accepted`);
  if (!request.payload || typeof request.payload !== 'object') throw invalid('payload: missing');
  const problem = payloadProblem(target.deliverable.kind, request.payload);
  if (problem) {
    // A payload of another kind than the deliverable's is a mismatch with this task;
    // a malformed payload is invalid for any task.
    const refuse = request.payload.kind === target.deliverable.kind ? invalid : conflict;
    throw refuse(`deliverable ${target.deliverable.id} ${problem}`);
  }
  if (request.for !== undefined) validateHandedInFor(state, request.for);
  if (request.mail !== undefined) validateHandedInByMail(state, request);
}

/** A hand-in by reply is the assignee's own, and names the reply it came in. */
function validateHandedInByMail(state: OccurrenceState, request: SubmitRequest): void {
  const mail = request.mail;
  if (!mail || typeof mail !== 'object' || typeof mail.messageId !== 'string')
    throw invalid('mail: expected { messageId }');
  if (!/^<[^\s<>]{1,990}>$/.test(mail.messageId))
    throw invalid('mail.messageId: expected a Message-ID such as <id@host>');
  if (request.for !== undefined) throw invalid('mail: a hand-in by reply is not made for someone');
  const keys = state.schedule.assignees.map((a) => a.key);
  if (!keys.includes(request.by))
    throw conflict(
      `by: ${JSON.stringify(request.by)} is not an assignee of this task (${keys.join(', ') || 'none'})`,
    );
}

/** A hand-in for someone names an assignee of the task and how it came. */
function validateHandedInFor(state: OccurrenceState, handedIn: HandedInFor): void {
  if (!handedIn || typeof handedIn !== 'object') throw invalid('for: expected { person, via }');
  const keys = state.schedule.assignees.map((a) => a.key);
  if (typeof handedIn.person !== 'string' || !keys.includes(handedIn.person))
    throw conflict(
      `for.person: ${JSON.stringify(handedIn.person)} is not an assignee of this task (${keys.join(', ') || 'none'})`,
    );
  if (!(RECEIVED_VIA as readonly unknown[]).includes(handedIn.via))
    throw invalid(
      `for.via: ${JSON.stringify(handedIn.via)} is not one of ${RECEIVED_VIA.join(', ')}`,
    );
  if (handedIn.note !== undefined) {
    if (typeof handedIn.note !== 'string') throw invalid('for.note: expected a text');
    if (handedIn.note.length > MAX_RECEIVED_NOTE_CHARS)
      throw invalid(`for.note: at most ${MAX_RECEIVED_NOTE_CHARS} characters`);
    const problem = textProblem(handedIn.note);
    if (problem) throw invalid(`for.note: ${problem}`);
  }
}

export function validateReview(state: OccurrenceState, request: ReviewRequest): void {
  requireActor(request);
  requireOpen(state);
  if (request.decision !== 'accept' && request.decision !== 'return') {
    throw invalid('decision: expected accept or return');
  }
  if (request.decision === 'return' && !request.comment?.trim()) {
    throw invalid('comment: say why the deliverable is returned');
  }
  if (request.deliverableId !== undefined) {
    const target = deliverable(state, request.deliverableId);
    if (target.status !== 'submitted') {
      throw conflict(
        `deliverable ${target.deliverable.id} is ${target.status}, not awaiting review`,
      );
    }
    return;
  }
  const awaiting = state.deliverables.some((d) => d.status === 'submitted');
  const required = state.deliverables.some((d) => d.deliverable.required);
  if (!awaiting && (required || request.decision === 'return')) {
    throw conflict('nothing is awaiting review');
  }
}

export function validateExtend(state: OccurrenceState, request: ExtendRequest, now: number): void {
  requireActor(request);
  requireOpen(state);
  if (!request.reason?.trim()) throw invalid('reason: say why the deadline moves');
  if (typeof request.dueDate !== 'string' || !isCalendarDate(request.dueDate)) {
    throw invalid(`dueDate: ${JSON.stringify(request.dueDate)} is not a calendar date YYYY-MM-DD`);
  }
  const outside = dateRangeProblem(request.dueDate);
  if (outside) throw invalid(`dueDate: ${outside}`);
  if (
    request.dueTime != null &&
    (typeof request.dueTime !== 'string' || !isWallTime(request.dueTime))
  ) {
    throw invalid(`dueTime: ${JSON.stringify(request.dueTime)} is not a wall time HH:MM`);
  }
  const dueTime =
    request.dueTime === undefined ? state.schedule.dueTime : (request.dueTime ?? undefined);
  const next = dueInstant({
    dueDate: request.dueDate,
    zone: state.schedule.zone,
    ...(dueTime ? { dueTime } : {}),
  });
  if (next <= now)
    throw conflict(
      `the new due date ${request.dueDate}${dueTime ? ` ${dueTime}` : ''} has already passed`,
    );
  if (next === dueInstant(state.schedule))
    throw conflict('the new due date and time equal the current ones');
}

/** A person the planner can schedule for: a real zone and a supported locale. */
function checkPerson(p: Recipient | undefined, where: string): void {
  if (!p || typeof p !== 'object' || !p.key || !p.name || !isEmailAddress(p.email)) {
    throw invalid(`${where}: expected a person with key, name, email, timezone and locale`);
  }
  const nameProblem = textProblem(p.name);
  if (nameProblem) throw invalid(`${where}.name: ${quotedText(p.name)} ${nameProblem}`);
  if (typeof p.timezone !== 'string' || !isValidZone(p.timezone)) {
    throw invalid(
      `${where}.timezone: ${JSON.stringify(p.timezone)} is not an IANA time zone (e.g. Europe/Zurich)`,
    );
  }
  if (!(LOCALES as readonly string[]).includes(p.locale)) {
    throw invalid(
      `${where}.locale: ${JSON.stringify(p.locale)} is not one of ${LOCALES.join(', ')}`,
    );
  }
}

export function validateReassign(state: OccurrenceState, request: ReassignRequest): void {
  requireActor(request);
  requireOpen(state);
  if (request.assignees === undefined && request.manager === undefined) {
    throw invalid('give assignees, manager or both');
  }
  if (request.assignees !== undefined) {
    if (!Array.isArray(request.assignees) || request.assignees.length === 0) {
      throw invalid('assignees: expected at least one person');
    }
    request.assignees.forEach((p, i) => checkPerson(p, `assignees[${i}]`));
  }
  if (request.manager != null) checkPerson(request.manager, 'manager');
  if (request.notifyUnassigned !== undefined && typeof request.notifyUnassigned !== 'boolean')
    throw invalid('notifyUnassigned: expected true or false');
}

export function validateWaive(state: OccurrenceState, request: WaiveRequest): void {
  requireActor(request);
  requireOpen(state);
  if (!request.reason?.trim()) throw invalid('reason: say why the task is waived');
}

export function validateHold(state: OccurrenceState, request: HoldRequest): void {
  requireActor(request);
  requireOpen(state);
  if (state.hold) {
    throw conflict(
      `the task is already on hold since ${new Date(state.hold.since).toISOString()} (${state.hold.reason}); resume it first`,
    );
  }
  if (typeof request.reason !== 'string' || !request.reason.trim())
    throw invalid('reason: say why the task is put on hold');
}

export function validateResume(state: OccurrenceState, request: ResumeRequest): void {
  requireActor(request);
  requireOpen(state);
  if (!state.hold) throw conflict('the task is not on hold; nothing to resume');
  if (request.reason !== undefined && typeof request.reason !== 'string')
    throw invalid('reason: expected a text');
}

export function validateRevise(state: OccurrenceState, request: ReviseRequest): void {
  requireActor(request);
  requireOpen(state);
  if (
    request.schedule?.occurrence !== state.schedule.occurrence ||
    request.schedule.taskId !== state.schedule.taskId
  ) {
    throw invalid('schedule: a revision must keep the task and occurrence');
  }
  if (!Array.isArray(request.schedule.assignees) || request.schedule.assignees.length === 0) {
    throw invalid('schedule.assignees: expected at least one person');
  }
  request.schedule.assignees.forEach((p, i) => checkPerson(p, `schedule.assignees[${i}]`));
  if (request.schedule.manager) checkPerson(request.schedule.manager, 'schedule.manager');
}

export function validateBounce(state: OccurrenceState, request: BounceRequest): void {
  requireActor(request);
  requireOpen(state);
  if (typeof request.messageId !== 'string' || !/^<[^<>\s]+>$/.test(request.messageId))
    throw invalid(
      `messageId: ${JSON.stringify(request.messageId)} is not a Message-ID such as <id@host>`,
    );
  if (typeof request.to !== 'string' || !isEmailAddress(request.to))
    throw invalid(`to: ${JSON.stringify(request.to)} is not an e-mail address`);
  if (typeof request.permanent !== 'boolean') throw invalid('permanent: expected true or false');
  if (request.status !== undefined && !/^[245]\.\d{1,3}\.\d{1,3}$/.test(String(request.status)))
    throw invalid(`status: ${JSON.stringify(request.status)} is not a status code such as 5.1.1`);
  if (typeof request.diagnostic !== 'string' || !request.diagnostic.trim())
    throw invalid("diagnostic: give the remote server's words");
  const sent = state.history.some(
    (h) => h.type === 'message' && h.message.messageId === request.messageId,
  );
  if (!sent) throw conflict(`this task sent no mail with Message-ID ${request.messageId}`);
}
