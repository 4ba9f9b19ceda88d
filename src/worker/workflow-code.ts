/**
 * Where a worker gets its workflow code. The release (`npm run build`)
 * bundles it once into dist/workflow-bundle.js and workers load that file,
 * as Temporal's production sample does; code run from its TypeScript sources
 * (tests, `npm run dev`) bundles the sources when the worker starts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import { PROJECT_ROOT, RUNS_COMPILED } from '../config/project-root';

/** The workflows' entry file, for the bundler: the compiled one when this code is compiled. */
export const WORKFLOWS_PATH = RUNS_COMPILED
  ? join(PROJECT_ROOT, 'dist', 'workflows', 'index.js')
  : join(PROJECT_ROOT, 'workflows', 'index.ts');

/** The release's prebuilt bundle (scripts/build.js writes it). */
export const RELEASE_BUNDLE_PATH = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');

export class MissingWorkflowBundleError extends Error {
  override name = 'MissingWorkflowBundleError';
}

/** The bundler's logger: only warnings and errors, on stderr. */
export const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
};

/**
 * The worker option that supplies the workflow code: the release's bundle
 * when this runs compiled (its launcher has checked it is the sources'),
 * else the sources, bundled on start.
 */
export function workflowCode():
  { workflowBundle: WorkflowBundleOption } | { workflowsPath: string } {
  if (!RUNS_COMPILED) return { workflowsPath: WORKFLOWS_PATH };
  if (!existsSync(RELEASE_BUNDLE_PATH))
    throw new MissingWorkflowBundleError(
      `${RELEASE_BUNDLE_PATH} is missing: run npm run build (npm start and the mandate command build it when needed)`,
    );
  return { workflowBundle: { codePath: RELEASE_BUNDLE_PATH } };
}

/** The workflow code bundled once, for tests and simulations that start several workers. */
export async function bundleWorkflows(): Promise<WorkflowBundleOption> {
  const code = workflowCode();
  if ('workflowBundle' in code) return code.workflowBundle;
  return bundleWorkflowCode({ workflowsPath: code.workflowsPath, logger: quietLogger });
}
