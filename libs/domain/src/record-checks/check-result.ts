import type { CheckOutcome } from './check-types';

/**
 * Where one check stands. REQUESTING: the provider has not yet accepted the request (it may be retrying
 * through an outage); AWAITING_RESULT: accepted, waiting for a callback or a poll to say DONE. The rest are
 * terminal.
 */
export const CHECK_STATUSES = [
  'REQUESTING',
  'AWAITING_RESULT',
  'RESULT',
  'TIMED_OUT',
  'FAILED',
  'CANCELLED',
] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** The statuses a check ends in. */
export type CheckTerminalStatus = Extract<CheckStatus, 'RESULT' | 'TIMED_OUT' | 'FAILED' | 'CANCELLED'>;

/**
 * How a check ended. RESULT carries the provider's outcome; TIMED_OUT means the provider never answered
 * within the check's timeout; FAILED means the provider refused the request outright (detail says why);
 * CANCELLED means the case closed first. `outcome` is on every variant (null unless RESULT) so callers can
 * read it without narrowing.
 */
export type CheckResolution =
  | { status: 'RESULT'; outcome: CheckOutcome; detail: string | null }
  | { status: 'TIMED_OUT' | 'CANCELLED'; outcome: null; detail: string | null }
  | { status: 'FAILED'; outcome: null; detail: string };

/** True for the statuses a check ends in. */
export function isTerminalCheckStatus(status: CheckStatus): status is CheckTerminalStatus {
  return status !== 'REQUESTING' && status !== 'AWAITING_RESULT';
}

/** The one word a case records for a check: its outcome when it gave one, else the status it ended in. */
export function checkOutcomeWord(result: Pick<CheckResolution, 'status' | 'outcome'>): string {
  return result.status === 'RESULT' && result.outcome ? result.outcome : result.status;
}

// A cancelled check did not clear the subject either, so it answers yes: failing closed is the safe default.
/** True when an officer must look at the check: anything but a CLEAR result (timeouts and refusals too). */
export function needsOfficerReview(result: Pick<CheckResolution, 'status' | 'outcome'>): boolean {
  return outcomeWordNeedsReview(checkOutcomeWord(result));
}

/** The same rule over the recorded word (what the case workflow holds): only CLEAR needs no officer. */
export function outcomeWordNeedsReview(word: string): boolean {
  return word !== 'CLEAR';
}
