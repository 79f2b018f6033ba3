/**
 * What the demo makes: a deterministic list of cases, each with the state it is driven to. Pure, so a test can
 * check that a small demo still covers every stage people look at.
 */

/** Where one demo case is left. */
export type DemoTarget =
  | 'BASELINE_AWAITING'
  | 'QUESTIONNAIRE_SUBMITTED'
  | 'QUESTIONNAIRE_RETURNED'
  | 'RESIDENCY_EXCEPTION_REVIEW'
  | 'INELIGIBLE'
  | 'RECORD_CHECKS'
  | 'INVESTIGATION'
  | 'RECOMMENDATION'
  | 'DECISION'
  | 'GRANTED'
  | 'GRANTED_WITH_CONDITIONS'
  | 'REFUSED'
  | 'WITHDRAWN_BY_APPLICANT'
  | 'WITHDRAWN_BY_SPONSOR';

/** The stage a target leaves the case in. */
export const STAGE_OF_TARGET: Readonly<Record<DemoTarget, string>> = {
  // A new case waits for the applicant's baseline (BPSS) declaration before the questionnaire.
  BASELINE_AWAITING: 'BASELINE_CHECKS',
  QUESTIONNAIRE_SUBMITTED: 'QUESTIONNAIRE',
  QUESTIONNAIRE_RETURNED: 'QUESTIONNAIRE',
  RESIDENCY_EXCEPTION_REVIEW: 'RESIDENCY_EXCEPTION_REVIEW',
  INELIGIBLE: 'INELIGIBLE',
  // Checks run by themselves; a case whose checks all come back clear moves on to investigation.
  RECORD_CHECKS: 'RECORD_CHECKS',
  INVESTIGATION: 'INVESTIGATION',
  RECOMMENDATION: 'RECOMMENDATION',
  DECISION: 'DECISION',
  GRANTED: 'GRANTED',
  GRANTED_WITH_CONDITIONS: 'GRANTED_WITH_CONDITIONS',
  REFUSED: 'REFUSED',
  WITHDRAWN_BY_APPLICANT: 'WITHDRAWN',
  WITHDRAWN_BY_SPONSOR: 'WITHDRAWN',
};

/**
 * One round of twenty: the first fourteen cover every target once (so a small demo still shows every stage),
 * the rest weight the round towards where real caseloads sit (investigation, decisions, the questionnaire).
 */
const ROUND: readonly DemoTarget[] = [
  'GRANTED',
  'INVESTIGATION',
  'BASELINE_AWAITING',
  'DECISION',
  'RECORD_CHECKS',
  'REFUSED',
  'QUESTIONNAIRE_SUBMITTED',
  'RECOMMENDATION',
  'GRANTED_WITH_CONDITIONS',
  'RESIDENCY_EXCEPTION_REVIEW',
  'QUESTIONNAIRE_RETURNED',
  'INELIGIBLE',
  'WITHDRAWN_BY_APPLICANT',
  'WITHDRAWN_BY_SPONSOR',
  'INVESTIGATION',
  'GRANTED',
  'BASELINE_AWAITING',
  'DECISION',
  'INVESTIGATION',
  'GRANTED_WITH_CONDITIONS',
];

/** The officers and sponsors of the embedded default users (libs/config local users). */
export const DEMO_OFFICERS = ['officer-1', 'officer-2'] as const;
export const DEMO_SPONSORS = ['sponsor-1', 'sponsor-2'] as const;

export interface DemoCase {
  /** 1-based, stable across runs: the applicant is `<prefix>-<nnn>`. */
  index: number;
  target: DemoTarget;
  applicantId: string;
  /** null: nobody assigned yet (a team lead's queue shows it as unassigned). */
  officer: string | null;
  sponsorId: string;
  /** The sponsor invites the applicant first, and the applicant applies through the invitation. */
  viaInvitation: boolean;
  /** Whether the applicant answers the voluntary equal-opportunity questions. */
  answersMonitoring: boolean;
}

/** The demo's cases, in the order they are made. */
export function demoPlan(count: number, prefix: string): DemoCase[] {
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new Error(`the number of demo cases must be a whole number from 1 to 1000, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => {
    const target = ROUND[i % ROUND.length] ?? 'GRANTED';
    // Awaiting the applicant's baseline declaration is what an unassigned case looks like, and a case closed
    // at screening never gets an officer; every other case has one (an officer records the baseline outcome).
    const unassigned = target === 'BASELINE_AWAITING' || target === 'INELIGIBLE';
    const officer = unassigned ? null : (DEMO_OFFICERS[i % DEMO_OFFICERS.length] ?? null);
    return {
      index: i + 1,
      target,
      applicantId: `${prefix}-${String(i + 1).padStart(3, '0')}`,
      officer,
      // The sponsor withdrawing must be the case's sponsor; sponsor-1 has the most cases to look at.
      sponsorId: DEMO_SPONSORS[i % 3 === 2 ? 1 : 0] ?? 'sponsor-1',
      // Every case starts from its sponsor's invitation: an applicant cannot name a sponsor (issue 9 item 17).
      viaInvitation: true,
      answersMonitoring: i % 5 !== 4,
    };
  });
}
