/**
 * CSRF protection for form posts: a random token in a SameSite cookie that
 * every form repeats in a hidden field (double submit, see views/forms.ts),
 * compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';

const COOKIE = 'mandate_csrf';

/** The request's CSRF token, set as a cookie when it has none yet. */
export function csrfToken(c: Context, secure: boolean): string {
  const existing = getCookie(c, COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure });
  return token;
}

/** Throws 403 unless the form's token equals the cookie's. */
export function checkCsrf(c: Context, form: FormData): void {
  const cookie = getCookie(c, COOKIE) ?? '';
  const field = form.get('csrf');
  const given = typeof field === 'string' ? field : '';
  const a = Buffer.from(cookie);
  const b = Buffer.from(given);
  if (!cookie || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HTTPException(403, {
      message: 'the form is stale or came from another site; reload the page and try again',
    });
  }
}
