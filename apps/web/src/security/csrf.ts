import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import type { WebConfig } from '../../../../libs/config/src';

/** The form field every form posts its token in (the `csrfField()` macro writes it). */
export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection for every form (signed double-submit, bound to the session id): a POST without the token
 * from the page it came from is refused with 403 before any handler runs. Every page gets the token to embed.
 */
export function csrfProtection(config: WebConfig): { protect: RequestHandler; issue: RequestHandler } {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => config.sessionSecret,
    getSessionIdentifier: (req) => req.session.id,
    cookieName: config.secureCookies ? '__Host-vetting-csrf' : 'vetting-csrf',
    cookieOptions: { sameSite: 'lax', secure: config.secureCookies, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req: Request) => {
      const body = req.body as Record<string, unknown> | undefined;
      const token = body?.[CSRF_FIELD];
      return typeof token === 'string' ? token : undefined;
    },
    errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
  });
  const issue = (req: Request, res: Response, next: NextFunction): void => {
    // The token is bound to the session id, so the session must outlive this page: mark it for saving.
    req.session.lastSeenAt ??= Date.now();
    res.locals.csrfToken = generateCsrfToken(req, res);
    next();
  };
  return { protect: doubleCsrfProtection, issue };
}
