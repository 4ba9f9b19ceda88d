/**
 * Request and response schemas: they validate every API request and generate
 * the OpenAPI document, so the two never disagree.
 */
import { z } from '@hono/zod-openapi';
import { DELIVERABLE_KINDS, LOCALES } from '../shared/types';
import { EMAIL_ADDRESS } from '../shared/email';
import { textProblem } from '../shared/text-rules';
import { DATE_RANGE, dateRangeProblem } from '../time/duration';
import { isValidZone } from '../time/wall-clock';
import {
  LINK_URL,
  MAX_RECEIVED_NOTE_CHARS,
  MAX_TEXT_CHARS,
  MAX_URL_CHARS,
  MEDIA_TYPE,
  NOTICE_KINDS,
  LISTED_STATUSES,
  RECEIVED_VIA,
  TASK_STATUSES,
} from '../shared/task-state';
import { REPORT_FORMATS } from '../report/formats';

/*
 * Every rule the server applies to a request's form is here, so the OpenAPI
 * document says exactly what is accepted: patterns are written so that an
 * ECMAScript and a Python reading agree (no \w, no bare $ before a newline).
 * What depends on a task's state (its deliverables, whether it is closed, the
 * clock) is checked by the workflow and answered 409.
 */

/**
 * A whole-string pattern as the schema states it: Python's `$` also matches
 * before a final newline, so the published pattern says "no newline after".
 */
function exact(pattern: RegExp): RegExp {
  return new RegExp(`${pattern.source}(?!\\n)`, pattern.flags);
}

/** A string with at least one non-space character. */
const nonBlank = (max: number) =>
  z.string().min(1).max(max).regex(/\S/, { message: 'must not be blank' });

/** Controls (C0, C1), line and paragraph separators, bidirectional embeddings, overrides, isolates. */
const NOT_IN_A_LINE = '\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const ONE_LINE_PATTERN = `^[^${NOT_IN_A_LINE}]*[^\\s${NOT_IN_A_LINE}][^${NOT_IN_A_LINE}]*$`;

