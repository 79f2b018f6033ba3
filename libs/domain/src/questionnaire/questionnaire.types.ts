import type { IsoDate } from '../eligibility/eligibility.types';

/** The sections of the DV security questionnaire, in the order the applicant fills them in. */
export const questionnaireSections = [
  'identity',
  'addresses',
  'employment',
  'education',
  'family',
  'partner',
  'coResidents',
  'finances',
  'referees',
  'travel',
] as const;

/** One section key of the questionnaire (see questionnaireSections). */
export type QuestionnaireSection = (typeof questionnaireSections)[number];

/** A name the applicant used before, from `from` (null: from birth) to `to`, both days included. */
export interface PreviousName {
  givenNames: string;
  familyName: string;
  from: IsoDate | null;
  to: IsoDate;
  /** Why it changed: marriage, deed poll, ... */
  reason: string;
}

/** How a nationality was acquired. */
export const NATIONALITY_ACQUISITIONS = [
  'BIRTH',
  'DESCENT',
  'NATURALISATION',
  'REGISTRATION',
  'MARRIAGE',
  'OTHER',
] as const;

/** One way of acquiring a nationality (see NATIONALITY_ACQUISITIONS). */
export type NationalityAcquisition = (typeof NATIONALITY_ACQUISITIONS)[number];

/** A nationality the applicant holds now. */
export interface HeldNationality {
  /** ISO 3166-1 alpha-2 code; 'GB' is British. */
  country: string;
  acquiredBy: NationalityAcquisition;
  /** null when held from birth or not known. */
  acquiredOn: IsoDate | null;
}

/** Where the applicant was born. */
export interface PlaceOfBirth {
  town: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
}

/** Who the applicant is. */
export interface IdentitySection {
  givenNames: string;
  familyName: string;
  previousNames: PreviousName[];
  dateOfBirth: IsoDate;
  placeOfBirth: PlaceOfBirth;
  nationalities: HeldNationality[];
  /** UK National Insurance number, if they have one. */
  nationalInsuranceNumber?: string | null;
}

/**
 * An explanation for days a dated history does not cover, from `from` to `to` (both included). A gap longer than
 * the policy allows is acceptable only when explanations account for it.
 */
export interface GapExplanation {
  from: IsoDate;
  to: IsoDate;
  explanation: string;
}

/** One address, lived at from `from` to `to` (both included; `to` null while still living there). */
export interface QuestionnaireAddress {
  lines: string[];
  town: string;
  /** Required for a UK (GB) address; free text or null elsewhere. */
  postcode: string | null;
  /** ISO 3166-1 alpha-2 code; 'GB' is the UK. */
  country: string;
  from: IsoDate;
  to: IsoDate | null;
}

/** Every address over the history window; periods may overlap (second homes, term-time addresses). */
export interface AddressHistory {
  periods: QuestionnaireAddress[];
  gaps: GapExplanation[];
}

/** What the applicant was doing during an employment period. */
export const EMPLOYMENT_KINDS = ['EMPLOYED', 'SELF_EMPLOYED', 'UNEMPLOYED', 'EDUCATION', 'OTHER'] as const;

/** One kind of employment period (see EMPLOYMENT_KINDS). */
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

/**
 * One period of the employment history. EMPLOYED needs employer and role; every other kind needs an
 * explanation (the business, the school, how they lived). `to` is null for the current period.
 */
export interface EmploymentPeriod {
  kind: EmploymentKind;
  employer: string | null;
  role: string | null;
  explanation: string | null;
  from: IsoDate;
  to: IsoDate | null;
}

/** Every activity over the history window; periods may overlap (two part-time jobs, study while working). */
export interface EmploymentHistory {
  periods: EmploymentPeriod[];
  gaps: GapExplanation[];
}

/** A school, college or university attended. */
export interface EducationEntry {
  establishment: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  from: IsoDate;
  to: IsoDate | null;
  qualification: string | null;
}

/** A parent or sibling. */
export interface Relative {
  name: string;
  dateOfBirth: IsoDate;
  /** ISO 3166-1 alpha-2 code. */
  nationality: string;
  /** ISO 3166-1 alpha-2 code; null only if deceased. */
  countryOfResidence: string | null;
  deceased: boolean;
}

/** The applicant's close family. */
export interface FamilySection {
  parents: Relative[];
  siblings: Relative[];
}

