import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { APP_CONFIG, AppConfig } from '../../../libs/config/src';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { rejectMalformedUnicode } from './common/well-formed-json';

/** Builds the API exactly as production runs it; the end-to-end tests boot it through here too. */
export async function createApiApp(logger: LoggerService | false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger,
    bodyParser: false,
    // Keeps each JSON body's bytes as req.rawBody: provider callbacks are signed over the exact bytes sent.
    rawBody: true,
    abortOnError: false,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  // Strict headers everywhere except the docs page, whose Swagger UI needs inline scripts and styles.
  const apiHeaders = helmet();
  const docsHeaders = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.path.startsWith('/docs') ? docsHeaders(req, res, next) : apiHeaders(req, res, next),
  );
  // No origin is trusted unless configured: the API is called by same-origin front ends and servers.
  app.enableCors({
    // The Temporal UI's origin may call /codec (its own middleware answers those preflights too).
    origin:
      [...config.http.corsOrigins, ...config.codec.corsOrigins].length > 0
        ? [...config.http.corsOrigins, ...config.codec.corsOrigins]
        : false,
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'If-Match',
      'X-Access-Reason',
      'X-Namespace',
    ],
    exposedHeaders: ['Location', 'ETag', 'Idempotent-Replayed', 'Retry-After'],
  });
  // Bounded bodies: an application is a few kilobytes; anything near this limit is hostile or broken.
  app.useBodyParser('json', { limit: '100kb', reviver: rejectMalformedUnicode });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Vetting case management')
    .setDescription(
      'Developed Vetting applications as durable workflows. Every route but /health and /docs needs a bearer ' +
        'token; errors share one JSON shape.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs/json',
  });
  return app;
}
