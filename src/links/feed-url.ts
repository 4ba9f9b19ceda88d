/**
 * Where a calendar feed lives, as the mail, the hand-in page and the overview
 * give it: the https address a calendar subscribes to, and the same as
 * `webcal://`, which mail clients and phones open in their calendar.
 *
 * - a person's: `…/calendar/<person>/feed.ics?kid=…&sig=…`
 * - a resolution's: `…/calendar/resolution/<id>/feed.ics?kid=…&sig=…`, with
 *   `responsible=<body>` for one responsible body's tasks in it.
 */
import { signFeed, type FeedScope, type LinkSecret } from './signed-link';

export function feedUrls(
  secret: LinkSecret,
  publicUrl: string,
  scope: FeedScope,
): { https: string; webcal: string } {
  const base = publicUrl.replace(/\/$/, '');
  const path =
    'person' in scope
      ? `/calendar/${encodeURIComponent(scope.person)}/feed.ics`
      : `/calendar/resolution/${encodeURIComponent(scope.resolution)}/feed.ics`;
  const query = new URLSearchParams(
    'person' in scope || scope.responsible === undefined ? {} : { responsible: scope.responsible },
  );
  for (const [k, v] of new URLSearchParams(signFeed(secret, scope))) query.set(k, v);
  const https = `${base}${path}?${query.toString()}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
