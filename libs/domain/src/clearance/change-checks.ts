import type { CheckOutcome, CheckTerminalStatus, CheckType } from '../record-checks';
import type { ChangeKind } from './clearance-rules';

/**
 * Which record checks a reported change of circumstances re-runs on the holder (issue 12 aftercare; DOMAIN.md
 * stage 5 lists the checks). Only the DV check kinds the case ran; never the baseline's BPSS check, which is a
 * pre-employment check and not part of aftercare.
 */
export const CHANGE_CHECKS: Readonly<Record<ChangeKind, readonly CheckType[]>> = {
  // A partner is one of the "third parties named in the questionnaire" (THIRD_PARTY), the Security Service's
  // records are searched for the subject's associations (SECURITY_SERVICE), and the full financial review is
  // "individual and joint with partner" (FINANCIAL_REVIEW): all three are out of date with a new partner.
  NEW_PARTNER: ['THIRD_PARTY', 'SECURITY_SERVICE', 'FINANCIAL_REVIEW'],
  // A co-resident of 18+ is a named third party and an association, but shares no joint finances by default.
  NEW_CO_RESIDENT: ['THIRD_PARTY', 'SECURITY_SERVICE'],
  // Both money checks: the credit file shows new debt or judgments, the review the circumstances behind them.
  FINANCIAL_CHANGE: ['CREDIT_REFERENCE', 'FINANCIAL_REVIEW'],
  // Contact with the police: the full criminal records check (spent and unspent).
  POLICE_CONTACT: ['CRIMINAL_RECORDS'],
  // There is no identity check kind at DV; the department's own records hold the identity and nationality
  // evidence (DEPARTMENTAL_RECORDS), and a second nationality is a Security Service matter (SECURITY_SERVICE).
  NEW_NATIONALITY: ['DEPARTMENTAL_RECORDS', 'SECURITY_SERVICE'],
  // Foreign travel of note is a Security Service matter only.
  FOREIGN_TRAVEL: ['SECURITY_SERVICE'],
};

/** The checks a change of this kind re-runs, in the order DOMAIN.md lists them. */
export function checksForChange(kind: ChangeKind): CheckType[] {
  return [...CHANGE_CHECKS[kind]];
}

/**
 * A record check re-run for a change report, as its review task shows it. `runId` is the opaque id the check
 * runs under (its provider request, record_check row and workflow are keyed by it, apart from the granting
 * case's own checks); the provider is told the subject by the granting case's reference.
 */
export interface ChangeCheck {
  checkType: CheckType;
  runId: string;
  /** RUNNING until the check ends; then how it ended (RESULT, TIMED_OUT, FAILED, CANCELLED). */
  status: 'RUNNING' | CheckTerminalStatus;
  outcome: CheckOutcome | null;
  startedAt: string;
  resolvedAt: string | null;
}

/** True while any of the task's checks has no result yet. */
export function checksStillRunning(checks: readonly Pick<ChangeCheck, 'status'>[] | undefined): boolean {
  return (checks ?? []).some((c) => c.status === 'RUNNING');
}
