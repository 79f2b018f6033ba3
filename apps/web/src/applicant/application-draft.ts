import {
  addYears,
  applicationDateProblem,
  assessResidence,
  checkAge,
  compareIsoDates,
  DATE_OF_BIRTH_MAX_YEARS_AGO,
  DEFAULT_ELIGIBILITY_POLICY,
  INTENDED_START_MAX_YEARS_AHEAD,
  uncoveredRuns,
  validateAddressHistory,
} from '../../../../libs/domain/src';
import type {
  AddressPeriod,
  ApplicationDateRule,
  IsoDate,
  NationalityStatus,
  ResidenceExceptionReason,
} from '../../../../libs/domain/src';
import { isEmail } from 'class-validator';
import type { Answer, DateField, FieldError } from '../common/date-input';
import { dateInputIsEmpty, readDate } from '../common/date-input';
import { govukDate } from '../common/view-filters';
import { isCountryCode } from '../common/countries';
import { sentence } from '../common/web-error.filter';

/**
 * An application in progress, kept in the server-side session (never in an address, a hidden field or a log)
 * until it is sent to the API's POST /applications. Every answer is optional until "Check your answers".
 */
export interface ApplicationDraft {
  /** The API's Idempotency-Key for this application: a double-clicked "Send" makes one case. */
  idempotencyKey: string;
  hasInvitation?: 'yes' | 'no';
  invitationId?: string;
  /**
   * Without an invitation, the sponsor's own reference (the one they see on their sponsorship requests page):
   * the API holds the case until that sponsor confirms it (sent only while hasInvitation is no).
   */
  sponsorReference?: string;
  hasOtherNationality?: 'yes' | 'no';
  givenName?: string;
  familyName?: string;
  email?: string;
  dateOfBirth?: IsoDate;
  intendedStartDate?: IsoDate;
  nationality?: NationalityStatus;
  /** Other nationalities held, ISO codes (sent only while hasOtherNationality is yes). */
  otherNationalities?: string[];
  addresses: AddressPeriod[];
  /** They have said the list of addresses is complete (reset when it changes). */
  addressesDone?: boolean;
  timeAbroadReason?: ResidenceExceptionReason | 'NONE';
  discretionAcknowledged?: boolean;
  /** They have reached "Check your answers": a changed answer goes back there. */
  checking?: boolean;
}

declare module 'express-session' {
  interface SessionData {
    applicationDraft?: ApplicationDraft;
  }
}

/** The question pages, in the order they are asked (under /application/apply/). */
export const STEPS = [
  'invitation',
  'invitation-reference',
  'sponsor-reference',
  'name',
  'email',
  'date-of-birth',
  'start-date',
  'nationality',
  'other-nationalities',
  'which-nationalities',
  'addresses',
  'time-abroad',
  'discretion',
] as const;
export type Step = (typeof STEPS)[number];

export const APPLY_PATH = '/application/apply';
export const CHECK_PATH = `${APPLY_PATH}/check`;

type Body = Record<string, unknown> | undefined;

export const NATIONALITY_WORDS: Record<NationalityStatus, string> = {
  BRITISH_BY_BIRTH: 'British citizen from birth',
  BRITISH_BY_NATURALISATION: 'British citizen by naturalisation',
  NOT_BRITISH: 'Not a British citizen',
};

