/**
 * The Temporal surface shared by workflows, activities and clients: the task
 * queue, workflow ids, search attributes, and the update/query definitions
 * with their payload types.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  HandedInByMail,
  DeliverablePayload,
  OccurrenceState,
  HandedInFor,
  SentMessage,
} from './task-state';
import type { TaskView } from './task-view';
import type { OccurrenceSchedule, Recipient, TaskInfo, TaskTemplate } from './types';

export const TASK_QUEUE = 'mandate-tracker';

/**
 * Workflow type names, for starts and visibility queries. Clients start by
 * name with the function's type (`start<typeof taskOccurrenceWorkflow>`), so
 * arguments are checked without loading workflow code; a test checks that
 * these are the exported functions' names.
 */
export const WORKFLOW_TYPES = {
  occurrence: 'taskOccurrenceWorkflow',
  recurrence: 'recurringTaskWorkflow',
  digest: 'weeklyDigestWorkflow',
  bounces: 'bounceMailboxWorkflow',
} as const;

/** `<resolution>/<task>/<occurrence>`: one workflow per task occurrence. */
export function occurrenceWorkflowId(
  resolutionId: string,
  taskId: string,
  occurrence: string,
): string {
  return `${resolutionId}/${taskId}/${occurrence}`;
}

/** The driver that starts a recurring task's occurrences. */
export function recurrenceWorkflowId(resolutionId: string, taskId: string): string {
  return `${resolutionId}/${taskId}/recurrence`;
}

/** The one workflow that reads the bounce mailbox, per namespace. */
export const BOUNCE_READER_WORKFLOW_ID = 'mandate-tracker/bounce-mailbox';

export const SEARCH_ATTRIBUTES = {
  status: defineSearchAttributeKey('MandateStatus', SearchAttributeType.KEYWORD),
  due: defineSearchAttributeKey('MandateDue', SearchAttributeType.DATETIME),
  resolution: defineSearchAttributeKey('MandateResolution', SearchAttributeType.KEYWORD),
  task: defineSearchAttributeKey('MandateTask', SearchAttributeType.KEYWORD),
  occurrence: defineSearchAttributeKey('MandateOccurrence', SearchAttributeType.KEYWORD),
  responsible: defineSearchAttributeKey('MandateResponsible', SearchAttributeType.KEYWORD),
  assignees: defineSearchAttributeKey('MandateAssignees', SearchAttributeType.KEYWORD_LIST),
  tags: defineSearchAttributeKey('MandateTags', SearchAttributeType.KEYWORD_LIST),
  clause: defineSearchAttributeKey('MandateClause', SearchAttributeType.KEYWORD),
  /** v2: the series whose sessions a task's occurrences are (unset for other dues). */
  series: defineSearchAttributeKey('MandateSeries', SearchAttributeType.KEYWORD),
  /** When the last required deliverable was handed in (unset while something is missing). */
  delivered: defineSearchAttributeKey('MandateDelivered', SearchAttributeType.DATETIME),
  /** People keys of the assignees and manager whose mail failed permanently (a bounce). */
  unreachable: defineSearchAttributeKey('MandateUnreachable', SearchAttributeType.KEYWORD_LIST),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SEARCH_ATTRIBUTES);

export interface OccurrenceWorkflowInput {
  schedule: OccurrenceSchedule;
  info: TaskInfo;
  /** Nothing is sent at or before this instant; defaults to the workflow's start. */
  sendAfter?: number;
  /** Already done before tracking began (catalog `completed`): close at once, send nothing. */
  completedOn?: string;
  /** When false, search attributes are not upserted (servers without them registered). */
  searchAttributes?: boolean;
  /**
   * The start set every search attribute the workflow publishes (`mandate
   * start`): the first upsert is skipped when they are still what it would write.
   */
  startAttributes?: true;
  /** Carried across continue-as-new. */
  state?: OccurrenceState;
}

export interface RecurrenceWorkflowInput {
  template: TaskTemplate;
  sendAfter?: number;
  searchAttributes?: boolean;
  /** The next occurrence index to consider; carried across continue-as-new. */
  nextIndex?: number;
  started?: string[];
  /** Occurrences started by earlier runs; carried across continue-as-new. */
  startedCount?: number;
}

/** Who made a change: a person key, a staff user or `system`. */
export interface Actor {
  by: string;
}

export interface SubmitRequest extends Actor {
  deliverableId: string;
  payload: DeliverablePayload;
  /** Staff (`by`) hand in for an assignee what came by post, by hand or by mail. */
  for?: HandedInFor;
  /** The assignee (`by`) handed it in by replying to a task mail: that reply. */
  mail?: HandedInByMail;
}
export interface ReviewRequest extends Actor {
  /** Omitted: every deliverable awaiting review (or, with none required, the task itself). */
  deliverableId?: string;
  decision: 'accept' | 'return';
  comment?: string;
}
export interface ExtendRequest extends Actor {
  dueDate: string;
  /** `null` removes a due time (end of day); omitted keeps the current one. */
  dueTime?: string | null;
  reason: string;
}
export interface ReassignRequest extends Actor {
  assignees?: Recipient[];
  /** `null` removes the manager. */
  manager?: Recipient | null;
  reason?: string;
  /** false: the people taken off are not told (a successor replaces someone who left). */
  notifyUnassigned?: boolean;
}
export interface WaiveRequest extends Actor {
  reason: string;
}
/** Puts a task on hold (the SLA pause): nothing is sent until it resumes. */
export interface HoldRequest extends Actor {
  reason: string;
}
/** Resumes a held task: its due date moves forward by the calendar days it was held, a part of a day counting as a whole day. */
export interface ResumeRequest extends Actor {
  reason?: string;
}
/**
 * A delivery status notification read from the bounce mailbox, for one mail
 * of this task and one recipient. Its update id comes from the notification's
 * own Message-ID and the recipient, so a notification read twice counts once.
 */
