/**
 * The UID of a task occurrence's calendar entry. The mail's invitation and
 * `plan --ics` both take it from here, because a calendar program replaces an
 * entry only when the UID matches: with one UID, the plan's entry, the
 * invitation, its updates and its cancellation are all the same entry.
 */

const DOMAIN = 'mandate-tracker';

/**
 * `<resolution>.<task>.<occurrence>@mandate-tracker`, from the occurrence's
 * workflow id (`<resolution>/<task>/<occurrence>`). The workflow id, not the
 * due date, so the UID stays put when the task is extended.
 */
export function calendarUid(occurrence: { workflowId: string }): string {
  return `${occurrence.workflowId.replace(/\//g, '.')}@${DOMAIN}`;
}