export const TIME_ABROAD_WORDS: Record<ResidenceExceptionReason | 'NONE', string> = {
  HM_FORCES_SERVICE: 'Serving overseas with HM Forces',
  UK_GOVERNMENT_SERVICE: 'Serving overseas for the UK government',
  STUDY_ABROAD: 'Studying abroad',
  LIVING_ABROAD_WITH_PARENTS: 'Living abroad with my parents',
  NONE: 'None of these',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The API's limits (SubmitApplicationDto).
const NAME_MAX = 100;
const SPONSOR_REFERENCE_MAX = 200;
const SPONSOR_REFERENCE = /^[A-Za-z0-9._:@|-]+$/;
const EMAIL_MAX = 254;

function text(body: Body, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

function fail<T>(...errors: FieldError[]): Answer<T> {
  return { errors };
}

export function newDraft(idempotencyKey: string): ApplicationDraft {
  return { idempotencyKey, addresses: [] };
}

/** Whether they have an invitation reference (radios on their own page: see readInvitationReference). */
export function readInvitation(body: Body): Answer<'yes' | 'no'> {
  const has = text(body, 'hasInvitation');
  return has === 'yes' || has === 'no'
    ? { value: has }
    : fail({ text: 'Select yes if your sponsor gave you an invitation reference', href: '#hasInvitation' });
}

export function readInvitationReference(body: Body): Answer<string> {
  const invitationId = text(body, 'invitationId').toLowerCase();
  if (invitationId === '') return fail({ text: 'Enter your invitation reference', href: '#invitationId' });
  if (!UUID.test(invitationId)) {
    return fail({
      text: 'Enter the invitation reference exactly as your sponsor gave it: 32 letters and numbers in 5 groups',
      href: '#invitationId',
    });
  }
  return { value: invitationId };
}

/** Said when the reference has characters it cannot have (here, or when the API refuses it). */
export const SPONSOR_REFERENCE_CHARACTERS =
  "Sponsor's reference must only include letters, numbers, full stops, underscores, colons, @, | and hyphens";

/**
 * The sponsor's reference, with the API's rule (SubmitApplicationDto): 1 to 200 letters, numbers or . _ : @ | -.
 * Whether it names a real sponsor is not checked, here or by the API, so the page tells no one who sponsors are.
 */
export function readSponsorReference(body: Body): Answer<string> {
  const reference = text(body, 'sponsorReference');
  const href = '#sponsorReference';
  if (reference === '') return fail({ text: "Enter your sponsor's reference", href });
  if (reference.length > SPONSOR_REFERENCE_MAX) {
    return fail({ text: `Sponsor's reference must be ${SPONSOR_REFERENCE_MAX} characters or fewer`, href });
  }
  if (!SPONSOR_REFERENCE.test(reference)) {
    return fail({ text: SPONSOR_REFERENCE_CHARACTERS, href });
  }
  return { value: reference };
}

export function readName(body: Body): Answer<{ givenName: string; familyName: string }> {
  const givenName = text(body, 'givenName');
  const familyName = text(body, 'familyName');
  const errors: FieldError[] = [];
  const check = (value: string, id: string, what: string): void => {
    if (value === '') errors.push({ text: `Enter your ${what}`, href: `#${id}` });
    else if (value.length > NAME_MAX)
      errors.push({
        text: `${sentence(what).slice(0, -1)} must be ${NAME_MAX} characters or fewer`,
        href: `#${id}`,
      });
  };
  check(givenName, 'givenName', 'first name');
  check(familyName, 'familyName', 'last name');
  return errors.length > 0 ? { errors } : { value: { givenName, familyName } };
}

export function readEmail(body: Body): Answer<string> {
  const email = text(body, 'email');
  if (email === '') return fail({ text: 'Enter your email address', href: '#email' });
  // The API's own check (SubmitApplicationDto's @IsEmail), so what passes here is not refused there.
  if (email.length > EMAIL_MAX || !isEmail(email)) {
    return fail({
      text: 'Enter an email address in the correct format, like name@example.com',
      href: '#email',
    });
  }
  return { value: email };
}

/** The window rule screening applies to a date (applicationDateProblem), in words for the question page. */
function dateWindowProblem(
  rule: ApplicationDateRule,
  date: IsoDate,
  today: IsoDate,
  name: string,
): string | null {
  if (applicationDateProblem(rule, date, today) === null) return null;
  switch (rule) {
    case 'BIRTH':
      return compareIsoDates(date, today) >= 0
        ? `${name} must be in the past`
        : `${name} must be within the last ${DATE_OF_BIRTH_MAX_YEARS_AGO} years`;
    case 'INTENDED_START':
      return compareIsoDates(date, today) < 0
        ? `${name} must be today or in the future`
        : `${name} must be within ${INTENDED_START_MAX_YEARS_AHEAD} years from today`;
    case 'PAST_OR_TODAY':
      return `${name} must be today or in the past`;
  }
}

const MINIMUM_AGE = DEFAULT_ELIGIBILITY_POLICY.minimumAge;
const TOO_YOUNG = `You must be ${MINIMUM_AGE} or over on the date you start the job`;

/** Whether someone born on `dateOfBirth` is old enough by `start` (the age rule screening applies). */
function oldEnough(dateOfBirth: IsoDate, start: IsoDate, today: IsoDate): boolean {
  return checkAge(dateOfBirth, start, today, DEFAULT_ELIGIBILITY_POLICY).ok;
}

const DATE_OF_BIRTH: DateField = { id: 'dateOfBirth', enter: 'your date of birth', name: 'Date of birth' };
const START_DATE: DateField = {
  id: 'intendedStartDate',
  enter: 'the date you are due to start the job',
  name: 'The date you start',
};

/**
 * A date of birth: real, in the past, and old enough by the start date (or, before that is known, by the
 * latest start date an application may give).
 */
export function readDateOfBirth(body: Body, draft: ApplicationDraft, today: IsoDate): Answer<IsoDate> {
  const read = readDate(body, DATE_OF_BIRTH);
  if (read.errors) return read;
  const href = '#dateOfBirth-day';
  const problem = dateWindowProblem('BIRTH', read.value, today, DATE_OF_BIRTH.name);
  if (problem) return fail({ text: problem, href });
  const start = draft.intendedStartDate ?? addYears(today, INTENDED_START_MAX_YEARS_AHEAD);
  if (!oldEnough(read.value, start, today)) return fail({ text: TOO_YOUNG, href });
  return read;
}

/** The intended start date: real, from today up to two years ahead, and on or after their 18th birthday. */
export function readStartDate(body: Body, draft: ApplicationDraft, today: IsoDate): Answer<IsoDate> {
  const read = readDate(body, START_DATE);
  if (read.errors) return read;
  const href = '#intendedStartDate-day';
  const problem = dateWindowProblem('INTENDED_START', read.value, today, START_DATE.name);
  if (problem) return fail({ text: problem, href });
  if (draft.dateOfBirth && !oldEnough(draft.dateOfBirth, read.value, today)) {
    return fail({ text: TOO_YOUNG, href });
  }
  return read;
}

export function readNationality(body: Body): Answer<NationalityStatus> {
  const value = text(body, 'nationality');
  return value in NATIONALITY_WORDS
    ? { value: value as NationalityStatus }
    : fail({ text: 'Select whether you are a British citizen', href: '#nationality' });
}

export function readHasOtherNationality(body: Body): Answer<'yes' | 'no'> {
  const has = text(body, 'hasOther');
  return has === 'yes' || has === 'no'
    ? { value: has }
    : fail({ text: 'Select yes if you hold another nationality', href: '#hasOther' });
}

/** Up to two other nationalities, as country codes from the list (never British: that is asked before). */
export function readOtherNationalities(body: Body): Answer<string[]> {
  const codes = ['otherNationality1', 'otherNationality2']
    .map((id) => text(body, id))
    .filter((c) => c !== '');
  if (codes.length === 0) return fail({ text: 'Select your other nationality', href: '#otherNationality1' });
  if (codes.some((c) => !isCountryCode(c) || c === 'GB')) {
    return fail({ text: 'Select a nationality from the list', href: '#otherNationality1' });
  }
  return { value: [...new Set(codes)] };
}

const ADDRESS_FROM: DateField = {
  id: 'from',
  enter: 'the date you started living there',
  name: 'The date you started living there',
};
const ADDRESS_TO: DateField = {
  id: 'to',
  enter: 'the date you stopped living there',
  name: 'The date you stopped living there',
};

/** One period of the address history: a country, when it started, and when it ended (blank: still there). */
export function readAddress(body: Body, today: IsoDate): Answer<AddressPeriod> {
  const errors: FieldError[] = [];
  const country = text(body, 'country');
  if (country === '') errors.push({ text: 'Select the country you lived in', href: '#country' });
  else if (!isCountryCode(country)) errors.push({ text: 'Select a country from the list', href: '#country' });
  const from = readDate(body, ADDRESS_FROM);
  const stillThere = dateInputIsEmpty(body, 'to');
  const to: Answer<IsoDate | null> = stillThere ? { value: null } : readDate(body, ADDRESS_TO);
  errors.push(...(from.errors ?? []), ...(to.errors ?? []));
  if (from.value) {
    const problem = dateWindowProblem('PAST_OR_TODAY', from.value, today, ADDRESS_FROM.name);
    if (problem) errors.push({ text: problem, href: '#from-day' });
  }
  if (from.value && to.value && compareIsoDates(from.value, to.value) > 0) {
    errors.push({
      text: 'The date you stopped living there must be after the date you started',
      href: '#to-day',
    });
  }
  if (errors.length > 0 || from.value === undefined || to.value === undefined) return { errors };
  const period: AddressPeriod = { country, from: from.value, to: to.value };
  // The API checks the history with the same rule; anything it would refuse is refused here first.
  const problems = validateAddressHistory([period], today);
  if (problems.length > 0) return fail({ text: sentence(problems[0] ?? ''), href: '#country' });
  return { value: period };
}

/** The window the address history must cover: the residence window ending today. */
export function addressWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addYears(today, -DEFAULT_ELIGIBILITY_POLICY.residenceWindowYears), to: today };
}

