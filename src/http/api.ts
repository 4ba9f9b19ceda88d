/**
 * The JSON API under /api. Roles: secretariat (everything), manager (read
 * and review). Every route's request schema validates the request and
 * appears in /openapi.json.
 */
import { reportData } from '../client/report-data';
import type { TaskView } from '../shared/task-view';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { taskActions } from '../client/task-actions';
import { buildReport, ReportPeriodError } from '../report/report-context';
import { renderReport, REPORT_MEDIA_TYPES } from '../report/render-report';
import { DEFAULT_MEDIA_TYPES } from '../deliverables/media-types';
import { principalOf, requireRole, type StaffRole } from './auth';
import type { HttpDependencies } from './deps';
import { documentResponse } from './document-download';
import { jsonError } from './errors';
import { archivedBytes } from './sent-mail-routes';
import { filteredTasks, parseTaskFilter } from './task-filter';
import { CSV_HEADERS, listingCsv } from './listing-csv';
import {
  DocumentReference,
  DocumentShaParam,
  ErrorSchema,
  ExtendBody,
  ListQuery,
  ReassignBody,
  ReportQuery,
  ResolutionParam,
  ReviewBody,
  SubmitBody,
  TaskIdParam,
  TaskListing,
  TaskViewSchema,
  WaiveBody,
  HoldBody,
  ResumeBody,
  MailParam,
  SentMailItem,
} from './schemas';
import { sentMailOf } from '../mail/sent-mail';
import { registerPeopleApi } from './people-api';

