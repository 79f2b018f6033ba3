import 'reflect-metadata';
import { createAppLogger, loadConfigOrExit, runEntryPoint } from '../../../libs/config/src';
import { loadObservabilityConfigOrExit, startTracing } from '../../../libs/observability/src';
import { createApiApp } from './api.factory';

runEntryPoint('api', async () => {
  const config = loadConfigOrExit();
  const observability = loadObservabilityConfigOrExit('api');
  const logger = createAppLogger({ format: config.logFormat, service: 'api' });
  // Before the app exists, so the Temporal client's spans and the HTTP spans share one provider.
  if (observability.tracing.enabled) startTracing({ serviceName: observability.tracing.serviceName });
  const app = await createApiApp(logger);
  await app.listen(config.port, observability.host);
  logger.info(
    { host: observability.host, port: config.port, docs: '/docs', tracing: observability.tracing.enabled },
    'API listening',
  );
});
