/** The staff sign-in page. */
import { html } from '../../html/template';
import { csrfField } from './forms';
import { page } from './layout';

/** The sign-in form; `next` is where to go after signing in (a same-site path). */
export function signInPage(next: string, csrf: string): string {
  return page({
    title: 'Sign in',
    nav: false,
    body: html`<h1>Sign in</h1>
      <form method="post" action="/login">
        ${csrfField(csrf)}
        <input type="hidden" name="next" value="${next}" />
        <label for="token">Access token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>`,
  });
}

/** Sign-in through the organisation's identity provider (OpenID Connect). */
export function oidcSignInPage(next: string, signedOut: boolean): string {
  return page({
    title: 'Sign in',
    nav: false,
    body: html`<h1>Sign in</h1>
      ${signedOut && html`<p class="notice" role="status">You are signed out.</p>`}
      <p>Staff sign in with their organisation account.</p>
      <p>
        <a class="button" href="/auth/oidc?next=${encodeURIComponent(next)}"
          >Sign in with your organisation account</a
        >
      </p>`,
  });
}

/** The answer to a sign-in that did not succeed: a wrong token, or why the provider's answer was refused. */
export function signInRefusedPage(reason = 'That token is not valid.'): string {
  return page({
    title: 'Sign in',
    nav: false,
    body: html`<h1>Sign in</h1>
      <p class="error" role="alert">${reason}</p>
      <p><a href="/login">Try again</a></p>`,
  });
}
