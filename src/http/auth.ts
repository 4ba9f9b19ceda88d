/**
 * Who is calling. Staff authenticate with bearer tokens from configuration
 * (in a browser, signing in with one opens a server-side session: see
 * ./sessions.ts); focal points act only through signed hand-in links,
 * checked per request.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';

export type StaffRole = 'secretariat' | 'manager';

export interface Principal {
  role: StaffRole;
  name: string;
}

/** A staff credential: the token (given in configuration) or only its SHA-256 (kept in files). */
export type StaffToken = Principal & ({ token: string } | { sha256: string });

/** The cookie that once held a token itself; now only cleared on sign-out. */
export const LEGACY_SESSION_COOKIE = 'mandate_session';

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

export function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The line a tokens file keeps for a token: its SHA-256, never the token. */
export function hashedTokenLine(token: StaffToken): string {
  return `${token.role}:${token.name}:sha256:${tokenHash(token)}`;
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

/** A token's SHA-256 in hex: what a token session is bound to. */
export function tokenHash(token: StaffToken | string): string {
  if (typeof token !== 'string' && 'sha256' in token) return token.sha256;
  return digest(typeof token === 'string' ? token : token.token).toString('hex');
}

/** The bearer token of an `Authorization` header; the scheme's name in any case (RFC 7235). */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/** The staff member behind the request's bearer token, if any. */
export function principalOf(c: Context, tokens: StaffToken[]): Principal | undefined {
  return findStaff(tokens, bearerToken(c.req.header('authorization')));
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
