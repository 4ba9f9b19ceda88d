/**
 * Who is calling. Staff authenticate with bearer tokens from configuration
 * (or, in a browser, a session cookie holding the same token); focal points
 * act only through signed hand-in links, checked per request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';

export type StaffRole = 'secretariat' | 'manager';

export interface Principal {
  role: StaffRole;
  name: string;
}

/** A staff credential: the token (given in configuration) or only its SHA-256 (kept in files). */
export type StaffToken = Principal & ({ token: string } | { sha256: string });

export const SESSION_COOKIE = 'mandate_session';

/**
 * Parses the tokens file: one `role:name:sha256:<hex>` (the token's SHA-256)
 * or `role:name:token` a line (`#` comments). Role is secretariat or
 * manager; the name is recorded on every change.
 */
export function parseTokens(text: string, source: string): StaffToken[] {
  const tokens: StaffToken[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [role, name, token, hash] = line.split(':');
    if ((role === 'secretariat' || role === 'manager') && name && token === 'sha256') {
      if (!hash || !/^[0-9a-f]{64}$/.test(hash))
        throw new Error(`${source}:${index + 1}: expected role:name:sha256:<64 hex digits>`);
      tokens.push({ role, name, sha256: hash });
      return;
    }
    if ((role !== 'secretariat' && role !== 'manager') || !name || !token || token.length < 16) {
      throw new Error(
        `${source}:${index + 1}: expected role:name:token with role secretariat or manager and a token of 16+ characters`,
      );
    }
    tokens.push({ role, name, token });
  });
  return tokens;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The line a tokens file keeps for a token: its SHA-256, never the token. */
export function hashedTokenLine(token: StaffToken): string {
  const hash = 'sha256' in token ? token.sha256 : digest(token.token).toString('hex');
  return `${token.role}:${token.name}:sha256:${hash}`;
}

/** Finds the staff member for a token, comparing in constant time. */
export function findStaff(
  tokens: StaffToken[],
  presented: string | undefined,
): Principal | undefined {
  if (!presented) return undefined;
  const given = digest(presented);
  let found: Principal | undefined;
  for (const candidate of tokens) {
    const expected =
      'sha256' in candidate ? Buffer.from(candidate.sha256, 'hex') : digest(candidate.token);
    if (timingSafeEqual(expected, given)) found = { role: candidate.role, name: candidate.name };
  }
  return found;
}

/** The staff member behind the request's bearer token or session cookie, if any. */
export function principalOf(c: Context, tokens: StaffToken[]): Principal | undefined {
  const header = c.req.header('authorization');
  const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  return findStaff(tokens, bearer ?? getCookie(c, SESSION_COOKIE));
}

/** Throws 401 without credentials and 403 for a role that may not do this. */
export function requireRole(principal: Principal | undefined, roles: StaffRole[]): Principal {
  if (!principal)
    throw new HTTPException(401, {
      message: 'authentication required: send Authorization: Bearer <token>',
    });
  if (!roles.includes(principal.role)) {
    throw new HTTPException(403, {
      message: `the ${principal.role} role may not do this (needs ${roles.join(' or ')})`,
    });
  }
  return principal;
}
