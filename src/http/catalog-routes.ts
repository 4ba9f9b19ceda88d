/**
 * Catalogs in the browser, for the secretariat only: check a pasted or
 * uploaded catalog, preview what starting it would do (a dry run of
 * startCatalog), then start it (and apply changes) with progress streamed
 * into the page as it goes.
 */
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import { HTTPException } from 'hono/http-exception';
import { beginCatalogStart, finishCatalogStart } from '../catalog/registry';
import { ValidationTimeoutError, validateOffThread } from '../catalog/validate-off-thread';
import { CATALOG_PAGE_BYTES } from './body-limits';
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
    if (file.size > maxBytes) throw tooLarge(maxBytes);
    return { text: await file.text(), source: file.name || 'uploaded catalog' };
  }
  const text = String(form.get('text') ?? '');
  if (!text.trim()) throw new HTTPException(400, { message: 'paste a catalog or choose a file' });
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  return { text, source: 'pasted catalog' };
}

const tooLarge = (maxBytes: number) =>
  new HTTPException(413, {
    message: `the catalog is larger than ${maxBytes} bytes, the most the page checks; use \`mandate catalog validate FILE\` and \`mandate start FILE\``,
  });

/** How long the page spends checking one catalog, in a thread of its own. */
export const CATALOG_CHECK_MS = 20_000;

/** Validation off the request thread, its time bounded: the server stays responsive. */
async function validated(text: string) {
  try {
    return await validateOffThread(text, CATALOG_CHECK_MS);
  } catch (error) {
    if (error instanceof ValidationTimeoutError)
      throw new HTTPException(413, { message: error.message });
    throw error;
  }
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
        started: deps.startedCatalogs?.has(cat.resolution.id) ?? true,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return c.html(catalogsPage({ csrf: csrfToken(c, deps.secureCookies), loaded }));
  });

  app.post('/catalogs/check', async (c) => {
    requireRole(staff(c), ['secretariat']);
    const form = await c.req.formData();
    checkCsrf(c, form);
    const { text, source } = await catalogText(form, CATALOG_PAGE_BYTES);
    const csrf = csrfToken(c, deps.secureCookies);
    const { catalog, problems } = await validated(text);
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
    if (Buffer.byteLength(text) > CATALOG_PAGE_BYTES) throw tooLarge(CATALOG_PAGE_BYTES);
    const { catalog, problems } = await validated(text);
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
    const allowRemoved = form.get('allowRemoved') === 'yes';
    const frame = startProgressFrame(`Starting “${catalog.resolution.title}”`);
    c.header('content-type', 'text/html; charset=utf-8');
    return stream(c, async (out) => {
      await out.write(frame.head);
      try {
        const interrupted = deps.dataDir
          ? beginCatalogStart(deps.dataDir, catalog, text)
          : undefined;
        if (interrupted)
          await out.write(
            html`<li>
              An earlier start of
              ${interrupted.sameCatalog ? 'this catalog' : 'another version of this catalog'}
              (${interrupted.since.toISOString()}) did not finish: this one
              ${interrupted.sameCatalog ? 'finishes it' : 'applies this version'}.
            </li>`.toString(),
          );
        const report = await startCatalog(deps.client, catalog, {
          ...options(),
          ...(deps.digestSecretariat ? { digests: { secretariat: deps.digestSecretariat } } : {}),
          apply,
          allowRemoved,
          actor: actorOf(principal),
          onProgress: (done, total) => void out.write(progressLine(done, total)),
        });
        // Recorded like `mandate start` does, once all is applied: the dashboard, reports and API
        // know it from now on.
        if (deps.dataDir) finishCatalogStart(deps.dataDir, catalog, text);
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
