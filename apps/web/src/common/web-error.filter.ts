import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, ApiUnavailableError } from '../api/api-error';
import { SignInRequiredError } from '../auth/sign-in-required.error';
import { ReasonRequiredError } from '../cases/case-reader.service';
import { caseRef } from '../cases/case.types';
import { endSession } from '../session/session.middleware';

/** What the person is shown; never a stack trace, never the API's JSON. */
interface ErrorPage {
  status: number;
  view:
    'errors/not-found' | 'errors/forbidden' | 'errors/problem' | 'errors/unavailable' | 'errors/server-error';
  title?: string;
  message?: string;
}

/**
 * Every failure becomes a page: signed out or expired → the sign-in page; 403 and 404 → their pages (a case you
 * may not see looks exactly like one that does not exist); a refusal the page did not handle itself (409, 400) →
 * a page saying what the API said, in words; anything else → the GOV.UK "problem with the service" page.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrorFilter');

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof SignInRequiredError) return res.redirect(303, '/sign-in');
    if (error instanceof ApiError && error.status === 401) {
      // The API no longer accepts the token (expired or revoked): the session is over.
      await endSession(req, 'expired').catch(() => undefined);
      return res.redirect(303, '/sign-in');
    }
    if (error instanceof ReasonRequiredError) {
      // Reading outside one's own queue is allowed with a reason, which the API audits: ask for it.
      return res
        .status(403)
        .render('cases/access-reason', { caseId: error.caseId, ref: caseRef(error.caseId) });
    }
    const page = this.pageFor(error);
    if (page.status >= 500) {
      // The kind of failure only: messages can carry what the person typed.
      this.logger.error({ err: { type: error instanceof Error ? error.name : typeof error } }, 'page failed');
    }
    res.status(page.status).render(page.view, page);
  }

  private pageFor(error: unknown): ErrorPage {
    if (isCsrfError(error)) {
      return {
        status: 403,
        view: 'errors/forbidden',
        title: 'This form has expired',
        message:
          'The form you sent was out of date or did not come from this service. Go back, reload the page and try again.',
      };
    }
    const status =
      error instanceof ApiError
        ? error.status
        : error instanceof HttpException
          ? error.getStatus()
          : undefined;
    if (error instanceof ApiUnavailableError) return { status: 503, view: 'errors/unavailable' };
    if (status === 404) return { status: 404, view: 'errors/not-found' };
    if (status === 403) return { status: 403, view: 'errors/forbidden' };
    if (status === 503) return { status: 503, view: 'errors/unavailable' };
    if (status !== undefined && status >= 400 && status < 500) {
      return {
        status,
        view: 'errors/problem',
        title: status === 409 ? 'That cannot be done now' : 'That request could not be completed',
        message:
          error instanceof ApiError ? sentence(error.body.message) : 'Check what you entered and try again.',
      };
    }
    return { status: 500, view: 'errors/server-error' };
  }
}

function isCsrfError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EBADCSRFTOKEN'
  );
}

/** The API's message as a sentence: capitalised, with a full stop. */
export function sentence(message: string): string {
  const text = message.trim();
  if (text === '') return text;
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
