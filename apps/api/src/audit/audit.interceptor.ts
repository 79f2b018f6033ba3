import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, concatMap, defaultIfEmpty, from, map, Observable, takeLast, throwError } from 'rxjs';
import { DomainError } from '../../../../libs/domain/src';
import { AuditEntry } from '../../../../libs/persistence/src';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { httpStatusFor } from '../common/domain-error.filter';
import { requestIdFrom } from '../common/request-logging';
import { AUDITED_ACTION, auditCaseIdOf } from './audited.decorator';
import { AuditService } from './audit.service';

export const ANONYMOUS_ACTOR = 'anonymous';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REASON = 1000;
const MAX_ACTOR = 200;

/** The audit row for a request, without its outcome. Exported so the auth guard can record its refusals. */
export function auditEntryFor(request: AuthenticatedRequest, action: string): Omit<AuditEntry, 'outcome'> {
  const principal = request.principal;
  return {
    actor: principal ? principal.subject.slice(0, MAX_ACTOR) : ANONYMOUS_ACTOR,
    role: principal && principal.roles.length > 0 ? [...principal.roles].sort().join(',') : null,
    action,
    // A `caseId` query parameter names the case only on reads that filter by it (GET /audit?caseId=); on
    // anything else it is unchecked caller input (an unsigned callback once set the audit case id this way).
    caseId:
      uuidOrNull(routeParam(request, 'id')) ??
      (request.method === 'GET' ? uuidOrNull(queryParam(request, 'caseId')) : null),
    reason: accessReason(request),
    requestId: requestId(request),
  };
}

/**
 * How a failed request ended: `DENIED:<code>` when the caller was not allowed (401/403), `FAILED:<code>`
 * otherwise, with the domain error code when there is one and the HTTP status when there is not.
 */
export function failureOutcome(error: unknown): string {
  if (error instanceof DomainError) {
    const domainError: DomainError = error as DomainError;
    const status = httpStatusFor(domainError.code);
    return `${isDenial(status) ? 'DENIED' : 'FAILED'}:${domainError.code}`;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return `${isDenial(status) ? 'DENIED' : 'FAILED'}:${status}`;
  }
  return 'FAILED:INTERNAL_ERROR';
}

/**
 * Appends one audit row per request to an @Audited route, after the handler has run and before the response
 * is sent: successes record the HTTP status, failures their code (and the error is rethrown unchanged). An
 * unaudited read of personal data is worse than no read, so if the row cannot be written the caller gets 503
 * instead of the data. Guards run before interceptors, so a guard's own refusals are not seen here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const action = this.reflector.getAllAndOverride<string | undefined>(AUDITED_ACTION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (action === undefined) return next.handle();

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const fromUrl = auditEntryFor(request, action);
    // The case may only be known once the handler has run (see setAuditCaseId), so it is read at write time.
    const entryNow = (): Omit<AuditEntry, 'outcome'> => ({
      ...fromUrl,
      caseId: auditCaseIdOf(request) ?? fromUrl.caseId,
    });
    if (!response.headersSent && !response.hasHeader('X-Request-Id'))
      response.setHeader('X-Request-Id', fromUrl.requestId);

    return next.handle().pipe(
      // One row per request, even if a handler's observable emits several values (Nest sends the last).
      takeLast(1),
      defaultIfEmpty(undefined),
      catchError((error: unknown) =>
        from(this.writeFailure(request, { ...entryNow(), outcome: failureOutcome(error) })).pipe(
          concatMap(() => throwError(() => error)),
        ),
      ),
      // Placed after catchError so a failed audit write is not itself audited as the handler's failure.
      concatMap((value) =>
        from(this.write({ ...entryNow(), outcome: String(response.statusCode) })).pipe(map(() => value)),
      ),
    );
  }

  /** A refusal of a caller with no principal (say, an unsigned provider callback) is not chained. */
  private writeFailure(request: AuthenticatedRequest, entry: AuditEntry): Promise<void> {
    const outsider = request.principal === undefined && entry.outcome.startsWith('DENIED:');
    return this.write(entry, outsider);
  }

  private async write(entry: AuditEntry, outsiderRefusal = false): Promise<void> {
    try {
      if (outsiderRefusal) await this.audit.recordRefusal(entry, true);
      else await this.audit.record(entry);
    } catch (error) {
      this.logger.error({
        message: 'audit row could not be written; request refused',
        action: entry.action,
        caseId: entry.caseId,
        requestId: entry.requestId,
        outcome: entry.outcome,
        error: error instanceof Error ? error.message : String(error),
      });
      throw new DomainError(
        'AUDIT_UNAVAILABLE',
        'the audit trail could not be written, so the request was refused',
      );
    }
  }
}

function isDenial(status: number): boolean {
  return status === 401 || status === 403;
}

function routeParam(request: AuthenticatedRequest, name: string): unknown {
  const params = request.params as Record<string, unknown> | undefined;
  return params?.[name];
}

function queryParam(request: AuthenticatedRequest, name: string): unknown {
  const query = request.query as Record<string, unknown> | undefined;
  return query?.[name];
}

function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function accessReason(request: AuthenticatedRequest): string | null {
  const header = request.headers['x-access-reason'];
  const value = (Array.isArray(header) ? header.join(', ') : (header ?? '')).trim();
  return value === '' ? null : value.slice(0, MAX_REASON);
}

/** The id the request logger gave the request (so log lines and audit rows match), else one from the header. */
function requestId(request: AuthenticatedRequest): string {
  const logged: unknown = (request as { id?: unknown }).id;
  return typeof logged === 'string' ? logged : requestIdFrom(request.headers['x-request-id']);
}
