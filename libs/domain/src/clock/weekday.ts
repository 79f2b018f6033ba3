import type { DayNumber } from '../eligibility/calendar-date';

/** The ISO weekday of a day number: 1 for Monday through 7 for Sunday. */
export function isoWeekdayOf(dayNumber: DayNumber): number {
  // Day 0, 1970-01-01, was a Thursday (ISO weekday 4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Whether a day number falls on a Saturday or Sunday. */
export function isWeekendDay(dayNumber: DayNumber): boolean {
  return isoWeekdayOf(dayNumber) >= 6;
}
