// `npm run build:workflows [file]`: bundles the workflow code once (default dist/workflow-bundle.js) for workers
// started with WORKFLOW_BUNDLE_PATH, so a worker does not spend seconds of CPU bundling on every start. Rebuild
// it with the code it ships with: a bundle from other code would run other workflow logic.
import path from 'node:path';
import { writeCaseWorkflowBundle } from '../apps/worker/src/workflow-bundle';
import { elapsed, errorMessage } from './lib/log';
import { repoRoot } from './lib/paths';

async function main(): Promise<void> {
  const target = path.resolve(process.argv[2] ?? path.join(repoRoot(), 'dist', 'workflow-bundle.js'));
  const startedAt = Date.now();
  process.stdout.write(`bundling workflows into ${path.relative(process.cwd(), target)} …\n`);
  await writeCaseWorkflowBundle(target);
  process.stdout.write(
    `done in ${elapsed(startedAt)}; start the worker with WORKFLOW_BUNDLE_PATH=${target}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`could not bundle the workflows: ${errorMessage(error)}\n`);
  process.exit(1);
});
