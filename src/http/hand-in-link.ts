/**
 * The one check of a hand-in link, for every page behind it (the hand-in
 * page, its post, the documents handed in): the signature first, then who
 * may use it. A link acts for the focal point it names only outside a staff
 * session, so a staff member who holds one (forwarded, say) records nothing
 * in that person's name. Rate limits count verified links per link and
 * unverified ones per client address, so forged links cannot lock a focal
 * point out of their own.
 */
import type { Context } from 'hono';
import { taskActions, TaskNotFoundError } from '../client/task-actions';
import { PAGE_WORDS } from '../i18n/page-words';
import { verifyLink } from '../links/signed-link';
import { STAFF_COPY_SIGNATURE } from '../mail/staff-copy';
import type { TaskView } from '../shared/task-view';
import type { Locale } from '../shared/types';
import type { HttpDependencies } from './deps';
import { unverifiedLinkLocale } from './link-locale';
import { DEFAULT_RATE_LIMITS, TokenBuckets } from './rate-limit';
import { clientAddress, noteRefusal } from './refusals';
import type { StaffPrincipal } from './sessions';
import { linkRefusedPage, staffSessionPage } from './views/hand-in';

export type LinkUse = { view: TaskView; person: string; locale: Locale } | { page: Response };

export type LinkChecker = (c: Context) => Promise<LinkUse>;

/** A checker with its own rate-limit buckets; one per HTTP application. */
export function handInLinks(
  deps: HttpDependencies,
  staff: (c: Context) => StaffPrincipal | undefined,
): LinkChecker {
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const byLink = new TokenBuckets(limits.handInByLink, deps.now);
  const badByClient = new TokenBuckets(limits.handInBadLinkByClient, deps.now);

  return async (c) => {
    const params = new URL(c.req.url).searchParams;
    const hinted = () => unverifiedLinkLocale(params, c.req.header('accept-language'));
    const answer = (status: 400 | 403 | 410 | 429, message: string, locale: Locale) => ({
      page: c.html(linkRefusedPage(locale, message), status),
    });
    const tooMany = (wait: number, bucket: string, locale: Locale) => {
      noteRefusal(c, `rate limit hand-in (${bucket})`);
      c.header('retry-after', String(wait));
      return answer(429, PAGE_WORDS[locale].tooMany(wait), locale);
    };
    const signedInAs = staff(c);
    if (signedInAs) {
      noteRefusal(c, 'hand-in link used in a staff session');
      return { page: c.html(staffSessionPage(signedInAs.name), 403) };
    }
    const check = verifyLink(deps.linkSecret, params, deps.now());
    if (!check.ok && check.reason !== 'expired') {
      // Unverified: counted against the client's address, never against the link it names.
      const wait = badByClient.take(`client:${clientAddress(c)}`);
      if (wait > 0) return tooMany(wait, 'unverified links', hinted());
      noteRefusal(c, `hand-in link ${check.reason}`);
      const staffCopy = params.get('sig') === STAFF_COPY_SIGNATURE;
      return answer(400, PAGE_WORDS[hinted()][staffCopy ? 'staffCopy' : 'invalid'], hinted());
    }
    const claims = check.claims;
    const wait = byLink.take(`link:${claims.workflowId}\n${claims.person}`);
    if (wait > 0) return tooMany(wait, 'link', hinted());
    if (!check.ok) noteRefusal(c, 'hand-in link expired');
    let view: TaskView;
    try {
      view = await taskActions.status(deps.client, claims.workflowId);
    } catch (error) {
      // An expired link may outlive its task's history; it is expired all the same.
      if (check.ok || !(error instanceof TaskNotFoundError)) throw error;
      return answer(410, PAGE_WORDS[hinted()].expired, hinted());
    }
    // An expired link is still genuine, so its person, and their language, are known.
    const person = view.assignees.find((p) => p.key === claims.person);
    const locale = person?.locale ?? hinted();
    if (!check.ok) return answer(410, PAGE_WORDS[locale].expired, locale);
    if (!person) return answer(403, PAGE_WORDS[locale].notYours, locale);
    return { view, person: person.key, locale };
  };
}
