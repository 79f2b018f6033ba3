import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import nunjucks from 'nunjucks';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { WebAppConfig } from '../../../libs/config/src';
import { appLoggerModule, createAppLogger, quietNestLogger } from '../../../libs/config/src';
import { FieldCipher } from '../../../libs/persistence/src';
import { requestLogging } from '../../api/src/common/request-logging';
import { pageLocals } from './common/page-locals.middleware';
import { registerFilters } from './common/view-filters';
import { WEB_PATHS } from './paths';
import { csrfProtection } from './security/csrf';
import { securityHeaders } from './security/security-headers';
import {
  SessionStoreLifecycle,
  sessionMiddleware,
  sessionSavedBeforeReplies,
  sessionStore,
  sessionTimeouts,
} from './session/session.middleware';
import { WebModule } from './web.module';

/** The running web service; close() is app.close(), which also closes the session store and its pool. */
export interface WebApp {
  app: NestExpressApplication;
  close(): Promise<void>;
}

/**
 * Builds the web service exactly as production runs it; the browser tests boot it through here too. Order
 * matters: headers, static assets (no session for them), body parsing, cookies, session, timeouts, CSRF, then
 * the pages.
 */
export async function createWebApp(config: WebAppConfig, logger: Logger | false): Promise<WebApp> {
  const pino = logger || createAppLogger({ format: 'json', service: 'web', level: 'silent' });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 5 });
  const store = sessionStore(pool, new FieldCipher(config.data.keyring), pino);
  const root = WebModule.register(config);
  const app = await NestFactory.create<NestExpressApplication>(
    {
      ...root,
      imports: [...(root.imports ?? []), appLoggerModule(pino, requestLogging())],
      // app.close() (shutdown hooks in production, close() in tests) then closes the store and its pool.
      providers: [
        ...(root.providers ?? []),
        { provide: SessionStoreLifecycle, useValue: new SessionStoreLifecycle(store, pool) },
      ],
    },
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  app.useLogger(quietNestLogger(app.get(NestPinoLogger)));
  const web = config.web;
  app.disable('x-powered-by');
  if (web.secureCookies) app.set('trust proxy', 1);
  app.use(
    securityHeaders({
      secure: web.secureCookies,
      formTargets: web.oidc ? [new URL(web.oidc.issuer).origin] : [],
    }),
  );

  // Design-system assets straight from node_modules (fonts and images where their CSS expects them), then ours.
  const statics = { maxAge: config.runtime.production ? '1d' : 0, index: false, fallthrough: true };
  app.useStaticAssets(`${WEB_PATHS.govuk}/govuk/assets`, { prefix: '/assets', ...statics });
  app.useStaticAssets(`${WEB_PATHS.moj}/moj/assets`, { prefix: '/assets', ...statics });
  app.useStaticAssets(`${WEB_PATHS.govuk}/govuk`, { prefix: '/assets/govuk', ...statics });
  app.useStaticAssets(`${WEB_PATHS.moj}/moj`, { prefix: '/assets/moj', ...statics });
  app.useStaticAssets(WEB_PATHS.public, { prefix: '/assets/app', ...statics });

  // Liveness for the container's health check, answered before sessions and CSRF: every page visit keeps an
  // anonymous session (the CSRF token is bound to its id), and a probe every few seconds would leave a row each time.
  app.use('/health/live', (req: Request, res: Response, next: NextFunction) =>
    req.method === 'GET' ? res.json({ status: 'ok' }) : next(),
  );

  // 3000 fields: a questionnaire section as long as the API accepts (300 trips of 8 fields, or 100 addresses and
  // 50 gaps) posts as one form.
  app.useBodyParser('urlencoded', { extended: true, limit: '100kb', parameterLimit: 3000 });
  app.use(cookieParser());
  app.use(sessionMiddleware(web, store));
  app.use(sessionTimeouts(web));
  const csrf = csrfProtection(web);
  app.use(csrf.protect);
  app.use(csrf.issue);
  app.use(pageLocals);
  app.use(sessionSavedBeforeReplies);

  const env = nunjucks.configure([WEB_PATHS.views, WEB_PATHS.govuk, WEB_PATHS.moj], {
    autoescape: true,
    throwOnUndefined: false,
    // Compiled templates are kept: recompiling the GOV.UK macros on every request was most of a page's render
    // time (npm run bench:web). Nothing reloads templates while running; a restart picks up an edit.
    noCache: false,
    express: app.getHttpAdapter().getInstance(),
  });
  registerFilters(env);
  env.addGlobal('serviceName', 'Vetting case management');
  env.addGlobal('embeddedSignIn', !web.oidc);
  app.setViewEngine('njk');
  app.enableShutdownHooks();
  return { app, close: () => app.close() };
}
