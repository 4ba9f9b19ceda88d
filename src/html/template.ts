/**
 * HTML templates that escape by construction: every interpolated string is
 * escaped (`& < > " '`), only fragments built by `html` itself pass through,
 * and an array interpolates as its items. Pages, mail and reports all build
 * their markup with it, so a value cannot reach the output unescaped by
 * forgetting a call.
 */
import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A fragment of markup built by {@link html}: safe to interpolate as is. */
export type Html = HtmlEscapedString;

/**
 * What a template accepts: text (escaped), numbers, fragments, and nothing
 * (`false`, `null`, `undefined` render as nothing, so `${cond && html`…`}` works).
 * No promises and no arbitrary objects: rendering stays synchronous and every
 * value is either text or markup we built.
 */
export type Interpolation =
  string | number | boolean | null | undefined | Html | readonly Interpolation[];

/** Tagged template: the literal parts are markup, every interpolation is escaped unless it is an {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  const out = honoHtml(strings, ...values);
  // Only a promise among the values makes Hono's helper asynchronous; the types rule that out.
  if (out instanceof Promise) throw new TypeError('html: asynchronous value in a template');
  return out;
}

/** A whole document as a plain string, for a response body, a mail part or a file. */
export function renderDocument(document: Html): string {
  return document.toString();
}

/** Fragments with a literal (and escaped) separator between them. */
export function joinHtml(parts: readonly Html[], separator: string): Html {
  return html`${parts.flatMap((part, i) => (i === 0 ? [part] : [separator, part]))}`;
}

/**
 * Markup made by a maintained renderer that escapes its own text (Vega's
 * SVG): the one way in for markup not built by {@link html}. Never for
 * text that came from a person.
 */
export function rendererMarkup(markup: string): Html {
  return raw(markup);
}
