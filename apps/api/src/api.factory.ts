import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';

/** Builds the API exactly as production runs it; the end-to-end tests boot it through here too. */
export async function createApiApp(logger: LoggerService | false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false, abortOnError: false });
  // Bounded bodies: an application is a few kilobytes; anything near this limit is hostile or broken.
  app.useBodyParser('json', { limit: '100kb' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Vetting case management')
    .setDescription('Developed Vetting applications as durable workflows. Errors share one JSON shape.')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/json' });
  return app;
}
