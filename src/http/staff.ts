/**
 * Who the staff member behind a browser request is: an OpenID Connect
 * session, a bearer token or the token sign-in cookie. Every staff page and
 * download asks this one function, so a person signed in through the
 * provider is signed in everywhere.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { principalOf } from './auth';
import type { HttpDependencies } from './deps';
import { STAFF_SESSION_COOKIE, type StaffPrincipal } from './sessions';

export function staffOf(
  deps: Pick<HttpDependencies, 'oidc' | 'tokens'>,
): (c: Context) => StaffPrincipal | undefined {
  return (c) =>
    deps.oidc?.sessions.get(getCookie(c, STAFF_SESSION_COOKIE)) ?? principalOf(c, deps.tokens);
}
