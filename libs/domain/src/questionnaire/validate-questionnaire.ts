/*
 * Completeness and consistency rules for the DV security questionnaire. Every rule runs and every problem is
 * reported, section by section in questionnaireSections order, each located by a dotted path
 * ('addresses.periods.2.to') that matches the API's validation paths, so a form can show it beside the field.
 * Dates must be real YYYY-MM-DD dates, not after asOf, in order, and (for the applicant's own history) not
 * before their birth. The address and employment histories must each account for every day of the last
 * historyYears years: a run of uncovered days longer than maxUnexplainedGapDays needs gap explanations.
 */
import { addYears, compareIsoDates, isIsoDate, requireIsoDate } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';
import type { DatedSpan } from './history-coverage';
import { uncoveredRuns } from './history-coverage';
import { DEFAULT_QUESTIONNAIRE_POLICY, validateQuestionnairePolicy } from './questionnaire-policy';
import type {
  Questionnaire,
  QuestionnaireDraft,
  QuestionnairePolicy,
  QuestionnaireProblem,
  QuestionnaireProblemCode,
} from './questionnaire.types';
import { EMPLOYMENT_KINDS, NATIONALITY_ACQUISITIONS } from './questionnaire.types';

/** A JSON object whose shape is not yet trusted. */
export type Fields = Record<string, unknown>;

const COUNTRY_CODE = /^[A-Z]{2}$/;
const UK_POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;
// HMRC never issues the prefixes BG, GB, NK, KN, TN, NT or ZZ, nor D, F, I, Q, U, V first or O second.
const NI_NUMBER = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d ()-]+$/;

/** The dotted path of `key` under `path`. */
export const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));
/** True for a JSON object (not null, not a list). */
export const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isBlank = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

interface DateRules {
  /** null (or absent) is an answer: "still there", "from birth", "not known". */
  nullable?: boolean;
  /** The applicant's own history cannot start before they were born. */
  notBeforeBirth?: boolean;
}

/**
 * Collects problems while walking a draft whose shape cannot be trusted (it is stored JSON). Shared with the
 * baseline (BPSS) declaration, whose employment history follows the same rules over a shorter window.
 */
export class ProblemCollector {
  readonly problems: QuestionnaireProblem[] = [];
  birth: IsoDate | null = null;

  constructor(readonly asOf: IsoDate) {}

  report(path: string, code: QuestionnaireProblemCode, message: string): void {
    this.problems.push({ path, code, message });
  }

  /** The object at `path`, or null (reported) if it is missing or not an object. */
  object(value: unknown, path: string, what: string): Fields | null {
    if (value === undefined || value === null) {
      this.report(path, 'REQUIRED', `${what} is missing`);
      return null;
    }
    if (!isFields(value)) {
      this.report(path, 'INVALID_TYPE', `${what} must be an object`);
      return null;
    }
    return value;
  }

  /** The list at `path`, or null (reported) if it is missing or not a list; an empty list is an answer. */
  list(
    value: unknown,
    path: string,
    what: string,
    options: { absentMeansEmpty?: boolean } = {},
  ): unknown[] | null {
    if (value === undefined || value === null) {
      if (options.absentMeansEmpty) return [];
      this.report(path, 'REQUIRED', `${what} is missing (an empty list means none)`);
      return null;
    }
    if (!Array.isArray(value)) {
      this.report(path, 'INVALID_TYPE', `${what} must be a list`);
      return null;
    }
    const list: unknown[] = value;
    return list;
  }

  /** Each element of a list that is an object, with its path and position; reports the ones that are not. */
  entries(list: unknown[], path: string, what: string): [Fields, string, number][] {
    return list.flatMap((entry, index): [Fields, string, number][] => {
      const entryPath = at(path, index);
      const fields = this.object(entry, entryPath, `${what} ${index + 1}`);
      return fields ? [[fields, entryPath, index]] : [];
    });
  }

