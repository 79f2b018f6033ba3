import { addMonths, birthdayAtAge, compareIsoDates, requireIsoDate } from './calendar-date';
import type { EligibilityPolicy, IsoDate } from './eligibility.types';

/** The outcome of the age rule, with the ages it was judged on. */
export interface AgeCheck {
  ok: boolean;
  ageAtStart: number;
  ageAtApplication: number;
}

/**
 * Completed years of age on a date (negative if `on` is before the birth); someone born on 29 February turns
 * a year older on 1 March in non-leap years. Throws RangeError on an invalid date.
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const born = requireIsoDate(dateOfBirth, 'dateOfBirth');
  const day = requireIsoDate(on, 'on');
  const birthdayStillToCome = day.month < born.month || (day.month === born.month && day.day < born.day);
  return day.year - born.year - (birthdayStillToCome ? 1 : 0);
}

/**
 * Age rule, as published: minimumAge by the intended start date. An extra policy, off (null) by default, also
 * limits how young an applicant may apply: they must reach minimumAge within underageApplicationWindowMonths
 * of applying (6: a 17-year-old may apply if they turn 18 within six months; 0: they must be 18 to apply).
 * Throws RangeError on an invalid date.
 */
export function checkAge(
  dateOfBirth: IsoDate,
  intendedStartDate: IsoDate,
  asOf: IsoDate,
  policy: EligibilityPolicy,
): AgeCheck {
  const ageAtStart = ageOn(dateOfBirth, intendedStartDate);
  const ageAtApplication = ageOn(dateOfBirth, asOf);
  const window = policy.underageApplicationWindowMonths;
  const oldEnoughToApply =
    window === null ||
    window === undefined ||
    ageAtApplication >= policy.minimumAge ||
    compareIsoDates(birthdayAtAge(dateOfBirth, policy.minimumAge), addMonths(asOf, window)) <= 0;
  return { ok: ageAtStart >= policy.minimumAge && oldEnoughToApply, ageAtStart, ageAtApplication };
}
