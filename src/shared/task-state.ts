/**
 * The state a task-occurrence workflow keeps, and the pure rules that move it.
 * Types here cross the workflow boundary (queries, continue-as-new).
 */
import type { CatalogPeople, PeopleField, ScheduleChange } from './task-facts';
import { textProblem } from './text-rules';
import type {
  Deliverable,
  DeliverableKind,
  MessageKind,
  OccurrenceSchedule,
  Recipient,
  TaskInfo,
} from './types';

export const TASK_STATUSES = [
  'open',
  'submitted',
  'returned',
  'completed',
  'overdue',
  'waived',
  'on-hold',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A recurring task's next occurrence, before its workflow starts: listed with
 * its date, by its driver. Not a status an occurrence itself ever has.
 */
export const UPCOMING = 'upcoming';
/** Every status a listing shows: an occurrence's, or `upcoming`. */
export const LISTED_STATUSES = [...TASK_STATUSES, UPCOMING] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];
/** The statuses of work still to come in before its due instant: what "due soon" looks at. */
export const OWED_STATUSES = ['open', 'returned', 'submitted'] as const satisfies TaskStatus[];
/** Every status of a task not finished and not held: what a digest lists. */
export const UNFINISHED_STATUSES = [...OWED_STATUSES, 'overdue'] as const satisfies TaskStatus[];

export type DeliverablePayload =
  | { kind: 'document'; sha256: string; name: string; size: number; mediaType: string }
  | { kind: 'link'; url: string }
  | { kind: 'text'; text: string };

export type DeliverableStatus = 'missing' | 'submitted' | 'accepted' | 'returned';

/** How staff received what they hand in for a focal point (a document by post, by hand, by mail). */
export const RECEIVED_VIA = ['post', 'hand', 'mail', 'other'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];
/** A note on a hand-in made for someone is at most this long. */
export const MAX_RECEIVED_NOTE_CHARS = 500;

/** A hand-in staff recorded for a person on the task: whose it is and how it came. */
export interface HandedInFor {
  /** The assignee's person key. */
  person: string;
  via: ReceivedVia;
  note?: string;
}

/** A hand-in the assignee made by replying to a task mail: the reply's Message-ID. */
export interface HandedInByMail {
  messageId: string;
}

export interface DeliverableState {
  deliverable: Deliverable;
  status: DeliverableStatus;
  latest?: DeliverablePayload;
  submittedAt?: number;
  submittedBy?: string;
  /** Set when staff handed it in for the person named. */
  submittedFor?: HandedInFor;
  /** Set when the assignee handed it in by replying to a mail. */
  submittedByMail?: HandedInByMail;
  comment?: string;
}

/**
 * Every kind of mail a task sends: the planned ones (reminder, overdue,
 * escalation), and those that tell people of a change (a return, an
 * acceptance, an extension, a reassignment, a waiver, a hold, a resumption)
 * or of a failed delivery.
 */
export const NOTICE_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'cancellation',
  'delivery-failure',
  'returned',
  'accepted',
  'extended',
  'assigned',
  'unassigned',
  'on-hold',
  'resumed',
  'rescheduled',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** The kinds that tell of a change; each is sent once per change, by the workflow. */
export type ChangeNoticeKind = Exclude<NoticeKind, MessageKind | 'delivery-failure'>;

export interface SentMessage {
  kind: NoticeKind;
  to: string;
  recipient: string;
  offset?: string;
  /** The instant the workflow waited for. */
  at: number;
  messageId: string;
  delivered: boolean;
  error?: string;
}