  /** A required, non-blank text field. */
  text(fields: Fields, key: string, path: string): string | null {
    const value = fields[key];
    const fieldPath = at(path, key);
    if (value === undefined || value === null || isBlank(value)) {
      this.report(fieldPath, 'REQUIRED', `${key} is required`);
      return null;
    }
    if (typeof value !== 'string') {
      this.report(fieldPath, 'INVALID_TYPE', `${key} must be text`);
      return null;
    }
    return value;
  }

  /** An optional text field: null, absent or blank is no answer. */
  optionalText(fields: Fields, key: string, path: string): string | null {
    const value = fields[key];
    if (value === undefined || value === null || isBlank(value)) return null;
    if (typeof value !== 'string') {
      this.report(at(path, key), 'INVALID_TYPE', `${key} must be text`);
      return null;
    }
    return value;
  }

  boolean(fields: Fields, key: string, path: string): boolean | null {
    const value = fields[key];
    if (value === undefined || value === null) {
      this.report(at(path, key), 'REQUIRED', `${key} must be answered yes or no`);
      return null;
    }
    if (typeof value !== 'boolean') {
      this.report(at(path, key), 'INVALID_TYPE', `${key} must be true or false`);
      return null;
    }
    return value;
  }

  /** An ISO 3166-1 alpha-2 country code; null (reported) when missing or malformed. */
  country(fields: Fields, key: string, path: string, options: { nullable?: boolean } = {}): string | null {
    const value = fields[key];
    const fieldPath = at(path, key);
    if (value === undefined || value === null || isBlank(value)) {
      if (!options.nullable) this.report(fieldPath, 'REQUIRED', `${key} is required`);
      return null;
    }
    if (value === 'UK') {
      this.report(fieldPath, 'INVALID_COUNTRY', `${key} "UK" is not an ISO 3166-1 code; the UK is "GB"`);
      return null;
    }
    if (typeof value !== 'string' || !COUNTRY_CODE.test(value)) {
      this.report(
        fieldPath,
        'INVALID_COUNTRY',
        `${key} ${JSON.stringify(value)} must be an ISO 3166-1 alpha-2 code like GB`,
      );
      return null;
    }
    return value;
  }

  /** A date that is real, not after asOf and (optionally) not before the applicant's birth; else null. */
  date(fields: Fields, key: string, path: string, rules: DateRules = {}): IsoDate | null {
    const value = fields[key];
    const fieldPath = at(path, key);
    if (value === undefined || value === null) {
      if (!rules.nullable) this.report(fieldPath, 'REQUIRED', `${key} is required`);
      return null;
    }
    if (!isIsoDate(value)) {
      this.report(
        fieldPath,
        'INVALID_DATE',
        `${key} ${JSON.stringify(value)} is not a real date written YYYY-MM-DD`,
      );
      return null;
    }
    if (compareIsoDates(value, this.asOf) > 0) {
      this.report(fieldPath, 'FUTURE_DATE', `${key} ${value} is in the future (today is ${this.asOf})`);
      return null;
    }
    if (rules.notBeforeBirth && this.birth !== null && compareIsoDates(value, this.birth) < 0) {
      this.report(fieldPath, 'BEFORE_BIRTH', `${key} ${value} is before your date of birth ${this.birth}`);
      return null;
    }
    return value;
  }

  /**
   * The `from`/`to` pair of an entry: a DatedSpan when both are usable and in order, else null (reported).
   * `openEnded` lets `to` be null for "still going on".
   */
  period(
    fields: Fields,
    path: string,
    rules: { openEnded: boolean; notBeforeBirth: boolean },
  ): DatedSpan | null {
    const from = this.date(fields, 'from', path, { notBeforeBirth: rules.notBeforeBirth });
    const toMissing = fields.to === undefined || fields.to === null;
    const to = this.date(fields, 'to', path, {
      nullable: rules.openEnded,
      notBeforeBirth: rules.notBeforeBirth,
    });
    if (from === null || (to === null && !(rules.openEnded && toMissing))) return null;
    if (to !== null && compareIsoDates(from, to) > 0) {
      this.report(at(path, 'to'), 'DATES_OUT_OF_ORDER', `to ${to} is before from ${from}`);
      return null;
    }
    return { from, to };
  }
}

