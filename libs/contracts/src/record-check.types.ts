import type { CheckOutcome, CheckResolution, CheckStatus, CheckType } from '../../domain/src/record-checks';

/** How a provider delivers its answer: it calls us back, or we ask it until it is done. */
export type ProviderMode = 'callback' | 'poll';

/** Everything one record-check workflow needs. Timing is configuration, passed in, never read inside. */
export interface RecordCheckInput {
  caseId: string;
  checkType: CheckType;
  /** Stable, opaque idempotency key the provider sees (at most 200 characters); never personal data. */
  checkId: string;
  /** How long the provider may take, from the start of the check, before the check is TIMED_OUT. */
  timeoutMs: number;
  /** How often to ask a provider that works in poll mode. */
  pollIntervalMs: number;
  /** Polls per workflow run before it continues as new, keeping each history short (default 500). */
  pollsPerRun?: number;
  /**
   * The opaque reference the provider knows the subject by, when it is not `caseId`: a check re-run in aftercare
   * runs under its own id (its row, workflow and callbacks apart from the case's) about the granting case's subject.
   */
  subjectRef?: string;
  /** Carried across continue-as-new by the workflow itself; callers never set it. */
  resume?: RecordCheckResume;
}

/** What a record-check workflow hands to its next run when it continues as new. */
export interface RecordCheckResume {
  /** ISO instant at which the check times out; fixed when the first run started. */
  deadline: string;
  provider: string;
  providerRef: string;
  mode: ProviderMode;
  requestedAt: string;
  /** Last progress version written, so the next run's writes keep moving the row forward. */
  version: number;
}

/** How a record check ended, as the case workflow receives it from its child. */
export type RecordCheckResult = CheckResolution & {
  caseId: string;
  checkType: CheckType;
  checkId: string;
  /** Which configured provider handled it (`simulated` for the built-in one); null if none accepted it. */
  provider: string | null;
  providerRef: string | null;
  resolvedAt: string;
};

/** The check as its workflow holds it (the getRecordCheck query). */
export interface RecordCheckState {
  caseId: string;
  checkType: CheckType;
  checkId: string;
  status: CheckStatus;
  provider: string | null;
  providerRef: string | null;
  mode: ProviderMode | null;
  requestedAt: string | null;
  outcome: CheckOutcome | null;
  deadline: string;
}

/** A provider's answer, delivered by the callback webhook as the checkResult signal. */
export interface CheckResultSignal {
  /** Id of the provider_callback row that records this delivery. */
  callbackId: string;
  provider: string;
  providerRef: string;
  outcome: CheckOutcome;
  detail: string | null;
  receivedAt: string;
}

/**
 * What became of one provider callback. DELIVERED: signalled to the running check. DUPLICATE: the check
 * already had its result. UNKNOWN_REF: the check is waiting on a different provider reference.
 * UNKNOWN_CASE: no such check was ever started. CASE_CLOSED: the check had already ended. BAD_SIGNATURE:
 * refused (401). INVALID: signed, but malformed or for a check type the provider does not perform.
 * UNAVAILABLE: Temporal could not be reached; the provider is told to retry (503).
 */
export const CALLBACK_DISPOSITIONS = [
  'DELIVERED',
  'DUPLICATE',
  'UNKNOWN_REF',
  'UNKNOWN_CASE',
  'CASE_CLOSED',
  'BAD_SIGNATURE',
  'INVALID',
  'UNAVAILABLE',
] as const;
export type CallbackDisposition = (typeof CALLBACK_DISPOSITIONS)[number];

/** One row of the provider_callback ledger; `id` makes every write of it idempotent. */
export interface ProviderCallbackRecord {
  id: string;
  receivedAt: string;
  provider: string;
  caseId: string | null;
  checkType: string | null;
  providerRef: string | null;
  outcome: string | null;
  disposition: CallbackDisposition;
}

/** One progress write of a check; the row keeps the highest version, so a late write is a no-op. */
export interface RecordCheckProgress {
  caseId: string;
  checkType: CheckType;
  checkId: string;
  status: CheckStatus;
  outcome: CheckOutcome | null;
  detail: string | null;
  provider: string | null;
  providerRef: string | null;
  mode: ProviderMode | null;
  requestedAt: string | null;
  resolvedAt: string | null;
  version: number;
}

/** Input of the requestCheck activity. */
export interface RequestCheckInput {
  caseId: string;
  checkType: CheckType;
  checkId: string;
  /** The subject's reference when it is not `caseId` (RecordCheckInput.subjectRef). */
  subjectRef?: string;
}

/** A provider accepted the request: its reference for the check and how it will answer. */
export interface RequestCheckAccepted {
  provider: string;
  providerRef: string;
  mode: ProviderMode;
  /** The activity attempt that succeeded (1 unless the provider was unavailable before). */
  attempt: number;
}

/** Input of the pollCheck activity. */
export interface PollCheckInput {
  caseId: string;
  checkType: CheckType;
  providerRef: string;
}

/** A provider's answer to a poll. */
export type PollCheckResult =
  { status: 'PENDING' } | { status: 'DONE'; outcome: CheckOutcome; detail: string | null };