/** A spouse, civil partner or partner the applicant lives with or is in a relationship with. */
export interface Partner {
  name: string;
  dateOfBirth: IsoDate;
  /** ISO 3166-1 alpha-2 code. */
  nationality: string;
  /** When the relationship began. */
  since: IsoDate;
}

/** Someone else aged 16 or over who lives at the applicant's address. */
export interface CoResident {
  name: string;
  dateOfBirth: IsoDate;
  /** ISO 3166-1 alpha-2 code. */
  nationality: string;
  relationship: string;
  since: IsoDate;
}

/** A yes/no financial question; a yes needs details. */
export interface FinancialDeclaration {
  declared: boolean;
  details: string | null;
}

/** A debt the applicant considers significant (beyond a mortgage and ordinary monthly credit). */
export interface SignificantDebt {
  creditor: string;
  /** Outstanding amount in whole pounds sterling. */
  amountGbp: number;
  details: string | null;
}

/** The applicant's financial history. */
export interface FinancesSection {
  bankruptcy: FinancialDeclaration;
  countyCourtJudgment: FinancialDeclaration;
  individualVoluntaryArrangement: FinancialDeclaration;
  significantDebts: SignificantDebt[];
}

/** Someone who can vouch for the applicant; at least one of email and phone. */
export interface Referee {
  name: string;
  /** How they know the applicant: colleague, friend, ... */
  relationship: string;
  knownSince: IsoDate;
  email: string | null;
  phone: string | null;
  isRelative: boolean;
}

/** A trip abroad within the travel window. */
export interface Trip {
  /** ISO 3166-1 alpha-2 code; never 'GB'. */
  country: string;
  from: IsoDate;
  to: IsoDate;
  purpose: string;
}

/** The DV security questionnaire as the applicant submits it. */
export interface Questionnaire {
  identity: IdentitySection;
  addresses: AddressHistory;
  employment: EmploymentHistory;
  education: EducationEntry[];
  family: FamilySection;
  /** Absent or null: no partner. */
  partner?: Partner | null;
  coResidents: CoResident[];
  finances: FinancesSection;
  referees: Referee[];
  travel: Trip[];
}

/** T with every field, at every depth, optional or null ("not answered yet"): what a draft may hold. */
export type DraftOf<T> = T extends (infer U)[]
  ? DraftOf<U>[]
  : T extends object
    ? { [K in keyof T]?: DraftOf<T[K]> | null }
    : T;

/** A questionnaire in progress: any part may still be missing. */
export type QuestionnaireDraft = DraftOf<Questionnaire>;

/** Why a questionnaire cannot be submitted yet. */
export type QuestionnaireProblemCode =
  | 'REQUIRED'
  | 'INVALID_TYPE'
  | 'INVALID_VALUE'
  | 'INVALID_DATE'
  | 'INVALID_COUNTRY'
  | 'INVALID_FORMAT'
  | 'FUTURE_DATE'
  | 'BEFORE_BIRTH'
  | 'DATES_OUT_OF_ORDER'
  | 'UNEXPLAINED_GAP'
  | 'CONTACT_REQUIRED'
  | 'NOT_ABROAD'
  | 'NOT_ENOUGH_REFEREES';

/** One thing to fix, located by a dotted path into the questionnaire, e.g. 'addresses.periods.2.to'. */
export interface QuestionnaireProblem {
  path: string;
  code: QuestionnaireProblemCode;
  message: string;
}

/** One item an officer asks the applicant to fix when returning the questionnaire. */
export interface ItemToFix {
  section: QuestionnaireSection;
  /** Free-form pointer into the section, e.g. 'periods.3' or 'gap 2019-03 to 2019-07'. */
  item: string;
  note: string;
}

/** The items an officer lists when returning the questionnaire. */
export type ItemsToFix = ItemToFix[];

/** The policy values the questionnaire rules depend on; see DEFAULT_QUESTIONNAIRE_POLICY. */
export interface QuestionnairePolicy {
  /** Years the address and employment histories must cover, ending on the submission date. */
  historyYears: number;
  /** The longest run of days a history may leave unaccounted for without an explanation. */
  maxUnexplainedGapDays: number;
  /** Referees needed who are not relatives and have known the applicant long enough. */
  minimumReferees: number;
  /** Years a referee must have known the applicant. */
  minimumRefereeYears: number;
}
