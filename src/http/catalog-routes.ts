/**
 * Catalogs in the browser, for the secretariat only: check a pasted or
 * uploaded catalog, preview what starting it would do (a dry run of
 * startCatalog), then start it (and apply changes) with progress streamed
 * into the page as it goes.
 */
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import { HTTPException } from 'hono/http-exception';
import { recordStartedCatalog } from '../catalog/registry';
import { validateCatalogText } from '../catalog/validate';
import { startCatalog } from '../client/start-catalog';
import { requireRole } from './auth';
import { checkCsrf, csrfToken } from './csrf';
import type { HttpDependencies } from './deps';
import { actorOf, type StaffPrincipal } from './sessions';
import {
  catalogPreviewPage,
  catalogProblemsPage,
  catalogsPage,
  progressLine,
  startProgressFrame,
  startSummary,
} from './views/catalogs';
import { html } from '../html/template';

/** The catalog's text from the form: an uploaded file wins over the text box. */
async function catalogText(
  form: FormData,
  maxBytes: number,
): Promise<{ text: string; source: string }> {
  const file = form.get('file');
  if (file instanceof File && file.size > 0) {
    if (file.size > maxBytes)
      throw new HTTPException(413, { message: `the file is larger than ${maxBytes} bytes` });
    return { text: await file.text(), source: file.name || 'uploaded catalog' };
  }
  const text = String(form.get('text') ?? '');
  if (!text.trim()) throw new HTTPException(400, { message: 'paste a catalog or choose a file' });
  return { text, source: 'pasted catalog' };
}

export function registerCatalogRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  const options = () => (deps.taskQueue ? { taskQueue: deps.taskQueue } : {});

  app.get('/catalogs', (c) => {
    requireRole(staff(c), ['secretariat']);
    const loaded = [...deps.catalogs.values()]
      .map((cat) => ({
        id: cat.resolution.id,
        title: cat.resolution.title,
        tasks: cat.tasks.length,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return c.html(catalogsPage({ csrf: csrfToken(c, deps.secureCookies), loaded }));
  });

  app.post('/catalogs/check', async (c) => {
    requireRole(staff(c), ['secretariat']);
    const form = await c.req.formData();
    checkCsrf(c, form);
    const { text, source } = await catalogText(form, deps.maxUploadBytes);
    const csrf = csrfToken(c, deps.secureCookies);
    const { catalog, problems } = validateCatalogText(text);
    if (!catalog) return c.html(catalogProblemsPage({ csrf, text, source, problems }), 422);
    const report = await startCatalog(deps.client, catalog, { ...options(), dryRun: true });
    return c.html(
      catalogPreviewPage({
        csrf,
        text,
        id: catalog.resolution.id,
        title: catalog.resolution.title,
        report,
      }),
    );
  });

  app.post('/catalogs/start', async (c) => {
    const principal = requireRole(staff(c), ['secretariat']);
    const form = await c.req.formData();
    checkCsrf(c, form);
    const text = String(form.get('text') ?? '');
    const { catalog, problems } = validateCatalogText(text);
    if (!catalog)
      return c.html(
        catalogProblemsPage({
          csrf: csrfToken(c, deps.secureCookies),
          text,
          source: 'catalog',
          problems,
        }),
        422,
      );
    const apply = form.get('apply') === 'yes';
    const frame = startProgressFrame(`Starting “${catalog.resolution.title}”`);
    c.header('content-type', 'text/html; charset=utf-8');
    return stream(c, async (out) => {
      await out.write(frame.head);
      try {
        const report = await startCatalog(deps.client, catalog, {
          ...options(),
          ...(deps.digestSecretariat ? { digests: { secretariat: deps.digestSecretariat } } : {}),
          apply,
          actor: actorOf(principal),
          onProgress: (done, total) => void out.write(progressLine(done, total)),
        });
        // Recorded like `mandate start` does: the dashboard, reports and API know it from now on.
        if (deps.dataDir) recordStartedCatalog(deps.dataDir, catalog, text);
        deps.catalogs.set(catalog.resolution.id, catalog);
        await out.write(startSummary(report));
      } catch (error) {
        await out.write(
          html`<li class="error" role="alert">
            Stopped: ${(error as Error).message}. What started so far keeps running; starting again
            continues where this stopped.
          </li>`.toString(),
        );
      }
      await out.write(frame.tail);
    });
  });
}