/**
 * Every reason the questionnaire (or a draft of it) cannot be submitted as of `asOf`, in section order; empty
 * when it is complete and consistent. Throws RangeError if asOf is not a real date or the policy is invalid:
 * both come from the system, never from the applicant.
 */
export function validateQuestionnaire(
  questionnaire: QuestionnaireDraft,
  asOf: IsoDate,
  policy: QuestionnairePolicy = DEFAULT_QUESTIONNAIRE_POLICY,
): QuestionnaireProblem[] {
  requireIsoDate(asOf, 'asOf');
  const policyProblems = validateQuestionnairePolicy(policy);
  if (policyProblems.length > 0) {
    throw new RangeError(`invalid questionnaire policy: ${policyProblems.join('; ')}`);
  }
  const c = new ProblemCollector(asOf);
  // Defensive: drafts are stored JSON and reach workflows over the wire, so the static type is not trusted.
  const root: unknown = questionnaire;
  if (!isFields(root)) {
    c.report('', 'INVALID_TYPE', 'the questionnaire must be an object');
    return c.problems;
  }
  checkIdentity(c, root.identity);
  checkHistory(c, root.addresses, 'addresses', 'address', policy, checkAddress);
  checkHistory(c, root.employment, 'employment', 'employment period', policy, checkEmployment);
  checkEducation(c, root.education);
  checkFamily(c, root.family);
  checkPartner(c, root.partner);
  checkCoResidents(c, root.coResidents);
  checkFinances(c, root.finances);
  checkReferees(c, root.referees, policy);
  checkTravel(c, root.travel);
  return c.problems;
}

/** True when the questionnaire has no problems as of `asOf`: it is complete and may be submitted. */
export function submittable(
  questionnaire: QuestionnaireDraft,
  asOf: IsoDate,
  policy: QuestionnairePolicy = DEFAULT_QUESTIONNAIRE_POLICY,
): questionnaire is Questionnaire {
  return validateQuestionnaire(questionnaire, asOf, policy).length === 0;
}

function checkIdentity(c: ProblemCollector, value: unknown): void {
  const identity = c.object(value, 'identity', 'the identity section');
  if (!identity) return;
  // First, so every later "before your birth" check has the date to compare with.
  c.birth = c.date(identity, 'dateOfBirth', 'identity');
  c.text(identity, 'givenNames', 'identity');
  c.text(identity, 'familyName', 'identity');

  const previousNames = c.list(identity.previousNames, 'identity.previousNames', 'previousNames');
  for (const [name, path] of c.entries(previousNames ?? [], 'identity.previousNames', 'previous name')) {
    c.text(name, 'givenNames', path);
    c.text(name, 'familyName', path);
    const from = c.date(name, 'from', path, { nullable: true, notBeforeBirth: true });
    const to = c.date(name, 'to', path, { notBeforeBirth: true });
    if (from !== null && to !== null && compareIsoDates(from, to) > 0) {
      c.report(at(path, 'to'), 'DATES_OUT_OF_ORDER', `to ${to} is before from ${from}`);
    }
    c.text(name, 'reason', path);
  }

  const place = c.object(identity.placeOfBirth, 'identity.placeOfBirth', 'placeOfBirth');
  if (place) {
    c.text(place, 'town', 'identity.placeOfBirth');
    c.country(place, 'country', 'identity.placeOfBirth');
  }

  const nationalities = c.list(identity.nationalities, 'identity.nationalities', 'nationalities');
  if (nationalities?.length === 0) {
    c.report('identity.nationalities', 'REQUIRED', 'list at least one nationality you hold');
  }
  for (const [nationality, path] of c.entries(nationalities ?? [], 'identity.nationalities', 'nationality')) {
    c.country(nationality, 'country', path);
    const acquiredBy = nationality.acquiredBy;
    if (acquiredBy === undefined || acquiredBy === null) {
      c.report(at(path, 'acquiredBy'), 'REQUIRED', 'acquiredBy is required');
    } else if (!(NATIONALITY_ACQUISITIONS as readonly unknown[]).includes(acquiredBy)) {
      c.report(
        at(path, 'acquiredBy'),
        'INVALID_VALUE',
        `acquiredBy must be one of ${NATIONALITY_ACQUISITIONS.join(', ')}`,
      );
    }
    c.date(nationality, 'acquiredOn', path, { nullable: true, notBeforeBirth: true });
  }

  const ni = c.optionalText(identity, 'nationalInsuranceNumber', 'identity');
  if (ni !== null && !NI_NUMBER.test(ni.replace(/\s+/g, '').toUpperCase())) {
    c.report(
      'identity.nationalInsuranceNumber',
      'INVALID_FORMAT',
      'nationalInsuranceNumber must look like QQ 12 34 56 C',
    );
  }
}

