import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from '../../../activities';
import { codecKeyringFromEnv, createDataConverter } from '../../../libs/codec/src';
import { CaseStore } from '../../../libs/persistence/src/case-store';
import { ClearanceStore } from '../../../libs/persistence/src/clearance-store';
import { QuestionnaireStore } from '../../../libs/persistence/src/questionnaire-store';

/** Where the worker finds workflow code; resolves to workflows/index.ts under ts-node/jest, .js when compiled. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /**
   * A pre-built bundle (tests, production images); otherwise the workflows are bundled at start. Build it with
   * the data converter's failureConverterPath, or workflow failure messages leave the worker unencrypted.
   */
  workflowBundle?: WorkflowBundle;
  /** Encrypts payloads and failures; defaults to the keys in CODEC_KEYS (the same ones loadConfig validated). */
  dataConverter?: DataConverter;
}

/** Builds the Temporal worker for case workflows; shared by the worker app and the test suites. */
export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const activities = {
    ...createCaseActivities({
      caseStore: new CaseStore(options.dataSource),
      clearances: new ClearanceStore(options.dataSource),
      questionnaires: new QuestionnaireStore(options.dataSource),
    }),
  };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities,
    dataConverter: options.dataConverter ?? createDataConverter(codecKeyringFromEnv()),
  });
}
