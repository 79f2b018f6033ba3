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
import { SIGNATURE_HEADER, signProviderMessage } from './provider-signature';

/** What the HTTP adapter needs besides the provider's own settings. */
export interface HttpProviderOptions {
  /** This API's public base URL; when set, requests carry the callback URL for the provider. */
  callbackBaseUrl: string | null;
}

/** The JSON body POSTed to a provider to request a check (the README documents it for partners). */
export interface HttpCheckRequestBody {
  checkId: string;
  caseId: string;
  checkType: string;
  subject: { reference: string };
  callbackUrl?: string;
}

const MAX_REF_LENGTH = 200;
const MAX_DETAIL_LENGTH = 2000;
// Worth retrying: timeouts, "too early", throttling and every server-side failure.
const TRANSIENT_STATUSES = new Set([408, 425, 429]);

// The checkId goes as Idempotency-Key because an activity retry after a lost response must not start a second
// check. Network errors, timeouts, 408/425/429 and 5xx are unavailable (retried); other 4xx are rejections.
/** A partner reached over HTTPS, in the contract the README documents (signed requests, callback or poll). */
export function createHttpProvider(
  config: HttpProviderConfig,
  options: HttpProviderOptions,
): ProviderAdapter {
  const call = async (url: string, init: RequestInit): Promise<{ status: number; body: unknown }> => {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(config.requestTimeoutMs) });
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'error';
      throw new ProviderUnavailableError(`provider ${config.name} could not be reached (${reason})`);
    }
    const text = await response.text().catch(() => '');
    if (response.status >= 500 || TRANSIENT_STATUSES.has(response.status)) {
      throw new ProviderUnavailableError(`provider ${config.name} answered ${response.status}`);
    }
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
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
      const { status, body: answer } = await call(config.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Idempotency-Key': request.checkId,
          [SIGNATURE_HEADER]: signProviderMessage(config.secret, body),
        },
        body,
      });
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
      const { status, body: answer } = await call(`${config.url}/${encodeURIComponent(providerRef)}`, {
        method: 'GET',
        headers: {
          Accept: 'application/json',
          [SIGNATURE_HEADER]: signProviderMessage(config.secret, providerRef),
        },
      });
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

/** True for a providerRef we are willing to store and echo: printable, at most 200 characters. */
export function isProviderRef(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_REF_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}

function isMode(value: unknown): value is ProviderMode {
  return value === 'callback' || value === 'poll';
}