/** Checks one history entry's own fields; returns its dated span when the dates are usable. */
export type EntryCheck = (c: ProblemCollector, entry: Fields, path: string) => DatedSpan | null;

function checkAddress(c: ProblemCollector, address: Fields, path: string): DatedSpan | null {
  const lines = c.list(address.lines, at(path, 'lines'), 'lines');
  if (lines !== null) {
    if (lines.some((line) => typeof line !== 'string')) {
      c.report(at(path, 'lines'), 'INVALID_TYPE', 'every address line must be text');
    } else if (lines.every(isBlank)) {
      c.report(at(path, 'lines'), 'REQUIRED', 'give at least the first line of the address');
    }
  }
  c.text(address, 'town', path);
  const country = c.country(address, 'country', path);
  if (country === 'GB') {
    const postcode = c.text(address, 'postcode', path);
    if (postcode !== null && !UK_POSTCODE.test(postcode.trim())) {
      c.report(
        at(path, 'postcode'),
        'INVALID_FORMAT',
        `postcode ${JSON.stringify(postcode)} is not a UK postcode`,
      );
    }
  } else {
    c.optionalText(address, 'postcode', path);
  }
  return c.period(address, path, { openEnded: true, notBeforeBirth: true });
}

/** One employment period: EMPLOYED needs employer and role, any other kind an explanation. */
export function checkEmployment(c: ProblemCollector, period: Fields, path: string): DatedSpan | null {
  const kind = period.kind;
  if (kind === undefined || kind === null) {
    c.report(at(path, 'kind'), 'REQUIRED', 'kind is required');
  } else if (!(EMPLOYMENT_KINDS as readonly unknown[]).includes(kind)) {
    c.report(at(path, 'kind'), 'INVALID_VALUE', `kind must be one of ${EMPLOYMENT_KINDS.join(', ')}`);
  } else if (kind === 'EMPLOYED') {
    c.text(period, 'employer', path);
    c.text(period, 'role', path);
  } else {
    c.optionalText(period, 'employer', path);
    c.optionalText(period, 'role', path);
    c.text(period, 'explanation', path);
  }
  return c.period(period, path, { openEnded: true, notBeforeBirth: true });
}

