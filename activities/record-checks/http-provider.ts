import type { HttpProviderConfig } from '../../libs/config/src/app-config';
import type { ProviderMode } from '../../libs/contracts/src/record-check.types';
import { isCheckOutcome } from '../../libs/domain/src/record-checks';
import type {
  ProviderAdapter,
  ProviderCheckAccepted,
  ProviderCheckRequest,
  ProviderPollResult,
} from './provider-adapter';
import { ProviderRejectedError, ProviderUnavailableError } from './provider-adapter';
import {
  isProviderRef,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  signedHeaders,
  TIMESTAMP_HEADER,
  verifyProviderSignature,
} from '../../libs/providers/src';

/** What the HTTP adapter needs besides the provider's own settings. */
export interface HttpProviderOptions {
  /** This API's public base URL; when set, requests carry the callback URL for the provider. */
  callbackBaseUrl: string | null;
}

/** The JSON body POSTed to a provider to request a check (docs/partner-contract.md documents it for partners). */
export interface HttpCheckRequestBody {
  checkId: string;
  caseId: string;
  checkType: string;
  subject: { reference: string };
  callbackUrl?: string;
}

const MAX_DETAIL_LENGTH = 2000;
// Worth retrying: timeouts, "too early", throttling and every server-side failure.
const TRANSIENT_STATUSES = new Set([408, 425, 429]);

// The checkId goes as Idempotency-Key because an activity retry after a lost response must not start a second
// check. Network errors, timeouts, 408/425/429 and 5xx are unavailable (retried); other 4xx are rejections.
// Every answer we act on (2xx, or a 4xx that ends the check) must be signed by the provider over our request's
// nonce: otherwise anyone on the path could clear a check, or replay an old answer into another one. An answer
// that is not is treated as the provider being unavailable (retried, then TIMED_OUT for an officer), never used.
/** A partner reached over HTTPS, in the contract docs/partner-contract.md documents (signed both ways, callback or poll). */
export function createHttpProvider(
  config: HttpProviderConfig,
  options: HttpProviderOptions,
): ProviderAdapter {
  const call = async (
    url: string,
    init: RequestInit,
    signed: Buffer | string,
    what: string,
  ): Promise<{ status: number; body: unknown }> => {
    const headers = signedHeaders(config.secret, signed);
    const nonce = headers[NONCE_HEADER] ?? '';
    let response: Response;
    let bytes: Buffer;
    try {
      response = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...headers },
        signal: AbortSignal.timeout(config.requestTimeoutMs),
      });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'error';
      throw new ProviderUnavailableError(`provider ${config.name} could not be reached (${reason})`);
    }
    if (response.status >= 500 || TRANSIENT_STATUSES.has(response.status)) {
      throw new ProviderUnavailableError(`provider ${config.name} answered ${response.status}`);
    }
    const answer = {
      timestamp: response.headers.get(TIMESTAMP_HEADER) ?? undefined,
      nonce,
      body: bytes,
    };
    if (
      !verifyProviderSignature(config.secret, answer, response.headers.get(SIGNATURE_HEADER) ?? undefined)
    ) {
      // Status and provider only: the body is untrusted and may carry anything.
      throw new ProviderUnavailableError(
        `provider ${config.name} answered ${what} with ${response.status} without a valid signature; not trusted`,
      );
    }
    let body: unknown = null;
    try {
      body = bytes.length === 0 ? null : JSON.parse(bytes.toString('utf8'));
    } catch {
      body = null;
    }
    return { status: response.status, body };
  };

  return {
    async requestCheck(request: ProviderCheckRequest): Promise<ProviderCheckAccepted> {
      const payload: HttpCheckRequestBody = {
        checkId: request.checkId,
        caseId: request.caseId,
        checkType: request.checkType,
        subject: { reference: request.subject.reference },
        ...(options.callbackBaseUrl
          ? { callbackUrl: `${options.callbackBaseUrl}/providers/${config.name}/callbacks` }
          : {}),
      };
      const body = JSON.stringify(payload);
      const { status, body: answer } = await call(
        config.url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Idempotency-Key': request.checkId,
          },
          body,
        },
        body,
        'a check request',
      );
      if (status < 200 || status > 299) {
        throw new ProviderRejectedError(`provider ${config.name} refused the request with ${status}`);
      }
      const { providerRef, mode } = (answer ?? {}) as { providerRef?: unknown; mode?: unknown };
      if (!isProviderRef(providerRef)) {
        throw new ProviderUnavailableError(
          `provider ${config.name} answered ${status} without a usable providerRef`,
        );
      }
      return { providerRef, mode: isMode(mode) ? mode : config.mode };
    },

    async pollCheck(providerRef: string): Promise<ProviderPollResult> {
      const { status, body: answer } = await call(
        `${config.url}/${encodeURIComponent(providerRef)}`,
        { method: 'GET', headers: { Accept: 'application/json' } },
        providerRef,
        'a poll',
      );
      if (status < 200 || status > 299) {
        throw new ProviderRejectedError(`provider ${config.name} refused the poll with ${status}`);
      }
      const polled = (answer ?? {}) as { status?: unknown; outcome?: unknown; detail?: unknown };
      if (polled.status === 'PENDING') return { status: 'PENDING' };
      if (polled.status === 'DONE' && isCheckOutcome(polled.outcome)) {
        return typeof polled.detail === 'string' && polled.detail !== ''
          ? { status: 'DONE', outcome: polled.outcome, detail: polled.detail.slice(0, MAX_DETAIL_LENGTH) }
          : { status: 'DONE', outcome: polled.outcome };
      }
      throw new ProviderUnavailableError(`provider ${config.name} answered a poll with an unreadable body`);
    },
  };
}

function isMode(value: unknown): value is ProviderMode {
  return value === 'callback' || value === 'poll';
}
