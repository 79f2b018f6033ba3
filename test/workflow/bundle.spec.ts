import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../apps/worker/src/case-worker';
import { workflowBundle } from '../support/case-harness';

const silent = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

describe('workflow bundle', () => {
  it('bundles the case workflows without Nest, TypeORM or class-validator inside', async () => {
    const { code } = await workflowBundle();
    expect(code).toContain('vettingCaseWorkflow');
    for (const forbidden of ['@nestjs/common', 'typeorm', 'class-validator', 'pg-pool']) {
      expect(code).not.toContain(`node_modules/${forbidden}`);
    }
  });

  it('fails to bundle workflow code that transitively imports the database layer', async () => {
    await expect(
      bundleWorkflowCode({
        workflowsPath: path.join(__dirname, 'fixtures/forbidden-import.workflow.ts'),
        logger: silent,
      }),
    ).rejects.toThrow();
  });

  it('points the worker at the workflows folder', () => {
    expect(WORKFLOWS_PATH).toMatch(/workflows[/\\]index\.(ts|js)$/);
  });
});