/** A dated history (addresses, employment): its entries, its gap explanations, and its coverage of the window. */
export function checkHistory(
  c: ProblemCollector,
  value: unknown,
  section: 'addresses' | 'employment',
  what: string,
  policy: Pick<QuestionnairePolicy, 'historyYears' | 'maxUnexplainedGapDays'>,
  checkEntry: EntryCheck,
): void {
  const history = c.object(value, section, `the ${section} section`);
  if (!history) return;
  const periodsPath = at(section, 'periods');
  const periods = c.list(history.periods, periodsPath, 'periods');
  if (periods?.length === 0) {
    c.report(periodsPath, 'REQUIRED', `list every ${what} in the last ${policy.historyYears} years`);
  }
  const spans: DatedSpan[] = [];
  for (const [entry, path] of c.entries(periods ?? [], periodsPath, what)) {
    const span = checkEntry(c, entry, path);
    if (span) spans.push(span);
  }
  // Every entry must have given a span: one that is not an object, or has bad dates, gives none.
  let datesUsable = periods !== null && periods.length > 0 && spans.length === periods.length;

  const gapsPath = at(section, 'gaps');
  const gaps = c.list(history.gaps, gapsPath, 'gaps', { absentMeansEmpty: true });
  for (const [gap, path] of c.entries(gaps ?? [], gapsPath, 'gap explanation')) {
    const span = c.period(gap, path, { openEnded: false, notBeforeBirth: false });
    const explained = c.text(gap, 'explanation', path) !== null;
    if (!span) datesUsable = false;
    // An explanation without words accounts for nothing; its problem is already reported.
    else if (explained) spans.push(span);
  }
  if (gaps === null) datesUsable = false;

  // Gaps measured over unusable dates would be noise: the date problems are reported and come first.
  if (!datesUsable) return;
  const windowStart = addYears(c.asOf, -policy.historyYears);
  for (const run of uncoveredRuns(spans, windowStart, c.asOf)) {
    if (run.days <= policy.maxUnexplainedGapDays) continue;
    c.report(
      periodsPath,
      'UNEXPLAINED_GAP',
      `nothing accounts for ${run.from} to ${run.to} (${run.days} days): add the missing ${what} or explain ` +
        `the gap (the ${section} must cover ${windowStart} to ${c.asOf}, with no unexplained gap over ` +
        `${policy.maxUnexplainedGapDays} days)`,
    );
  }
}

function checkEducation(c: ProblemCollector, value: unknown): void {
  const education = c.list(value, 'education', 'the education section');
  for (const [entry, path] of c.entries(education ?? [], 'education', 'education entry')) {
    c.text(entry, 'establishment', path);
    c.country(entry, 'country', path);
    c.period(entry, path, { openEnded: true, notBeforeBirth: true });
    c.optionalText(entry, 'qualification', path);
  }
}

/** The fields every person named in the questionnaire needs. */
function checkPerson(c: ProblemCollector, person: Fields, path: string): void {
  c.text(person, 'name', path);
  c.date(person, 'dateOfBirth', path);
  c.country(person, 'nationality', path);
}

function checkFamily(c: ProblemCollector, value: unknown): void {
  const family = c.object(value, 'family', 'the family section');
  if (!family) return;
  for (const group of ['parents', 'siblings'] as const) {
    const groupPath = at('family', group);
    const relatives = c.list(family[group], groupPath, group);
    for (const [relative, path] of c.entries(
      relatives ?? [],
      groupPath,
      group === 'parents' ? 'parent' : 'sibling',
    )) {
      checkPerson(c, relative, path);
      const deceased = c.boolean(relative, 'deceased', path);
      c.country(relative, 'countryOfResidence', path, { nullable: deceased === true });
    }
  }
}

function checkPartner(c: ProblemCollector, value: unknown): void {
  if (value === undefined || value === null) return;
  const partner = c.object(value, 'partner', 'the partner section');
  if (!partner) return;
  checkPerson(c, partner, 'partner');
  c.date(partner, 'since', 'partner');
}

function checkCoResidents(c: ProblemCollector, value: unknown): void {
  const coResidents = c.list(value, 'coResidents', 'the co-residents section');
  for (const [person, path] of c.entries(coResidents ?? [], 'coResidents', 'co-resident')) {
    checkPerson(c, person, path);
    c.text(person, 'relationship', path);
    c.date(person, 'since', path);
  }
}

