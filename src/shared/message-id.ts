/**
 * Deterministic Message-IDs: the same workflow and message key give the same
 * id, so a retried activity or a replayed workflow resends the same message.
 */
import { NOTICE_KINDS } from './task-state';

export function messageIdFor(workflowId: string, key: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '-');
  return `<${safe(workflowId).replace(/\//g, '.')}.${safe(key)}@mandate-tracker>`;
}

/**
 * Every workflow id a Message-ID of ours may have come from; empty when it
 * is not ours. The id keeps a workflow id's slashes as
 * dots, so a workflow id with dots of its own has more than one reading.
 */
export function workflowIdsOf(messageId: string): string[] {
  const local = /^<(.+)@mandate-tracker>$/.exec(messageId.trim())?.[1];
  if (!local) return [];
  // The key begins with the notice kind; the workflow id is what comes before it.
  const starts = NOTICE_KINDS.map((kind) => local.indexOf(`.${kind}.`)).filter((i) => i > 0);
  if (starts.length === 0) return [];
  const parts = local.slice(0, Math.min(...starts)).split('.');
  const ids: string[] = [];
  // `<resolution>/<task>/<occurrence>`: choose which two dots were the slashes.
  for (let first = 1; first < parts.length - 1; first++) {
    for (let second = first + 1; second < parts.length; second++) {
      ids.push(
        [
          parts.slice(0, first).join('.'),
          parts.slice(first, second).join('.'),
          parts.slice(second).join('.'),
        ].join('/'),
      );
    }
  }
  return ids;
}
