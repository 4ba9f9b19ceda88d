/**
 * The web pages: the staff dashboard (overview, overdue, due soon, timeline
 * by clause, task pages with review) and the focal point's hand-in page,
 * reached through the signed link in their mail.
 */
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { deleteCookie, setCookie } from 'hono/cookie';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { countByStatus, listTasks, type TaskListing } from '../client/listing';
import { taskActions } from '../client/task-actions';
import { verifyLink } from '../links/signed-link';
import { WORDS } from '../i18n/mail-words';
import { dueForDisplay } from '../i18n/due-display';
import { isClosed, type DeliverablePayload } from '../shared/task-state';
import type { Locale } from '../shared/types';
import type { TaskStatusView } from '../shared/workflow-api';
import { SESSION_COOKIE, findStaff, principalOf, requireRole } from './auth';
import { checkCsrf, csrfField, csrfToken } from './csrf';
import type { HttpDependencies } from './deps';
import { statusOf } from './errors';
import { h, page } from './html';
import { PAGE_WORDS } from '../i18n/page-words';

const DAY = 86_400_000;

export function webRoutes(deps: HttpDependencies): Hono {
  const app = new Hono();

  app.onError((error, c) => {
    const { status, message } = statusOf(error);
    if (status === 401 && c.req.method === 'GET')
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
    return c.html(
      page({
        title: 'Error',
        body: `<h1>Error ${status}</h1><p class="error" role="alert">${h(message)}</p>`,
      }),
      status,
    );
  });

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    const token = csrfToken(c, deps.secureCookies);
    return c.html(
      page({
        title: 'Sign in',
        nav: false,
        body: `<h1>Sign in</h1>
<form method="post" action="/login">
${csrfField(token)}
<input type="hidden" name="next" value="${h(next)}">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
      }),
    );
  });

  app.post('/login', async (c) => {
    const form = await c.req.formData();
    checkCsrf(c, form);
    const token = String(form.get('token') ?? '');
    if (!findStaff(deps.tokens, token)) {
      return c.html(
        page({
          title: 'Sign in',
          nav: false,
          body: `<h1>Sign in</h1><p class="error" role="alert">That token is not valid.</p><p><a href="/login">Try again</a></p>`,
        }),
        401,
      );
    }
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: deps.secureCookies,
      maxAge: 12 * 3600,
    });
    return c.redirect(safeNext(String(form.get('next') ?? '/')), 303);
  });

  app.post('/logout', async (c) => {
    checkCsrf(c, await c.req.formData());
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  app.get('/', async (c) => {
    const principal = requireRole(principalOf(c, deps.tokens), ['secretariat', 'manager']);
    const resolution = c.req.query('resolution') || undefined;
    const now = deps.now();
    const all = await listTasks(deps.client, resolution ? { resolution } : {}, now);
    const counts = countByStatus(all);
    const overdue = all.filter((l) => l.status === 'overdue');
    const soon = all.filter(
      (l) =>
        ['open', 'returned', 'submitted'].includes(l.status) &&
        l.dueAt >= now &&
        l.dueAt <= now + 30 * DAY,
    );
    const token = csrfToken(c, deps.secureCookies);
    const resolutions = [...new Set(all.map((l) => l.resolution))].sort();
    const title = resolution ? titleOf(deps, resolution) : 'All resolutions';
    const body = `<h1>${h(title)}</h1>
<div class="muted">Signed in as ${h(principal.name)} (${principal.role}). <form class="inline" method="post" action="/logout">${csrfField(token)}<button class="secondary" type="submit">Sign out</button></form></div>
${resolutions.length > 1 || resolution ? `<p>Resolution: ${['<a href="/">all</a>', ...resolutions.map((r) => `<a href="/?resolution=${encodeURIComponent(r)}">${h(r)}</a>`)].join(' · ')}</p>` : ''}
<section aria-labelledby="counts"><h2 id="counts">Tasks by status</h2>
<div class="cards">${Object.entries(counts)
      .map(
        ([status, n]) =>
          `<div class="card"><div class="n">${n}</div><div class="status status-${status}">${status}</div></div>`,
      )
      .join('')}</div></section>
<section aria-labelledby="overdue"><h2 id="overdue">Overdue (${overdue.length})</h2>${table(overdue, deps)}</section>
<section aria-labelledby="soon"><h2 id="soon">Due in the next 30 days (${soon.length})</h2>${table(soon, deps)}</section>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline by clause</h2>${timeline(all, deps)}</section>`;
    return c.html(page({ title, body }));
  });

  app.get('/tasks/:id{.+}', async (c) => {
    const principal = requireRole(principalOf(c, deps.tokens), ['secretariat', 'manager']);
    const workflowId = c.req.param('id');
    const view = await taskActions.status(deps.client, workflowId);
    const token = csrfToken(c, deps.secureCookies);
    return c.html(
      page({
        title: view.state.info.title,
        body: taskPage(view, token, principal.role, c.req.query('done')),
      }),
    );
  });

  app.post('/tasks/:id{.+}/review', async (c) => {
    const principal = requireRole(principalOf(c, deps.tokens), ['secretariat', 'manager']);
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
        by: principal.name,
        ...(deliverableId ? { deliverableId } : {}),
        ...(comment ? { comment } : {}),
      },
      { updateId: String(form.get('nonce') ?? randomUUID()) },
    );
    return c.redirect(`/tasks/${workflowId}?done=${decision}`, 303);
  });

  app.get('/hand-in', async (c) => {
    const link = await checkLink(c, deps);
    if ('page' in link) return link.page;
    const token = csrfToken(c, deps.secureCookies);
    return c.html(
      handInPage(link.view, link.person, link.locale, token, new URL(c.req.url).search),
    );
  });

  app.post('/hand-in', async (c) => {
    // The link is checked before anything else: nothing reaches a workflow on a bad link.
    const link = await checkLink(c, deps);
    if ('page' in link) return link.page;
    const form = await c.req.formData();
    checkCsrf(c, form);
    const deliverableId = String(form.get('deliverableId') ?? '');
    const target = link.view.state.deliverables.find((d) => d.deliverable.id === deliverableId);
    if (!target)
      throw new HTTPException(400, {
        message: `unknown deliverable ${JSON.stringify(deliverableId)}`,
      });
    let payload: DeliverablePayload;
    if (target.deliverable.kind === 'document') {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0)
        throw new HTTPException(400, { message: 'choose a file' });
      payload = await deps.store.put(
        Buffer.from(await file.arrayBuffer()),
        file.name || 'document',
        file.type,
      );
    } else if (target.deliverable.kind === 'link')
      payload = { kind: 'link', url: String(form.get('url') ?? '').trim() };
    else payload = { kind: 'text', text: String(form.get('text') ?? '') };
    const words = PAGE_WORDS[link.locale];
    await taskActions.submit(
      deps.client,
      link.view.workflowId,
      { deliverableId, payload, by: link.person },
      { updateId: `hand-in-${String(form.get('nonce') ?? randomUUID())}` },
    );
    return c.html(
      page({
        title: words.received,
        lang: link.locale,
        dir: WORDS[link.locale].dir,
        nav: false,
        body: `<h1>${h(words.received)}</h1><p class="notice" role="status">${h(target.deliverable.title)}</p><p>${h(words.receivedDetail)}</p>
<p><a href="/hand-in${new URL(c.req.url).search}">${h(words.title)}</a></p>`,
      }),
    );
  });

  return app;
}

/** Verifies a hand-in link; answers with a page in the person's language when it is not usable. */
async function checkLink(
  c: Context,
  deps: HttpDependencies,
): Promise<{ view: TaskStatusView; person: string; locale: Locale } | { page: Response }> {
  const params = new URL(c.req.url).searchParams;
  const check = verifyLink(deps.linkSecret, params, deps.now());
  const fail = (status: 400 | 403 | 410, message: string, locale: Locale = 'en') => ({
    page: c.html(
      page({
        title: message,
        lang: locale,
        dir: WORDS[locale].dir,
        nav: false,
        body: `<p class="error" role="alert">${h(message)}</p>`,
      }),
      status,
    ),
  });
  if (!check.ok)
    return check.reason === 'expired'
      ? fail(410, PAGE_WORDS.en.expired)
      : fail(400, PAGE_WORDS.en.invalid);
  const view = await taskActions.status(deps.client, check.claims.workflowId);
  const person = [...view.state.schedule.assignees].find((p) => p.key === check.claims.person);
  const locale = person?.locale ?? 'en';
  if (!person) return fail(403, PAGE_WORDS[locale].notYours, locale);
  if (isClosed(view.state)) return fail(410, PAGE_WORDS[locale].closed, locale);
  return { view, person: person.key, locale };
}

function handInPage(
  view: TaskStatusView,
  personKey: string,
  locale: Locale,
  csrf: string,
  search: string,
): string {
  const words = PAGE_WORDS[locale];
  const { state } = view;
  // The due instant in the zone of the person the link is for (not of whoever shares their language).
  const person = state.schedule.assignees.find((a) => a.key === personKey);
  const due = dueForDisplay(
    view.dueAt,
    person?.timezone ?? state.schedule.zone,
    locale === 'zh' ? 'zh-CN' : locale,
  ).toLocaleString(DateTime.DATETIME_FULL);
  const open = state.deliverables.filter((d) => d.status === 'missing' || d.status === 'returned');
  const forms = open
    .map((d, i) => {
      const id = `d${i}`;
      const input =
        d.deliverable.kind === 'document'
          ? `<label for="${id}">${h(words.document)}</label><input id="${id}" name="file" type="file" required>`
          : d.deliverable.kind === 'link'
            ? `<label for="${id}">${h(words.link)}</label><input id="${id}" name="url" type="url" inputmode="url" required placeholder="https://">`
            : `<label for="${id}">${h(words.text)}</label><textarea id="${id}" name="text" rows="6" required></textarea>`;
      return `<form method="post" action="/hand-in${h(search)}" enctype="multipart/form-data">
<fieldset><legend><strong>${h(d.deliverable.title)}</strong>${d.comment ? ` <span class="muted">— ${h(d.comment)}</span>` : ''}</legend>
${csrfField(csrf)}<input type="hidden" name="nonce" value="${randomUUID()}"><input type="hidden" name="deliverableId" value="${h(d.deliverable.id)}">
${input}
<button type="submit">${h(words.send)}</button>
</fieldset></form>`;
    })
    .join('\n');
  return page({
    title: words.title,
    lang: locale,
    dir: WORDS[locale].dir,
    nav: false,
    body: `<h1>${h(words.title)}</h1>
<p><strong>${h(state.info.title)}</strong><br><span class="muted">${h(state.info.clause)}</span></p>
<p>${h(words.due)}: ${h(due)}</p>
${open.length ? `<p>${h(words.intro)}</p>${forms}` : `<p class="notice" role="status">${h(words.nothingMissing)}</p>`}`,
  });
}

function taskPage(
  view: TaskStatusView,
  csrf: string,
  role: string,
  done: string | undefined,
): string {
  const { state } = view;
  const at = (ms: number) =>
    DateTime.fromMillis(ms, { zone: state.schedule.zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  const awaiting = state.deliverables.filter((d) => d.status === 'submitted');
  const rows = state.deliverables
    .map((d) => {
      const latest = d.latest ? describePayload(d.latest) : '';
      const review =
        d.status === 'submitted' && (role === 'secretariat' || role === 'manager')
          ? `<form method="post" action="/tasks/${h(view.workflowId)}/review">${csrfField(csrf)}<input type="hidden" name="nonce" value="${randomUUID()}"><input type="hidden" name="deliverableId" value="${h(d.deliverable.id)}">
<label for="c-${h(d.deliverable.id)}">Comment (needed to return)</label><input id="c-${h(d.deliverable.id)}" type="text" name="comment">
<button type="submit" name="decision" value="accept">Accept</button> <button class="secondary" type="submit" name="decision" value="return">Return</button></form>`
          : '';
      return `<tr><td>${h(d.deliverable.title)}<br><span class="muted">${h(d.deliverable.id)} (${d.deliverable.kind})</span></td><td class="status status-${d.status}">${d.status}</td><td>${latest}${d.comment ? `<br><span class="muted">${h(d.comment)}</span>` : ''}</td><td>${review}</td></tr>`;
    })
    .join('');
  const history = [...state.history]
    .reverse()
    .map(
      (e) => `<tr><td>${at(e.at)}</td><td>${h(e.type)}</td><td>${h(describeHistory(e))}</td></tr>`,
    )
    .join('');
  return `<h1>${h(state.info.title)}</h1>
${done ? `<p class="notice" role="status">${done === 'return' ? 'Returned to the focal point.' : 'Accepted.'}</p>` : ''}
<p>${h(state.info.clause)} — ${h(state.info.resolutionTitle)}</p>
<p>Status: <span class="status status-${view.status}">${view.status}</span> · Due ${at(view.dueAt)} · Responsible ${h(state.info.responsible)} · Assignees ${h(state.schedule.assignees.map((a) => a.name).join(', '))}</p>
<h2>Deliverables${awaiting.length ? ` (${awaiting.length} awaiting review)` : ''}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Deliverable</th><th scope="col">Status</th><th scope="col">Handed in</th><th scope="col">Review</th></tr></thead><tbody>${rows || '<tr><td colspan="4">None</td></tr>'}</tbody></table></div>
<h2>Next messages</h2>
<ul>${view.next.map((n) => `<li>${h(n.at)}: ${h(n.kind)}${n.offset ? ` ${h(n.offset)}` : ''} to ${h(n.to)}</li>`).join('') || '<li>Nothing planned.</li>'}</ul>
<h2>History</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Detail</th></tr></thead><tbody>${history}</tbody></table></div>`;
}

function describePayload(p: DeliverablePayload): string {
  if (p.kind === 'document')
    return `${h(p.name)} (${p.size} bytes, sha256 ${h(p.sha256.slice(0, 12))}…)`;
  if (p.kind === 'link') return `<a href="${h(p.url)}" rel="noopener noreferrer">${h(p.url)}</a>`;
  return h(p.text.length > 200 ? `${p.text.slice(0, 200)}…` : p.text);
}

function describeHistory(e: TaskStatusView['state']['history'][number]): string {
  switch (e.type) {
    case 'message':
      return `${e.message.kind}${e.message.offset ? ` ${e.message.offset}` : ''} to ${e.message.to}: ${e.message.delivered ? 'sent' : `failed (${e.message.error})`}`;
    case 'submitted':
      return `${e.deliverableId} by ${e.by}${e.late ? ' (late)' : ''}`;
    case 'reviewed':
      return `${e.deliverableId} ${e.decision === 'accept' ? 'accepted' : 'returned'} by ${e.by}${e.comment ? `: ${e.comment}` : ''}`;
    case 'extended':
      return `by ${e.by} from ${e.from} to ${e.to}: ${e.reason}`;
    case 'reassigned':
      return `by ${e.by} to ${e.assignees.join(', ')}`;
    case 'revised':
      return `by ${e.by}: ${e.changes.join('; ')}`;
    case 'waived':
      return `by ${e.by}: ${e.reason}`;
    case 'completed':
      return e.by;
    case 'started':
      return `due ${e.dueDate}${e.dueTime ? ` ${e.dueTime}` : ''}`;
  }
}

function table(listings: TaskListing[], deps: HttpDependencies): string {
  if (listings.length === 0) return '<p class="muted">None.</p>';
  const rows = listings
    .map(
      (l) =>
        `<tr><td><a href="/tasks/${h(l.workflowId)}">${h(taskTitle(deps, l))}</a><br><span class="muted">${h(l.clause)}</span></td><td>${h(l.responsible)}</td><td>${h(dueText(deps, l))}</td><td class="status status-${l.status}">${l.status}</td></tr>`,
    )
    .join('');
  return `<div class="table-wrap"><table><thead><tr><th scope="col">Task</th><th scope="col">Responsible</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function timeline(listings: TaskListing[], deps: HttpDependencies): string {
  const byClause = new Map<string, TaskListing[]>();
  for (const l of listings) byClause.set(l.clause, [...(byClause.get(l.clause) ?? []), l]);
  if (byClause.size === 0)
    return '<p class="muted">No tasks yet: load a catalog with <code>npx mandate start CATALOG</code>.</p>';
  return [...byClause]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([clause, group]) => `<h3>${h(clause)}</h3>${table(group, deps)}`)
    .join('\n');
}

function titleOf(deps: HttpDependencies, resolution: string): string {
  return deps.catalogs.get(resolution)?.resolution.title ?? resolution;
}

function taskTitle(deps: HttpDependencies, l: TaskListing): string {
  const task = deps.catalogs.get(l.resolution)?.tasks.find((t) => t.id === l.task);
  return `${task?.title ?? l.task} (${l.occurrence})`;
}

function dueText(deps: HttpDependencies, l: TaskListing): string {
  const zone = deps.catalogs.get(l.resolution)?.resolution.timezone ?? 'UTC';
  return dueForDisplay(l.dueAt, zone).toFormat('yyyy-MM-dd HH:mm ZZZZ');
}

/** Only same-site paths after sign-in. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
