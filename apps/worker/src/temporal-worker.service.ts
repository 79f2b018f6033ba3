import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { State, WorkflowBundle } from '@temporalio/worker';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, newCasePolicy } from '../../../libs/config/src';
import { activeTracing, shutdownTracing } from '../../../libs/observability/src';
import { workerTracingOptions } from '../../../libs/observability/src';
import { createCaseWorker } from './case-worker';
import { readCaseWorkflowBundle } from './workflow-bundle';

/** Runs the Temporal worker for the lifetime of the Nest context and stops it exactly once. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect({ address });
    const tracing = activeTracing();
    const workflowBundle = await this.prebuiltBundle(tracing !== undefined);
    this.worker = await createCaseWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      dataSource: this.dataSource,
      config: { ...this.config, newCase: newCasePolicy(this.config) },
      ...(workflowBundle ? { workflowBundle } : {}),
      ...(tracing ? workerTracingOptions(tracing) : {}),
    });
    // We own the run() promise: Nest's shutdown hook and the SDK's signal handling must not race.
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      this.logger.error({ message: 'worker stopped with an error', error: String(error) });
      process.exitCode = 1;
    });
    this.logger.log({ message: 'worker polling', address, namespace, taskQueue });
  }

  /**
   * The bundle WORKFLOW_BUNDLE_PATH names, if any. With tracing on the worker bundles at start instead: the
   * tracing interceptors must be inside the bundle and a prebuilt one does not carry them.
   */
  private async prebuiltBundle(tracing: boolean): Promise<WorkflowBundle | undefined> {
    const path = this.config.temporal.workflowBundlePath;
    if (!path) return undefined;
    if (tracing) {
      this.logger.warn({
        message: 'tracing is on: bundling workflows at start, not using WORKFLOW_BUNDLE_PATH',
        path,
      });
      return undefined;
    }
    this.logger.log({ message: 'loading the prebuilt workflow bundle', path });
    return readCaseWorkflowBundle(path);
  }

  /** The SDK worker's state (RUNNING while it polls), or undefined before it is created. */
  state(): State | undefined {
    return this.worker?.getState();
  }

  /** Resolves when the Temporal frontend answers a cheap call before `deadline`. */
  async pingTemporal(deadline: number): Promise<void> {
    const connection = this.connection;
    if (!connection) throw new Error('not connected to Temporal yet');
    await connection.withDeadline(deadline, () => connection.workflowService.getSystemInfo({}));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.logger.log('draining worker');
      this.worker.shutdown();
    }
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await shutdownTracing();
  }
}
