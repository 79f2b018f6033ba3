export * from './eligibility.types';
export { DEFAULT_ELIGIBILITY_POLICY, validateEligibilityPolicy } from './eligibility-policy';
export type { AgeCheck } from './age.rule';
export { ageOn, checkAge } from './age.rule';
export type { NationalityCheck } from './nationality.rule';
export { checkNationality } from './nationality.rule';
export { assessResidence } from './residence.rule';
export { validateAddressHistory } from './address-history';
export { screenEligibility } from './screening';
export type { ApplicationDateRule } from './application-dates';
export {
  applicationDateProblem,
  DATE_OF_BIRTH_MAX_YEARS_AGO,
  INTENDED_START_MAX_YEARS_AHEAD,
} from './application-dates';
// Calendar arithmetic the web's application form needs to judge dates the way screening will.
export { addDays, addYears, compareIsoDates, isIsoDate } from './calendar-date';
