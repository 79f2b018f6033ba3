import { addYears, compareIsoDates, isIsoDate } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';

/** Years from a grant to the clearance's review unless policy (CLEARANCE_REVIEW_YEARS) says otherwise. */
export const DEFAULT_CLEARANCE_REVIEW_YEARS = 7;

/**
 * Why a decision's `reviewDueDate` is outside policy, or null when it is fine. An adjudicator may bring the
 * review of a clearance forward, never push it beyond the DV renewal period (`2199-01-01` was once accepted,
 * a clearance that would never be reviewed), and never set it in the past (a clearance born overdue).
 * `today` is the decision day on the UK calendar; the latest allowed date is the default review date.
 */
export function reviewDueDateProblem(
  reviewDueDate: string,
  today: IsoDate,
  renewalYears: number,
): string | null {
  if (!isIsoDate(reviewDueDate)) return 'reviewDueDate must be a real date written YYYY-MM-DD';
  if (compareIsoDates(reviewDueDate, today) < 0) {
    return `reviewDueDate must not be in the past (today is ${today})`;
  }
  const latest = addYears(today, renewalYears);
  if (compareIsoDates(reviewDueDate, latest) > 0) {
    return `reviewDueDate must be no later than ${latest}, the ${renewalYears}-year DV renewal period`;
  }
  return null;
}

/** The calendar date of an instant in the UK, where clearance dates are read (pure; safe in workflow code). */
export function ukDateOf(instant: string): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}
