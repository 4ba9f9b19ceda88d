/**
 * Signed hand-in links: an HMAC-SHA256 over workflow id, person and expiry,
 * so a focal point can hand in for their own task without an account. The
 * signature is compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
  workflowId: string;
  person: string;
  /** Epoch milliseconds after which the link no longer works. */
  expires: number;
}

function signature(secret: string, claims: LinkClaims): string {
  return createHmac('sha256', secret)
    .update(`${claims.workflowId}\n${claims.person}\n${claims.expires}`)
    .digest('base64url');
}

/** The query string of a hand-in link. */
export function signLink(secret: string, claims: LinkClaims): string {
  const params = new URLSearchParams({
    task: claims.workflowId,
    person: claims.person,
    expires: String(claims.expires),
    sig: signature(secret, claims),
  });
  return params.toString();
}

export type LinkCheck =
  { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

/** Checks a link's parameters; `now` in epoch milliseconds. */
export function verifyLink(secret: string, params: URLSearchParams, now: number): LinkCheck {
  const workflowId = params.get('task');
  const person = params.get('person');
  const expires = Number(params.get('expires'));
  const sig = params.get('sig');
  if (!workflowId || !person || !Number.isFinite(expires) || !sig)
    return { ok: false, reason: 'malformed' };
  const claims = { workflowId, person, expires };
  const expected = Buffer.from(signature(secret, claims));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'tampered' };
  if (now > expires) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
