import type { IsoDate } from '../eligibility/eligibility.types';
import type { DraftOf, EmploymentHistory, QuestionnaireProblem } from '../questionnaire/questionnaire.types';

/** Documents that prove who the applicant is (the BPSS identity check). */
export const IDENTITY_DOCUMENT_KINDS = [
  'PASSPORT',
  'PHOTOCARD_DRIVING_LICENCE',
  'NATIONAL_IDENTITY_CARD',
  'BIOMETRIC_RESIDENCE_PERMIT',
] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

/** Evidence of the right to work in the UK and of nationality. */
export const RIGHT_TO_WORK_EVIDENCE_KINDS = [
  'BRITISH_PASSPORT',
  'BIRTH_CERTIFICATE_AND_NATIONAL_INSURANCE',
  'CERTIFICATE_OF_NATURALISATION',
  'SHARE_CODE',
] as const;
export type RightToWorkEvidenceKind = (typeof RIGHT_TO_WORK_EVIDENCE_KINDS)[number];

/** A period spent abroad; BPSS asks for every stay of six months or more in the last three years. */
export interface PeriodAbroad {
  country: string;
  from: IsoDate;
  to: IsoDate;
  /** What the applicant was doing there (work, study, travel, family): the account BPSS asks for. */
  reason: string;
}

/** The applicant's baseline (BPSS) declaration: personal data, sealed wherever it is kept. */
export interface BaselineDeclaration {
  identity: { documentKind: IdentityDocumentKind; documentReference: string };
  rightToWork: { evidenceKind: RightToWorkEvidenceKind; evidenceReference: string };
  /** The last three years, every gap over the policy's limit explained (same rules as the questionnaire's). */
  employment: EmploymentHistory;
  /** Unspent convictions only: spent ones need not be declared at this level. */
  convictions: { hasUnspent: boolean; details: string | null };
  abroad: { livedAbroad: boolean; periods: PeriodAbroad[] };
}

/** A declaration as received: any part may be missing or of the wrong shape. */
export type BaselineDeclarationDraft = DraftOf<BaselineDeclaration>;

/** One reason a declaration cannot be accepted, located by a dotted path ('employment.periods.1.to'). */
export type BaselineProblem = QuestionnaireProblem;

/**
 * The policy values the baseline rules depend on (*policy* in DOMAIN.md: 3 years, 6 months), configured by the
 * BPSS_* variables and fixed in each case when it starts (BaselineState.policy).
 */
export interface BaselinePolicy {
  /** Years the employment history must cover, ending on the submission date. */
  historyYears: number;
  /** The longest run of days the employment history may leave unexplained. */
  maxUnexplainedGapDays: number;
  /** Years back within which stays abroad are asked for. */
  abroadYears: number;
  /** The shortest stay abroad that must be listed, in months. */
  abroadMinimumMonths: number;
}

/** BPSS as published: 3 years of employment, stays abroad of 6 months or more in the last 3 years. */
export const DEFAULT_BASELINE_POLICY: BaselinePolicy = Object.freeze({
  historyYears: 3,
  maxUnexplainedGapDays: 28,
  abroadYears: 3,
  abroadMinimumMonths: 6,
});

/** The officer's outcome of the baseline checks. */
export const BASELINE_OUTCOMES = ['PASS', 'FAIL', 'NEEDS_INFORMATION'] as const;
export type BaselineOutcome = (typeof BASELINE_OUTCOMES)[number];

/** Where the baseline checks stand (the declaration itself is kept sealed in the case history, never here). */
export interface BaselineState {
  status: 'AWAITING' | 'SUBMITTED' | 'NEEDS_INFORMATION' | 'PASSED' | 'FAILED';
  /** How many declarations the applicant has submitted. */
  version: number;
  submittedAt: string | null;
  /** What the officer asked for when the outcome was NEEDS_INFORMATION (shown to the applicant). */
  missingItems: string[];
  /** When the officer last asked for more (applicant chasers count from here). */
  requestedAt: string | null;
  outcome: BaselineOutcome | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /**
   * The figures the declaration is judged by, fixed when the case started (DvPolicy.baseline); absent in cases
   * started before they were configurable, which run under DEFAULT_BASELINE_POLICY.
   */
  policy?: BaselinePolicy;
}

/** The baseline state of a case entering the checks, under the policy it started with (if it recorded one). */
export function awaitingBaseline(policy?: BaselinePolicy): BaselineState {
  return {
    status: 'AWAITING',
    version: 0,
    submittedAt: null,
    missingItems: [],
    requestedAt: null,
    outcome: null,
    decidedBy: null,
    decidedAt: null,
    ...(policy ? { policy } : {}),
  };
}
