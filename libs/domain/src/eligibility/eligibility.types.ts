/** A calendar date written 'YYYY-MM-DD', with no time or zone. */
export type IsoDate = string;

/** How the applicant holds (or does not hold) British citizenship. */
export type NationalityStatus = 'BRITISH_BY_BIRTH' | 'BRITISH_BY_NATURALISATION' | 'NOT_BRITISH';

/** The listed reasons for time abroad that send a residence shortfall to an officer instead of rejection. */
export const RESIDENCE_EXCEPTION_REASONS = [
  'HM_FORCES_SERVICE',
  'UK_GOVERNMENT_SERVICE',
  'STUDY_ABROAD',
  'LIVING_ABROAD_WITH_PARENTS',
] as const;

/** One listed reason for time abroad (see RESIDENCE_EXCEPTION_REASONS). */
export type ResidenceExceptionReason = (typeof RESIDENCE_EXCEPTION_REASONS)[number];

/** Where the applicant lived, from `from` to `to` (both days included); `to` null means they still live there. */
export interface AddressPeriod {
  /** ISO 3166-1 alpha-2 code; 'GB' is the UK. */
  country: string;
  from: IsoDate;
  to: IsoDate | null;
}

/** The applicant's citizenship: their British status and any other nationalities held. */
export interface Nationality {
  status: NationalityStatus;
  /** ISO 3166-1 alpha-2 codes; 'GB' here is ignored. */
  otherNationalities: string[];
}

/** The facts from an application that eligibility screening needs. */
export interface EligibilityApplication {
  dateOfBirth: IsoDate;
  intendedStartDate: IsoDate;
  nationality: Nationality;
  addressHistory: AddressPeriod[];
  /** The applicant's stated reason for time abroad, if any. */
  residenceExceptionReason?: ResidenceExceptionReason | null;
  discretionAcknowledged: boolean;
}

/** The policy values screening depends on; see DEFAULT_ELIGIBILITY_POLICY and validateEligibilityPolicy. */
export interface EligibilityPolicy {
  /** Age the applicant must have reached by the intended start date. */
  minimumAge: number;
  /**
   * Extra policy on the application date. null (the default, as published): none; N: the applicant must reach
   * minimumAge within N months of applying (0: must be minimumAge when applying). Cases started before this
   * was optional carry 0 in their recorded input and keep that rule.
   */
  underageApplicationWindowMonths: number | null;
  /** Years of UK residence required within the window. */
  residenceRequiredYears: number;
  /** Length in years of the look-back window ending on the application date. */
  residenceWindowYears: number;
}

/** Why an application fails screening. */
export type IneligibilityReason =
  | 'UNDER_AGE'
  | 'NOT_BRITISH_CITIZEN'
  | 'RESIDENCE_SHORTFALL'
  | 'ACTIVE_APPLICATION_EXISTS'
  | 'DISCRETION_NOT_ACKNOWLEDGED'
  | 'ADDRESS_HISTORY_INVALID';

/** Facts that do not block eligibility but that later stages need to know. */
export type EligibilityFlag = 'DUAL_NATIONAL' | 'NATURALISED' | 'RESIDENCE_EXCEPTION_CLAIMED';

/** UK residence measured over the window [windowStart, windowEnd], both days included. */
export interface ResidenceAssessment {
  windowStart: IsoDate;
  windowEnd: IsoDate;
  /** Days in the window covered by at least one GB period. */
  ukDays: number;
  /** Calendar length in days of residenceRequiredYears ending on the application date. */
  requiredDays: number;
  /** Days in the window not covered by any period. */
  unaccountedDays: number;
  meetsRequirement: boolean;
}

/** The outcome of screening one application. */
export interface EligibilityResult {
  outcome: 'ELIGIBLE' | 'INELIGIBLE' | 'EXCEPTION_REVIEW';
  /** Every reason that applies, in rule order; empty unless INELIGIBLE. */
  reasons: IneligibilityReason[];
  flags: EligibilityFlag[];
  /** null when the address history is invalid. */
  residence: ResidenceAssessment | null;
}

/** Facts about the moment of screening that are not part of the application. */
export interface ScreeningContext {
  /** The application date; every rule is judged as of this day. */
  asOf: IsoDate;
  hasOtherActiveApplication: boolean;
}