/** One line of text (a name): no line break, control or bidirectional formatting character. */
const oneLine = (max: number) =>
  nonBlank(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    // The same rule, published (one pattern: the generator keeps only one).
    .openapi({ pattern: ONE_LINE_PATTERN });

/**
 * A person's zone: the one rule the catalog and the workflow's validators
 * apply too (a name of the IANA time zone database, current or linked, such
 * as Asia/Kolkata and its old name Asia/Calcutta). The pattern is published;
 * the database itself decides.
 */
const timeZone = z
  .string()
  .min(1)
  .max(100)
  .regex(exact(/^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2})$/), {
    message: 'expected an IANA time zone name such as Europe/Geneva',
  })
  .superRefine((zone, ctx) => {
    if (!isValidZone(zone))
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(zone)} is not a time zone of the IANA database`,
      });
  })
  .openapi({ example: 'Asia/Kolkata' });

export const ErrorSchema = z
  .object({ error: z.object({ message: z.string(), issues: z.array(z.string()).optional() }) })
  .openapi('Error');

export const TaskIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .openapi({
      param: { name: 'id', in: 'path' },
      description:
        'workflow id <resolution>/<task>/<occurrence>, URL-encoded; the three parts may also be given as three path segments',
      example: 'itu-council-1332%2Fcwg-report%2F2026-03-29',
    }),
});

const person = z.string().min(1).max(200);

export const DocumentPayload = z.object({
  kind: z.literal('document'),
  sha256: z.string().regex(exact(/^[0-9a-f]{64}$/)),
  name: oneLine(255),
  // Stated, so the published schema carries the bound that `int()` enforces.
  size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  mediaType: z.string().max(255).regex(exact(MEDIA_TYPE)),
});
export const LinkPayload = z.object({
  kind: z.literal('link'),
  url: z
    .string()
    .max(MAX_URL_CHARS)
    .regex(exact(LINK_URL), { message: 'expected an http(s) address' }),
});
export const TextPayload = z.object({ kind: z.literal('text'), text: nonBlank(MAX_TEXT_CHARS) });
export const Payload = z
  .discriminatedUnion('kind', [DocumentPayload, LinkPayload, TextPayload])
  .openapi('DeliverablePayload');

/** Staff hand in for an assignee what came by post, by hand or by mail. */
export const HandedInForSchema = z
  .object({
    person: oneLine(200).describe("the assignee's person key"),
    via: z.enum(RECEIVED_VIA).describe('how it came: by post, by hand, by mail, or other'),
    note: oneLine(MAX_RECEIVED_NOTE_CHARS).optional(),
  })
  .openapi('HandedInFor');
/** The reply to a task mail an assignee handed in with (recorded by the mailbox reader). */
export const HandedInByMailSchema = z
  .object({ messageId: z.string().describe("the reply's Message-ID") })
  .openapi('HandedInByMail');
export const SubmitBody = z
  .object({
    deliverableId: z.string().min(1).max(100),
    payload: Payload,
    for: HandedInForSchema.optional(),
    updateId: z.string().max(200).optional(),
  })
  .openapi('SubmitRequest');
const reviewFields = {
  deliverableId: z.string().min(1).max(100).optional(),
  updateId: z.string().max(200).optional(),
};
/** A return says why; an acceptance may. */
export const ReviewBody = z
  .discriminatedUnion('decision', [
    z.object({
      decision: z.literal('accept'),
      comment: z.string().max(5000).optional(),
      ...reviewFields,
    }),
    z.object({ decision: z.literal('return'), comment: nonBlank(5000), ...reviewFields }),
  ])
  .openapi('ReviewRequest');
export const ExtendBody = z
  .object({
    dueDate: z.iso
      .date({ message: 'expected a calendar date YYYY-MM-DD' })
      .superRefine((value, ctx) => {
        const outside = dateRangeProblem(value);
        if (outside) ctx.addIssue({ code: 'custom', message: outside });
      })
      // The range published with the format (the generator keeps one pattern). Months and
      // days are spelled out, so that a generator drawing from the pattern mostly draws real
      // dates (with [0-9]{2} nine in ten were filtered out by the format).
      .openapi({
        format: 'date',
        pattern: `^(?:19[7-9][0-9]|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$`,
        description: `a calendar date from ${DATE_RANGE.first} to ${DATE_RANGE.last}`,
      }),
    dueTime: z
      .string()
      .regex(exact(/^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/), { message: 'expected a wall time HH:MM' })
      .nullable()
      .optional(),
    reason: nonBlank(2000),
    updateId: z.string().max(200).optional(),
  })
  .openapi('ExtendRequest');
export const HoldBody = z
  .object({ reason: nonBlank(2000), updateId: z.string().max(200).optional() })
  .openapi('HoldRequest');
export const ResumeBody = z
  .object({ reason: z.string().max(2000).optional(), updateId: z.string().max(200).optional() })
  .openapi('ResumeRequest');
export const WaiveBody = z
  .object({ reason: nonBlank(2000), updateId: z.string().max(200).optional() })
  .openapi('WaiveRequest');
const recipientFields = {
  key: person,
  name: oneLine(200),
  email: z.string().max(254).regex(exact(EMAIL_ADDRESS)),
  locale: z.enum(LOCALES),
};
export const Recipient = z
  .object({
    ...recipientFields,
    timezone: z.string().min(1).max(100),
    workingDays: z
      .object({
        weekend: z.array(z.number().int().min(1).max(7)).max(6),
        holidays: z.array(z.string().regex(exact(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/))).max(2000),
      })
      .optional()
      .openapi({ description: 'the working-day calendar resolved from the catalog' }),
  })
  .openapi('Person');
/** A person given in a request: the zone must be one the planner can schedule in. */
export const RecipientInput = z
  .object({
    ...recipientFields,
    timezone: timeZone,
    workingDays: Recipient.shape.workingDays,
  })
  .openapi('PersonInput');
export const ReassignBody = z
  .object({
    assignees: z.array(RecipientInput).min(1).max(100).optional(),
    // A union rather than .nullable(): the generator would intersect null with the object.
    manager: z.union([RecipientInput, z.null()]).optional(),
    reason: z.string().max(2000).optional(),
    updateId: z.string().max(200).optional(),
  })
  .refine((b) => b.assignees !== undefined || b.manager !== undefined, {
    message: 'give assignees, manager or both',
  })
  .openapi('ReassignRequest', {
    anyOf: [{ required: ['assignees'] }, { required: ['manager'] }],
  });

/** A visibility filter value: no quotes, backslashes or control characters. */
const filterValue = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(exact(/^[^'"\\\u0000-\u001f\u007f]*$/), {
      message: 'quotes, backslashes and control characters are not allowed in filters',
    })
    .optional();

export const ListQuery = z.object({
  overdue: z.enum(['true', 'false']).optional(),
  dueWithin: z
    .string()
    .regex(exact(/^P(?=[0-9])([0-9]{1,6}Y)?([0-9]{1,6}M)?([0-9]{1,6}W)?([0-9]{1,7}D)?$/), {
      message: 'expected a date duration such as P30D',
    })
    .optional()
    .openapi({
      example: 'P30D',
      description: 'open tasks due from now until now + this (a reach past 9999 means all)',
    }),
  resolution: filterValue(100),
  assignee: filterValue(200),
  responsible: filterValue(200),
  tag: filterValue(200),
  series: filterValue(200),
  clause: filterValue(200),
  occurrence: filterValue(200),
  // Repeated for several (`status=open&status=overdue`), as an HTML form sends checkboxes.
  status: z
    .union([z.enum(LISTED_STATUSES), z.array(z.enum(LISTED_STATUSES))])
    .optional()
    .openapi({ description: 'one status, or the parameter repeated for any of several' }),
});

export const TaskListing = z
  .object({
    workflowId: z.string(),
    resolution: z.string(),
    task: z.string(),
    occurrence: z.string(),
    clause: z.string(),
    responsible: z.string(),
    assignees: z.array(z.string()),
    tags: z.array(z.string()),
    series: z.string().optional(),
    status: z.enum(LISTED_STATUSES),
    dueAt: z.number(),
    deliveredAt: z.number().optional(),
    closed: z.boolean(),
    closedAt: z.number().optional(),
    startedAt: z.number().optional(),
  })
  .openapi('TaskListing');

const Instant = z.number().int().openapi({ description: 'epoch milliseconds' });
const MessageKindEnum = z.enum(['reminder', 'overdue', 'escalation']);
const SentKindEnum = z.enum(NOTICE_KINDS);
const DueSchema = z.object({
  date: z.string().openapi({ example: '2026-12-03' }),
  time: z.string().optional().openapi({ example: '23:00' }),
});
export const PolicySchema = z
  .object({
    reminders: z.array(z.string()),
    sendAt: z.string(),
    overdueEvery: z.string().nullable(),
    escalateAfter: z.string().nullable(),
    skipWeekends: z.boolean(),
    thankYou: z.boolean().optional(),
    dueShift: z.enum(['before', 'after']).optional(),
    overdueFor: z.string().optional(),
  })
  .openapi('ReminderPolicy');
export const SentMessageSchema = z
  .object({
    kind: SentKindEnum,
    to: z.string(),
    recipient: z.string(),
    offset: z.string().optional(),
    at: Instant,
    messageId: z.string(),
    delivered: z.boolean(),
    error: z.string().optional(),
  })
  .openapi('SentMessage');
/** A task's mail as GET /tasks/{id}/mail lists it: the history's record, its bounces, whether it is archived. */
export const SentMailItem = SentMessageSchema.extend({
  key: z.string().openapi({
    description:
      'the Message-ID in URL-safe form (base64url), for GET /tasks/{id}/mail/{messageId}',
  }),
  bounces: z.array(
    z.object({
      at: Instant,
      to: z.string(),
      permanent: z.boolean(),
      status: z.string().optional(),
      diagnostic: z.string(),
    }),
  ),
  archived: z
    .boolean()
    .openapi({ description: 'whether the sent-mail archive holds the message as it went out' }),
}).openapi('SentMail');

export const MailParam = TaskIdParam.extend({
  messageId: z
    .string()
    .min(1)
    .max(1000)
    .openapi({
      param: { name: 'messageId', in: 'path' },
      description:
        'the key GET /tasks/{id}/mail answered, or the Message-ID itself with its angle brackets, URL-encoded',
    }),
});

const by = z.string();
const StatedDueSchema = z.object({ date: z.string(), time: z.string().optional() });
/** One aspect of a schedule that a catalog change altered, as a fact (worded by each reader). */
export const ScheduleChangeSchema = z
  .discriminatedUnion('field', [
    z.object({ field: z.literal('due'), from: StatedDueSchema, to: StatedDueSchema }),
    z.object({ field: z.literal('tentative'), to: z.boolean() }),
    z.object({ field: z.literal('recurrence') }),
    z.object({ field: z.literal('policy') }),
    z.object({ field: z.literal('assignees'), from: z.array(z.string()), to: z.array(z.string()) }),
    z.object({
      field: z.literal('manager'),
      from: z.string().optional(),
      to: z.string().optional(),
    }),
    z.object({ field: z.literal('info') }),
    z.object({ field: z.literal('note'), text: z.string() }),
  ])
  .openapi('ScheduleChange');
export const HistoryEntrySchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('started'),
      at: Instant,
      dueDate: z.string(),
      dueTime: z.string().optional(),
    }),
    z.object({ type: z.literal('message'), at: Instant, message: SentMessageSchema }),
    z.object({
      type: z.literal('submitted'),
      at: Instant,
      by,
      deliverableId: z.string(),
      payload: Payload,
      late: z.boolean(),
      for: HandedInForSchema.optional(),
      mail: HandedInByMailSchema.optional(),
    }),
    z.object({
      type: z.literal('reviewed'),
      at: Instant,
      by,
      deliverableId: z.string(),
      decision: z.enum(['accept', 'return']),
      comment: z.string().optional(),
    }),
    z.object({
      type: z.literal('extended'),
      at: Instant,
      by,
      from: z.string(),
      to: z.string(),
      reason: z.string(),
    }),
    z.object({
      type: z.literal('reassigned'),
      at: Instant,
      by,
      assignees: z.array(z.string()),
      manager: z.string().optional(),
      reason: z.string().optional(),
    }),
    z.object({
      type: z.literal('revised'),
      at: Instant,
      by,
      changes: z.array(ScheduleChangeSchema),
      kept: z.array(z.enum(['assignees', 'manager'])).optional(),
    }),
    z.object({ type: z.literal('waived'), at: Instant, by, reason: z.string() }),
    z.object({ type: z.literal('held'), at: Instant, by, reason: z.string() }),
    z.object({
      type: z.literal('bounced'),
      at: Instant,
      messageId: z.string(),
      to: z.string(),
      permanent: z.boolean(),
      status: z.string().optional(),
      diagnostic: z.string(),
    }),
    z.object({
      type: z.literal('resumed'),
      at: Instant,
      by,
      reason: z.string().optional(),
      days: z.number().int(),
      from: z.string(),
      to: z.string(),
    }),
    z.object({ type: z.literal('completed'), at: Instant, by, on: z.string().optional() }),
  ])
  .openapi('HistoryEntry');
export const DeliverableViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(DELIVERABLE_KINDS),
    required: z.boolean(),
    status: z.enum(['missing', 'submitted', 'accepted', 'returned']),
    latest: Payload.optional(),
    submittedAt: Instant.optional(),
    submittedBy: z.string().optional(),
    submittedFor: HandedInForSchema.optional(),
    submittedByMail: HandedInByMailSchema.optional(),
    comment: z.string().optional(),
  })
  .openapi('DeliverableView');

/** The published view of a task occurrence (src/shared/task-view.ts), in full. */
export const TaskViewSchema = z
  .object({
    workflowId: z.string(),
    resolution: z.object({ id: z.string(), title: z.string(), zone: z.string() }),
    task: z.object({
      id: z.string(),
      title: z.string(),
      clause: z.string(),
      responsible: z.string(),
      notes: z.string().optional(),
      tags: z.array(z.string()),
      dependsOn: z.array(z.string()),
    }),
    occurrence: z.string(),
    status: z.enum(TASK_STATUSES),
    closed: z.boolean(),
    dueAt: Instant,
    due: DueSchema,
    catalogDue: DueSchema,
    catalogPeople: z
      .object({ assignees: z.array(Recipient), manager: Recipient.optional() })
      .optional()
      .openapi({ description: 'the people the catalog gave when it was last applied' }),
    tentative: z.boolean(),
    policy: PolicySchema,
    assignees: z.array(Recipient),
    manager: Recipient.optional(),
    deliverables: z.array(DeliverableViewSchema),
    deliveredAt: Instant.optional(),
    sequence: z.number().int(),
    startedAt: Instant,
    completedAt: Instant.optional(),
    waived: z.object({ at: Instant, by, reason: z.string() }).optional(),
    hold: z.object({ since: Instant, by, reason: z.string() }).optional(),
    unreachable: z
      .array(
        z.object({
          key: z.string(),
          email: z.string(),
          since: Instant,
          status: z.string().optional(),
          diagnostic: z.string(),
        }),
      )
      .optional(),
    history: z.array(HistoryEntrySchema),
    sending: z.number().int(),
    next: z.array(
      z.object({
        kind: MessageKindEnum,
        to: z.string(),
        at: z.string(),
        offset: z.string().optional(),
      }),
    ),
  })
  .openapi('TaskView');

export const DocumentReference = DocumentPayload.openapi('DocumentReference');

export const DocumentShaParam = z.object({
  sha256: z
    .string()
    .regex(exact(/^[0-9a-f]{64}$/))
    .openapi({
      param: { name: 'sha256', in: 'path' },
      description: 'the SHA-256 POST /documents answered, 64 lowercase hex digits',
    }),
});

export const ReportQuery = z.object({
  format: z.enum(REPORT_FORMATS).default('md'),
  locale: z.enum(LOCALES).default('en'),
  from: z.iso.date({ message: 'expected a calendar date YYYY-MM-DD' }).optional().openapi({
    description:
      'first day of the period the rates cover (default 1 January of the year of `to`, or of this year)',
  }),
  to: z.iso.date({ message: 'expected a calendar date YYYY-MM-DD' }).optional().openapi({
    description:
      'last day of the period, on or after `from` (400 otherwise); default today, or 31 December of the year of a `from` after today',
  }),
});
export const ResolutionParam = z.object({
  resolution: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'resolution', in: 'path' } }),
});

export const HandInQuery = z.object({
  task: z.string().min(1).max(300),
  person: z.string().min(1).max(200),
  expires: z.string().regex(exact(/^[0-9]+$/)),
  sig: z.string().min(1).max(200),
});

export const DELIVERABLE_KIND_VALUES = DELIVERABLE_KINDS;
