/**
 * Signed hand-in links: an HMAC-SHA256 over key id, workflow id, person and
 * expiry, so a focal point can hand in for their own task without an
 * account. The signature is compared in constant time. Secrets rotate: a
 * link names the key that signed it (`kid`), new links use the newest key,
 * and older keys in the ring still verify the links they signed until those
 * expire. A link without `kid` is from before key ids, checked with key "0".
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface LinkClaims {
  workflowId: string;
  person: string;
  /** Epoch milliseconds after which the link no longer works. */
  expires: number;
}

export interface LinkKey {
  id: string;
  secret: string;
}

/** The keys links are signed and checked with: the first signs, every one verifies. */
export interface LinkKeyRing {
  keys: [LinkKey, ...LinkKey[]];
}

/** A ring, or one bare secret (key id "0"). */
export type LinkSecret = string | LinkKeyRing;

/** The key id of a bare secret, and of links made before key ids. */
export const LEGACY_KEY_ID = '0';

export function keyRing(secret: LinkSecret): LinkKeyRing {
  return typeof secret === 'string' ? { keys: [{ id: LEGACY_KEY_ID, secret }] } : secret;
}

function signature(key: LinkKey, claims: LinkClaims, withKid: boolean): string {
  const body = `${claims.workflowId}\n${claims.person}\n${claims.expires}`;
  return createHmac('sha256', key.secret)
    .update(withKid ? `${key.id}\n${body}` : body)
    .digest('base64url');
}

/**
 * The query string of a hand-in link, signed with the ring's first key.
 * `lang`, the person's language, is a hint outside the signature: it only
 * chooses the language of the page that says a damaged link is invalid.
 */
export function signLink(secret: LinkSecret, claims: LinkClaims, lang?: string): string {
  const key = keyRing(secret).keys[0];
  const params = new URLSearchParams({
    task: claims.workflowId,
    person: claims.person,
    expires: String(claims.expires),
    kid: key.id,
    sig: signature(key, claims, true),
  });
  if (lang) params.set('lang', lang);
  return params.toString();
}

export type LinkCheck =
  | { ok: true; claims: LinkClaims; keyId: string }
  /** Expired, but genuine: whose link it is is known. */
  | { ok: false; reason: 'expired'; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'tampered' | 'unknown-key' };

/** Checks a link's parameters; `now` in epoch milliseconds. */
export function verifyLink(secret: LinkSecret, params: URLSearchParams, now: number): LinkCheck {
  const workflowId = params.get('task');
  const person = params.get('person');
  const expiresText = params.get('expires') ?? '';
  const expires = Number(expiresText);
  const sig = params.get('sig');
  const kid = params.get('kid');
  if (!workflowId || !person || !/^\d{1,16}$/.test(expiresText) || !sig)
    return { ok: false, reason: 'malformed' };
  const key = keyRing(secret).keys.find((k) => k.id === (kid ?? LEGACY_KEY_ID));
  if (!key) return { ok: false, reason: 'unknown-key' };
  const claims = { workflowId, person, expires };
  const expected = Buffer.from(signature(key, claims, kid !== null));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'tampered' };
  if (now > expires) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims, keyId: key.id };
}

/** A focal point may still hand in for a while after the due instant: a mailed link works this long after it. */
export const LINK_VALID_AFTER_DUE_MS = 90 * 86_400_000;

/**
 * What a calendar feed covers: one person's tasks, or, for staff, one
 * resolution's (or one responsible body's in it).
 */
export type FeedScope =
  { person: string } | { resolution: string; responsible?: string | undefined };

/**
 * A feed address: an HMAC over the key id and the scope, set apart from
 * hand-in links (a `feed` or `staff-feed` line no link body has), with no
 * expiry, since a calendar polls it for years. Rotating the key and then
 * dropping the old one revokes every feed it signed. A person's feed signs
 * `<kid>\nfeed\n<person>`, as feeds already mailed were signed.
 */
function feedSignature(key: LinkKey, scope: FeedScope): string {
  const body =
    'person' in scope
      ? `feed\n${scope.person}`
      : `staff-feed\n${scope.resolution}\n${scope.responsible ?? ''}`;
  return createHmac('sha256', key.secret).update(`${key.id}\n${body}`).digest('base64url');
}

/** The query string of a feed, signed with the ring's first key. */
export function signFeed(secret: LinkSecret, scope: FeedScope): string {
  const key = keyRing(secret).keys[0];
  return new URLSearchParams({ kid: key.id, sig: feedSignature(key, scope) }).toString();
}

/** Whether the query signs the feed of `scope` with a key of the ring. */
export function verifyFeed(secret: LinkSecret, scope: FeedScope, params: URLSearchParams): boolean {
  const key = keyRing(secret).keys.find((k) => k.id === params.get('kid'));
  const sig = params.get('sig');
  if (!key || !sig) return false;
  const expected = Buffer.from(feedSignature(key, scope));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
