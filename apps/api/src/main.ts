import 'reflect-metadata';
import { createAppLogger, loadConfigOrExit, runEntryPoint } from '../../../libs/config/src';
import { createApiApp } from './api.factory';

runEntryPoint('api', async () => {
  const config = loadConfigOrExit();
  const logger = createAppLogger(config.logFormat, 'api');
  const app = await createApiApp(logger);
  await app.listen(config.port, '0.0.0.0');
  logger.log({ message: 'API listening', port: config.port, docs: `/docs` });
});
