/**
 * The one page every HTML mail is set in: language and direction, the
 * viewport, and a card of readable width with inline styles (mail clients
 * drop style sheets). Notices, digests and requests for a successor fill it.
 */
import { html, type Html } from '../html/template';
import type { Locale } from '../shared/types';

export function mailPage(
  page: { locale: Locale; dir: 'ltr' | 'rtl'; title: string },
  content: Html,
): Html {
  return html`<!doctype html>
    <html lang="${page.locale}" dir="${page.dir}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}</title>
      </head>
      <body
        style="margin:0;padding:16px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans Arabic','Noto Sans CJK SC',sans-serif;color:#1b1f24;"
      >
        <div
          style="max-width:600px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;line-height:1.5;overflow-wrap:anywhere;text-align:start;"
          dir="${page.dir}"
        >
          ${content}
        </div>
      </body>
    </html>`;
}
