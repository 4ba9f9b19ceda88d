/**
 * Deterministic Message-IDs: the same workflow and message key give the same
 * id, so a retried activity or a replayed workflow resends the same message.
 */
export function messageIdFor(workflowId: string, key: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '-');
  return `<${safe(workflowId).replace(/\//g, '.')}.${safe(key)}@mandate-tracker>`;
}
