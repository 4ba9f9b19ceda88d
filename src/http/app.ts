/**
 * The HTTP application: security headers, the JSON API under /api with its
 * OpenAPI document, and the web pages. Every error is JSON under /api and a
 * page elsewhere.
 */
import { Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from './api';
import type { HttpDependencies } from './deps';
import { pageBodyLimits } from './body-limits';
import { documentWebRoutes } from './document-routes';
import { jsonError } from './errors';
import { pageErrorHandler } from './page-errors';
import { clientAddress, refusalLog } from './refusals';
import { handInLinks } from './hand-in-link';
import { unverifiedLinkLocale } from './link-locale';
import { DEFAULT_RATE_LIMITS, rateLimit } from './rate-limit';
import { staffOf } from './staff';
import { PAGE_WORDS } from '../i18n/page-words';
import { linkRefusedPage } from './views/hand-in';
import { SENT_MAIL_BODY_ROUTE } from './sent-mail-paths';
import { webRoutes } from './web';

/** How long /healthz waits for Temporal before it answers 503. */
export const HEALTH_DEADLINE_MS = 900;

const TASK_ACTIONS = ['submit', 'review', 'extend', 'waive', 'reassign', 'hold', 'resume', 'mail'];

/**
 * Task ids are `<resolution>/<task>/<occurrence>`: `/api/tasks/a/b/c[/action]` (and `/mail/{messageId}`)
 * routes as `/api/tasks/a%2Fb%2Fc[/action]`, so ids work without encoding.
 */
export function routingPath(request: Request): string {
  const path = getPath(request);
  const match = /^\/api\/tasks\/([^/]+)\/([^/]+)\/([^/]+)(\/[^/]+|\/mail\/[^/]+)?$/.exec(path);
  if (!match || /%2f/i.test(path)) return path;
  const [, resolution, task, occurrence, action] = match;
  // `/api/tasks/{id}/mail/{messageId}` with an encoded id is a mail, not a task named `mail`
  // (such a task is reached with its id encoded).
  if (action === undefined && task === 'mail') return path;
  if (action !== undefined && !TASK_ACTIONS.includes(action.split('/')[1]!)) return path;
  return `/api/tasks/${resolution}%2F${task}%2F${occurrence}${action ?? ''}`;
}

/** OpenAPI paths as matchers, for 405 and its Allow header. */
function methodTable(paths: Record<string, object>): { pattern: RegExp; allow: string[] }[] {
  return Object.entries(paths).map(([path, operations]) => {
    const methods = Object.keys(operations).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    const source = path.replace(/\{[^}]+\}/g, '[^/]+');
    return { pattern: new RegExp(`^/api${source}$`), allow: methods };
  });
}

export function createHttpApp(deps: HttpDependencies): Hono {
  const app = new Hono({ getPath: routingPath });
  // What fails outside the API's and the pages' own handlers (a middleware here) is answered the same way.
  const pageError = pageErrorHandler(deps);
  app.onError((error, c) =>
    c.req.path.startsWith('/api/') ? jsonError(c, error, deps.logServerError) : pageError(error, c),
  );
  app.use('*', refusalLog(deps.logRefusal));
  const siteHeaders = secureHeaders({
    contentSecurityPolicy: {
      // No inline script or style anywhere: pages load one stylesheet from this site.
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      objectSrc: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  });
  // A sent mail's HTML part, shown in the mail page's frame: framed by this site only,
  // sandboxed (no script, no forms, an origin of its own), loading nothing but its own
  // inline styles and data: images, as a mail client would show it.
  const sentMailBodyHeaders = secureHeaders({
    contentSecurityPolicy: {
      sandbox: [],
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ['data:'],
      frameAncestors: ["'self'"],
    },
    xFrameOptions: 'SAMEORIGIN',
    referrerPolicy: 'no-referrer',
  });
  app.use('*', (c, next) =>
    SENT_MAIL_BODY_ROUTE.test(c.req.path) ? sentMailBodyHeaders(c, next) : siteHeaders(c, next),
  );
  app.use('*', pageBodyLimits(deps.maxUploadBytes));
  if (deps.refreshCatalogs) {
    const refresh = deps.refreshCatalogs;
    // A catalog started while the server runs is known from the next request on.
    app.use('*', async (_c, next) => {
      refresh();
      await next();
    });
  }
  app.get('/healthz', async (c) => {
    try {
      // Within a second: a load balancer or a person asks, and the client's retries would wait on.
      await deps.client.connection.withDeadline(Date.now() + HEALTH_DEADLINE_MS, () =>
        deps.client.workflowService.getSystemInfo({}),
      );
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false, error: { message: 'Temporal is not reachable' } }, 503);
    }
  });

  const api = apiRoutes(deps);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
  });
  const document = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'mandate-tracker API',
      version: '1',
      description:
        'Task occurrences of resolutions, tracked by Temporal workflows. Roles: secretariat (everything), manager (read and review).',
    },
    servers: [{ url: '/api' }],
  });
  app.get('/openapi.json', (c) => c.json(document));
  app.route('/api', api);
  const methods = methodTable(document.paths ?? {});
  app.notFound((c) => {
    if (!c.req.path.startsWith('/api')) return c.text('Not found', 404);
    const path = routingPath(c.req.raw);
    const allow = methods.find((m) => m.pattern.test(path))?.allow;
    if (allow)
      return c.json(
        {
          error: { message: `${c.req.method} is not allowed here (allowed: ${allow.join(', ')})` },
        },
        405,
        { allow: allow.join(', ') },
      );
    return c.json({ error: { message: `no route ${c.req.method} ${c.req.path}` } }, 404);
  });
  // Every page behind a hand-in link: one client limit, and one link checker with its buckets.
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const byClient = rateLimit({
    name: 'hand-in',
    rule: limits.handInByClient,
    keys: (c) => [`client:${clientAddress(c)}`],
    refuse: (c, wait) => {
      const locale = unverifiedLinkLocale(
        new URL(c.req.url).searchParams,
        c.req.header('accept-language'),
      );
      return c.html(linkRefusedPage(locale, PAGE_WORDS[locale].tooMany(wait)), 429);
    },
    now: deps.now,
  });
  // Matches /hand-in itself too.
  app.use('/hand-in/*', byClient);
  const links = handInLinks(deps, staffOf(deps));
  app.route('/', documentWebRoutes(deps, links));
  app.route('/', webRoutes(deps, links));
  return app;
}
