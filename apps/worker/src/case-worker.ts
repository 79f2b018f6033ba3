import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from '../../../activities';
import { createInvitationActivities } from '../../../activities/invitations';
import { createNotificationActivities } from '../../../activities/notifications';
import type { ProviderRegistry } from '../../../activities/record-checks';
import {
  createProviderRegistry,
  createRecordCheckActivities,
  RecordCheckStore,
} from '../../../activities/record-checks';
import { codecKeyringFromEnv, createDataConverter } from '../../../libs/codec/src';
import type { NotificationConfig } from '../../../libs/config/src/app-config';
import { notificationConfigFromEnv, recordCheckConfigFromEnv } from '../../../libs/config/src/app-config';
import { CaseStore } from '../../../libs/persistence/src/case-store';
import { NotificationStore } from '../../../libs/persistence/src/notification-store';
import { ClearanceStore } from '../../../libs/persistence/src/clearance-store';
import { InvitationStore } from '../../../libs/persistence/src/invitation-store';
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
  /** Which provider runs each record check; defaults to RECORD_CHECK_PROVIDERS and the simulated provider. */
  recordCheckProviders?: ProviderRegistry;
  /** Sign-in address and SMTP for notifications; defaults to APP_SIGN_IN_URL and SMTP_* from the environment. */
  notifications?: NotificationConfig;
}

/** Builds the Temporal worker for case workflows; shared by the worker app and the test suites. */
export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const activities = {
    ...createCaseActivities({
      caseStore: new CaseStore(options.dataSource),
      clearances: new ClearanceStore(options.dataSource),
      questionnaires: new QuestionnaireStore(options.dataSource),
    }),
    ...createRecordCheckActivities({
      store: new RecordCheckStore(options.dataSource),
      providers: options.recordCheckProviders ?? createProviderRegistry(recordCheckConfigFromEnv()),
    }),
    ...createInvitationActivities({ store: new InvitationStore(options.dataSource) }),
    ...createNotificationActivities({
      store: new NotificationStore(options.dataSource),
      config: options.notifications ?? notificationConfigFromEnv(),
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
