/**
 * Request and response schemas: they validate every API request and generate
 * the OpenAPI document, so the two never disagree.
 */
import { z } from '@hono/zod-openapi';
import { DELIVERABLE_KINDS, LOCALES } from '../shared/types';
import { EMAIL_ADDRESS } from '../shared/email';
import { TASK_STATUSES } from '../shared/task-state';
import { REPORT_FORMATS } from '../report/formats';

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
      description: 'workflow id <resolution>/<task>/<occurrence>, URL-encoded',
      example: 'itu-council-1332%2Fcwg-report%2F2026-03-29',
    }),
});

const person = z.string().min(1).max(200);

export const DocumentPayload = z.object({
  kind: z.literal('document'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(255),
  size: z.number().int().positive(),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
});
export const LinkPayload = z.object({ kind: z.literal('link'), url: z.string().url().max(2000) });
export const TextPayload = z.object({
  kind: z.literal('text'),
  text: z.string().min(1).max(20_000),
});
export const Payload = z
  .discriminatedUnion('kind', [DocumentPayload, LinkPayload, TextPayload])
  .openapi('DeliverablePayload');

export const SubmitBody = z
  .object({
    deliverableId: z.string().min(1).max(100),
    payload: Payload,
    updateId: z.string().max(200).optional(),
  })
  .openapi('SubmitRequest');
export const ReviewBody = z
  .object({
    decision: z.enum(['accept', 'return']),
    deliverableId: z.string().min(1).max(100).optional(),
    comment: z.string().max(5000).optional(),
    updateId: z.string().max(200).optional(),
  })
  .openapi('ReviewRequest');
export const ExtendBody = z
  .object({
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    dueTime: z
      .string()
      .regex(/^\d{2}:\d{2}$/)
      .nullable()
      .optional(),
    reason: z.string().min(1).max(2000),
    updateId: z.string().max(200).optional(),
  })
  .openapi('ExtendRequest');
export const WaiveBody = z
  .object({ reason: z.string().min(1).max(2000), updateId: z.string().max(200).optional() })
  .openapi('WaiveRequest');
export const Recipient = z
  .object({
    key: person,
    name: z.string().min(1).max(200),
    email: z.string().max(254).regex(EMAIL_ADDRESS),
    timezone: z.string().min(1).max(100),
    locale: z.enum(LOCALES),
    workingDays: z
      .object({
        weekend: z.array(z.number().int().min(1).max(7)).max(6),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(2000),
      })
      .optional()
      .openapi({ description: 'the working-day calendar resolved from the catalog' }),
  })
  .openapi('Person');
export const ReassignBody = z
  .object({
    assignees: z.array(Recipient).min(1).max(100).optional(),
    manager: Recipient.nullable().optional(),
    reason: z.string().max(2000).optional(),
    updateId: z.string().max(200).optional(),
  })
  .openapi('ReassignRequest');

export const ListQuery = z.object({
  overdue: z.enum(['true', 'false']).optional(),
  dueWithin: z
    .string()
    .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/)
    .optional()
    .openapi({ example: 'P30D' }),
  resolution: z.string().max(100).optional(),
  assignee: z.string().max(200).optional(),
  tag: z.string().max(200).optional(),
  status: z.enum(TASK_STATUSES).optional(),
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
    status: z.enum(TASK_STATUSES),
    dueAt: z.number(),
    deliveredAt: z.number().optional(),
    closed: z.boolean(),
  })
  .openapi('TaskListing');

const Instant = z.number().int().openapi({ description: 'epoch milliseconds' });
const MessageKindEnum = z.enum(['reminder', 'overdue', 'escalation']);
const SentKindEnum = z.enum([
  'reminder',
  'overdue',
  'escalation',
  'cancellation',
  'delivery-failure',
]);
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
const by = z.string();
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
    z.object({ type: z.literal('revised'), at: Instant, by, changes: z.array(z.string()) }),
    z.object({ type: z.literal('waived'), at: Instant, by, reason: z.string() }),
    z.object({ type: z.literal('completed'), at: Instant, by }),
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
    policy: PolicySchema,
    assignees: z.array(Recipient),
    manager: Recipient.optional(),
    deliverables: z.array(DeliverableViewSchema),
    deliveredAt: Instant.optional(),
    sequence: z.number().int(),
    startedAt: Instant,
    completedAt: Instant.optional(),
    waived: z.object({ at: Instant, by, reason: z.string() }).optional(),
    history: z.array(HistoryEntrySchema),
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
    .regex(/^[0-9a-f]{64}$/)
    .openapi({
      param: { name: 'sha256', in: 'path' },
      description: 'the SHA-256 POST /documents answered, 64 lowercase hex digits',
    }),
});

export const ReportQuery = z.object({
  format: z.enum(REPORT_FORMATS).default('md'),
  locale: z.enum(LOCALES).default('en'),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .openapi({ description: 'first day of the period the rates cover (default 1 January)' }),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .openapi({ description: 'last day of the period (default today)' }),
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
  expires: z.string().regex(/^\d+$/),
  sig: z.string().min(1).max(200),
});

export const DELIVERABLE_KIND_VALUES = DELIVERABLE_KINDS;
