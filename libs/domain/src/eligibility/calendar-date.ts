import type { IsoDate } from './eligibility.types';

/** A calendar date split into its numeric parts; month and day are 1-based. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A date counted in days from 1970-01-01 (day 0), so date arithmetic is integer arithmetic. */
export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the (proleptic Gregorian) year has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a real calendar date written 'YYYY-MM-DD'; null for anything else, including '2023-02-29'. */
export function parseIsoDate(value: unknown): CalendarDate | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether a value is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  return parseIsoDate(value) !== null;
}

/** Parses a date that must be valid; throws RangeError naming `what` otherwise. */
export function requireIsoDate(value: unknown, what: string): CalendarDate {
  const parsed = parseIsoDate(value);
  if (!parsed) {
    throw new RangeError(`${what} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

/** Formats a calendar date as 'YYYY-MM-DD'. */
export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} cannot be written as YYYY`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Day-number conversions: Howard Hinnant's days_from_civil / civil_from_days, in 400-year eras.
/** The day number of a calendar date. */
export function toDayNumber({ year, month, day }: CalendarDate): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number. */
export function fromDayNumber(dayNumber: DayNumber): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number of a 'YYYY-MM-DD' date; throws RangeError if it is not a real date. */
export function dayNumberOf(date: IsoDate, what = 'date'): DayNumber {
  return toDayNumber(requireIsoDate(date, what));
}

/** Negative, zero or positive as `a` is before, the same day as, or after `b`. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return dayNumberOf(a) - dayNumberOf(b);
}

/** The date `days` days after `date` (before it, if negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(fromDayNumber(dayNumberOf(date) + days));
}

/** Days from `from` to `to`: 0 for the same day, negative if `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/**
 * The date `months` calendar months after `date` (before it, if negative). A day the target month lacks
 * becomes its last day: 31 Aug + 6 months is 28/29 Feb, and 29 Feb - 1 year is 28 Feb.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = requireIsoDate(date, 'date');
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** The date `years` calendar years after `date` (before it, if negative); 29 Feb lands on 28 Feb. */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** The day someone born on `dateOfBirth` turns `years` old. */
export function birthdayAtAge(dateOfBirth: IsoDate, years: number): IsoDate {
  const { year, month, day } = requireIsoDate(dateOfBirth, 'dateOfBirth');
  const targetYear = year + years;
  // UK legal rule: someone born on 29 February turns a year older on 1 March in non-leap years.
  if (month === 2 && day === 29 && !isLeapYear(targetYear)) {
    return formatIsoDate({ year: targetYear, month: 3, day: 1 });
  }
  return formatIsoDate({ year: targetYear, month, day });
}