function checkFinances(c: ProblemCollector, value: unknown): void {
  const finances = c.object(value, 'finances', 'the finances section');
  if (!finances) return;
  for (const key of ['bankruptcy', 'countyCourtJudgment', 'individualVoluntaryArrangement'] as const) {
    const path = at('finances', key);
    const declaration = c.object(finances[key], path, key);
    if (!declaration) continue;
    if (c.boolean(declaration, 'declared', path) === true) c.text(declaration, 'details', path);
    else c.optionalText(declaration, 'details', path);
  }
  const debtsPath = 'finances.significantDebts';
  const debts = c.list(finances.significantDebts, debtsPath, 'significantDebts');
  for (const [debt, path] of c.entries(debts ?? [], debtsPath, 'debt')) {
    c.text(debt, 'creditor', path);
    const amount = debt.amountGbp;
    if (amount === undefined || amount === null) {
      c.report(at(path, 'amountGbp'), 'REQUIRED', 'amountGbp is required');
    } else if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      c.report(at(path, 'amountGbp'), 'INVALID_VALUE', 'amountGbp must be an amount of pounds, 0 or more');
    }
    c.optionalText(debt, 'details', path);
  }
}

function checkReferees(c: ProblemCollector, value: unknown, policy: QuestionnairePolicy): void {
  const referees = c.list(value, 'referees', 'the referees section');
  if (referees === null) return;
  const knownLongEnoughBy = addYears(c.asOf, -policy.minimumRefereeYears);
  const notCounted: string[] = [];
  let qualifying = 0;
  for (const [referee, path, index] of c.entries(referees, 'referees', 'referee')) {
    const label = `referee ${index + 1}`;
    c.text(referee, 'name', path);
    c.text(referee, 'relationship', path);
    const knownSince = c.date(referee, 'knownSince', path, { notBeforeBirth: true });
    const email = c.optionalText(referee, 'email', path);
    const phone = c.optionalText(referee, 'phone', path);
    if (email === null && phone === null) {
      c.report(path, 'CONTACT_REQUIRED', 'give an email address or a phone number for this referee');
    }
    if (email !== null && !EMAIL.test(email.trim())) {
      c.report(at(path, 'email'), 'INVALID_FORMAT', `email ${JSON.stringify(email)} is not an email address`);
    }
    if (phone !== null && (!PHONE.test(phone.trim()) || (phone.match(/\d/g) ?? []).length < 7)) {
      c.report(at(path, 'phone'), 'INVALID_FORMAT', `phone ${JSON.stringify(phone)} is not a phone number`);
    }
    const isRelative = c.boolean(referee, 'isRelative', path);
    if (isRelative === true) notCounted.push(`${label} is a relative`);
    else if (knownSince !== null && compareIsoDates(knownSince, knownLongEnoughBy) > 0) {
      notCounted.push(
        `${label} has known you since ${knownSince}, less than ${policy.minimumRefereeYears} years`,
      );
    } else if (isRelative === false && knownSince !== null) qualifying += 1;
  }
  if (qualifying < policy.minimumReferees) {
    c.report(
      'referees',
      'NOT_ENOUGH_REFEREES',
      `name at least ${policy.minimumReferees} referees who are not relatives and have known you for at least ` +
        `${policy.minimumRefereeYears} years (since ${knownLongEnoughBy} or earlier); ${qualifying} qualify` +
        (notCounted.length > 0 ? `: ${notCounted.join('; ')}` : ''),
    );
  }
}

function checkTravel(c: ProblemCollector, value: unknown): void {
  const trips = c.list(value, 'travel', 'the travel section');
  for (const [trip, path] of c.entries(trips ?? [], 'travel', 'trip')) {
    if (c.country(trip, 'country', path) === 'GB') {
      c.report(at(path, 'country'), 'NOT_ABROAD', 'list only trips outside the UK');
    }
    c.period(trip, path, { openEnded: false, notBeforeBirth: true });
    c.text(trip, 'purpose', path);
  }
}