const errors = {
  400: { description: 'invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'no credentials', content: { 'application/json': { schema: ErrorSchema } } },
  403: {
    description: 'role not allowed',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;
const taskErrors = {
  ...errors,
  404: { description: 'no such task', content: { 'application/json': { schema: ErrorSchema } } },
  409: {
    description:
      'the change conflicts with the task as it stands (closed, already accepted, a deliverable it does not have, a date already passed); nothing changed',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;
const bodyErrors = {
  413: {
    description: 'the body is larger than the limit',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  415: {
    description: 'the body is not of the media type the operation takes',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

/** The largest JSON body an operation reads; anything larger is refused before it is read. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;
const bearer = [{ bearerAuth: [] }];

function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** Validation failures become the same JSON error shape as everything else. */
export function newApiApp(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map(
          (i) => `${i.path.join('.') || '(body)'}: ${i.message}`,
        );
        return c.json({ error: { message: `invalid request: ${issues.join('; ')}`, issues } }, 400);
      }
      return undefined;
    },
  });
}

export function apiRoutes(deps: HttpDependencies): OpenAPIHono {
  const app = newApiApp();
  const mediaTypes = deps.mediaTypes ?? DEFAULT_MEDIA_TYPES;
  app.onError((error, c) => jsonError(c, error, deps.logServerError));
  // Credentials first, so an anonymous caller learns nothing from validation errors.
  app.use('*', async (c, next) => {
    requireRole(principalOf(c, deps.tokens), ['secretariat', 'manager']);
    await next();
  });
  // Secretariat-only changes: the role is checked before the body is validated.
  for (const path of [
    '/tasks/:id/submit',
    '/tasks/:id/extend',
    '/tasks/:id/waive',
    '/tasks/:id/hold',
    '/tasks/:id/resume',
    '/tasks/:id/reassign',
    '/people/:key/replace',
    '/documents',
  ]) {
    app.post(path, async (c, next) => {
      requireRole(principalOf(c, deps.tokens), ['secretariat']);
      await next();
    });
  }
  // A body is refused by its declared length, or while it streams, before anything parses it.
  app.use('*', async (c, next) => {
    if (c.req.path.endsWith('/documents')) return next();
    return bodyLimit({
      maxSize: MAX_JSON_BODY_BYTES,
      onError: (ctx) =>
        ctx.json(
          { error: { message: `the body is larger than ${MAX_JSON_BODY_BYTES} bytes` } },
          413,
          { connection: 'close' },
        ),
    })(c, next);
  });
  const who = (c: Parameters<typeof principalOf>[0], roles: StaffRole[]) =>
    requireRole(principalOf(c, deps.tokens), roles);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      summary: 'List task occurrences (from search attributes)',
      security: bearer,
      request: { query: ListQuery },
      responses: { 200: json(z.array(TaskListing), 'task occurrences'), ...errors },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      // Validated above against the published schema; read again as the pages read it.
      c.req.valid('query');
      const filter = parseTaskFilter(new URL(c.req.url).searchParams);
      return c.json(await filteredTasks(deps.client, filter, deps.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks.csv',
      summary: 'The same list as CSV (UTF-8 with BOM, RFC 4180, a header row)',
      security: bearer,
      request: { query: ListQuery },
      responses: {
        200: { description: 'task occurrences', content: { 'text/csv': { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      c.req.valid('query');
      const filter = parseTaskFilter(new URL(c.req.url).searchParams);
      const listings = await filteredTasks(deps.client, filter, deps.now());
      return c.body(listingCsv(listings, deps.catalogs), 200, CSV_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}',
      summary: "One task occurrence's state, history and next messages (from its query)",
      security: bearer,
      request: { params: TaskIdParam },
      responses: { 200: json(TaskViewSchema, 'task status'), ...taskErrors },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      const view = await taskActions.status(deps.client, c.req.valid('param').id);
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/mail',
      summary:
        "A task occurrence's mail: each message its history records (kind, planned instant, recipient, Message-ID, delivery result), the bounces read for it, and whether the sent-mail archive holds it",
      security: bearer,
      request: { params: TaskIdParam },
      responses: { 200: json(z.array(SentMailItem), 'the mail, in the order sent'), ...taskErrors },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      const view = await taskActions.status(deps.client, c.req.valid('param').id);
      const items = await Promise.all(
        sentMailOf(view).map(async (m) => ({
          ...m.message,
          key: m.key,
          bounces: m.bounces.map(({ type: _type, messageId: _id, ...bounce }) => bounce),
          archived: (await deps.sentMail?.has(m.message.messageId)) ?? false,
        })),
      );
      return c.json(items, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks/{id}/mail/{messageId}',
      summary:
        "One of a task occurrence's mails as it went out (RFC 5322), its hand-in links without their signature",
      security: bearer,
      request: { params: MailParam },
      responses: {
        200: {
          description:
            "the message as sent, but each hand-in link's signature replaced by `staff-copy`: a staff copy cannot hand in as the focal point",
          content: { 'message/rfc822': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...taskErrors,
        404: {
          description: 'no such task, the task sent no such mail, or the archive does not hold it',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      const { id, messageId } = c.req.valid('param');
      const view = await taskActions.status(deps.client, id);
      const mail = sentMailOf(view).find(
        (m) => m.key === messageId || m.message.messageId === messageId,
      );
      if (!mail) throw new HTTPException(404, { message: `task ${id} sent no mail ${messageId}` });
      const raw = await archivedBytes(deps, mail);
      if (!raw)
        throw new HTTPException(404, {
          message: `mail ${mail.message.messageId} is not in the sent-mail archive`,
        });
      return c.body(new Uint8Array(raw), 200, {
        'content-type': 'message/rfc822',
        'cache-control': 'private, no-store',
      });
    },
  );

  const action = <B extends z.ZodType>(
    name: string,
    body: B,
    roles: StaffRole[],
    summary: string,
    run: (id: string, by: string, body: z.infer<B>) => Promise<TaskView>,
  ) =>
    app.openapi(
      createRoute({
        method: 'post',
        path: `/tasks/{id}/${name}`,
        summary,
        security: bearer,
        request: {
          params: TaskIdParam,
          body: { content: { 'application/json': { schema: body } }, required: true },
        },
        responses: {
          200: json(TaskViewSchema, 'the task after the change'),
          ...taskErrors,
          ...bodyErrors,
        },
      }),
      async (c) => {
        const principal = who(c, roles);
        // The generic route loses its input types; the schemas above have validated both parts.
        const input = c.req as unknown as {
          valid(target: 'param'): { id: string };
          valid(target: 'json'): z.infer<B>;
        };
        const view = await run(input.valid('param').id, principal.name, input.valid('json'));
        return c.json(view, 200);
      },
    );

  const idOf = (updateId: string | undefined) => (updateId ? { updateId } : {});
  action(
    'submit',
    SubmitBody,
    ['secretariat'],
    'Hand in a deliverable on behalf of a focal point',
    async (id, by, b) => {
      // A reference must name stored bytes, or nobody could ever open what was "handed in".
      // A well-formed reference the store lacks conflicts with the store's state: 409.
      if (b.payload.kind === 'document' && !(await deps.store.has(b.payload.sha256)))
        throw new HTTPException(409, {
          message: `payload.sha256: no document ${b.payload.sha256} in the store; upload it with POST /api/documents first`,
        });
      return taskActions.submit(
        deps.client,
        id,
        {
          deliverableId: b.deliverableId,
          payload: b.payload,
          by,
          ...(b.for ? { for: b.for } : {}),
        },
        idOf(b.updateId),
      );
    },
  );
  action(
    'review',
    ReviewBody,
    ['secretariat', 'manager'],
    'Accept a deliverable, or return it with a comment',
    (id, by, b) =>
      taskActions.review(
        deps.client,
        id,
        {
          decision: b.decision,
          by,
          ...(b.deliverableId ? { deliverableId: b.deliverableId } : {}),
          ...(b.comment ? { comment: b.comment } : {}),
        },
        idOf(b.updateId),
      ),
  );
  action(
    'extend',
    ExtendBody,
    ['secretariat'],
    'Move the due date; every later message follows',
    (id, by, b) =>
      taskActions.extend(
        deps.client,
        id,
        {
          dueDate: b.dueDate,
          reason: b.reason,
          by,
          ...(b.dueTime !== undefined ? { dueTime: b.dueTime } : {}),
        },
        idOf(b.updateId),
      ),
  );
  action(
    'waive',
    WaiveBody,
    ['secretariat'],
    'Close the task without its deliverables',
    (id, by, b) => taskActions.waive(deps.client, id, { reason: b.reason, by }, idOf(b.updateId)),
  );
  action(
    'hold',
    HoldBody,
    ['secretariat'],
    'Put the task on hold: no mail until it resumes',
    (id, by, b) => taskActions.hold(deps.client, id, { reason: b.reason, by }, idOf(b.updateId)),
  );
  action(
    'resume',
    ResumeBody,
    ['secretariat'],
    'Resume a held task: its due date moves forward by the calendar days it was held, a part of a day counting as a whole day',
    (id, by, b) =>
      taskActions.resume(
        deps.client,
        id,
        { by, ...(b.reason !== undefined ? { reason: b.reason } : {}) },
        idOf(b.updateId),
      ),
  );
  action(
    'reassign',
    ReassignBody,
    ['secretariat'],
    'Change assignees or the manager',
    (id, by, b) =>
      taskActions.reassign(
        deps.client,
        id,
        {
          by,
          ...(b.assignees ? { assignees: b.assignees } : {}),
          ...(b.manager !== undefined ? { manager: b.manager } : {}),
          ...(b.reason ? { reason: b.reason } : {}),
        },
        idOf(b.updateId),
      ),
  );

  app.use(
    '/documents',
    bodyLimit({
      maxSize: deps.maxUploadBytes + 64 * 1024,
      // The rest of the body is never read: close the connection, so the client does not
      // reuse a socket the server drops once its drain gives up (the next request would fail).
      onError: (c) =>
        c.json(
          { error: { message: `the upload is larger than ${deps.maxUploadBytes} bytes` } },
          413,
          { connection: 'close' },
        ),
    }),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/documents',
      summary: 'Store a document by its SHA-256; returns the reference to submit',
      security: bearer,
      request: {
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z
                  .instanceof(File, { message: 'expected a file' })
                  .openapi({ type: 'string', format: 'binary', minLength: 1 }),
              }),
              encoding: { file: { contentType: mediaTypes.join(', ') } },
            },
          },
        },
      },
      responses: {
        201: json(DocumentReference, 'stored'),
        ...errors,
        413: { description: 'too large', content: { 'application/json': { schema: ErrorSchema } } },
        415: {
          description:
            'media type not accepted: the form part must declare one of the encoding types, and its bytes must be of the type it declares (the content is sniffed)',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      who(c, ['secretariat']);
      // The route's form validator has usually parsed the body already, and Hono then hands
      // back the cached FormData itself rather than a promise: await it, never .catch() it.
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new HTTPException(400, { message: 'expected multipart/form-data with a file field' });
      }
      const file = form.get('file');
      if (!(file instanceof File))
        throw new HTTPException(400, { message: 'file: expected a file' });
      const reference = await deps.store.put(
        Buffer.from(await file.arrayBuffer()),
        file.name || 'document',
        file.type,
      );
      return c.json(reference, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/documents/{sha256}',
      summary: 'A stored document, as a download with its handed-in name and media type',
      security: bearer,
      request: { params: DocumentShaParam },
      responses: {
        200: {
          description: 'the document',
          content: {
            'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errors,
        404: {
          description: 'no such document',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      return documentResponse(c, deps.store, c.req.valid('param').sha256);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{resolution}',
      summary:
        "A resolution's status per clause and its implementation rates, for Council (Markdown, CSV, HTML, Word or Excel)",
      security: bearer,
      request: { params: ResolutionParam, query: ReportQuery },
      responses: {
        200: {
          description: 'the report',
          content: {
            'text/markdown': { schema: z.string() },
            'text/csv': { schema: z.string() },
            'text/html': { schema: z.string() },
            [REPORT_MEDIA_TYPES.docx]: { schema: z.string().openapi({ format: 'binary' }) },
            [REPORT_MEDIA_TYPES.xlsx]: { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errors,
        404: {
          description: 'no catalog for that resolution',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      who(c, ['secretariat', 'manager']);
      const { resolution } = c.req.valid('param');
      const { format, locale, from, to } = c.req.valid('query');
      const catalog = deps.catalogs.get(resolution);
      if (!catalog)
        throw new HTTPException(404, { message: `no catalog loaded for resolution ${resolution}` });
      const data = await reportData(deps.client, catalog, deps.now());
      let context;
      try {
        context = buildReport(catalog, data.listings, {
          views: data.views,
          now: deps.now(),
          locale,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        });
      } catch (error) {
        if (error instanceof ReportPeriodError)
          throw new HTTPException(400, { message: error.message.replace(/^--/, '') });
        throw error;
      }
      const report = await renderReport(context, format);
      const headers: Record<string, string> = { 'content-type': report.mediaType };
      if (format === 'docx' || format === 'xlsx')
        headers['content-disposition'] = `attachment; filename="${report.fileName}"`;
      return c.body(
        typeof report.body === 'string' ? report.body : new Uint8Array(report.body),
        200,
        headers,
      );
    },
  );

  registerPeopleApi(app, deps);
  return app;
}
