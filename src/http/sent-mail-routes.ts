/**
 * What went out, for staff: a task's mail viewed as sent (its page, the HTML
 * part for the page's sandboxed frame, the calendar entry, the message) and
 * a person's mail across tasks. A mail is found by its URL key among the
 * task's own messages only, then read from the sent-mail archive, as a
 * staff copy whose hand-in links cannot be used.
 */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listTasks } from '../client/listing';
import { forEachLimited } from '../client/for-each-limited';
import { taskActions } from '../client/task-actions';
import { readArchivedMessage } from '../mail/archived-message';
import { staffCopy } from '../mail/staff-copy';
import { sentMailByKey, sentMailOf, type SentMail } from '../mail/sent-mail';
import type { PersonView, TaskView } from '../shared/task-view';
import { requireRole } from './auth';
import type { HttpDependencies } from './deps';
import { attachmentDisposition } from './document-download';
import type { StaffPrincipal } from './sessions';
import { personPage, type PersonMail } from './views/person-page';
import { sentMailPage } from './views/sent-mail';

/** Status queries of a person's tasks run this many at a time. */
const STATUS_CONCURRENCY = 8;

/** The task and its mail with this key; 404 when the task sent no such mail. */
export async function taskMail(
  deps: HttpDependencies,
  workflowId: string,
  key: string,
): Promise<{ view: TaskView; mail: SentMail }> {
  const view = await taskActions.status(deps.client, workflowId);
  const mail = sentMailByKey(view, key);
  if (!mail)
    throw new HTTPException(404, { message: `task ${workflowId} sent no mail with key ${key}` });
  return { view, mail };
}

/**
 * A task's mail as staff may read it (its hand-in links unsigned, see
 * mail/staff-copy.ts), or undefined when the archive does not hold it.
 */
export async function archivedBytes(
  deps: HttpDependencies,
  mail: SentMail,
): Promise<Buffer | undefined> {
  const raw = await deps.sentMail?.read(mail.message.messageId);
  return raw && staffCopy(raw);
}

const PRIVATE = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };

// Task ids are three segments; a Message-ID key (base64url of "<...") starts with P.
const MAIL = '/tasks/:id{[^/]+/[^/]+/[^/]+}/mail/:key{P[A-Za-z0-9_-]*}';

export function registerSentMailRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  const archived = async (c: Context) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    const { view, mail } = await taskMail(deps, c.req.param('id')!, c.req.param('key')!);
    const raw = await archivedBytes(deps, mail);
    return { view, mail, raw, message: raw ? await readArchivedMessage(raw) : undefined };
  };
  const notArchived = () =>
    new HTTPException(404, { message: 'this mail is not in the sent-mail archive' });

  // Served into the mail page's sandboxed frame; app.ts gives this route its own headers.
  app.get(`${MAIL}/body`, async (c) => {
    const { message } = await archived(c);
    if (message?.html === undefined) throw notArchived();
    return c.body(message.html, 200, { 'content-type': 'text/html; charset=utf-8', ...PRIVATE });
  });

  app.get(`${MAIL}/calendar.ics`, async (c) => {
    const { message } = await archived(c);
    if (!message?.calendar) throw notArchived();
    return c.body(message.calendar.ics, 200, {
      'content-type': `text/calendar; charset=utf-8; method=${message.calendar.method}`,
      'content-disposition': attachmentDisposition('task.ics'),
      ...PRIVATE,
    });
  });

  app.get(`${MAIL}/message.eml`, async (c) => {
    const { raw } = await archived(c);
    if (!raw) throw notArchived();
    return c.body(new Uint8Array(raw), 200, {
      'content-type': 'message/rfc822',
      'content-disposition': attachmentDisposition('message.eml'),
      ...PRIVATE,
    });
  });

  app.get(MAIL, async (c) => {
    const { view, mail, message } = await archived(c);
    return c.html(sentMailPage(view, mail, message));
  });

  app.get('/people/:key', async (c) => {
    requireRole(staff(c), ['secretariat', 'manager']);
    const key = c.req.param('key');
    const { person, tasks, mail } = await personMail(deps, key);
    if (!person && tasks.length === 0)
      throw new HTTPException(404, { message: `no person ${key} in any catalog or task` });
    return c.html(personPage(key, person, tasks, mail));
  });
}

/**
 * A person's tasks (those they are assigned, from visibility, and those the
 * catalogs make them manager of) and the mail those tasks sent them, newest first.
 */
export async function personMail(
  deps: HttpDependencies,
  key: string,
): Promise<{ person: PersonView | undefined; tasks: TaskView[]; mail: PersonMail[] }> {
  const now = deps.now();
  const listings = await listTasks(deps.client, { assignee: key }, now);
  for (const catalog of deps.catalogs.values())
    for (const task of catalog.tasks.filter((t) => t.manager === key))
      listings.push(
        ...(await listTasks(
          deps.client,
          { resolution: catalog.resolution.id, task: task.id },
          now,
        )),
      );
  const ids = [...new Set(listings.map((l) => l.workflowId))];
  const views: TaskView[] = [];
  await forEachLimited(ids, STATUS_CONCURRENCY, async (id, index) => {
    views[index] = await taskActions.status(deps.client, id);
  });
  const tasks = views.filter(Boolean);
  const mail = tasks
    .flatMap((task) =>
      sentMailOf(task)
        .filter((m) => m.message.recipient === key)
        .map((m) => ({ task, mail: m })),
    )
    .sort((a, b) => b.mail.message.at - a.mail.message.at);
  let person: PersonView | undefined;
  for (const t of tasks)
    person ??= [...t.assignees, ...(t.manager ? [t.manager] : [])].find((p) => p.key === key);
  if (!person)
    for (const catalog of deps.catalogs.values()) {
      const p = catalog.people[key];
      if (p) person = { key, name: p.name, email: p.email, timezone: p.timezone, locale: p.locale };
    }
  return { person, tasks, mail };
}
