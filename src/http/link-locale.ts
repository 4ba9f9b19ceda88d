/**
 * The language of a page about a hand-in link that does not verify. Nobody is
 * known then, so: the link's own `lang` hint (unsigned, and all it can choose
 * is one of six languages for an error page), else the browser's
 * Accept-Language, else English.
 */
import { LOCALES, type Locale } from '../shared/types';

const isLocale = (tag: string): tag is Locale => (LOCALES as readonly string[]).includes(tag);

/** The first of the browser's languages (by q-value) that is one of ours. */
export function acceptedLocale(header: string | undefined): Locale | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isNaN(q) ? 0 : q, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((t) => t.base).find(isLocale);
}

export function unverifiedLinkLocale(
  params: URLSearchParams,
  acceptLanguage: string | undefined,
): Locale {
  const hint = params.get('lang') ?? '';
  return isLocale(hint) ? hint : (acceptedLocale(acceptLanguage) ?? 'en');
}
