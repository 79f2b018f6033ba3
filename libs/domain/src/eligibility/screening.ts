/*
 * Eligibility screening. Every rule runs; every reason found is reported, in this order:
 *   1. age          UNDER_AGE                     (checkAge)
 *   2. nationality  NOT_BRITISH_CITIZEN           (checkNationality; flags DUAL_NATIONAL, NATURALISED)
 *   3. residence    ADDRESS_HISTORY_INVALID       (validateAddressHistory; then residence is null)
 *                   or RESIDENCE_SHORTFALL        (assessResidence), unless a listed exception reason is
 *                   given: then no reason, but the flag RESIDENCE_EXCEPTION_CLAIMED
 *   4. one active application  ACTIVE_APPLICATION_EXISTS
 *   5. discretion   DISCRETION_NOT_ACKNOWLEDGED
 * Outcome: any reason -> INELIGIBLE; otherwise a claimed residence exception -> EXCEPTION_REVIEW; otherwise
 * ELIGIBLE. An officer only reviews an exception that is the sole obstacle.
 */
import { validateAddressHistory } from './address-history';
import { checkAge } from './age.rule';
import { requireIsoDate } from './calendar-date';
import { validateEligibilityPolicy } from './eligibility-policy';
import type {
  EligibilityApplication,
  EligibilityFlag,
  EligibilityPolicy,
  EligibilityResult,
  IneligibilityReason,
  ResidenceAssessment,
  ResidenceExceptionReason,
  ScreeningContext,
} from './eligibility.types';
import { RESIDENCE_EXCEPTION_REASONS } from './eligibility.types';
import { checkNationality } from './nationality.rule';
import { assessResidence } from './residence.rule';

const FLAG_ORDER: readonly EligibilityFlag[] = [
  'DUAL_NATIONAL',
  'NATURALISED',
  'RESIDENCE_EXCEPTION_CLAIMED',
];

function isListedExceptionReason(value: unknown): value is ResidenceExceptionReason {
  return (RESIDENCE_EXCEPTION_REASONS as readonly unknown[]).includes(value);
}

/**
 * Screens an application against the policy as of ctx.asOf (see the rule order above). Throws RangeError if
 * asOf, the date of birth or the start date is not a real date, or the policy is invalid: the API and the
 * configuration loader reject those before a case exists, so reaching here with them is a bug.
 */
export function screenEligibility(
  app: EligibilityApplication,
  policy: EligibilityPolicy,
  ctx: ScreeningContext,
): EligibilityResult {
  requireIsoDate(ctx.asOf, 'asOf');
  const policyProblems = validateEligibilityPolicy(policy);
  if (policyProblems.length > 0) {
    throw new RangeError(`invalid eligibility policy: ${policyProblems.join('; ')}`);
  }

  const reasons: IneligibilityReason[] = [];
  const flags = new Set<EligibilityFlag>();

  if (!checkAge(app.dateOfBirth, app.intendedStartDate, ctx.asOf, policy).ok) reasons.push('UNDER_AGE');

  const nationality = checkNationality(app.nationality);
  if (!nationality.ok) reasons.push('NOT_BRITISH_CITIZEN');
  nationality.flags.forEach((flag) => flags.add(flag));

  let residence: ResidenceAssessment | null = null;
  let exceptionClaimed = false;
  if (validateAddressHistory(app.addressHistory, ctx.asOf).length > 0) {
    reasons.push('ADDRESS_HISTORY_INVALID');
  } else {
    residence = assessResidence(app.addressHistory, ctx.asOf, policy);
    if (!residence.meetsRequirement) {
      exceptionClaimed = isListedExceptionReason(app.residenceExceptionReason);
      if (exceptionClaimed) flags.add('RESIDENCE_EXCEPTION_CLAIMED');
      else reasons.push('RESIDENCE_SHORTFALL');
    }
  }

  if (ctx.hasOtherActiveApplication) reasons.push('ACTIVE_APPLICATION_EXISTS');
  if (app.discretionAcknowledged !== true) reasons.push('DISCRETION_NOT_ACKNOWLEDGED');

  const outcome = reasons.length > 0 ? 'INELIGIBLE' : exceptionClaimed ? 'EXCEPTION_REVIEW' : 'ELIGIBLE';
  return { outcome, reasons, flags: FLAG_ORDER.filter((flag) => flags.has(flag)), residence };
}
