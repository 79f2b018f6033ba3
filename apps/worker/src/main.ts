import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/src';
import { ConfigError, createAppLogger, loadConfig, temporalLogSink } from '../../../libs/config/src';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createAppLogger(config.logFormat, 'worker');
  // Once, before any connection; Nest (enableShutdownHooks) owns SIGINT/SIGTERM, not the SDK.
  Runtime.install({ logger: new DefaultLogger('INFO', temporalLogSink(logger)), shutdownSignals: [] });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
