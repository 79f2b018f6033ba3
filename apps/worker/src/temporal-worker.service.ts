import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { State } from '@temporalio/worker';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, newCasePolicy } from '../../../libs/config/src';
import { activeTracing, shutdownTracing } from '../../../libs/observability/src';
import { workerTracingOptions } from '../../../libs/observability/src';
import { createCaseWorker } from './case-worker';

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
    this.worker = await createCaseWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      dataSource: this.dataSource,
      config: { ...this.config, newCase: newCasePolicy(this.config) },
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
