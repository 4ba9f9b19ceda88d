/**
 * How a failed page request is answered. Staff get the status and why; a
 * focal point (the hand-in pages) gets a page in their language and
 * direction with nothing of the staff's. A failure of ours is logged with a
 * reference, which the page shows.
 */
import type { Context, ErrorHandler } from 'hono';
import type { HttpDependencies } from './deps';
import { statusOf } from './errors';
import { unverifiedLinkLocale } from './link-locale';
import { reportServerError } from './server-errors';
import { linkRefusedPage, serverErrorPage } from './views/hand-in';
import { errorPage } from './views/layout';

/** The focal point's pages: the hand-in page, its post and the documents behind the link. */
export const isFocalPointPath = (path: string) =>
  path === '/hand-in' || path.startsWith('/hand-in/');

export function pageErrorHandler(deps: Pick<HttpDependencies, 'logServerError'>): ErrorHandler {
  return (error: Error, c: Context) => {
    const { status, message } = statusOf(error);
    const focalPoint = isFocalPointPath(c.req.path);
    if (status === 401 && c.req.method === 'GET' && !focalPoint)
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
    // Nobody is verified here: the language is the link's own hint, else the browser's.
    const locale = () =>
      unverifiedLinkLocale(new URL(c.req.url).searchParams, c.req.header('accept-language'));
    if (status >= 500) {
      const reference = reportServerError(c, status, error, deps.logServerError);
      return c.html(
        focalPoint
          ? serverErrorPage(locale(), reference)
          : errorPage(status, 'internal error', reference),
        status,
      );
    }
    return c.html(
      focalPoint ? linkRefusedPage(locale(), message) : errorPage(status, message),
      status,
    );
  };
}
