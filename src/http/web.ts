/**
 * The web pages: the staff dashboard (overview, overdue, due soon, timeline
 * by clause, task pages with review) and the focal point's hand-in page,
 * reached through the signed link in their mail. Routes only: each checks
 * access, fetches what its page shows and hands it to a view in ./views.
 */
import { reportData } from '../client/report-data';
import { DEFAULT_MEDIA_TYPES } from '../deliverables/media-types';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomUUID } from 'node:crypto';
import { listTasks } from '../client/listing';
import { taskOverview, withCatalogWaivers } from '../client/overview';
import { taskActions } from '../client/task-actions';
import { PAGE_WORDS } from '../i18n/page-words';
import { isFormProblem, payloadOfForm } from './hand-in-payload';
import { LOCALES, type Locale } from '../shared/types';
import { renderCharts } from '../report/charts';
import { REPORT_STYLESHEET } from '../report/council-report';
import { buildReport } from '../report/report-context';
import { isReportFormat, renderReport, REPORT_FORMATS } from '../report/render-report';
import { LEGACY_SESSION_COOKIE, findStaff, requireRole, tokenHash } from './auth';
import { checkCsrf, csrfToken } from './csrf';
import type { HttpDependencies } from './deps';
import { registerBulkRoutes } from './bulk-routes';
import { registerPeopleRoutes } from './people-routes';
import { listUnreachable } from '../client/unreachable';
import { registerCatalogRoutes } from './catalog-routes';
import { registerRegistryRoutes } from './registry-routes';
import { registerPublicRoutes } from './public-routes';
import { registerListRoutes } from './list-routes';
import type { LinkChecker, LinkUse } from './hand-in-link';
import { registerSentMailRoutes } from './sent-mail-routes';
import { registerReceivedMailRoutes } from './received-mail-routes';
import { pageErrorHandler } from './page-errors';
import { staffOf, tokenSessions } from './staff';
import { registerTaskActionRoutes, renderTaskPage } from './task-action-routes';
import { registerStaffHandInRoutes } from './staff-hand-in-routes';
import { registerCalendarFeedRoutes } from './calendar-feed-routes';
import { feedUrls } from '../links/feed-url';
import { DEFAULT_RATE_LIMITS, rateLimit } from './rate-limit';
import { clientAddress, noteRefusal } from './refusals';
import { STYLESHEET, STYLESHEET_PATH } from './views/stylesheet';
import { OIDC_STATE_COOKIE, SignInRefusedError } from './oidc';
import { STAFF_SESSION_COOKIE, actorOf } from './sessions';
import { handInPage, linkRefusedPage, receivedPage } from './views/hand-in';
import { errorPage } from './views/layout';
import { overviewPage } from './views/overview';
import { oidcSignInPage, signInPage, signInRefusedPage } from './views/sign-in';

/** A calendar page with a tick, in the pages' blue: the site's icon. */
const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="5" width="26" height="24" rx="3" fill="#fff" stroke="#1f4e79" stroke-width="2"/><rect x="3" y="5" width="26" height="7" rx="3" fill="#1f4e79"/><path d="M10 20l4 4 8-9" fill="none" stroke="#1f4e79" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** The HTML report's stylesheet, for the report shown in the dashboard. */
export const REPORT_STYLESHEET_PATH = '/report.css';

/** Above this many tasks in scope the overview shows counts and lists only, without timeline and rates. */
export const OVERVIEW_DETAIL_LIMIT = 2_000;

