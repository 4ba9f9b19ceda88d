/**
 * `@temporalio/workflow` with `patched()` always true: the workflows as they
 * would be without the guard, had the change been made in place.
 * test/workflows/replay.test.ts bundles the real workflows against this to
 * show that the recorded histories need the guard.
 */
export * from '@temporalio/workflow/lib/index';

export function patched(_patchId: string): boolean {
  return true;
}
