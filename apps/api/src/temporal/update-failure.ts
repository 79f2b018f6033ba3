import type { Logger } from '@nestjs/common';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../../../libs/domain/src';
import type { DomainErrorDetails } from '../../../../libs/domain/src';
import { TemporalSilence } from './temporal-budget';

/**
 * What a client is told when Temporal did not answer. An update that no worker has accepted is not durable (it
 * is lost if Temporal restarts), so nothing is promised: the action is not applied, and a retry with the same
 * Idempotency-Key applies it at most once (the key is the update's id) or returns the result if it did land.
 */
export function unansweredError(
  details: DomainErrorDetails,
  silence: TemporalSilence,
  keyed: boolean,
): DomainError {
  const retry = keyed
    ? 'Retry with the same Idempotency-Key: a retry applies it at most once, or returns its result if it landed meanwhile.'
    : 'Retry with an Idempotency-Key header so that a retry can never apply it twice.';
  if (silence.silence === 'TEMPORAL_DOWN') {
    return new DomainError(
      'TEMPORAL_UNAVAILABLE',
      `the workflow service (Temporal) is not answering, so the action has not been applied. ${retry}`,
      details,
    );
  }
  return new DomainError(
    'WORKER_UNAVAILABLE',
    `no case worker answered within ${silence.budgetMs} ms, so the action has not been applied; it is not queued. ${retry}`,
    details,
  );
}

/** What differs between the case and the clearance actions when an update fails. */
export interface UpdateFailureContext<R extends { code: string }> {
  /** 'case' or 'clearance', for log messages. */
  what: string;
  /** The subject as error details and log fields, e.g. `{ caseId }`. */
  subject: DomainErrorDetails & Record<string, string>;
  action: string;
  /** Whether the request carried an Idempotency-Key (what a retry should do). */
  keyed: boolean;
  /** The ApplicationFailure type the workflow's validator rejects with. */
  rejectionType: string;
  refusal: (rejection: R) => DomainError;
  /** The workflow no longer runs. */
  notFound: () => DomainError;
  logger: Logger;
}

/** Turns a failed workflow update into the DomainError the client sees, logging what operators need. */
export function translateUpdateFailure<R extends { code: string }>(
  error: unknown,
  context: UpdateFailureContext<R>,
): DomainError {
  const { what, subject, action, logger } = context;
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type === context.rejectionType) {
      const rejection = cause.details?.[0] as R | undefined;
      if (rejection) {
        logger.log({ message: `${what} action refused`, ...subject, action, code: rejection.code });
        return context.refusal(rejection);
      }
    }
  }
  if (error instanceof WorkflowNotFoundError) return context.notFound();
  if (error instanceof TemporalSilence) {
    logger.warn({ message: `${what} action unanswered`, ...subject, action, silence: error.silence });
    return unansweredError(subject, error, context.keyed);
  }
  if (error instanceof ServiceError || isGrpcServiceError(error)) {
    return new DomainError(
      'TEMPORAL_UNAVAILABLE',
      'the workflow service is unavailable; try again shortly',
      subject,
    );
  }
  logger.error({ message: `unexpected error applying ${what} action`, ...subject, error: String(error) });
  return new DomainError(
    'TEMPORAL_UNAVAILABLE',
    'the action could not be applied; try again shortly',
    subject,
  );
}
