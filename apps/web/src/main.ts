import 'reflect-metadata';
import type { WebAppConfig } from '../../../libs/config/src';
import { ConfigError, createAppLogger, loadWebAppConfig, runEntryPoint } from '../../../libs/config/src';
import { loadObservabilityConfigOrExit } from '../../../libs/observability/src';
import { createWebApp } from './web.factory';

runEntryPoint('web', async () => {
  const config = loadWebConfigOrExit();
  const { host } = loadObservabilityConfigOrExit('web');
  const logger = createAppLogger({ format: config.logFormat, service: 'web' });
  const { app } = await createWebApp(config, logger);
  await app.listen(config.web.port, host);
  logger.info({ host, port: config.web.port, signIn: config.web.oidc ? 'oidc' : 'local' }, 'web listening');
});

/** Like loadConfigOrExit: on a bad value prints every problem and exits with 2. */
function loadWebConfigOrExit(): WebAppConfig {
  try {
    return loadWebAppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
