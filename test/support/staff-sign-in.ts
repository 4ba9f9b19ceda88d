/** Signs a staff token in through the real sign-in page, as a browser would. */
import { expect } from 'vitest';

/**
 * The session cookie (and the CSRF cookie the forms need) of `token` signed in
 * at `baseUrl`'s /login.
 */
export async function staffSession(baseUrl: string, token: string): Promise<string> {
  const form = await fetch(`${baseUrl}/login`);
  const csrfCookie = /mandate_csrf=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: `mandate_csrf=${csrfCookie}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ csrf, token, next: '/' }).toString(),
  });
  expect(signedIn.status).toBe(303);
  const session = /mandate_staff=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;
  return `mandate_staff=${session}; mandate_csrf=${csrfCookie}`;
}
