/**
 * People under the API: who is unreachable (mail bounced permanently) and
 * the succession of one person by another across every open task.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { replacePerson, SuccessorUnknownError } from '../client/replace-person';
import { successorLookup } from '../client/successor';
import { listUnreachable } from '../client/unreachable';
import { principalOf, requireRole } from './auth';
import type { HttpDependencies } from './deps';
import { ErrorSchema } from './schemas';

/**
 * A people key as catalogs write them; `(?!\n)` keeps the published pattern
 * whole-string for Python's `$` too (schemathesis reads it).
 */
const PEOPLE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$(?!\n)/;

const PersonParam = z.object({
  key: z
    .string()
    .regex(PEOPLE_KEY)
    .openapi({
      param: { name: 'key', in: 'path' },
      description: 'people key of the person who leaves',
    }),
});

export const ReplaceBody = z
  .object({
    successor: z.string().regex(PEOPLE_KEY).openapi({ description: 'people key of the successor' }),
    dryRun: z
      .boolean()
      .optional()
      .openapi({ description: 'say what would change; change nothing' }),
    resolution: z
      .string()
      .regex(PEOPLE_KEY)
      .optional()
      .openapi({ description: 'only this resolution' }),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .openapi('ReplacePersonRequest');

export const ReplacementSummarySchema = z
  .object({
    old: z.string(),
    successor: z.string(),
    dryRun: z.boolean(),
    occurrences: z.number().int(),
    recurrences: z.number().int(),
    failed: z.number().int(),
    steps: z.array(
      z.object({
        workflowId: z.string(),
        kind: z.enum(['occurrence', 'recurrence']),
        roles: z.array(z.enum(['assignee', 'manager'])),
        outcome: z.enum(['reassigned', 'would reassign', 'failed']),
        error: z.string().optional(),
      }),
    ),
  })
  .openapi('ReplacementSummary');

export const UnreachableSchema = z
  .object({
    key: z.string(),
    email: z.string(),
    since: z.number().int(),
    status: z.string().optional(),
    diagnostic: z.string(),
    tasks: z.array(z.string()),
  })
  .openapi('UnreachablePerson');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

export function registerPeopleApi(app: OpenAPIHono, deps: HttpDependencies): void {
  const bearer = [{ bearerAuth: [] }];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/people/unreachable',
      summary: 'People on open tasks whose mail bounced permanently, with their tasks',
      security: bearer,
      responses: {
        200: {
          description: 'unreachable people',
          content: { 'application/json': { schema: z.array(UnreachableSchema) } },
        },
        401: errorResponse('no credentials'),
        403: errorResponse('role not allowed'),
      },
    }),
    async (c) => {
      requireRole(principalOf(c, deps.tokens), ['secretariat', 'manager']);
      return c.json(await listUnreachable(deps.client), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/people/{key}/replace',
      summary:
        'Give every open task of a person (and the recurring tasks naming them) to a successor, each through reassign',
      security: bearer,
      request: {
        params: PersonParam,
        body: { content: { 'application/json': { schema: ReplaceBody } }, required: true },
      },
      responses: {
        200: {
          description: 'what was (or, in a dry run, would be) reassigned',
          content: { 'application/json': { schema: ReplacementSummarySchema } },
        },
        400: errorResponse('invalid request (a person cannot succeed themselves)'),
        401: errorResponse('no credentials'),
        403: errorResponse('role not allowed'),
        409: errorResponse(
          'the successor is not a person of some resolution concerned; nothing changed',
        ),
        413: errorResponse('the body is larger than the limit'),
        415: errorResponse('the body is not of the media type the operation takes'),
      },
    }),
    async (c) => {
      const principal = requireRole(principalOf(c, deps.tokens), ['secretariat']);
      const { key } = c.req.valid('param');
      const body = c.req.valid('json');
      deps.refreshCatalogs?.();
      try {
        const summary = await replacePerson(deps.client, {
          old: key,
          successor: body.successor,
          successorIn: successorLookup(deps.catalogs, body.successor),
          by: principal.name,
          ...(body.resolution ? { resolution: body.resolution } : {}),
          ...(body.reason ? { reason: body.reason } : {}),
          ...(body.dryRun ? { dryRun: true } : {}),
        });
        return c.json(summary, 200);
      } catch (error) {
        // The same person twice is an invalid request; a successor a catalog lacks conflicts with it.
        if (error instanceof SuccessorUnknownError)
          throw new HTTPException(body.successor === key ? 400 : 409, { message: error.message });
        throw error;
      }
    },
  );
}
