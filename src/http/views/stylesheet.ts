/**
 * The pages' stylesheet, served from STYLESHEET_PATH so the Content-Security-
 * Policy allows styles from this site only (no inline style). A plain string:
 * no formatter rewraps it, so quoted font names stay whole.
 */
export const STYLESHEET_PATH = '/assets/app.css';

export const STYLESHEET = `:root{--fg:#1b1f24;--muted:#4a5058;--bg:#f6f7f9;--card:#fff;--line:#c9ced6;--accent:#0b57d0;--bad:#a50e0e;--good:#1b5e20}
  *{box-sizing:border-box} body{margin:0;font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans Arabic','Noto Sans CJK SC',sans-serif;color:var(--fg);background:var(--bg);line-height:1.5}
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
  .side-by-side{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem} .overlap{border-top:1px solid #c4c7cc;padding-top:.5rem}
  figure{margin:0 0 1rem} figure svg{max-width:100%;height:auto;background:#fff}
  ol.source{font-family:ui-monospace,monospace;font-size:.85rem;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.5rem .5rem .5rem 3.5rem;overflow-x:auto}
  ol.source code{white-space:pre} ol.source li.has-problem{background:#fce8e6}
  .problem{color:var(--bad);font-weight:600} .caret{display:block;white-space:pre}
  #catalog-text{font-family:ui-monospace,monospace;font-size:.85rem}
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
  #f5b7b1;border-radius:8px;padding:.75rem 1rem} .muted{color:var(--muted)} .hint{display:block;margin:.35rem 0 .6rem} td
  a[rel~=noopener],td.detail{overflow-wrap:anywhere} @media
  (max-width:600px){th,td{padding:.35rem}table{font-size:.875rem}td button{padding:.45rem .7rem}}
  iframe.mail{display:block;width:100%;height:75vh;border:1px solid var(--line);border-radius:8px;background:#fff}
  pre.mail-text{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;font-family:inherit}
  .message-id{font-family:ui-monospace,monospace;font-size:.85rem;overflow-wrap:anywhere}
  dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:0}
  dl.facts dt{font-weight:600} dl.facts dd{margin:0;overflow-wrap:anywhere} .bad{color:var(--bad);font-weight:600}
`;
