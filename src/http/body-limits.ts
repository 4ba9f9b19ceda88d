/**
 * Every request body outside the API (which sets its own) is bounded before
 * anything reads it: by its declared length at once, or while it streams. A
 * body over the bound is refused with 413 and the connection closed, so
 * nothing of it is buffered.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PAGE_WORDS } from '../i18n/page-words';
import { unverifiedLinkLocale } from './link-locale';
import { isFocalPointPath } from './page-errors';
import { isStaffHandInPath } from './staff-hand-in-routes';
import { linkRefusedPage } from './views/hand-in';
import { errorPage } from './views/layout';

/** A form of a few fields: sign-in, sign-out, review, the task changes. */
export const FORM_BODY_BYTES = 64 * 1024;
/** A catalog checked or started from the browser (a larger one: `mandate catalog validate`). */
export const CATALOG_PAGE_BYTES = 4 * 1024 * 1024;
/** Room for a multipart form's own bytes around an upload. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The bound of a page route's body. */
export function pageBodyBound(path: string, maxUploadBytes: number): number {
  if (path === '/hand-in' || isStaffHandInPath(path)) return maxUploadBytes + MULTIPART_OVERHEAD;
  if (path.startsWith('/catalogs/')) return CATALOG_PAGE_BYTES + MULTIPART_OVERHEAD;
  return FORM_BODY_BYTES;
}

export function pageBodyLimits(maxUploadBytes: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.startsWith('/api/'))
      return next();
    const maxSize = pageBodyBound(c.req.path, maxUploadBytes);
    return bodyLimit({
      maxSize,
      onError: (ctx) => {
        const locale = unverifiedLinkLocale(
          new URL(ctx.req.url).searchParams,
          ctx.req.header('accept-language'),
        );
        const page = isFocalPointPath(ctx.req.path)
          ? linkRefusedPage(locale, PAGE_WORDS[locale].tooLarge(maxSize))
          : errorPage(413, `the request is larger than ${maxSize} bytes`);
        return ctx.html(page, 413, { connection: 'close' });
      },
    })(c, next);
  };
}
