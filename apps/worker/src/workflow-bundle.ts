import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../../libs/codec/src';
import { WORKFLOWS_PATH, WORKFLOW_INTERCEPTOR_MODULES } from './case-worker';

const noop = (): void => undefined;
/** Webpack's progress lines are noise in a worker's structured log and in test output. */
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

/**
 * Bundles the workflow code exactly as the worker does at start: with the failure converter (so workflow failure
 * messages leave the worker encrypted) and the interceptors that refuse unencrypted commands. A forbidden import
 * in workflow code (Node I/O, Nest, TypeORM) fails here.
 */
export function bundleCaseWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: quietBundlerLogger,
  });
}

/** Writes the bundle to `file` (for WORKFLOW_BUNDLE_PATH), creating its directory. */
export async function writeCaseWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleCaseWorkflows();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, code);
}

/** Reads a bundle written by writeCaseWorkflowBundle, with an error that names the file and the fix. */
export async function readCaseWorkflowBundle(file: string): Promise<WorkflowBundle> {
  try {
    return { code: await readFile(file, 'utf8') };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `WORKFLOW_BUNDLE_PATH=${file} cannot be read (${reason}); build it with \`npm run build:workflows\` or unset it`,
    );
  }
}
