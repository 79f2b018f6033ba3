import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';

// What the Temporal UI's codec client sends: JSON, the namespace, and (with passAccessToken) the user's token.
const ALLOWED_HEADERS = 'Content-Type, Authorization, X-Namespace';

/**
 * CORS for the codec routes only, so the Temporal UI (another origin) can call them from the browser. A
 * preflight carries no token, so it is answered here, before the auth guard could refuse it; the real
 * request that follows is authenticated as usual. Other origins get no CORS headers and the browser blocks them.
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly origins: ReadonlySet<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.origins = new Set(config.codec.corsOrigins);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const origin = request.headers.origin;
    response.vary('Origin');
    const allowed = typeof origin === 'string' && this.origins.has(origin);
    if (allowed) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      // The UI's passCredentials option sends cookies; harmless when it does not.
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (request.method !== 'OPTIONS') return next();
    if (allowed) {
      response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      response.setHeader('Access-Control-Max-Age', '600');
    }
    response.status(204).end();
  }
}
