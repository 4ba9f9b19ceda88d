/**
 * Catalog validation for a server: in a worker thread, so that checking a
 * large catalog never stalls the requests around it, and within a time
 * bound, after which the thread is stopped. The CLI validates in its own
 * thread (`mandate catalog validate`), where a large catalog only costs its
 * own wait.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RUNS_COMPILED } from '../config/project-root';
import type { ValidationResult } from './validate';

export class ValidationTimeoutError extends Error {
  override name = 'ValidationTimeoutError';
}

// The thread loads the validator itself: the compiled module in the release, the
// TypeScript through tsx's loader when this runs from its sources.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.loader) require(workerData.loader);
const { validateCatalogText } = require(workerData.validator);
parentPort.postMessage(validateCatalogText(workerData.text));
`;

/** `validateCatalogText(text)` in a worker thread; rejects after `timeoutMs`. */
export function validateOffThread(text: string, timeoutMs: number): Promise<ValidationResult> {
  const validator = join(__dirname, `validate${extname(__filename)}`);
  const loader = RUNS_COMPILED ? undefined : require.resolve('tsx/cjs');
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD, { eval: true, workerData: { text, validator, loader } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new ValidationTimeoutError(
          `checking this catalog took longer than ${Math.round(timeoutMs / 1000)} s; check it with \`mandate catalog validate FILE\``,
        ),
      );
    }, timeoutMs);
    worker.once('message', (result: ValidationResult) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
