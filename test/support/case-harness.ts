import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { EmailDispatcher } from '../../activities/notifications';
import type { DispatchLogEntry } from '../../activities/notifications';
import type { CaseWorkerConfig, CaseWorkerOptions } from '../../apps/worker/src/case-worker';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { bundleCaseWorkflows, readCaseWorkflowBundle } from '../../apps/worker/src/workflow-bundle';
import { createDataConverter } from '../../libs/codec/src';
import {
  codecConfig,
  dataEncryptionConfig,
  DEFAULT_STAGE_DURATIONS_MS,
  notificationsConfig,
  readConcern,
  recordChecksConfig,
  runtimeConfig,
} from '../../libs/config/src/app-config';
import type { ApplicationInput, VettingCaseInput } from '../../libs/contracts/src';
import { awaitScreeningUpdate, caseWorkflowId } from '../../libs/contracts/src';
import { DEFAULT_ELIGIBILITY_POLICY } from '../../libs/domain/src/eligibility';
import { DV_CHECK_TYPES } from '../../libs/domain/src/record-checks';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import type { vettingCaseWorkflow } from '../../workflows';
import { temporalAddress, testDatabaseUrl } from './env';
import { fieldCipher } from './field-cipher';

/** The read-model columns tests assert on. */
export interface StoredCase {
  caseId: string;
  stage: string;
  status: 'OPEN' | 'CLOSED';
  assignee: string | null;
  lastEventSeq: number;
}

/** One stored history entry. */
export interface HistoryRow {
  seq: number;
  action: string;
  from_stage: string | null;
  to_stage: string;
  actor: string;
}

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * The workflow bundle, once per test file: the one the run's global setup built (WORKFLOW_BUNDLE_PATH, see
 * test-infrastructure.ts), or bundled here exactly as the worker would (a forbidden import fails either way).
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  const prebuilt = process.env.WORKFLOW_BUNDLE_PATH;
  bundle ??= prebuilt ? readCaseWorkflowBundle(prebuilt) : bundleCaseWorkflows();
  return bundle;
}

/** What the worker app would load from this environment (development defaults unless variables are set). */
export const workerConfig: CaseWorkerConfig = {
  runtime: readConcern(runtimeConfig),
  codec: readConcern(codecConfig),
  data: readConcern(dataEncryptionConfig),
  recordChecks: readConcern(recordChecksConfig),
  notifications: readConcern(notificationsConfig),
  // The policy renewal cases open under (the worker app derives it from its configuration).
  newCase: {
    team: 'dv-team-1',
    policy: DEFAULT_ELIGIBILITY_POLICY,
    stageDurationsMs: DEFAULT_STAGE_DURATIONS_MS,
    dv: {
      checks: [...DV_CHECK_TYPES],
      checkTimeoutMs: 60_000,
      checkPollIntervalMs: 200,
      clearanceReviewYears: 7,
    },
  },
};

/** The data converter the apps use (development key unless CODEC_KEYS is set), so tests see what production stores. */
export const dataConverter = createDataConverter(workerConfig.codec.keyring);

/** A real Temporal dev server, a real PostgreSQL database and a real worker on a private task queue. */
export class CaseHarness {
  readonly taskQueue = `test-cases-${randomUUID()}`;
  env!: TestWorkflowEnvironment;
  dataSource!: DataSource;
  private worker?: Worker;
  private running?: Promise<void>;
  private dispatcher?: EmailDispatcher;
  /** What the email dispatcher logged, when the harness runs one (SMTP configured). */
  readonly dispatchLog: DispatchLogEntry[] = [];

  /**
   * `workerOptions` adds to the worker's defaults, e.g. record-check providers scripted by a test;
   * `databaseUrl` replaces the run's shared database (a suite that runs the email dispatcher has its own).
   */
  constructor(
    private readonly workerOptions: Pick<CaseWorkerOptions, 'recordCheckProviders' | 'notifications'> = {},
    private readonly databaseUrl: () => string = testDatabaseUrl,
  ) {}

  get client(): Client {
    return this.env.client;
  }

  async setUp(): Promise<void> {
    this.env = await TestWorkflowEnvironment.createFromExistingServer({
      address: temporalAddress(),
      client: { dataConverter },
    });
    this.dataSource = createDataSource(this.databaseUrl());
    await this.dataSource.initialize();
    await this.startWorker();
  }

  async startWorker(): Promise<void> {
    this.worker = await createCaseWorker({
      connection: this.env.nativeConnection,
      namespace: 'default',
      taskQueue: this.taskQueue,
      dataSource: this.dataSource,
      config: workerConfig,
      workflowBundle: await workflowBundle(),
      dataConverter,
      ...this.workerOptions,
    });
    this.running = this.worker.run();
    // As in the worker app: with SMTP configured, the outbox dispatcher runs beside the Temporal worker.
    const notifications = this.workerOptions.notifications;
    if (notifications?.smtp) {
      const collect = (entry: DispatchLogEntry): void => void this.dispatchLog.push(entry);
      this.dispatcher = new EmailDispatcher({
        store: new NotificationStore(this.dataSource, fieldCipher),
        config: notifications,
        logger: { log: collect, warn: collect, error: collect },
      });
      this.dispatcher.start();
    }
  }

  async stopWorker(): Promise<void> {
    await this.dispatcher?.stop();
    this.dispatcher = undefined;
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    this.worker = undefined;
  }

  async tearDown(): Promise<void> {
    await this.stopWorker();
    await this.dataSource?.destroy();
    await this.env?.teardown();
  }

  /** Starts a case directly through Temporal and waits until screening is recorded; returns its stage. */
  async startCase(
    application: ApplicationInput,
    overrides: Partial<VettingCaseInput> = {},
  ): Promise<StoredCase> {
    const caseId = randomUUID();
    const input: VettingCaseInput = {
      caseId,
      application,
      policy: DEFAULT_ELIGIBILITY_POLICY,
      stageDurationsMs: DEFAULT_STAGE_DURATIONS_MS,
      receivedAt: new Date().toISOString(),
      ...overrides,
    };
    const handle = await this.client.workflow.start<typeof vettingCaseWorkflow>('vettingCaseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue: this.taskQueue,
      args: [input],
    });
    try {
      await handle.executeUpdate(awaitScreeningUpdate);
    } catch {
      // The workflow may already have closed (ineligible); its result is in the read-model.
      await handle.result();
    }
    return this.stored(caseId);
  }

  /** The case row as the read-model holds it. */
  async stored(caseId: string): Promise<StoredCase> {
    const rows = await this.dataSource.query<StoredCase[]>(
      `SELECT id, stage, status, assignee, last_event_seq AS "lastEventSeq" FROM vetting_case WHERE id = $1`,
      [caseId],
    );
    if (!rows[0]) throw new Error(`case ${caseId} is not in the read-model`);
    return { ...rows[0], caseId };
  }

  /** The stored history of a case as (seq, action, from, to) rows, in order. */
  async history(caseId: string): Promise<HistoryRow[]> {
    return this.dataSource.query<HistoryRow[]>(
      `SELECT seq, action, from_stage, to_stage, actor FROM case_event WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );
  }
}
