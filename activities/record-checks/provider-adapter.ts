import { ApplicationFailure } from '@temporalio/common';
import type { ProviderMode } from '../../libs/contracts/src/record-check.types';
import type { CheckOutcome, CheckType } from '../../libs/domain/src/record-checks';

/** A request to run one check. The subject is an opaque reference (the case id), never a name. */
export interface ProviderCheckRequest {
  caseId: string;
  checkType: CheckType;
  /** The provider's idempotency key: the same checkId must give back the same providerRef. */
  checkId: string;
  subject: { reference: string };
  /** Which attempt this is (1 first); lets the simulated provider script an outage. */
  attempt?: number;
}

/** The provider accepted the request; it will call back, or wants to be polled. */
export interface ProviderCheckAccepted {
  providerRef: string;
  mode: ProviderMode;
}

/** A provider's answer to a poll. */
export type ProviderPollResult =
  { status: 'PENDING' } | { status: 'DONE'; outcome: CheckOutcome; detail?: string };

/** What every record-check provider offers, whether simulated or a partner over HTTP. */
export interface ProviderAdapter {
  /** Asks the provider to run a check; throws ProviderUnavailableError or ProviderRejectedError. */
  requestCheck(request: ProviderCheckRequest): Promise<ProviderCheckAccepted>;
  /** Asks whether a check is done; same errors as requestCheck. */
  pollCheck(providerRef: string): Promise<ProviderPollResult>;
}

/** The provider could not be reached or answered with a transient failure: try again later. */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

/** The provider refused the request for good (bad request, unknown reference): retrying cannot help. */
export class ProviderRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderRejectedError';
  }
}

/** Failure types the record-check activities raise. */
export const PROVIDER_UNAVAILABLE_FAILURE = 'ProviderUnavailable';
export const PROVIDER_REJECTED_FAILURE = 'ProviderRejected';

// Anything else (a bug, a surprise from a library) stays retryable: giving up on a check is a decision for a
// person, not for an unexpected exception.
/** The one place provider errors become Temporal failures: unavailable is retried, rejected is not. */
export function toActivityFailure(error: unknown): ApplicationFailure {
  if (error instanceof ProviderRejectedError) {
    return ApplicationFailure.create({
      type: PROVIDER_REJECTED_FAILURE,
      message: error.message,
      nonRetryable: true,
    });
  }
  if (error instanceof ProviderUnavailableError) {
    return ApplicationFailure.create({ type: PROVIDER_UNAVAILABLE_FAILURE, message: error.message });
  }
  const message = error instanceof Error ? error.message : String(error);
  return ApplicationFailure.create({
    type: PROVIDER_UNAVAILABLE_FAILURE,
    message: `unexpected provider error: ${message}`,
    ...(error instanceof Error ? { cause: error } : {}),
  });
}
