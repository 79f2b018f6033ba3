/** The record checks a DV case runs in parallel once the questionnaire is accepted (DOMAIN.md, stage 5). */
export const DV_CHECK_TYPES = [
  'DEPARTMENTAL_RECORDS',
  'CRIMINAL_RECORDS',
  'CREDIT_REFERENCE',
  'SECURITY_SERVICE',
  'FINANCIAL_REVIEW',
  'THIRD_PARTY',
] as const;

/**
 * The record check baseline (BPSS) needs before the questionnaire: a basic criminal record (unspent convictions)
 * and identity check. Its own type, so it is a separate provider request and record_check row from the DV
 * stage's full criminal records check.
 */
export const BASELINE_CHECK_TYPES = ['BASIC_CRIMINAL_RECORD'] as const;

/** Every check type a provider may be asked for. */
export const CHECK_TYPES = [...DV_CHECK_TYPES, ...BASELINE_CHECK_TYPES] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

/** What a provider can say about the subject. */
export const CHECK_OUTCOMES = ['CLEAR', 'TRACE', 'NEEDS_REVIEW'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** True when `value` names a check type. */
export function isCheckType(value: unknown): value is CheckType {
  return typeof value === 'string' && (CHECK_TYPES as readonly string[]).includes(value);
}

/** True when `value` is a provider outcome. */
export function isCheckOutcome(value: unknown): value is CheckOutcome {
  return typeof value === 'string' && (CHECK_OUTCOMES as readonly string[]).includes(value);
}
