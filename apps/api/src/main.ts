import 'reflect-metadata';
import { ConfigError, createAppLogger, loadConfig } from '../../../libs/config/src';
import type { AppConfig } from '../../../libs/config/src';
import { createApiApp } from './api.factory';

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
  const logger = createAppLogger(config.logFormat, 'api');
  const app = await createApiApp(logger);
  await app.listen(config.port, '0.0.0.0');
  logger.log({ message: 'API listening', port: config.port, docs: `/docs` });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
