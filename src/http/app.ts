/**
 * The HTTP application: security headers, the JSON API under /api with its
 * OpenAPI document, and the web pages. Every error is JSON under /api and a
 * page elsewhere.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiRoutes } from './api';
import type { HttpDependencies } from './deps';
import { documentWebRoutes } from './document-routes';
import { webRoutes } from './web';

export function createHttpApp(deps: HttpDependencies): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.get('/healthz', async (c) => {
    try {
      await deps.client.workflowService.getSystemInfo({});
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
  app.notFound((c) =>
    c.req.path.startsWith('/api')
      ? c.json({ error: { message: `no route ${c.req.method} ${c.req.path}` } }, 404)
      : c.text('Not found', 404),
  );
  app.route('/', documentWebRoutes(deps));
  app.route('/', webRoutes(deps));
  return app;
}
