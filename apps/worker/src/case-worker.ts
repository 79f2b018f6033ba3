import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkerOptions, WorkflowBundle } from '@temporalio/worker';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from '../../../activities';
import { createAppealActivities } from '../../../activities/appeals';
import { createClearanceActivities } from '../../../activities/clearances';
import { activityFailureInterceptors, databaseFailureSink } from '../../../activities/activity-failures';
import { createInvitationActivities } from '../../../activities/invitations';
import { createNotificationActivities } from '../../../activities/notifications';
import type { ProviderRegistry } from '../../../activities/record-checks';
import {
  createProviderRegistry,
  createRecordCheckActivities,
  RecordCheckStore,
} from '../../../activities/record-checks';
import { createDataConverter } from '../../../libs/codec/src';
import type { AppConfig, NotificationConfig } from '../../../libs/config/src';
import type { NewCasePolicy } from '../../../libs/contracts/src';
import {
  AppealStore,
  CaseReadModel,
  CaseStore,
  ClearanceStore,
  FieldCipher,
  InvitationStore,
  NotificationStore,
  QuestionnaireStore,
  StaffDirectoryStore,
} from '../../../libs/persistence/src';

/** Where the worker finds workflow code; resolves to workflows/index.ts under ts-node/jest, .js when compiled. */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

/**
 * Workflow interceptors every bundle must carry (the worker's own and prebuilt ones: tests, production images):
 * they refuse commands whose payloads did not come encrypted through the API.
 */
export const WORKFLOW_INTERCEPTOR_MODULES = [
  require.resolve('../../../workflows/refuse-unencrypted.interceptors'),
];

/** The parts of the loaded configuration the worker runs on. */
export type CaseWorkerConfig = Pick<
  AppConfig,
  'runtime' | 'codec' | 'data' | 'recordChecks' | 'notifications'
> & {
  /** The policy renewal cases open under (newCasePolicy); without it the worker cannot open renewal cases. */
  newCase?: NewCasePolicy;
};

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** The configuration the process loaded and validated at boot; the worker never re-reads the environment. */
  config: CaseWorkerConfig;
  /**
   * A pre-built bundle (tests, production images); otherwise the workflows are bundled at start. Build it with
   * the data converter's failureConverterPath, or workflow failure messages leave the worker unencrypted, and
   * with WORKFLOW_INTERCEPTOR_MODULES, or unencrypted commands are not refused.
   */
  workflowBundle?: WorkflowBundle;
  /** Encrypts payloads and failures; defaults to one built from `config.codec`. */
  dataConverter?: DataConverter;
  /** Which provider runs each record check; defaults to the registry `config.recordChecks` describes. */
  recordCheckProviders?: ProviderRegistry;
  /** Sign-in address and SMTP for notifications; defaults to `config.notifications`. */
  notifications?: NotificationConfig;
  /** Tracing interceptors and the workflow span sink (libs/observability workerTracingOptions), when tracing is on. */
  interceptors?: WorkerOptions['interceptors'];
  sinks?: WorkerOptions['sinks'];
}

/** Builds the Temporal worker for case workflows; shared by the worker app and the test suites. */
export function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const { config } = options;
  const cipher = new FieldCipher(config.data.keyring);
  const activities = {
    ...createCaseActivities({
      caseStore: new CaseStore(options.dataSource, cipher),
      clearances: new ClearanceStore(options.dataSource, cipher),
      questionnaires: new QuestionnaireStore(options.dataSource, cipher),
    }),
    ...createRecordCheckActivities({
      store: new RecordCheckStore(options.dataSource, cipher),
      providers:
        options.recordCheckProviders ?? createProviderRegistry(config.recordChecks, config.runtime.nodeEnv),
    }),
    ...createInvitationActivities({ store: new InvitationStore(options.dataSource) }),
    ...createClearanceActivities({
      store: new ClearanceStore(options.dataSource, cipher),
      ...(config.newCase
        ? {
            renewal: {
              cases: new CaseReadModel(options.dataSource, cipher),
              questionnaires: new QuestionnaireStore(options.dataSource, cipher),
              policy: config.newCase,
            },
          }
        : {}),
    }),
    ...createAppealActivities({
      store: new AppealStore(options.dataSource, cipher),
      clearances: new ClearanceStore(options.dataSource, cipher),
      ...(config.newCase
        ? { outcomes: { cases: new CaseReadModel(options.dataSource, cipher), policy: config.newCase } }
        : {}),
    }),
    ...createNotificationActivities({
      store: new NotificationStore(options.dataSource, cipher),
      config: options.notifications ?? config.notifications,
      // Group notices (an appeal's panel secretaries while none is named) resolve their members here.
      roster: new StaffDirectoryStore(options.dataSource),
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
    dataConverter:
      options.dataConverter ??
      createDataConverter(config.codec.keyring, { refusePlaintext: config.codec.refusePlaintext }),
    interceptors: {
      ...options.interceptors,
      // A pre-built bundle carries its workflow interceptors already (see workflowBundle above); the SDK would
      // ignore these and warn on every start.
      workflowModules: options.workflowBundle
        ? undefined
        : [...WORKFLOW_INTERCEPTOR_MODULES, ...(options.interceptors?.workflowModules ?? [])],
      // Innermost, so tracing and the SDK's own logging only ever see the converted failure.
      activity: [
        ...(options.interceptors?.activity ?? []),
        activityFailureInterceptors(databaseFailureSink(options.dataSource)),
      ],
    },
    ...(options.sinks ? { sinks: options.sinks } : {}),
  });
}
