/**
 * Types shared by the catalog loader, the planner, the workflows, the
 * activities and the clients. Plain data only: everything here crosses the
 * workflow/activity boundary as JSON.
 */

export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const DELIVERABLE_KINDS = ['document', 'link', 'text'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

export type MessageKind = 'reminder' | 'overdue' | 'escalation';

export interface Resolution {
  id: string;
  title: string;
  adoptedBy: string;
  adopted?: string;
  timezone: string;
  source?: string;
}

export interface CatalogEvent {
  key: string;
  title: string;
  start: string;
  end?: string;
  place?: string;
  notes?: string;
}

export interface Person {
  key: string;
  name: string;
  email: string;
  timezone: string;
  locale: Locale;
}

/** How people are reminded; every task has a complete one after defaults are applied. */
export interface ReminderPolicy {
  /** Date durations before the due date, exactly as written. */
  reminders: string[];
  /** Wall time `HH:MM` in each recipient's zone. */
  sendAt: string;
  overdueEvery: string;
  /** `null`: no escalation. */
  escalateAfter: string | null;
  skipWeekends: boolean;
}

export type DueSpec =
  | { kind: 'date'; date: string; time?: string }
  | { kind: 'event'; event: string; offset: string; time?: string };

export interface Deliverable {
  id: string;
  title: string;
  kind: DeliverableKind;
  required: boolean;
}

export interface Recurrence {
  every: string;
  until?: string;
}

export interface Task {
  id: string;
  clause: string;
  title: string;
  responsible: string;
  assignees: string[];
  manager?: string;
  due: DueSpec;
  recurrence?: Recurrence;
  deliverables: Deliverable[];
  dependsOn: string[];
  tags: string[];
  completed?: string;
  notes?: string;
  policy: ReminderPolicy;
}

export interface Catalog {
  version: 1;
  resolution: Resolution;
  events: Record<string, CatalogEvent>;
  people: Record<string, Person>;
  defaults: ReminderPolicy;
  tasks: Task[];
}

/** A person as a message recipient: what the workflows need without the catalog. */
export type Recipient = Person;

/**
 * Everything the planner needs to schedule one task occurrence. Self-contained
 * so that a workflow can carry it in its input and change it on an extension
 * or a reassignment.
 */
export interface OccurrenceSchedule {
  resolutionId: string;
  taskId: string;
  /** The occurrence's name: its original due date, YYYY-MM-DD. */
  occurrence: string;
  /** The resolution's zone: due dates and times are read there. */
  zone: string;
  dueDate: string;
  dueTime?: string;
  policy: ReminderPolicy;
  assignees: Recipient[];
  manager?: Recipient;
}

/** One message the workflows will send. */
export interface PlannedMessage {
  task: string;
  occurrence: string;
  kind: MessageKind;
  /** Reminders only: the duration as written in the catalog. */
  offset?: string;
  to: string;
  /** ISO 8601 with the recipient zone's UTC offset. */
  at: string;
  /** The same instant, epoch milliseconds. */
  atMs: number;
  /** People key of the recipient. */
  recipient: string;
}

/** The public JSON form of a planned (or received) message, as the spec prints it. */
export interface PlanEntry {
  task: string;
  occurrence: string;
  kind: MessageKind;
  offset?: string;
  to: string;
  at: string;
}

/** What mail and status pages say about a task, beside its schedule. */
export interface TaskInfo {
  resolutionTitle: string;
  title: string;
  clause: string;
  responsible: string;
  deliverables: Deliverable[];
  dependsOn: string[];
  tags: string[];
  notes?: string;
}

/**
 * A catalog task with everything resolved (events, people, defaults): what a
 * recurring task's driver needs to build each occurrence's schedule.
 */
export interface TaskTemplate {
  resolutionId: string;
  taskId: string;
  zone: string;
  /** Due date of the first occurrence (rule 1). */
  firstDue: string;
  dueTime?: string;
  recurrence?: Recurrence;
  completed?: string;
  policy: ReminderPolicy;
  assignees: Recipient[];
  manager?: Recipient;
  info: TaskInfo;
}
