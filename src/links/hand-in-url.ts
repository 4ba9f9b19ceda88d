/**
 * A focal point's hand-in link, as every mail, answer and calendar entry
 * gives it: `…/hand-in?task=…&person=…&expires=…&kid=…&sig=…&lang=…`, valid
 * until a while after the due instant.
 */
import { LINK_VALID_AFTER_DUE_MS, signLink, type LinkSecret } from './signed-link';

export function handInLinkFor(
  secret: LinkSecret,
  publicUrl: string,
  occurrence: { workflowId: string; person: string; dueAt: number },
  locale?: string,
): string {
  const query = signLink(
    secret,
    {
      workflowId: occurrence.workflowId,
      person: occurrence.person,
      expires: occurrence.dueAt + LINK_VALID_AFTER_DUE_MS,
    },
    locale,
  );
  return `${publicUrl.replace(/\/$/, '')}/hand-in?${query}`;
}
