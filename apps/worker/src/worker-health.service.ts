import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthReport } from '../../../libs/observability/src';
import { aliveReport, checkDependencies } from '../../../libs/observability/src';
import type { HttpListener } from '../../../libs/observability/src';
import { sendJson, startHttpListener } from '../../../libs/observability/src';
import type { ObservabilityConfig } from '../../../libs/observability/src';
import { TemporalWorkerService } from './temporal-worker.service';

/** Injection token for the worker's ObservabilityConfig. */
export const WORKER_OBSERVABILITY_CONFIG = Symbol('WORKER_OBSERVABILITY_CONFIG');

const PROBE_TIMEOUT_MS = 2000;
/** States in which the worker will never poll again: the process should be restarted. */
const DEAD_STATES = new Set(['FAILED', 'STOPPED']);

/**
 * The worker has no HTTP server of its own, so orchestrators get a tiny one on HEALTH_PORT:
 * `/health/live` (the SDK worker has not failed) and `/health/ready` (PostgreSQL and Temporal answer and the
 * worker polls). A 503 names each dependency that is down, in the same shape as the API's.
 */
@Injectable()
export class WorkerHealthService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Health');
  private listener?: HttpListener;

  constructor(
    @Inject(WORKER_OBSERVABILITY_CONFIG) private readonly config: ObservabilityConfig,
    private readonly dataSource: DataSource,
    private readonly worker: TemporalWorkerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.healthPort === null) return;
    this.listener = await startHttpListener(this.config.host, this.config.healthPort, async (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'GET') return sendJson(res, 405, { message: 'GET only' });
      if (path === '/health/live') return this.send(res, this.live());
      if (path === '/health/ready' || path === '/health') return this.send(res, await this.ready());
      return sendJson(res, 404, { message: 'try /health/live or /health/ready' });
    });
    this.logger.log({ message: 'health listening', address: this.listener.address });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
  }

  live(): HealthReport {
    const state = this.worker.state();
    if (state && DEAD_STATES.has(state)) {
      return {
        status: 'error',
        message: `not alive: worker is ${state}`,
        info: {},
        error: { worker: { status: 'down', reason: 'error' } },
        details: { worker: { status: 'down', reason: 'error' } },
      };
    }
    return aliveReport();
  }

  ready(): Promise<HealthReport> {
    return checkDependencies(
      [
        { name: 'database', probe: async () => void (await this.dataSource.query('SELECT 1')) },
        { name: 'temporal', probe: () => this.worker.pingTemporal(Date.now() + PROBE_TIMEOUT_MS) },
        {
          name: 'worker',
          probe: () => {
            const state = this.worker.state();
            return state === 'RUNNING' ? Promise.resolve() : Promise.reject(new Error(`worker is ${state}`));
          },
        },
      ],
      PROBE_TIMEOUT_MS,
      ({ name, reason, error }) =>
        this.logger.warn({
          message: 'dependency down',
          dependency: name,
          reason,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  }

  private send(res: Parameters<typeof sendJson>[0], report: HealthReport): void {
    sendJson(
      res,
      report.status === 'ok' ? 200 : 503,
      report,
      report.status === 'ok' ? {} : { 'retry-after': '5' },
    );
  }
}
