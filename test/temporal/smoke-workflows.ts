/** Minimal workflows for the server smoke tests. */
import { condition, defineQuery, defineSignal, setHandler, sleep } from '@temporalio/workflow';

export async function sleepThirtyDays(): Promise<{ before: number; after: number }> {
  const before = Date.now();
  await sleep('30 days');
  return { before, after: Date.now() };
}

const set = defineSignal<[string]>('set');
const get = defineQuery<string>('get');

export async function signalAndQuery(): Promise<string> {
  let value = '';
  setHandler(set, (next) => {
    value = next;
  });
  setHandler(get, () => value);
  await condition(() => value === 'done');
  return value;
}
