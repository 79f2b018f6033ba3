import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { HttpListener } from '../../../../libs/observability/src';
import { startHttpListener } from '../../../../libs/observability/src';
import type { ObservabilityConfig } from '../../../../libs/observability/src';
import { loadObservabilityConfig } from '../../../../libs/observability/src';
import { shutdownTracing } from '../../../../libs/observability/src';
import { DashboardReadModel } from '../../../../libs/persistence/src';
import { ApiMetrics } from './api-metrics';
import { BusinessMetrics } from './business-metrics';

/** Injection token for the API's ObservabilityConfig (HOST, METRICS_PORT, tracing). */
export const OBSERVABILITY_CONFIG = Symbol('OBSERVABILITY_CONFIG');

/** A read of the business figures may take this long before the scrape gives up on it. */
const BUSINESS_QUERY_TIMEOUT_MS = 2000;

/** Serves GET /metrics on METRICS_PORT (when set) and flushes traces at shutdown. */
@Injectable()
class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private listener?: HttpListener;

  constructor(
    @Inject(OBSERVABILITY_CONFIG) private readonly config: ObservabilityConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === null) return;
    this.listener = await startHttpListener(this.config.host, this.config.metricsPort, async (req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; scrape /metrics\n');
        return;
      }
      const body = await this.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body);
    });
    this.logger.log({ message: 'metrics listening', address: this.listener.address, path: '/metrics' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.close();
    await shutdownTracing();
  }
}

/** Prometheus metrics (HTTP durations, process, business gauges) and the observability configuration. */
@Global()
@Module({
  providers: [
    { provide: OBSERVABILITY_CONFIG, useFactory: () => loadObservabilityConfig('api') },
    ApiMetrics,
    {
      provide: BusinessMetrics,
      inject: [ApiMetrics, DashboardReadModel, OBSERVABILITY_CONFIG],
      useFactory: (metrics: ApiMetrics, readModel: DashboardReadModel, config: ObservabilityConfig) =>
        new BusinessMetrics(
          metrics.registry,
          () => readModel.businessSnapshot(BUSINESS_QUERY_TIMEOUT_MS),
          config.businessMetricsTtlMs,
        ),
    },
    MetricsEndpoint,
  ],
  exports: [OBSERVABILITY_CONFIG, ApiMetrics],
})
export class ObservabilityModule {}
