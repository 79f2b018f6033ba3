import { addYears, compareIsoDates, isIsoDate } from './calendar-date';
import type { IsoDate } from './eligibility.types';

/** How far ahead an intended start date may be: further than this is a typo, not a plan. */
export const INTENDED_START_MAX_YEARS_AHEAD = 2;
/** How far back a date of birth may be. */
export const DATE_OF_BIRTH_MAX_YEARS_AGO = 120;

/** Which window a date on an application must fall in, as of `today`. */
export type ApplicationDateRule = 'BIRTH' | 'PAST_OR_TODAY' | 'INTENDED_START';

/**
 * Dates an application may hold, as of `today`: a birth before today (and at most 120 years ago), address
 * periods that began and ended no later than today, and an intended start from today up to two years ahead.
 * Returns what is wrong in words ("must be …"), or null when the date is acceptable or not a real date (the
 * date format is checked separately).
 */
export function applicationDateProblem(
  rule: ApplicationDateRule,
  date: unknown,
  today: IsoDate,
): string | null {
  if (!isIsoDate(date)) return null;
  switch (rule) {
    case 'BIRTH':
      if (compareIsoDates(date, today) >= 0) return `must be before today (${today})`;
      if (compareIsoDates(date, addYears(today, -DATE_OF_BIRTH_MAX_YEARS_AGO)) < 0) {
        return `must be within the last ${DATE_OF_BIRTH_MAX_YEARS_AGO} years`;
      }
      return null;
    case 'PAST_OR_TODAY':
      return compareIsoDates(date, today) > 0 ? `must not be after today (${today})` : null;
    case 'INTENDED_START': {
      const latest = addYears(today, INTENDED_START_MAX_YEARS_AHEAD);
      if (compareIsoDates(date, today) < 0) return `must not be before today (${today})`;
      if (compareIsoDates(date, latest) > 0) {
        return `must be within ${INTENDED_START_MAX_YEARS_AHEAD} years from today (by ${latest})`;
      }
      return null;
    }
  }
}
