import type { Span, Tracer } from '@opentelemetry/api';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';

/** Label for requests no route matched: their paths are whatever a caller typed, so never a label value. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template Express matched (`/cases/:id`), never the concrete path: ids would make one time series
 * per case, and a path may carry whatever a caller put in it.
 */
export function routeTemplate(req: Request): string {
  const route: unknown = (req as { route?: unknown }).route;
  const path = typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  // A wildcard path (`/{*path}`) is a middleware mount, not a handler: nestjs-pino registers its request logger
  // for every route that way, so an unknown path ends with that as `req.route`. No handler here uses a wildcard.
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  return `${req.baseUrl}${path}`;
}

export interface HttpObservabilityOptions {
  /** Request duration by method, route template and status. */
  duration: Histogram<'method' | 'route' | 'status_code'>;
  /** Server spans around each request (continuing a caller's W3C trace context); absent when tracing is off. */
  tracer?: Tracer;
}

/**
 * Times every request, including those refused before a controller (auth, rate limit, bad JSON), and when
 * tracing is on makes the request the parent span of the Temporal client calls it makes.
 */
export function httpObservability({ duration, tracer }: HttpObservabilityOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = duration.startTimer();
    const parent = tracer ? propagation.extract(context.active(), req.headers) : undefined;
    const span: Span | undefined =
      tracer && parent
        ? tracer.startSpan(
            req.method,
            { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method } },
            parent,
          )
        : undefined;
    let finished = false;
    res.once('close', () => {
      if (finished) return;
      finished = true;
      const route = routeTemplate(req);
      // 499: the client went away before an answer was sent (nginx's convention).
      const status = res.headersSent ? res.statusCode : 499;
      stopTimer({ method: req.method, route, status_code: String(status) });
      if (span) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
    if (span && parent) context.with(trace.setSpan(parent, span), next);
    else next();
  };
}
