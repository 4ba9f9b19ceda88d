/**
 * Who the staff member behind a browser request is: a session (opened by a
 * sign-in with a token or through the identity provider) or a bearer token.
 * Every staff page and download asks this one function, so a person signed
 * in is signed in everywhere.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { principalOf, tokenHash } from './auth';
import type { HttpDependencies } from './deps';
import { STAFF_SESSION_COOKIE, SessionStore, type StaffPrincipal } from './sessions';

/** How long a token sign-in lasts when the configuration says nothing. */
const DEFAULT_SESSION_MS = 8 * 3_600_000;

/** The sessions of token sign-ins (made on first use when the dependencies carry none). */
export function tokenSessions(deps: Pick<HttpDependencies, 'tokenSessions' | 'now'>): SessionStore {
  deps.tokenSessions ??= new SessionStore(DEFAULT_SESSION_MS, deps.now);
  return deps.tokenSessions;
}

export function staffOf(
  deps: Pick<HttpDependencies, 'oidc' | 'tokens' | 'tokenSessions' | 'now'>,
): (c: Context) => StaffPrincipal | undefined {
  return (c) => {
    const session = getCookie(c, STAFF_SESSION_COOKIE);
    // A token session lasts only while its token is still configured.
    const tokenStillValid = (hash: string) => deps.tokens.some((t) => tokenHash(t) === hash);
    return (
      deps.oidc?.sessions.get(session) ??
      tokenSessions(deps).get(session, tokenStillValid) ??
      principalOf(c, deps.tokens)
    );
  };
}