export type HistoryEntry =
  | { type: 'started'; at: number; dueDate: string; dueTime?: string }
  | { type: 'message'; at: number; message: SentMessage }
  | {
      type: 'submitted';
      at: number;
      by: string;
      deliverableId: string;
      payload: DeliverablePayload;
      late: boolean;
      /** Staff (`by`) handed it in for this person. */
      for?: HandedInFor;
      /** The assignee (`by`) replied to a task mail with it. */
      mail?: HandedInByMail;
    }
  | {
      type: 'reviewed';
      at: number;
      by: string;
      deliverableId: string;
      decision: 'accept' | 'return';
      comment?: string;
    }
  | { type: 'extended'; at: number; by: string; from: string; to: string; reason: string }
  | {
      type: 'reassigned';
      at: number;
      by: string;
      assignees: string[];
      manager?: string;
      reason?: string;
    }
  | {
      type: 'revised';
      at: number;
      by: string;
      /** What changed, as facts; a task revised before facts were kept carries English phrases. */
      changes: (ScheduleChange | string)[];
      /** People fields a person changed since the catalog was last applied, kept against the catalog's. */
      kept?: PeopleField[];
    }
  | { type: 'waived'; at: number; by: string; reason: string }
  | { type: 'held'; at: number; by: string; reason: string }
  | {
      type: 'resumed';
      at: number;
      by: string;
      reason?: string;
      /** Whole calendar days held (in the resolution's zone, rounded up): the due date moved by these. */
      days: number;
      from: string;
      to: string;
    }
  | {
      type: 'completed';
      at: number;
      by: string;
      /** Set when the catalog recorded the task as done before tracking began: that date. */
      on?: string;
    }
  | {
      /** A delivery status notification (RFC 3464) read later from the bounce mailbox. */
      type: 'bounced';
      /** When the notification was read. */
      at: number;
      /** The Message-ID of the mail that bounced (a `message` entry of this task). */
      messageId: string;
      /** The recipient the notification names. */
      to: string;
      /** Action `failed` (a 5.x.x status): the address is not reachable; otherwise delayed or transient. */
      permanent: boolean;
      /** The RFC 3464 status code, e.g. 5.1.1. */
      status?: string;
      /** The remote server's diagnostic, as given. */
      diagnostic: string;
    };

export interface OccurrenceState {
  schedule: OccurrenceSchedule;
  info: TaskInfo;
  deliverables: DeliverableState[];
  /** The due date and time the catalog gave (an extension does not change it). */
  catalogDue: { dueDate: string; dueTime?: string };
  /**
   * The people the catalog gave when it was last applied (a reassignment does
   * not change it), so a catalog applied again can tell a person's change
   * from its own. Absent on tasks started before it was kept.
   */
  catalogPeople?: CatalogPeople;
  /** Messages up to this instant are done (sent, or before the workflow began). */
  cursor: number;
  /** Raised on every change of the due instant: the calendar entry's SEQUENCE. */
  sequence: number;
  waived?: { at: number; by: string; reason: string };
  /** Set while the task is on hold: nothing is sent until it resumes. */
  hold?: { since: number; by: string; reason: string };
  /** Notices of changes not yet sent; the main loop sends them (once each). */
  outbox?: PendingNotice[];
  completedAt?: number;
  startedAt: number;
  history: HistoryEntry[];
  /**
   * People of this task whose mail failed permanently (a bounce), until a
   * reassignment takes them off it. Absent on tasks that never had a bounce.
   */
  unreachable?: UnreachablePerson[];
  /** Escalations of bounces not yet sent to the manager; the main loop sends them. */
  bounceNotices?: { key: string; to: string; error: string }[];
  /** Update ids already applied, so a redelivered update has one effect across runs. */
  appliedUpdates: string[];
}

/** A person whose address bounced permanently, and why. */
export interface UnreachablePerson {
  key: string;
  email: string;
  /** When the notification was read. */
  since: number;
  status?: string;
  diagnostic: string;
}

/** The unreachable people still on the task (assignee or manager). */
export function unreachableOnTask(state: OccurrenceState): UnreachablePerson[] {
  const onTask = new Set([
    ...keysOf(state.schedule.assignees),
    ...(state.schedule.manager ? [state.schedule.manager.key] : []),
  ]);
  return (state.unreachable ?? []).filter((p) => onTask.has(p.key));
}

/** A notice of a change waiting to be sent to each of `recipients`. */
export interface PendingNotice {
  kind: ChangeNoticeKind;
  recipients: Recipient[];
  /** Unique per change (the history position it was recorded at): part of each Message-ID. */
  key: string;
  change?: {
    by: string;
    reason?: string;
    comment?: string;
    previousDue?: { date: string; time?: string };
  };
}

/** A state's status at `now`: closed states first, then a hold, then work awaiting review, then lateness. */
export function deriveStatus(state: OccurrenceState, now: number, dueAt: number): TaskStatus {
  if (state.waived) return 'waived';
  if (state.completedAt !== undefined) return 'completed';
  if (state.hold) return 'on-hold';
  const required = state.deliverables.filter((d) => d.deliverable.required);
  if (
    required.length > 0 &&
    required.every((d) => d.status === 'submitted' || d.status === 'accepted')
  ) {
    return 'submitted';
  }
  if (now > dueAt) return 'overdue';
  if (state.deliverables.some((d) => d.status === 'returned')) return 'returned';
  if (state.deliverables.some((d) => d.status === 'submitted')) return 'submitted';
  return 'open';
}

