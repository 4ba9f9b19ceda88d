/**
 * The published view of one task occurrence: what the `status` query and
 * every update answer. Interfaces (HTTP, CLI, client layer) read only this,
 * so the workflow's internal state can change without breaking them. The
 * OpenAPI document describes it with `TaskViewSchema` (src/http/schemas.ts);
 * a type test keeps the two equal.
 */
import type {
  DeliverablePayload,
  DeliverableStatus,
  HandedInFor,
  HandedInByMail,
  HistoryEntry,
  TaskStatus,
  UnreachablePerson,
} from './task-state';
import type { DeliverableKind, MessageKind, Recipient, ReminderPolicy } from './types';
import type { PeopleField, ScheduleChange } from './task-facts';

type RevisedEntry = Extract<HistoryEntry, { type: 'revised' }>;
/** A history entry as published: a revision's changes always as facts. */
export type HistoryView =
  | Exclude<HistoryEntry, RevisedEntry>
  | { type: 'revised'; at: number; by: string; changes: ScheduleChange[]; kept?: PeopleField[] };

/** A person as the catalog resolved them (name, address, zone, language, working days). */
export type PersonView = Recipient;

export interface DeliverableView {
  id: string;
  title: string;
  kind: DeliverableKind;
  required: boolean;
  status: DeliverableStatus;
  latest?: DeliverablePayload;
  submittedAt?: number;
  submittedBy?: string;
  /** Set when staff (`submittedBy`) handed it in for this person. */
  submittedFor?: HandedInFor;
  /** Set when the assignee handed it in by replying to a task mail. */
  submittedByMail?: HandedInByMail;
  /** The reviewer's comment on the latest return. */
  comment?: string;
}

export interface NextMessageView {
  kind: MessageKind;
  to: string;
  /** ISO 8601 with the recipient zone's offset. */
  at: string;
  offset?: string;
}

export interface DueView {
  date: string;
  time?: string;
}

export interface TaskView {
  workflowId: string;
  resolution: { id: string; title: string; zone: string };
  task: {
    id: string;
    title: string;
    clause: string;
    responsible: string;
    notes?: string;
    tags: string[];
    dependsOn: string[];
  };
  /** The occurrence's name (its first due date, or a session's event key). */
  occurrence: string;
  status: TaskStatus;
  closed: boolean;
  /** The due instant, epoch milliseconds. */
  dueAt: number;
  /** The due date now in force (after any extension), in the resolution's zone. */
  due: DueView;
  /** The due date the catalog gave. */
  catalogDue: DueView;
  /** The people the catalog gave when last applied (absent on tasks started before it was kept). */
  catalogPeople?: { assignees: PersonView[]; manager?: PersonView };
  /** The due date hangs on a session whose date is not yet published. */
  tentative: boolean;
  policy: ReminderPolicy;
  assignees: PersonView[];
  manager?: PersonView;
  deliverables: DeliverableView[];
  /** When the last required deliverable was handed in, once nothing is missing. */
  deliveredAt?: number;
  /** The calendar entry's SEQUENCE: raised on every change of the due instant. */
  sequence: number;
  startedAt: number;
  completedAt?: number;
  waived?: { at: number; by: string; reason: string };
  /** Set while the task is on hold. */
  hold?: { since: number; by: string; reason: string };
  /** People on the task whose mail bounced permanently: a successor is needed. */
  unreachable?: UnreachablePerson[];
  history: HistoryView[];
  /** Notices of changes queued and not yet sent (one per recipient): the mail list is complete at 0. */
  sending: number;
  /** The next messages planned, if nobody acts. */
  next: NextMessageView[];
}
