import { dayNumberOf } from '../eligibility/calendar-date';
import type { DayNumber } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';
import { formatInstant, MS_PER_DAY, parseInstant, utcDayNumber } from './instant';
import type { IsoInstant } from './instant';
import { isWeekendDay } from './weekday';

// Working time, the measure both functions below share:
// - A working day is a calendar date that is neither a Saturday, a Sunday nor in the holiday list; each of its
//   24 hours is working time, and no other time is. Working days are counted as whole days, not office hours,
//   because the published targets are in days.
// - The calendar date of an instant is its UTC date. The UK date differs from it only between midnight and
//   01:00 during British Summer Time, so a stage started in that hour may be credited to the previous day.
//   That is at most an hour's shift on clocks counted in days (a 95-day target, escalations days apart), and
//   it keeps the arithmetic free of time-zone data, which a Node upgrade could change under a replayed workflow.
// - workingDaysBetween is the working time from one instant to another, in days, with a fractional part.
// - addWorkingDays is its inverse: the instant by which `n` days of working time have passed. Started on a
//   working day, that is the same time of day `n` working days later. Started on a weekend or holiday, counting
//   begins at 00:00 on the next working day (no working time passes before it), so Saturday + 1 is Tuesday 00:00:
//   all of Monday is the first day. When the count ends exactly at midnight, the answer is the start of the next
//   working day rather than the weekend midnight in between, so a Monday 00:00 start + 5 is the next Monday.

/** The zones a working-day count may be asked for; both are counted on UTC dates (see the note above). */
export type ClockTimeZone = 'Europe/London' | 'UTC';

/** Whether a 'YYYY-MM-DD' date is a working day: not a Saturday, Sunday or one of `holidays`. */
export function isWorkingDay(isoDate: IsoDate, holidays: readonly IsoDate[]): boolean {
  return isWorkingDayNumber(dayNumberOf(isoDate, 'isoDate'), holidaySet(holidays));
}

/** The instant `n` working days (fractions allowed) after `startInstantIso`; see the counting rule above. */
export function addWorkingDays(
  startInstantIso: IsoInstant,
  n: number,
  holidays: readonly IsoDate[],
  timeZone: ClockTimeZone = 'Europe/London',
): IsoInstant {
  requireZone(timeZone);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`n must be a finite number of days >= 0, got ${n}`);
  const start = parseInstant(startInstantIso, 'startInstantIso');
  const closed = holidaySet(holidays);
  let day = utcDayNumber(start);
  let offset = start - day * MS_PER_DAY;
  if (!isWorkingDayNumber(day, closed)) {
    day = nextWorkingDay(day, closed);
    offset = 0;
  }
  // Whole milliseconds from here on, so a count that lands on midnight is recognised exactly.
  let remaining = Math.round(n * MS_PER_DAY);
  while (remaining >= MS_PER_DAY - offset) {
    remaining -= MS_PER_DAY - offset;
    day = nextWorkingDay(day, closed);
    offset = 0;
  }
  return formatInstant(day * MS_PER_DAY + offset + remaining);
}

/** Working days from one instant to another, fractional for part days; negative if `toIso` is earlier. */
export function workingDaysBetween(
  fromIso: IsoInstant,
  toIso: IsoInstant,
  holidays: readonly IsoDate[],
  timeZone: ClockTimeZone = 'Europe/London',
): number {
  return workingDaysCounter(holidays, timeZone)(
    parseInstant(fromIso, 'fromIso'),
    parseInstant(toIso, 'toIso'),
  );
}

/**
 * workingDaysBetween for many spans on one calendar (the dashboard's thousands of stage visits): the holiday list
 * is read once, and the instants are epoch milliseconds, so no span pays for parsing dates.
 */
export function workingDaysCounter(
  holidays: readonly IsoDate[],
  timeZone: ClockTimeZone = 'Europe/London',
): (fromMs: number, toMs: number) => number {
  requireZone(timeZone);
  const closed = holidaySet(holidays);
  return (from, to) => {
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      throw new RangeError(`working days need finite instants, got ${from} and ${to}`);
    }
    const [early, late, sign] = to >= from ? [from, to, 1] : [to, from, -1];
    let workingMs = 0;
    for (let day = utcDayNumber(early); day * MS_PER_DAY < late; day += 1) {
      if (!isWorkingDayNumber(day, closed)) continue;
      workingMs += Math.min(late, (day + 1) * MS_PER_DAY) - Math.max(early, day * MS_PER_DAY);
    }
    return workingMs === 0 ? 0 : (sign * workingMs) / MS_PER_DAY;
  };
}

function holidaySet(holidays: readonly IsoDate[]): Set<DayNumber> {
  // Parsing each entry means a malformed holiday ('2025-4-18') fails loudly instead of silently never matching.
  return new Set(holidays.map((date) => dayNumberOf(date, 'holiday')));
}

function isWorkingDayNumber(day: DayNumber, closed: ReadonlySet<DayNumber>): boolean {
  return !isWeekendDay(day) && !closed.has(day);
}

function nextWorkingDay(day: DayNumber, closed: ReadonlySet<DayNumber>): DayNumber {
  let next = day + 1;
  while (!isWorkingDayNumber(next, closed)) next += 1;
  return next;
}

function requireZone(timeZone: string): void {
  if (timeZone !== 'Europe/London' && timeZone !== 'UTC') {
    throw new RangeError(`timeZone must be Europe/London or UTC, got ${JSON.stringify(timeZone)}`);
  }
}
