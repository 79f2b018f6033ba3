import {
  addDays,
  daysInMonth,
  dayNumberOf,
  formatIsoDate,
  fromDayNumber,
} from '../eligibility/calendar-date';
import type { DayNumber } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';
import { easterSunday } from './easter';
import { isoWeekdayOf, isWeekendDay } from './weekday';

/** England and Wales bank holidays a year gets from the standing rules alone, sorted; no one-off days. */
export function englandAndWalesHolidaysByRule(year: number): IsoDate[] {
  const easter = easterSunday(year);
  const movable = [
    addDays(easter, -2), // Good Friday (a common-law holiday, listed with the bank holidays)
    addDays(easter, 1), // Easter Monday
    nthMonday(year, 5, 1), // early May bank holiday
    lastMonday(year, 5), // spring bank holiday
    lastMonday(year, 8), // summer bank holiday
  ].map((date) => dayNumberOf(date));
  const fixed = [
    formatIsoDate({ year, month: 1, day: 1 }),
    formatIsoDate({ year, month: 12, day: 25 }),
    formatIsoDate({ year, month: 12, day: 26 }),
  ].map((date) => dayNumberOf(date));
  return [...movable, ...withSubstitutes(fixed)]
    .sort((x, y) => x - y)
    .map((day) => formatIsoDate(fromDayNumber(day)));
}

// A fixed holiday on a weekend gets a substitute weekday. Holidays already on weekdays keep their day, and a
// weekend one takes the next weekday nobody has: so Christmas on a Sunday gives Boxing Day Monday 26th and a
// substitute Tuesday 27th, and Christmas on a Saturday gives substitutes on Monday 27th and Tuesday 28th.
function withSubstitutes(fixed: readonly DayNumber[]): DayNumber[] {
  const taken = new Set(fixed.filter((day) => !isWeekendDay(day)));
  for (const day of fixed.filter(isWeekendDay)) {
    let substitute = day + 1;
    while (isWeekendDay(substitute) || taken.has(substitute)) substitute += 1;
    taken.add(substitute);
  }
  return [...taken];
}

function nthMonday(year: number, month: number, n: number): IsoDate {
  const first = dayNumberOf(formatIsoDate({ year, month, day: 1 }));
  const toMonday = (8 - isoWeekdayOf(first)) % 7;
  return formatIsoDate(fromDayNumber(first + toMonday + (n - 1) * 7));
}

function lastMonday(year: number, month: number): IsoDate {
  const last = dayNumberOf(formatIsoDate({ year, month, day: daysInMonth(year, month) }));
  return formatIsoDate(fromDayNumber(last - ((isoWeekdayOf(last) + 6) % 7)));
}
