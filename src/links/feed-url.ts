/**
 * The address of a person's calendar feed, as the hand-in page and every
 * mail give it: the https address a calendar subscribes to, and the same as
 * `webcal://`, which mail clients and phones open in their calendar.
 */
import { signFeed, signStaffFeed, type FeedScope, type LinkSecret } from './signed-link';

/** `https://…/calendar/<person>/feed.ics?kid=…&sig=…`, and the same as `webcal://`. */
export function feedUrls(
  secret: LinkSecret,
  publicUrl: string,
  person: string,
): { https: string; webcal: string } {
  const https = `${publicUrl.replace(/\/$/, '')}/calendar/${encodeURIComponent(person)}/feed.ics?${signFeed(secret, person)}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

/** `…/calendar/resolution/<id>/feed.ics?…` or `…/calendar/responsible/<body>/feed.ics?…`: a staff feed. */
export function staffFeedUrls(
  secret: LinkSecret,
  publicUrl: string,
  scope: FeedScope,
): { https: string; webcal: string } {
  const https = `${publicUrl.replace(/\/$/, '')}/calendar/${scope.kind}/${encodeURIComponent(scope.value)}/feed.ics?${signStaffFeed(secret, scope)}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}
