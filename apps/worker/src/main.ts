import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import {
  appLoggerModule,
  createAppLogger,
  quietNestLogger,
  loadConfigOrExit,
  runEntryPoint,
  temporalLogSink,
} from '../../../libs/config/src';
import { loadObservabilityConfigOrExit, startTracing } from '../../../libs/observability/src';
import { WorkerModule } from './worker.module';

runEntryPoint('worker', async () => {
  const config = loadConfigOrExit();
  const observability = loadObservabilityConfigOrExit('worker');
  const logger = createAppLogger({ format: config.logFormat, service: 'worker' });
  const { host, metricsPort } = observability;
  logger.info(
    {
      temporal: config.temporal.address,
      taskQueue: config.temporal.taskQueue,
      workflowBundle: config.temporal.workflowBundlePath ?? 'bundled at start (takes a few seconds)',
    },
    'worker starting',
  );
  // Once, before any connection; Nest (enableShutdownHooks) owns SIGINT/SIGTERM, not the SDK. The SDK's own
  // Prometheus exporter serves its metrics (task latencies, slots, polls, sticky cache) on METRICS_PORT.
  Runtime.install({
    logger: new DefaultLogger('INFO', temporalLogSink(logger)),
    shutdownSignals: [],
    ...(metricsPort !== null
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: { bindAddress: `${host.includes(':') ? `[${host}]` : host}:${metricsPort}` },
            },
          },
        }
      : {}),
  });
  if (observability.tracing.enabled) startTracing({ serviceName: observability.tracing.serviceName });
  const app = await NestFactory.createApplicationContext(
    { module: WorkerModule, imports: [appLoggerModule(logger)] },
    { bufferLogs: true },
  );
  app.useLogger(quietNestLogger(app.get(NestPinoLogger)));
  app.enableShutdownHooks();
});