export function webRoutes(deps: HttpDependencies, links: LinkChecker): Hono {
  const app = new Hono();

  app.onError(pageErrorHandler(deps));

  // The pages' one stylesheet, so the CSP needs no inline style.
  app.get(STYLESHEET_PATH, (c) =>
    c.body(STYLESHEET, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );

  // Browsers ask for /favicon.ico on every page: an icon, not a refusal in the log.
  app.get('/favicon.ico', (c) =>
    c.body(FAVICON_SVG, 200, {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=86400',
    }),
  );

  app.get(REPORT_STYLESHEET_PATH, (c) =>
    c.body(REPORT_STYLESHEET, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );

  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const tooMany = (c: Context, retryAfter: number) =>
    c.html(errorPage(429, `Too many attempts; try again in ${retryAfter} s.`), 429);
  app.post(
    '/login',
    rateLimit({
      name: 'sign-in',
      rule: limits.signInByClient,
      keys: (c) => [`client:${clientAddress(c)}`],
      refuse: tooMany,
      now: deps.now,
    }),
  );

  /** The signed-in staff member: an OIDC session, a bearer token or the token sign-in cookie. */
  const staff = staffOf(deps);

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    const token = csrfToken(c, deps.secureCookies);
    return c.html(
      deps.oidc ? oidcSignInPage(next, c.req.query('signedOut') === '1') : signInPage(next, token),
    );
  });

  app.post('/login', async (c) => {
    const form = await c.req.formData();
    checkCsrf(c, form);
    // With an identity provider, people sign in as themselves: no shared tokens in browsers.
    if (deps.oidc)
      throw new HTTPException(403, { message: 'sign in through the identity provider' });
    const token = String(form.get('token') ?? '');
    const principal = findStaff(deps.tokens, token);
    if (!principal) {
      noteRefusal(c, 'sign-in with an unknown token');
      return c.html(signInRefusedPage(), 401);
    }
    // The browser keeps a random session id; the token itself never leaves this form.
    const sessions = tokenSessions(deps);
    setCookie(c, STAFF_SESSION_COOKIE, sessions.create(principal, tokenHash(token)), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: deps.secureCookies,
      maxAge: Math.floor(sessions.lifetimeMs / 1000),
    });
    return c.redirect(safeNext(String(form.get('next') ?? '/')), 303);
  });

  app.get('/auth/oidc', async (c) => {
    const oidc = deps.oidc;
    if (!oidc) throw new HTTPException(404, { message: 'no identity provider is configured' });
    const { url, state } = await oidc.start(safeNext(c.req.query('next')));
    // Lax: the provider sends the browser back with a cross-site navigation.
    setCookie(c, OIDC_STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/auth',
      secure: deps.secureCookies,
      maxAge: 600,
    });
    return c.redirect(url, 302);
  });

  app.get('/auth/callback', async (c) => {
    const oidc = deps.oidc;
    if (!oidc) throw new HTTPException(404, { message: 'no identity provider is configured' });
    const state = getCookie(c, OIDC_STATE_COOKIE);
    deleteCookie(c, OIDC_STATE_COOKIE, { path: '/auth' });
    try {
      const { session, next } = await oidc.finish(new URL(c.req.url).search, state);
      setCookie(c, STAFF_SESSION_COOKIE, session, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: deps.secureCookies,
        maxAge: Math.floor(oidc.sessions.lifetimeMs / 1000),
      });
      return c.redirect(next, 303);
    } catch (error) {
      if (error instanceof SignInRefusedError) return c.html(signInRefusedPage(error.message), 403);
      throw error;
    }
  });

  app.post('/logout', async (c) => {
    checkCsrf(c, await c.req.formData());
    const session = getCookie(c, STAFF_SESSION_COOKIE);
    deps.oidc?.sessions.end(session);
    tokenSessions(deps).end(session);
    deleteCookie(c, STAFF_SESSION_COOKIE, { path: '/' });
    deleteCookie(c, LEGACY_SESSION_COOKIE, { path: '/' });
    return c.redirect('/login?signedOut=1', 303);
  });

  app.get('/', async (c) => {
    const principal = requireRole(staff(c), ['secretariat', 'manager']);
    const resolution = c.req.query('resolution') || undefined;
    const now = deps.now();
    const scope = resolution ? { resolution } : {};
    // Counts and the two lists come from visibility counts and filtered lists; the
    // timeline and the rates need every listing, so only a scope of moderate size has them.
    const overview = await taskOverview(deps.client, scope, now);
    const all =
      overview.total <= OVERVIEW_DETAIL_LIMIT
        ? await listTasks(deps.client, { ...scope, upcoming: true }, now)
        : undefined;
    const counts = withCatalogWaivers(
      overview.counts,
      [...deps.catalogs.values()].filter(
        (c) =>
          (!resolution || c.resolution.id === resolution) &&
          (deps.startedCatalogs?.has(c.resolution.id) ?? true),
      ),
    );
    const overdue = overview.overdue.listings;
    const soon = overview.soon.listings;
    const token = csrfToken(c, deps.secureCookies);
    const resolutions = all
      ? [...new Set(all.map((l) => l.resolution))].sort()
      : [...deps.catalogs.keys()].sort();
    const title = resolution
      ? (deps.catalogs.get(resolution)?.resolution.title ?? resolution)
      : 'All resolutions';
    // Rates and the picture of the year, for each resolution shown that has a catalog.
    const reports = await Promise.all(
      (all ? resolutions : [])
        .flatMap((id) => {
          const catalog = deps.catalogs.get(id);
          return catalog ? [catalog] : [];
        })
        .map(async (catalog) => {
          const id = catalog.resolution.id;
          const context = buildReport(
            catalog,
            all!.filter((l) => l.resolution === id),
            { now },
          );
          return { context, charts: await renderCharts(context) };
        }),
    );
    // The secretariat is asked to name successors for people whose mail bounces.
    const unreachable =
      principal.role === 'secretariat'
        ? (await listUnreachable(deps.client)).filter(
            (p) => !resolution || p.tasks.some((t) => t.startsWith(`${resolution}/`)),
          )
        : [];
    return c.html(
      overviewPage({
        title,
        principal,
        unreachable,
        csrf: token,
        ...(resolution ? { resolution } : {}),
        resolutions,
        counts,
        overdue,
        overdueTotal: overview.overdue.total,
        soon,
        soonTotal: overview.soon.total,
        ...(all ? { all } : { total: overview.total, detailLimit: OVERVIEW_DETAIL_LIMIT }),
        catalogs: deps.catalogs,
        reports,
        feeds: staffFeeds(deps, new URL(c.req.url).origin, resolution ? [resolution] : resolutions),
        unusableReplies: (await deps.receivedMail?.list())?.filter(
          (r) => !resolution || r.workflowId?.startsWith(`${resolution}/`),
        ),
      }),
    );
  });

  app.get('/reports/:resolution', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    const resolution = c.req.param('resolution');
    const catalog = deps.catalogs.get(resolution);
    if (!catalog)
      throw new HTTPException(404, { message: `no catalog loaded for resolution ${resolution}` });
    const format = c.req.query('format') ?? 'html';
    if (!isReportFormat(format))
      throw new HTTPException(400, {
        message: `format: ${format} is not one of ${REPORT_FORMATS.join(', ')}`,
      });
    const locale = c.req.query('locale') ?? 'en';
    if (!(LOCALES as readonly string[]).includes(locale))
      throw new HTTPException(400, {
        message: `locale: ${locale} is not one of ${LOCALES.join(', ')}`,
      });
    const now = deps.now();
    const data = await reportData(deps.client, catalog, now);
    const report = await renderReport(
      buildReport(catalog, data.listings, { now, locale: locale as Locale, views: data.views }),
      format,
      // Shown in the browser, under the site's CSP: the style comes from the site, not inline.
      format === 'html' ? { stylesheetHref: REPORT_STYLESHEET_PATH } : {},
    );
    const headers: Record<string, string> = { 'content-type': report.mediaType };
    if (format !== 'html')
      headers['content-disposition'] = `attachment; filename="${report.fileName}"`;
    return c.body(
      typeof report.body === 'string' ? report.body : new Uint8Array(report.body),
      200,
      headers,
    );
  });

  // Before the task page's route, whose id would take the mail's path too.
  registerSentMailRoutes(app, deps, staff);
  registerReceivedMailRoutes(app, deps, staff);
  app.get('/tasks/:id{.+}', async (c) => {
    const principal = requireRole(staff(c), ['secretariat', 'manager']);
    const view = await taskActions.status(deps.client, c.req.param('id'));
    return c.html(await renderTaskPage(c, deps, principal, view));
  });

  registerTaskActionRoutes(app, deps, staff);
  registerStaffHandInRoutes(app, deps, staff);
  registerCalendarFeedRoutes(app, deps);
  registerBulkRoutes(app, deps, staff);
  registerPeopleRoutes(app, deps, staff);
  registerListRoutes(app, deps, staff);
  registerCatalogRoutes(app, deps, staff);
  registerRegistryRoutes(app, deps, staff);
  registerPublicRoutes(app, deps);

  app.post('/tasks/:id{.+}/review', async (c) => {
    const principal = requireRole(staff(c), ['secretariat', 'manager']);
    const workflowId = c.req.param('id');
    const form = await c.req.formData();
    checkCsrf(c, form);
    const decision = form.get('decision') === 'return' ? 'return' : 'accept';
    const deliverableId = String(form.get('deliverableId') ?? '');
    const comment = String(form.get('comment') ?? '').trim();
    await taskActions.review(
      deps.client,
      workflowId,
      {
        decision,
        by: actorOf(principal),
        ...(deliverableId ? { deliverableId } : {}),
        ...(comment ? { comment } : {}),
      },
      { updateId: String(form.get('nonce') ?? randomUUID()) },
    );
    // The page that follows lists the thank-you or the return notice it just sent.
    await taskActions.noticesSent(deps.client, workflowId);
    return c.redirect(`/tasks/${workflowId}?done=${decision}`, 303);
  });

  /** The link's use, and its task open (a closed one takes nothing more). */
  const openTaskLink = async (c: Context): Promise<LinkUse> => {
    const link = await links(c);
    if ('page' in link || !link.view.closed) return link;
    return { page: c.html(linkRefusedPage(link.locale, PAGE_WORDS[link.locale].closed), 410) };
  };

  app.get('/hand-in', async (c) => {
    const link = await openTaskLink(c);
    if ('page' in link) return link.page;
    const token = csrfToken(c, deps.secureCookies);
    return c.html(
      handInPage(
        link.view,
        link.person,
        link.locale,
        token,
        new URL(c.req.url).search,
        {
          mediaTypes: deps.mediaTypes ?? DEFAULT_MEDIA_TYPES,
          maxBytes: deps.maxUploadBytes,
        },
        feedUrls(deps.linkSecret, new URL(c.req.url).origin, { person: link.person }),
      ),
    );
  });

  app.post('/hand-in', async (c) => {
    // The link is checked before anything else: nothing reaches a workflow on a bad link.
    const link = await openTaskLink(c);
    if ('page' in link) return link.page;
    const form = await c.req.formData();
    checkCsrf(c, form);
    const deliverableId = String(form.get('deliverableId') ?? '');
    const target = link.view.deliverables.find((d) => d.id === deliverableId);
    if (!target)
      throw new HTTPException(400, {
        message: `unknown deliverable ${JSON.stringify(deliverableId)}`,
      });
    const payload = await payloadOfForm(form, target.kind, deps.store);
    if (isFormProblem(payload)) {
      if (payload.problem === 'no-file') throw new HTTPException(400, { message: 'choose a file' });
      return c.html(
        linkRefusedPage(link.locale, PAGE_WORDS[link.locale].textTooLong(payload.max)),
        413,
      );
    }
    await taskActions.submit(
      deps.client,
      link.view.workflowId,
      { deliverableId, payload, by: link.person },
      { updateId: `hand-in-${String(form.get('nonce') ?? randomUUID())}` },
    );
    return c.html(receivedPage(link.locale, target.title, new URL(c.req.url).search));
  });

  return app;
}

/** Only same-site paths after sign-in. */
export function safeNext(next: string | undefined): string {
  // A path of this site only: no scheme or host, and neither `//` nor `/\` (which browsers
  // read as another host), nor any backslash or control character a client might fold.
  if (!next || !/^\/(?![/\\])[^\\\p{Cc}]*$/u.test(next)) return '/';
  const base = 'http://this.site';
  return new URL(next, base).origin === base ? next : '/';
}

/** The staff feeds of the resolutions shown: each one's, then each responsible body's in its catalog. */
function staffFeeds(
  deps: HttpDependencies,
  origin: string,
  resolutions: readonly string[],
): { label: string; https: string; webcal: string }[] {
  return resolutions.flatMap((id) => {
    const catalog = deps.catalogs.get(id);
    const bodies = [...new Set((catalog?.tasks ?? []).map((t) => t.responsible))].sort();
    return [
      { label: `${id}: every task`, ...feedUrls(deps.linkSecret, origin, { resolution: id }) },
      ...bodies.map((body) => ({
        label: `${id}: ${body}`,
        ...feedUrls(deps.linkSecret, origin, { resolution: id, responsible: body }),
      })),
    ];
  });
}