export interface BounceRequest extends Actor {
  /** The Message-ID of the mail that bounced: one of this task's `message` entries. */
  messageId: string;
  /** The recipient the notification names. */
  to: string;
  /** Action `failed`: the address does not take mail; otherwise delayed. */
  permanent: boolean;
  status?: string;
  diagnostic: string;
}

/** A catalog change applied by `mandate start --apply`. */
export interface ReviseRequest extends Actor {
  schedule: OccurrenceSchedule;
  info: TaskInfo;
  /**
   * Where a person changed the assignees or the manager since the catalog was
   * last applied and the catalog changed them too, take the catalog's (the
   * person's are kept otherwise). See src/occurrence/catalog-people.ts.
   */
  preferCatalog?: boolean;
}

export const submitUpdate = defineUpdate<TaskView, [SubmitRequest]>('submit');
export const reviewUpdate = defineUpdate<TaskView, [ReviewRequest]>('review');
export const extendUpdate = defineUpdate<TaskView, [ExtendRequest]>('extend');
export const reassignUpdate = defineUpdate<TaskView, [ReassignRequest]>('reassign');
export const waiveUpdate = defineUpdate<TaskView, [WaiveRequest]>('waive');
export const reviseUpdate = defineUpdate<TaskView, [ReviseRequest]>('revise');
export const holdUpdate = defineUpdate<TaskView, [HoldRequest]>('hold');
export const resumeUpdate = defineUpdate<TaskView, [ResumeRequest]>('resume');
export const recordBounceUpdate = defineUpdate<TaskView, [BounceRequest]>('recordBounce');
export const statusQuery = defineQuery<TaskView>('status');

/** The bounce mailbox reader: how often it looks, and what it has done so far. */
export interface BounceReaderInput {
  /** Milliseconds between two reads. */
  every: number;
  /** Reads before a continue-as-new keeps the history short. */
  readsPerRun?: number;
  /** Carried across continue-as-new. */
  totals?: BounceTotals;
  /** `key email` of each person the secretariat was asked about; carried across continue-as-new. */
  asked?: string[];
}

/** What one read of the bounce mailbox did (and, summed, what the reader has done). */
export interface BounceTotals {
  /** Messages looked at. */
  read: number;
  /** Notifications (RFC 3464) among them. */
  notifications: number;
  /** Recipients recorded on a task. */
  recorded: number;
  /** Recipients whose mail no open task of ours sent (left flagged in the mailbox). */
  unmatched: number;
  /** Messages that are no notification (left in place, logged). */
  ignored: number;
  /** Replies to the hand-in address among them (absent before replies were read). */
  replies?: number;
  /** Replies that handed something in. */
  handedIn?: number;
  /** Replies kept as unusable (flagged in the mailbox, shown to staff). */
  unusable?: number;
  /** Senders answered (a receipt, or why the reply could not be used). */
  answered?: number;
}
export const bounceTotalsQuery = defineQuery<BounceTotals>('bounceTotals');

/** A person a read found unreachable on a task: the secretariat is asked once for a successor. */
export interface UnreachableFound {
  key: string;
  name: string;
  email: string;
  status?: string;
  diagnostic: string;
  workflowId: string;
}

/** What one read returns: its counts, and who it found unreachable. */
export interface BounceRead extends BounceTotals {
  unreachable: UnreachableFound[];
}

/** A recurring task's driver: its template, and catalog changes for occurrences it has not started yet. */
export interface ReviseTemplateRequest extends Actor {
  template: TaskTemplate;
}
export const templateQuery = defineQuery<TaskTemplate>('template');
export const reviseTemplateUpdate = defineUpdate<TaskTemplate, [ReviseTemplateRequest]>(
  'reviseTemplate',
);

/** What the mail activity is asked to send. */
export interface NoticeRequest {
  workflowId: string;
  messageId: string;
  kind: SentMessage['kind'];
  offset?: string;
  /** The planned instant; the mail's Date header carries it. */
  at: number;
  recipient: Recipient;
  schedule: OccurrenceSchedule;
  info: TaskInfo;
  dueAt: number;
  missing: { id: string; title: string; kind: string }[];
  sequence: number;
  /** For delivery-failure notices: whom the failure concerns and why. */
  failure?: { to: string; error: string };
  /** For notices of a change: who made it and what they said. */
  change?: NoticeChange;
  /** Message-ID of the task's first mail: later mail replies to it, so clients show one conversation. */
  thread?: string;
}

export interface NoticeChange {
  by: string;
  reason?: string;
  /** The reviewer's comment on a return. */
  comment?: string;
  /** The due date before an extension or a resumption. */
  previousDue?: { date: string; time?: string };
}

export type NoticeResult =
  { delivered: true } | { delivered: false; permanent: true; error: string };

/**
 * The failure types an update validator refuses with: the request itself is
 * invalid (the API answers 400), or it is well formed but cannot apply to the
 * task as it stands (closed, already accepted, a deliverable it does not have,
 * a due date already passed: 409).
 */
export const UPDATE_REFUSALS = {
  invalid: 'InvalidTaskRequest',
  conflict: 'TaskStateConflict',
} as const;
