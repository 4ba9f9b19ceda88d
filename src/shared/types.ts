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

/** Weekday names as a catalog writes them, Monday first: index + 1 is the ISO weekday. */
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export interface Resolution {
  id: string;
  title: string;
  adoptedBy: string;
  adopted?: string;
  timezone: string;
  source?: string;
  /** v2: the key of `calendars` whose working days due dates move to (`dueShift`). */
  calendar?: string;
}

export interface CatalogEvent {
  key: string;
  title: string;
  start: string;
  end?: string;
  place?: string;
  notes?: string;
  /** v2: the series this event is a session of. */
  series?: string;
  /** v2: the date is expected, not yet published; changes nothing in the plan. */
  tentative?: boolean;
}

/** v2: a working-day calendar as the catalog declares it. */
export interface CatalogCalendar {
  key: string;
  /** Distinct weekday names, at most six. */
  weekend: WeekdayName[];
  /** Explicit holidays, YYYY-MM-DD, as written. */
  holidays: string[];
  /** ISO 3166-1 alpha-2 code, upper case: its public holidays are added. */
  country?: string;
  /** Subdivision code of `country` (e.g. GE for CH), upper case. */
  region?: string;
  /**
   * The country's (and region's) public holidays, YYYY-MM-DD, for the years
   * `publicHolidayYears` (inclusive), filled in at load time from the
   * holiday data: the planner never reads that data itself.
   */
  publicHolidays?: string[];
  publicHolidayYears?: [number, number];
}

/**
 * A recipient's working days, resolved and serializable: what a workflow
 * carries. A date is a working day unless its ISO weekday is in `weekend` or
 * it is in `holidays`.
 */
export interface WorkingCalendar {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekend: number[];
  /** YYYY-MM-DD, sorted. */
  holidays: string[];
}

export interface Person {
  key: string;
  name: string;
  email: string;
  timezone: string;
  locale: Locale;
  /** v2: key of the person's calendar in `calendars`, as written. */
  calendar?: string;
}

/** How people are reminded; every task has a complete one after defaults are applied. */
export interface ReminderPolicy {
  /** Date durations before the due date, exactly as written. */
  reminders: string[];
  /** Wall time `HH:MM` in each recipient's zone. */
  sendAt: string;
  /** `null` (v2): no overdue notices. */
  overdueEvery: string | null;
  /**
   * Beyond the contract (v2): overdue notices whose date (rule 4's, before the
   * working-day move) is more than this after the due date are not sent.
   * Absent: they go on until the task is closed.
   */
  overdueFor?: string;
  /** `null`: no escalation. */
  escalateAfter: string | null;
  skipWeekends: boolean;
  /** Thank the focal points when their work is accepted (default true). */
  thankYou?: boolean;
  /**
   * v2: a due date that is not a working day of the resolution's calendar
   * moves to the nearest working day before or after it. Absent: no move.
   */
  dueShift?: 'before' | 'after';
}

export type DueSpec =
  | { kind: 'date'; date: string; time?: string }
  | { kind: 'event'; event: string; offset: string; time?: string }
  /** v2: one occurrence per event of the series, each named by its event key. */
  | { kind: 'series'; series: string; offset: string; time?: string };

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
  /** v2: closed without being done; sends nothing. */
  waived?: Waiver;
  notes?: string;
  policy: ReminderPolicy;
}

/** v2: why and since when a task is closed without being done. */
export interface Waiver {
  on: string;
  reason: string;
}

export interface Catalog {
  version: 1 | 2;
  resolution: Resolution;
  /** v2: working-day calendars by key (absent or empty in v1). */
  calendars?: Record<string, CatalogCalendar>;
  events: Record<string, CatalogEvent>;
  people: Record<string, Person>;
  defaults: ReminderPolicy;
  tasks: Task[];
}

/** A person as a message recipient: what the workflows need without the catalog. */
export interface Recipient {
  key: string;
  name: string;
  email: string;
  timezone: string;
  locale: Locale;
  /**
   * The recipient's working days, resolved (v2). Absent: Saturday and Sunday
   * are the weekend and there are no holidays, as in v1. (Not `calendar`,
   * which on a Person is the key as written.)
   */
  workingDays?: WorkingCalendar;
}

/**
 * Everything the planner needs to schedule one task occurrence. Self-contained
 * so that a workflow can carry it in its input and change it on an extension
 * or a reassignment.
 */
export interface OccurrenceSchedule {
  resolutionId: string;
  taskId: string;
  /** The due date hangs on a tentative event: mail and pages say "date to be confirmed". */
  tentative?: boolean;
  /** The occurrence's name: its original due date, YYYY-MM-DD; for a series, the event key. */
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
  /** The occurrence's due date hangs on an event whose date is not yet published. */
  tentative?: true;
}

/** The public JSON form of a planned (or received) message, as the spec prints it. */
export interface PlanEntry {
  task: string;
  occurrence: string;
  kind: MessageKind;
  offset?: string;
  to: string;
  at: string;
  /** The occurrence's date is tentative (an event not yet published): "to be confirmed". */
  tentative?: true;
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
  /** v2, a series due: the series, so lists can be filtered by it. */
  series?: string;
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
  /** v2, a series due: each session's key and due date (rule 1), in catalog order. */
  sessions?: SeriesSession[];
  completed?: string;
  /** v2: the task is waived; nothing is sent. */
  waived?: Waiver;
  /** An event due whose event is tentative. */
  tentative?: boolean;
  policy: ReminderPolicy;
  /** With `policy.dueShift`: the resolution's working days, resolved (absent: Saturday and Sunday off). */
  dueCalendar?: WorkingCalendar;
  assignees: Recipient[];
  manager?: Recipient;
  info: TaskInfo;
}

/** One session of a series as an occurrence: named by its event key. */
export interface SeriesSession {
  event: string;
  dueDate: string;
  /** The session's date is expected, not yet published. */
  tentative?: boolean;
}
