import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { WebAppConfig } from '../../../../libs/config/src';
import { WEB_APP_CONFIG } from '../web-config.token';
import { ApiError, ApiErrorBody, ApiUnavailableError } from './api-error';

/** How a page calls the API: as the signed-in person, with their token. */
export interface ApiCaller {
  accessToken: string;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * The API over HTTP with the signed-in person's bearer token: the web service decides nothing about who may see
 * what, the API does (need-to-know stays in one place). A non-2xx answer becomes an ApiError.
 */
@Injectable()
export class ApiClient {
  constructor(@Inject(WEB_APP_CONFIG) private readonly config: WebAppConfig) {}

  get<T>(
    caller: ApiCaller,
    path: string,
    query: Query = {},
    headers: Record<string, string> = {},
  ): Promise<T> {
    return this.call<T>(caller, 'GET', withQuery(path, query), undefined, headers);
  }

  /** A POST; `idempotencyKey` makes a double-submitted form apply once. */
  post<T>(caller: ApiCaller, path: string, body: object, idempotencyKey?: string): Promise<T> {
    return this.call<T>(caller, 'POST', path, body, {
      'Idempotency-Key':
        idempotencyKey && /^[A-Za-z0-9-]{8,100}$/.test(idempotencyKey) ? idempotencyKey : randomUUID(),
    });
  }

  /** A PUT; `headers` carries what the route reads besides the body (a draft's If-Match). */
  put<T>(caller: ApiCaller, path: string, body: object, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>(caller, 'PUT', path, body, headers);
  }

  /** A download (CSV): the raw text. */
  async text(caller: ApiCaller, path: string, query: Query = {}): Promise<string> {
    const response = await this.send(caller, 'GET', withQuery(path, query), undefined, {});
    const text = await response.text();
    if (!response.ok) throw toApiError(response.status, text);
    return text;
  }

  private async call<T>(
    caller: ApiCaller,
    method: string,
    path: string,
    body: object | undefined,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.send(caller, method, path, body, headers);
    const text = await response.text();
    if (!response.ok) throw toApiError(response.status, text);
    if (text === '') return undefined as T;
    return JSON.parse(text) as T;
  }

  private async send(
    caller: ApiCaller,
    method: string,
    path: string,
    body: object | undefined,
    headers: Record<string, string>,
  ): Promise<Response> {
    try {
      return await fetch(`${this.config.web.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${caller.accessToken}`,
          accept: 'application/json, text/csv',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new ApiUnavailableError(error instanceof Error ? error.message : String(error));
    }
  }
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function toApiError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (typeof body.message === 'string') {
      return new ApiError(status, {
        statusCode: status,
        error: typeof body.error === 'string' ? body.error : 'ERROR',
        message: body.message,
        ...(body.details ? { details: body.details } : {}),
      });
    }
  } catch {
    // Not the API's JSON (a proxy's page, say): described generically below.
  }
  return new ApiError(status, { statusCode: status, error: 'ERROR', message: `the API answered ${status}` });
}
