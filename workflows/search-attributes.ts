/** What a workflow's run already carries of its search attributes. */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import * as wf from '@temporalio/workflow';

/** True when the run already has every attribute of the update, as it would set them. */
export function carried(updates: SearchAttributeUpdatePair[]): boolean {
  const current = wf.workflowInfo().typedSearchAttributes;
  return updates.every(({ key, value }) => {
    const now: unknown = current.get(key);
    if (value === null || value === undefined) return now === undefined;
    // Not `instanceof`: the decoded value may come from another realm's Date.
    if (value instanceof Date)
      return (
        typeof (now as Date | undefined)?.getTime === 'function' &&
        (now as Date).getTime() === value.getTime()
      );
    if (Array.isArray(value))
      return (
        Array.isArray(now) && now.length === value.length && value.every((v, i) => now[i] === v)
      );
    return now === value;
  });
}
