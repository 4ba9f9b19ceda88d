/**
 * The one map from a catalog locale to the BCP 47 tag that Intl, luxon and
 * HTML `lang` use: dates, numbers and durations read the same in mail, pages
 * and reports.
 */
import type { Locale } from '../shared/types';

const INTL_LOCALES: Record<Locale, string> = {
  ar: 'ar',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

export function intlLocale(locale: Locale): string {
  return INTL_LOCALES[locale] ?? 'en-GB';
}
