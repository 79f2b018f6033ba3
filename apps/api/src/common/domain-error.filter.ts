import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { describeError } from '../../../../libs/config/src';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src';
import { ErrorResponse } from './error-response';

/** The single mapping from domain error codes to HTTP statuses. Adding a code fails compilation here. */
export function httpStatusFor(code: DomainErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'REASON_REQUIRED':
      return HttpStatus.BAD_REQUEST;
    case 'UNAUTHENTICATED':
      return HttpStatus.UNAUTHORIZED;
    case 'FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'CASE_NOT_FOUND':
    case 'CLEARANCE_NOT_FOUND':
    case 'APPEAL_NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'INVALID_COMMAND':
    case 'IDEMPOTENCY_KEY_REUSED':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'ILLEGAL_TRANSITION':
    case 'CASE_CLOSED':
    case 'STALE_STAGE':
    case 'NO_OFFICER_ASSIGNED':
    case 'NOT_ASSIGNED_OFFICER':
    case 'FOUR_EYES_VIOLATION':
    case 'QUESTIONNAIRE_NOT_SUBMITTED':
    case 'BASELINE_NOT_SUBMITTED':
    case 'TASK_NOT_FOUND':
    case 'OPEN_TASKS_REMAIN':
    case 'APPEAL_WINDOW_CLOSED':
    case 'NOT_ELIGIBLE':
      return HttpStatus.CONFLICT;
    case 'AUDIT_UNAVAILABLE':
    case 'WORKER_UNAVAILABLE':
    case 'TEMPORAL_UNAVAILABLE':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/** Turns every error into the ErrorResponse shape; unexpected ones become a bare 500 and are logged, never leaked. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({
        message: 'request failed',
        method: request.method,
        path: request.path,
        code: body.error,
        // Never the error as it is: a database error carries the SQL parameters (see log-sanitiser.ts).
        error: describeError(exception),
      });
    }
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorResponse {
    if (exception instanceof DomainError) {
      const error: DomainError = exception as DomainError;
      const details = error.details;
      return {
        statusCode: httpStatusFor(error.code),
        error: error.code,
        message: error.message,
        ...(Object.keys(details).length > 0 ? { details: { ...details } } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message =
        typeof res === 'string'
          ? res
          : typeof (res as { message?: unknown }).message === 'string'
            ? (res as { message: string }).message
            : exception.message;
      return {
        statusCode: status,
        error: httpCode(status),
        message:
          status === 404 && message.startsWith('Cannot')
            ? `no route ${request.method} ${request.path}`
            : message,
      };
    }
    // body-parser errors (malformed JSON, body too large) are plain errors carrying a status.
    const status = (exception as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: unknown }).type;
      const message =
        type === 'entity.too.large'
          ? 'request body is too large'
          : type === 'entity.parse.failed'
            ? 'request body is not valid JSON'
            : 'request could not be read';
      return { statusCode: status, error: httpCode(status), message };
    }
    return {
      statusCode: 500,
      error: 'INTERNAL_ERROR',
      message: 'something went wrong on our side; it has been logged',
    };
  }
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_ERROR';
  }
}
