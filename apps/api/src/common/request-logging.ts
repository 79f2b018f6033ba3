import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

/** A gateway's correlation id is kept if it is plainly an id; anything else is replaced, never logged raw. */
const PLAIN_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request's id: `X-Request-Id` when it is a plain id, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && PLAIN_ID.test(header) ? header : randomUUID();
}

type Request = IncomingMessage & { params?: Record<string, unknown>; originalUrl?: string };

/**
 * pino-http settings for the API: one access line per request (method, path without its query, status, time,
 * request id, case id), the request id on every line logged while handling it and echoed as `X-Request-Id`,
 * and no headers or bodies. Health probes are logged at debug level, so a load balancer does not drown the log.
 */
export function requestLogging(): Omit<Options<Request, ServerResponse>, 'logger'> {
  return {
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Lines logged during a request carry only its id; the access line carries the rest.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customProps: (req) => {
      const caseId = req.params?.id;
      return typeof caseId === 'string' && UUID.test(caseId) ? { caseId: caseId.toLowerCase() } : {};
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      return (req.originalUrl ?? req.url ?? '').startsWith('/health') ? 'debug' : 'info';
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