/** The periods, earliest first (the order they are shown in). */
export function sortedAddresses(addresses: readonly AddressPeriod[]): AddressPeriod[] {
  return [...addresses].sort((a, b) => compareIsoDates(a.from, b.from));
}

/**
 * What is missing from the address history: each run of days in the last 10 years no period covers, in words
 * ("from 1 March 2019 to 31 May 2019"). Screening counts such days as time outside the UK, so they are asked for.
 */
export function addressGaps(addresses: readonly AddressPeriod[], today: IsoDate): FieldError[] {
  const window = addressWindow(today);
  if (addresses.length === 0) {
    return [{ text: `Add where you have lived since ${govukDate(window.from)}`, href: '#addresses' }];
  }
  return uncoveredRuns(addresses, window.from, window.to).map((run) => ({
    text:
      run.to === today
        ? `Add where you have lived from ${govukDate(run.from)} to today`
        : `Add where you lived from ${govukDate(run.from)} to ${govukDate(run.to)}`,
    href: '#addresses',
  }));
}

/**
 * Whether the UK residence falls short of the published rule (9 of the last 10 years): then the reason for time
 * abroad is asked, as a listed reason sends a shortfall to an officer instead of refusal. A policy the API is
 * configured with can only be as strict or more lenient, so a shortfall it would see is never left unasked.
 */
