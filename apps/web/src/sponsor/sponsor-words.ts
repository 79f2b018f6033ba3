import type { Stage } from '../../../../libs/domain/src';

/**
 * What a sponsor is told about a case, in plain words. The sponsor may know the stage, the dates and the outcome
 * (DOMAIN.md), never findings, so these say where the case is and nothing about what was found there.
 */
export const SPONSOR_STAGE_WORDS: Record<Stage, string> = {
  AWAITING_SPONSOR: 'Waiting for sponsor confirmation',
  ELIGIBILITY_SCREENING: 'Checking eligibility',
  RESIDENCY_EXCEPTION_REVIEW: 'Reviewing residence history',
  BASELINE_CHECKS: 'Baseline checks',
  QUESTIONNAIRE: 'Questionnaire',
  RECORD_CHECKS: 'Record checks',
  INVESTIGATION: 'Investigation',
  RECOMMENDATION: 'Recommendation being prepared',
  DECISION: 'Awaiting decision',
  GRANTED: 'Decided',
  GRANTED_WITH_CONDITIONS: 'Decided',
  REFUSED: 'Decided',
  INELIGIBLE: 'Closed',
  WITHDRAWN: 'Closed',
  LAPSED: 'Closed',
  BASELINE_FAILED: 'Closed',
  NOT_SPONSORED: 'Closed',
};

/** The outcome of a closed case (the API's `outcome`), in words; null while the case is open. */
export const SPONSOR_OUTCOME_WORDS: Record<string, string> = {
  GRANTED: 'Clearance granted',
  GRANTED_WITH_CONDITIONS: 'Clearance granted with conditions',
  REFUSED: 'Clearance refused',
  INELIGIBLE: 'Not eligible to apply',
  WITHDRAWN: 'Withdrawn',
  LAPSED: 'Lapsed: the applicant did not respond',
  BASELINE_FAILED: 'Did not pass the baseline checks',
  NOT_SPONSORED: 'Not sponsored: the sponsorship request was declined',
};

/** A stage in the sponsor's words (an unknown code, from a newer API, is shown as "In progress"). */
export function sponsorStage(stage: string): string {
  return (SPONSOR_STAGE_WORDS as Record<string, string | undefined>)[stage] ?? 'In progress';
}

/** An outcome in the sponsor's words, or '' while there is none. */
export function sponsorOutcome(outcome: string | null): string {
  if (!outcome) return '';
  return SPONSOR_OUTCOME_WORDS[outcome] ?? 'Closed';
}

/** The clearance lookup's answer (`VALID`, `EXPIRED`, …, or `NONE`) in words, with the tag colour to show it in. */
export function clearanceInWords(status: string): { text: string; colour: string; detail: string } {
  switch (status) {
    case 'VALID':
      return { text: 'Valid', colour: 'green', detail: 'holds a valid DV clearance.' };
    case 'EXPIRED':
      return { text: 'Expired', colour: 'grey', detail: 'held a DV clearance that has expired.' };
    case 'SUSPENDED':
      return { text: 'Suspended', colour: 'orange', detail: 'holds a DV clearance that is suspended.' };
    case 'WITHDRAWN':
    case 'LAPSED':
      return { text: 'Not valid', colour: 'red', detail: 'no longer holds a DV clearance.' };
    default:
      return { text: 'None', colour: 'grey', detail: 'does not hold a DV clearance.' };
  }
}

/**
 * An invitation's status (the API's OPEN, ACCEPTED, LAPSED, WITHDRAWN) as the sponsor says it, with its tag colour:
 * an open invitation is one that was sent and not yet used, a lapsed one expired unused.
 */
export function invitationInWords(status: string): { text: string; colour: string } {
  switch (status) {
    case 'OPEN':
      return { text: 'Sent', colour: 'blue' };
    case 'ACCEPTED':
      return { text: 'Accepted', colour: 'green' };
    case 'LAPSED':
      return { text: 'Expired', colour: 'grey' };
    case 'WITHDRAWN':
      return { text: 'Withdrawn', colour: 'orange' };
    default:
      return { text: 'Unknown', colour: 'grey' };
  }
}
