/** The one accessible, phone-friendly layout of every server-rendered page. */
import { html, renderDocument, type Html } from '../../html/template';
import { STYLESHEET_PATH } from './stylesheet';

/** Options of {@link page}: the title, the main content, and the language of the page. */
export interface PageOptions {
  title: string;
  body: Html;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  /** The staff navigation; off on pages for focal points and on sign-in. */
  nav?: boolean;
}

/** A complete page around `body`. */
export function page(options: PageOptions): string {
  return renderDocument(
    html`<!doctype html>
      <html lang="${options.lang ?? 'en'}" dir="${options.dir ?? 'ltr'}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${options.title} · mandate-tracker</title>
          <link rel="stylesheet" href="${STYLESHEET_PATH}" />
          <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
        </head>
        <body>
          <header>
            <strong>mandate-tracker</strong
            >${options.nav !== false && html` <nav aria-label="main"><a href="/">Overview</a> <a href="/registry">Registry</a></nav>`}
          </header>
          <main id="main">${options.body}</main>
        </body>
      </html> `,
  );
}

/** The staff page of a failed request: its status, why, and for a failure of ours its reference. */
export function errorPage(status: number, message: string, reference?: string): string {
  return page({
    title: 'Error',
    body: html`<h1>Error ${status}</h1>
      <p class="error" role="alert">${message}</p>
      ${reference && html`<p>Reference: <code>${reference}</code> (in the server's log)</p>`}`,
  });
}
