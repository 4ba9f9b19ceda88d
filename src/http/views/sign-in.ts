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

/** The answer to a token that is not valid. */
export function signInRefusedPage(): string {
  return page({
    title: 'Sign in',
    nav: false,
    body: html`<h1>Sign in</h1>
      <p class="error" role="alert">That token is not valid.</p>
      <p><a href="/login">Try again</a></p>`,
  });
}