export function residenceShortfall(addresses: readonly AddressPeriod[], today: IsoDate): boolean {
  if (addresses.length === 0 || validateAddressHistory([...addresses], today).length > 0) return false;
  return !assessResidence([...addresses], today, DEFAULT_ELIGIBILITY_POLICY).meetsRequirement;
}

export function readTimeAbroad(body: Body): Answer<ResidenceExceptionReason | 'NONE'> {
  const value = text(body, 'timeAbroadReason');
  return value in TIME_ABROAD_WORDS
    ? { value: value as ResidenceExceptionReason | 'NONE' }
    : fail({ text: 'Select why you lived outside the UK, or none of these', href: '#timeAbroadReason' });
}

export function readDiscretion(body: Body): Answer<true> {
  return text(body, 'discretionAcknowledged') === 'yes'
    ? { value: true }
    : fail({
        text: 'Confirm that you will keep your application discreet',
        href: '#discretionAcknowledged',
      });
}

/** Whether a page applies to this application (a follow-up question only after its "yes"). */
export function stepApplies(step: Step, draft: ApplicationDraft, today: IsoDate): boolean {
  switch (step) {
    case 'invitation-reference':
      return draft.hasInvitation === 'yes';
    case 'sponsor-reference':
      return draft.hasInvitation === 'no';
    case 'which-nationalities':
      return draft.hasOtherNationality === 'yes';
    case 'time-abroad':
      return residenceShortfall(draft.addresses, today);
    default:
      return true;
  }
}

