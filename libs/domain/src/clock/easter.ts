import { formatIsoDate } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';

/** Easter Sunday of a Gregorian year (1583 onwards), by the Anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): IsoDate {
  // The algorithm encodes the Gregorian ecclesiastical rules (1582 reform), so earlier years would be wrong.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year must be a whole number from 1583 to 9999, got ${year}`);
  }
  const a = year % 19; // position in the 19-year Metonic cycle of lunar phases
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25); // lunar correction: the Metonic cycle drifts one day per ~310 years
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30; // days from 21 March to the Paschal full moon (epact-based)
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7; // days from the full moon to the following Sunday
  const m = Math.floor((a + 11 * h + 22 * l) / 451); // the two exceptions that would push Easter past 25 April
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}
