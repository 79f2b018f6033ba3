export * from './eligibility.types';
export { DEFAULT_ELIGIBILITY_POLICY, validateEligibilityPolicy } from './eligibility-policy';
export type { AgeCheck } from './age.rule';
export { ageOn, checkAge } from './age.rule';
export type { NationalityCheck } from './nationality.rule';
export { checkNationality } from './nationality.rule';
export { assessResidence } from './residence.rule';
export { validateAddressHistory } from './address-history';
export { screenEligibility } from './screening';