/** Whether a page has been answered. */
export function stepAnswered(step: Step, draft: ApplicationDraft, today: IsoDate): boolean {
  switch (step) {
    case 'invitation':
      return draft.hasInvitation !== undefined;
    case 'invitation-reference':
      return !!draft.invitationId;
    case 'sponsor-reference':
      return !!draft.sponsorReference;
    case 'name':
      return !!draft.givenName && !!draft.familyName;
    case 'email':
      return !!draft.email;
    case 'date-of-birth':
      return !!draft.dateOfBirth;
    case 'start-date':
      return !!draft.intendedStartDate;
    case 'nationality':
      return !!draft.nationality;
    case 'other-nationalities':
      return draft.hasOtherNationality !== undefined;
    case 'which-nationalities':
      return (draft.otherNationalities ?? []).length > 0;
    case 'addresses':
      return draft.addressesDone === true && addressGaps(draft.addresses, today).length === 0;
    case 'time-abroad':
      return draft.timeAbroadReason !== undefined;
    case 'discretion':
      return draft.discretionAcknowledged === true;
  }
}

/** The first page that applies and is not answered yet; null when the application is ready to check. */
export function firstUnanswered(draft: ApplicationDraft, today: IsoDate): Step | null {
  return STEPS.find((s) => stepApplies(s, draft, today) && !stepAnswered(s, draft, today)) ?? null;
}

export function stepPath(step: Step): string {
  return `${APPLY_PATH}/${step}`;
}

/** Questions asked only after an answer on the page before (the invitation's reference, or the sponsor's). */
const FOLLOW_UPS: Partial<Record<Step, readonly Step[]>> = {
  invitation: ['invitation-reference', 'sponsor-reference'],
  'other-nationalities': ['which-nationalities'],
};

/**
 * Where to go after answering `after`: the next page that applies; once they have reached "Check your
 * answers", back there (through any page a changed answer now needs, such as the reason for time abroad).
 */
export function nextPath(draft: ApplicationDraft, after: Step, today: IsoDate): string {
  if (draft.checking) {
    // An answer changed from "Check your answers" leads to its follow-up question, answered before or not.
    const followUp = FOLLOW_UPS[after]?.find((s) => stepApplies(s, draft, today));
    if (followUp) return stepPath(followUp);
    const missing = firstUnanswered(draft, today);
    return missing ? stepPath(missing) : CHECK_PATH;
  }
  const next = STEPS.slice(STEPS.indexOf(after) + 1).find((s) => stepApplies(s, draft, today));
  return next ? stepPath(next) : CHECK_PATH;
}

/** The page before `step`, for its back link. */
export function previousPath(draft: ApplicationDraft, step: Step, today: IsoDate): string {
  if (draft.checking) return CHECK_PATH;
  const before = STEPS.slice(0, STEPS.indexOf(step))
    .reverse()
    .find((s) => stepApplies(s, draft, today));
  return before ? stepPath(before) : APPLY_PATH;
}

