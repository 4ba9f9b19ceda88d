/**
 * Request and response schemas: they validate every API request and generate
 * the OpenAPI document, so the two never disagree.
 */
import { z } from '@hono/zod-openapi';
import { DELIVERABLE_KINDS, LOCALES } from '../shared/types';
import { TASK_STATUSES } from '../shared/task-state';

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
    email: z.string().email(),
    timezone: z.string().min(1).max(100),
    locale: z.enum(LOCALES),
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
  status: z.enum(TASK_STATUSES as [string, ...string[]]).optional(),
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
    status: z.enum(TASK_STATUSES as [string, ...string[]]),
    dueAt: z.number(),
    deliveredAt: z.number().optional(),
    closed: z.boolean(),
  })
  .openapi('TaskListing');

export const TaskView = z
  .object({
    workflowId: z.string(),
    status: z.enum(TASK_STATUSES as [string, ...string[]]),
    dueAt: z.number(),
    state: z.record(z.string(), z.unknown()),
    next: z.array(
      z.object({ kind: z.string(), to: z.string(), at: z.string(), offset: z.string().optional() }),
    ),
  })
  .openapi('TaskStatus');

export const DocumentReference = DocumentPayload.openapi('DocumentReference');

export const ReportQuery = z.object({ format: z.enum(['md', 'csv', 'html']).default('md') });
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
