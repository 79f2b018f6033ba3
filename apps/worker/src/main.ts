import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createAppLogger, loadConfigOrExit, runEntryPoint, temporalLogSink } from '../../../libs/config/src';
import { WorkerModule } from './worker.module';

runEntryPoint('worker', async () => {
  const config = loadConfigOrExit();
  const logger = createAppLogger(config.logFormat, 'worker');
  // Once, before any connection; Nest (enableShutdownHooks) owns SIGINT/SIGTERM, not the SDK.
  Runtime.install({ logger: new DefaultLogger('INFO', temporalLogSink(logger)), shutdownSignals: [] });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
});
