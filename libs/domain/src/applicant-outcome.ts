import type { IneligibilityReason } from './eligibility';
import type { Stage } from './stage-model';

/** What the applicant is told a decided case came to. */
export interface ApplicantOutcome {
  outcome: 'GRANTED' | 'NOT_GRANTED';
  /** The outcome in plain words, for the applicant's own view (never for email: notices stay discreet). */
  message: string;
  /** The reasons they may be told: the decision's disclosable ones, or the eligibility rules not met. */
  reasons: string[];
}

/** The eligibility rules in words an applicant can act on; published criteria, so they may be told. */
export const INELIGIBILITY_IN_WORDS: Record<IneligibilityReason, string> = {
  UNDER_AGE: 'You will not have reached the minimum age by your intended start date.',
  NOT_BRITISH_CITIZEN: 'You need to be a British citizen.',
  RESIDENCE_SHORTFALL: 'You have not lived in the UK for long enough in recent years.',
  ACTIVE_APPLICATION_EXISTS: 'You already have an application in progress.',
  DISCRETION_NOT_ACKNOWLEDGED: 'You need to agree to keep your application discreet.',
  ADDRESS_HISTORY_INVALID: 'Your address history could not be used; check its dates.',
};

/**
 * The outcome of a decided case as its applicant is told it: granted, or not granted with the reasons they
 * may be told. Only `disclosableReasons` ever reach here: the non-disclosable ones stay in officer views.
 * Null while the case is open, and for a case closed without a decision (withdrawn, lapsed).
 */
export function applicantOutcomeFor(
  stage: Stage,
  disclosableReasons: readonly string[],
  ineligibility: readonly IneligibilityReason[],
): ApplicantOutcome | null {
  switch (stage) {
    case 'GRANTED':
      return { outcome: 'GRANTED', message: 'Your security clearance has been granted.', reasons: [] };
    case 'GRANTED_WITH_CONDITIONS':
      return {
        outcome: 'GRANTED',
        message: 'Your security clearance has been granted with conditions. Your sponsor will explain them.',
        reasons: [],
      };
    case 'REFUSED':
      return {
        outcome: 'NOT_GRANTED',
        message: 'Your security clearance has not been granted.',
        reasons: [...disclosableReasons],
      };
    case 'INELIGIBLE':
      return {
        outcome: 'NOT_GRANTED',
        message: 'Your application cannot go ahead because it does not meet the eligibility rules.',
        reasons: ineligibility.map((reason) => INELIGIBILITY_IN_WORDS[reason]),
      };
    case 'BASELINE_FAILED':
      return {
        outcome: 'NOT_GRANTED',
        message: 'Your application cannot go ahead because it did not pass the baseline checks.',
        reasons: [],
      };
    case 'NOT_SPONSORED':
      // The sponsor's own reason stays in the history: what the applicant hears is only that it did not go ahead.
      return {
        outcome: 'NOT_GRANTED',
        message:
          'Your application cannot go ahead because the sponsor you named did not confirm it. Speak to the person who told you about the post.',
        reasons: [],
      };
    default:
      return null;
  }
}
