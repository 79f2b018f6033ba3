import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { trace } from '@opentelemetry/api';
import {
  APP_CONFIG,
  AppConfig,
  appLoggerModule,
  createAppLogger,
  quietNestLogger,
} from '../../../libs/config/src';
import { activeTracing } from '../../../libs/observability/src';
import { AppModule } from './app.module';
import { requestLogging } from './common/request-logging';
import { ApiMetrics } from './observability/api-metrics';
import { httpObservability } from './observability/http-observability.middleware';
import { createValidationPipe } from './common/validation';

/**
 * Builds the API exactly as production runs it; the end-to-end tests boot it through here too. `logger` gets
 * every line (an access line per request, each tagged with its request id); `false` logs nothing.
 */
export async function createApiApp(logger: Logger | false): Promise<INestApplication> {
  const pino = logger || createAppLogger({ format: 'json', service: 'api', level: 'silent' });
  const app = await NestFactory.create<NestExpressApplication>(
    { module: AppModule, imports: [appLoggerModule(pino, requestLogging())] },
    {
      bufferLogs: true,
      bodyParser: false,
      // Keeps each JSON body's bytes as req.rawBody: provider callbacks are signed over the exact bytes sent.
      rawBody: true,
      abortOnError: false,
    },
  );
  app.useLogger(quietNestLogger(app.get(NestPinoLogger)));
  const config = app.get<AppConfig>(APP_CONFIG);
  app.disable('x-powered-by');
  // First, so it times and traces every request, including those refused by the layers below.
  app.use(
    httpObservability({
      duration: app.get(ApiMetrics).httpDuration,
      tracer: activeTracing() ? trace.getTracer('vetting-api') : undefined,
    }),
  );
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
      'X-Request-Id',
    ],
    exposedHeaders: ['Location', 'ETag', 'Idempotent-Replayed', 'Retry-After', 'X-Request-Id'],
  });
  // Bounded bodies: an application is a few kilobytes; anything near this limit is hostile or broken.
  // Only JSON is parsed; JsonBodyInterceptor answers 415 for any other body, SafeTextInterceptor 400 for
  // hostile text in it.
  app.useBodyParser('json', { limit: '100kb' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/json',
  });
  return app;
}

/** The OpenAPI document served at /docs/json; test/unit/openapi.spec.ts checks every route's declarations. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const openApi = new DocumentBuilder()
    .setTitle('Vetting case management')
    .setDescription(
      'Developed Vetting applications as durable workflows. Every route but /health, /docs and the signed ' +
        'provider callbacks needs a bearer token; errors share one JSON shape.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, openApi);
}
