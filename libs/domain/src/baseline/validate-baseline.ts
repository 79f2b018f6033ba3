/*
 * Completeness rules for the baseline (BPSS) declaration: identity document, right-to-work and nationality
 * evidence, 3 years of employment with gaps explained, unspent convictions, and every stay abroad of 6 months or
 * more in the last 3 years accounted for (the figures are the case's BaselinePolicy; these are the defaults). Problems are located by dotted paths, like the questionnaire's, and use
 * its collector and history rules so the two forms agree on what a usable date or gap is.
 */
import { addDays, addMonths, addYears, compareIsoDates, requireIsoDate } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';
import type { Fields } from '../questionnaire/validate-questionnaire';
import { ProblemCollector, at, checkEmployment, checkHistory } from '../questionnaire/validate-questionnaire';
import type {
  BaselineDeclaration,
  BaselineDeclarationDraft,
  BaselinePolicy,
  BaselineProblem,
} from './baseline.types';
import {
  DEFAULT_BASELINE_POLICY,
  IDENTITY_DOCUMENT_KINDS,
  RIGHT_TO_WORK_EVIDENCE_KINDS,
} from './baseline.types';

/**
 * Every reason the declaration cannot be accepted as of `asOf` (the submission date); empty when it is complete.
 * Throws RangeError if asOf is not a real date: it comes from the system, never from the applicant.
 */
export function validateBaselineDeclaration(
  declaration: BaselineDeclarationDraft,
  asOf: IsoDate,
  policy: BaselinePolicy = DEFAULT_BASELINE_POLICY,
): BaselineProblem[] {
  requireIsoDate(asOf, 'asOf');
  const c = new ProblemCollector(asOf);
  // Defensive: the declaration crosses the wire, so its static type is not trusted.
  const root: unknown = declaration;
  const fields = c.object(root, '', 'the declaration');
  if (!fields) return c.problems;
  checkChoice(c, fields.identity, 'identity', 'documentKind', IDENTITY_DOCUMENT_KINDS, 'documentReference');
  checkChoice(
    c,
    fields.rightToWork,
    'rightToWork',
    'evidenceKind',
    RIGHT_TO_WORK_EVIDENCE_KINDS,
    'evidenceReference',
  );
  checkHistory(c, fields.employment, 'employment', 'employment period', policy, checkEmployment);
  checkConvictions(c, fields.convictions);
  checkAbroad(c, fields.abroad, policy);
  return c.problems;
}

/** True when the declaration has no problems as of `asOf`. */
export function completeBaselineDeclaration(
  declaration: BaselineDeclarationDraft,
  asOf: IsoDate,
  policy: BaselinePolicy = DEFAULT_BASELINE_POLICY,
): declaration is BaselineDeclaration {
  return validateBaselineDeclaration(declaration, asOf, policy).length === 0;
}

/** A section naming one kind from a fixed list and the document's reference. */
function checkChoice(
  c: ProblemCollector,
  value: unknown,
  section: string,
  kindKey: string,
  kinds: readonly string[],
  referenceKey: string,
): void {
  const fields = c.object(value, section, `the ${section} section`);
  if (!fields) return;
  const kind = fields[kindKey];
  if (kind === undefined || kind === null) {
    c.report(at(section, kindKey), 'REQUIRED', `${kindKey} is required`);
  } else if (typeof kind !== 'string' || !kinds.includes(kind)) {
    c.report(at(section, kindKey), 'INVALID_VALUE', `${kindKey} must be one of ${kinds.join(', ')}`);
  }
  c.text(fields, referenceKey, section);
}

function checkConvictions(c: ProblemCollector, value: unknown): void {
  const fields = c.object(value, 'convictions', 'the convictions section');
  if (!fields) return;
  const hasUnspent = c.boolean(fields, 'hasUnspent', 'convictions');
  // Details are needed exactly when there is something to declare.
  if (hasUnspent === true) c.text(fields, 'details', 'convictions');
}

function checkAbroad(c: ProblemCollector, value: unknown, policy: BaselinePolicy): void {
  const fields = c.object(value, 'abroad', 'the time abroad section');
  if (!fields) return;
  const livedAbroad = c.boolean(fields, 'livedAbroad', 'abroad');
  const periods = c.list(fields.periods, 'abroad.periods', 'periods', { absentMeansEmpty: true });
  if (periods === null || livedAbroad === null) return;
  if (livedAbroad && periods.length === 0) {
    c.report(
      'abroad.periods',
      'REQUIRED',
      `list each stay abroad of ${policy.abroadMinimumMonths} months or more`,
    );
  }
  if (!livedAbroad && periods.length > 0) {
    c.report('abroad.livedAbroad', 'INVALID_VALUE', 'you listed stays abroad, so answer yes');
  }
  const windowStart = addYears(c.asOf, -policy.abroadYears);
  for (const [period, path] of c.entries(periods, 'abroad.periods', 'stay abroad')) {
    checkPeriodAbroad(c, period, path, windowStart, policy);
  }
}

function checkPeriodAbroad(
  c: ProblemCollector,
  period: Fields,
  path: string,
  windowStart: IsoDate,
  policy: BaselinePolicy,
): void {
  const country = c.country(period, 'country', path);
  if (country === 'GB') c.report(at(path, 'country'), 'NOT_ABROAD', 'a stay abroad cannot be in the UK');
  c.text(period, 'reason', path);
  const span = c.period(period, path, { openEnded: false, notBeforeBirth: false });
  if (!span || span.to === null) return;
  if (compareIsoDates(span.to, windowStart) < 0) {
    c.report(
      at(path, 'to'),
      'INVALID_VALUE',
      `this stay ended before ${windowStart}; only the last ${policy.abroadYears} years are asked for`,
    );
  }
  // A stay from 1 January to 30 June is six whole months: compare with the day after it ends.
  if (compareIsoDates(addMonths(span.from, policy.abroadMinimumMonths), addDays(span.to, 1)) > 0) {
    c.report(
      at(path, 'to'),
      'INVALID_VALUE',
      `this stay is shorter than ${policy.abroadMinimumMonths} months; list only longer stays`,
    );
  }
}
