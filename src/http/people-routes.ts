/**
 * The dashboard's succession form: a person's successor chosen from the
 * known catalogs, a dry run listing what moves, then one reassignment per
 * task (secretariat only).
 */
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  replacePerson,
  SuccessorUnknownError,
  type ReplacePersonRequest,
} from '../client/replace-person';
import { successorLookup } from '../client/successor';
import { listUnreachable } from '../client/unreachable';
import { requireRole } from './auth';
import { checkCsrf, csrfToken } from './csrf';
import type { HttpDependencies } from './deps';
import { actorOf, type StaffPrincipal } from './sessions';
import { replacementResultPage, replacePersonPage } from './views/replace-person';

const PEOPLE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function keyOf(c: Context): string {
  const key = c.req.param('key') ?? '';
  if (!PEOPLE_KEY.test(key))
    throw new HTTPException(400, { message: `${JSON.stringify(key)} is not a people key` });
  return key;
}

export function registerPeopleRoutes(
  app: Hono,
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): void {
  const people = () => {
    deps.refreshCatalogs?.();
    const found = new Map<string, string>();
    for (const catalog of deps.catalogs.values())
      for (const [key, person] of Object.entries(catalog.people)) found.set(key, person.name);
    return [...found]
      .map(([key, name]) => ({ key, name }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  const request = (
    key: string,
    successor: string,
    reason: string,
    principal: StaffPrincipal,
    dryRun: boolean,
  ): ReplacePersonRequest => ({
    old: key,
    successor,
    successorIn: successorLookup(deps.catalogs, successor),
    by: actorOf(principal),
    ...(reason ? { reason } : {}),
    ...(dryRun ? { dryRun: true } : {}),
  });

  app.get('/people/:key/replace', async (c) => {
    const principal = requireRole(staff(c), ['secretariat']);
    const key = keyOf(c);
    const successor = (c.req.query('successor') ?? '').trim();
    const reason = (c.req.query('reason') ?? '').trim();
    const unreachable = (await listUnreachable(deps.client)).find((p) => p.key === key);
    const base = {
      key,
      people: people(),
      successor,
      reason,
      ...(unreachable ? { unreachable } : {}),
      csrf: csrfToken(c, deps.secureCookies),
    };
    if (!successor) return c.html(replacePersonPage(base));
    try {
      const preview = await replacePerson(
        deps.client,
        request(key, successor, reason, principal, true),
      );
      return c.html(replacePersonPage({ ...base, preview }));
    } catch (error) {
      if (!(error instanceof SuccessorUnknownError)) throw error;
      return c.html(replacePersonPage({ ...base, error: error.message }), 400);
    }
  });

  app.post('/people/:key/replace', async (c) => {
    const principal = requireRole(staff(c), ['secretariat']);
    const key = keyOf(c);
    const form = await c.req.formData();
    checkCsrf(c, form);
    const successor = String(form.get('successor') ?? '').trim();
    const reason = String(form.get('reason') ?? '').trim();
    if (!PEOPLE_KEY.test(successor)) return c.redirect(`/people/${key}/replace`, 303);
    deps.refreshCatalogs?.();
    try {
      const summary = await replacePerson(
        deps.client,
        request(key, successor, reason, principal, false),
      );
      return c.html(replacementResultPage(summary));
    } catch (error) {
      if (!(error instanceof SuccessorUnknownError)) throw error;
      return c.html(
        replacePersonPage({
          key,
          people: people(),
          successor,
          reason,
          error: error.message,
          csrf: csrfToken(c, deps.secureCookies),
        }),
        400,
      );
    }
  });
}