/**
 * True while the focal points still owe something, i.e. while reminders and
 * notices go out: some required deliverable is missing or was returned.
 * Without required deliverables, until the secretariat marks the task done.
 */
export function isOutstanding(state: OccurrenceState): boolean {
  if (state.waived || state.completedAt !== undefined || state.hold) return false;
  const required = state.deliverables.filter((d) => d.deliverable.required);
  if (required.length === 0) return true;
  return required.some((d) => d.status === 'missing' || d.status === 'returned');
}

/** Every required deliverable accepted (or none required and accepted by review). */
export function isAllAccepted(state: OccurrenceState): boolean {
  const required = state.deliverables.filter((d) => d.deliverable.required);
  return required.length > 0 && required.every((d) => d.status === 'accepted');
}

/** When the last required deliverable was handed in, once none is missing or returned. */
export function deliveredAt(state: OccurrenceState): number | undefined {
  const required = state.deliverables.filter((d) => d.deliverable.required);
  if (
    required.length === 0 ||
    required.some((d) => d.status === 'missing' || d.status === 'returned')
  )
    return undefined;
  return Math.max(...required.map((d) => d.submittedAt ?? 0));
}

/** The deliverables that focal points still have to hand in. */
export function missingDeliverables(state: OccurrenceState): Deliverable[] {
  return state.deliverables
    .filter((d) => d.status === 'missing' || d.status === 'returned')
    .map((d) => d.deliverable);
}

export function isClosed(state: OccurrenceState): boolean {
  return state.waived !== undefined || state.completedAt !== undefined;
}

/** Why a payload does not fit a deliverable kind, or null when it does. */
/*
 * Explicit character classes rather than \s or \w, so the API's OpenAPI
 * patterns (read by Python tools too) mean what these mean here.
 */
const NOT_SPACE =
  '[^\\x00-\\x20\\x7f-\\xa0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

/** An http(s) address: a scheme, a host that starts with a character of a name, no spaces. */
export const LINK_URL = new RegExp(`^[Hh][Tt][Tt][Pp][Ss]?://(?![/$.?#])${NOT_SPACE}+$`);

/** A media type such as application/pdf. */
export const MEDIA_TYPE = /^[A-Za-z0-9_.+-]+\/[A-Za-z0-9_.+-]+$/;

/** The longest text deliverable, in characters: well inside a workflow payload. */
export const MAX_TEXT_CHARS = 20_000;
/** The longest link deliverable's address. */
export const MAX_URL_CHARS = 2_000;

export function payloadProblem(kind: DeliverableKind, payload: DeliverablePayload): string | null {
  if (payload.kind !== kind) return `expects a ${kind}, got a ${payload.kind}`;
  switch (payload.kind) {
    case 'document':
      if (!/^[0-9a-f]{64}$/.test(payload.sha256))
        return 'document.sha256 must be 64 lowercase hex digits';
      if (!payload.name?.trim()) return 'document.name is empty';
      if (textProblem(payload.name)) return `document.name ${textProblem(payload.name)}`;
      if (!Number.isInteger(payload.size) || payload.size <= 0)
        return 'document.size must be a positive whole number of bytes';
      if (!MEDIA_TYPE.test(payload.mediaType ?? ''))
        return 'document.mediaType must be a media type such as application/pdf';
      return null;
    case 'link':
      if (!LINK_URL.test(payload.url ?? '')) return 'link.url must be an http(s) address';
      if (payload.url.length > MAX_URL_CHARS)
        return `link.url is longer than ${MAX_URL_CHARS.toLocaleString('en')} characters`;
      return null;
    case 'text':
      if (!payload.text?.trim()) return 'text.text is empty';
      if (payload.text.length > MAX_TEXT_CHARS)
        return `text.text is longer than ${MAX_TEXT_CHARS.toLocaleString('en')} characters`;
      return null;
  }
}

/** A recipient list as people keys, for history and search attributes. */
export function keysOf(people: Recipient[]): string[] {
  return people.map((p) => p.key);
}
