/** The one accessible, phone-friendly layout of every server-rendered page. */
import { html, renderDocument, type Html } from '../../html/template';

// Literal markup of the template, not data: nothing in it is interpolated. Font names
// are unquoted where they can be: Prettier wraps this text, and a quoted name cut by a
// line break is an invalid CSS string that drops the rules after it.
const STYLE = html`
  :root{--fg:#1b1f24;--muted:#4a5058;--bg:#f6f7f9;--card:#fff;--line:#c9ced6;--accent:#0b57d0;--bad:#a50e0e;--good:#1b5e20}
  *{box-sizing:border-box} body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Noto Sans,Noto
  Sans Arabic,Noto Sans CJK SC,sans-serif;color:var(--fg);background:var(--bg);line-height:1.5}
  header{background:#12355b;color:#fff;padding:.75rem
  1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap} header a{color:#fff}
  main{max-width:1100px;margin:0 auto;padding:1rem} h1{font-size:1.5rem;margin:.5rem 0
  1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem} a{color:var(--accent)}
  a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid
  #ffbf47;outline-offset:2px}
  .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:.75rem}
  .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem} .card
  .n{font-size:1.6rem;font-weight:700} .table-wrap{overflow-x:auto;background:var(--card);border:1px
  solid var(--line);border-radius:8px} table{border-collapse:collapse;width:100%}
  th,td{padding:.45rem .6rem;border-bottom:1px solid
  var(--line);text-align:start;vertical-align:top} th{background:#eef0f3}
  .status{font-weight:600}.status-overdue{color:var(--bad)}.status-completed{color:var(--good)}
  .rates-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
  figure{margin:0 0 1rem} figure svg{max-width:100%;height:auto;background:#fff}
  form.inline{display:inline}
  label.check{font-weight:400;display:flex;gap:.5rem;align-items:baseline}
  label{display:block;font-weight:600;margin:.5rem 0 .25rem}
  input[type=text],input[type=url],input[type=password],input[type=date],input[type=time],input[type=number],textarea,select{width:100%;max-width:40rem;padding:.5rem;border:1px
  solid #8a9099;border-radius:6px;font:inherit}
  button{background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.55rem
  1rem;font:inherit;font-weight:600;cursor:pointer;margin-top:.5rem}
  a.button{display:inline-block;background:var(--accent);color:#fff;border-radius:6px;padding:.55rem
  1rem;font-weight:600;text-decoration:none} button.secondary{background:#4a5058}
  fieldset{border:1px solid var(--line);border-radius:8px;background:var(--card);margin:0 0
  1rem;padding:1rem} .notice{background:#e8f0fe;border:1px solid
  #aecbfa;border-radius:8px;padding:.75rem 1rem} .error{background:#fce8e6;border:1px solid
  #f5b7b1;border-radius:8px;padding:.75rem 1rem} .muted{color:var(--muted)} td
  a[rel~=noopener],td.detail{overflow-wrap:anywhere} @media
  (max-width:600px){th,td{padding:.35rem}table{font-size:.875rem}td button{padding:.45rem .7rem}}
`;

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
          <style>
            ${STYLE}
          </style>
        </head>
        <body>
          <header>
            <strong>mandate-tracker</strong
            >${options.nav !== false && html` <nav aria-label="main"><a href="/">Overview</a></nav>`}
          </header>
          <main id="main">${options.body}</main>
        </body>
      </html> `,
  );
}

/** The page of a failed request: its status and why. */
export function errorPage(status: number, message: string): string {
  return page({
    title: 'Error',
    body: html`<h1>Error ${status}</h1>
      <p class="error" role="alert">${message}</p>`,
  });
}