/** The body of POST /applications (apps/api SubmitApplicationDto). */
export interface ApplicationSubmission {
  givenName: string;
  familyName: string;
  email: string;
  dateOfBirth: IsoDate;
  intendedStartDate: IsoDate;
  nationality: { status: NationalityStatus; otherNationalities: string[] };
  addressHistory: AddressPeriod[];
  residenceExceptionReason: ResidenceExceptionReason | null;
  discretionAcknowledged: boolean;
  invitationId?: string;
  sponsorReference?: string;
}

/** The finished draft as the API takes it; null while a page is unanswered. */
export function toSubmission(draft: ApplicationDraft, today: IsoDate): ApplicationSubmission | null {
  if (firstUnanswered(draft, today) !== null) return null;
  const reason = draft.timeAbroadReason;
  return {
    givenName: draft.givenName ?? '',
    familyName: draft.familyName ?? '',
    email: draft.email ?? '',
    dateOfBirth: draft.dateOfBirth ?? '',
    intendedStartDate: draft.intendedStartDate ?? '',
    nationality: {
      status: draft.nationality ?? 'NOT_BRITISH',
      otherNationalities: draft.hasOtherNationality === 'yes' ? (draft.otherNationalities ?? []) : [],
    },
    addressHistory: sortedAddresses(draft.addresses),
    residenceExceptionReason:
      residenceShortfall(draft.addresses, today) && reason && reason !== 'NONE' ? reason : null,
    discretionAcknowledged: draft.discretionAcknowledged === true,
    ...(draft.hasInvitation === 'yes' && draft.invitationId ? { invitationId: draft.invitationId } : {}),
    ...(draft.hasInvitation === 'no' && draft.sponsorReference
      ? { sponsorReference: draft.sponsorReference }
      : {}),
  };
}

/** The question a page asks, as "Check your answers" and its errors name it. */
export const STEP_NAMES: Record<Step, string> = {
  invitation: 'Invitation',
  'invitation-reference': 'Invitation reference',
  'sponsor-reference': "Sponsor's reference",
  name: 'Name',
  email: 'Email address',
  'date-of-birth': 'Date of birth',
  'start-date': 'Date you start the job',
  nationality: 'British citizenship',
  'other-nationalities': 'Other nationalities',
  'which-nationalities': 'Other nationalities',
  addresses: 'Where you have lived',
  'time-abroad': 'Reason for living outside the UK',
  discretion: 'Keeping your application discreet',
};

const STEP_OF_FIELD: Record<string, Step> = {
  invitationId: 'invitation-reference',
  sponsorReference: 'sponsor-reference',
  givenName: 'name',
  familyName: 'name',
  email: 'email',
  dateOfBirth: 'date-of-birth',
  intendedStartDate: 'start-date',
  nationality: 'nationality',
  addressHistory: 'addresses',
  residenceExceptionReason: 'time-abroad',
  discretionAcknowledged: 'discretion',
};

/** The page that asks for an API field (`addressHistory.2.from` → addresses). */
export function stepOfApiField(field: string): Step | null {
  if (field.startsWith('nationality.otherNationalities')) return 'which-nationalities';
  return STEP_OF_FIELD[field.split(/[.[]/)[0] ?? ''] ?? null;
}

/**
 * The API's 400 on "Check your answers" as the error summary shows it: each problem named by the question it
 * is about, linked to that question's page to change the answer.
 */
export function submissionErrors(fields: readonly { field: string; problems: string[] }[]): FieldError[] {
  return fields.map((f) => {
    const step = stepOfApiField(f.field);
    const problem = f.problems.join('; ') || 'is not right';
    return step
      ? { text: sentence(`${STEP_NAMES[step]}: ${problem}`), href: stepPath(step) }
      : { text: sentence(`${f.field}: ${problem}`), href: CHECK_PATH };
  });
}
