import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Strict headers on every answer. The Content-Security-Policy allows scripts, styles, fonts and images from this
 * origin only, and no inline script or style at all: the GOV.UK Frontend and MOJ components are started from a
 * static file (/assets/app/init.js). Forms may only post here, or to the identity provider for sign-in.
 */
export function securityHeaders(options: { formTargets: string[]; secure: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", ...options.formTargets],
        ...(options.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}
