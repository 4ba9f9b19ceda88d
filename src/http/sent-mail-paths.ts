/** Where staff read a task's mail as sent, and a person's mail (routes in ./sent-mail-routes). */

/** The mail page; `part` is one of its resources: the HTML body, the calendar entry, the message. */
export const sentMailPath = (
  workflowId: string,
  key: string,
  part?: 'body' | 'calendar.ics' | 'message.eml',
) => `/tasks/${workflowId}/mail/${key}${part ? `/${part}` : ''}`;

/** The page of everything sent to one person. */
export const personPath = (key: string) => `/people/${encodeURIComponent(key)}`;

/**
 * The route serving a mail's HTML part: it alone may be framed (by this site's
 * own pages) and it runs sandboxed, under its own Content-Security-Policy.
 */
export const SENT_MAIL_BODY_ROUTE = /^\/tasks\/[^/]+\/[^/]+\/[^/]+\/mail\/[A-Za-z0-9_-]+\/body$/;
