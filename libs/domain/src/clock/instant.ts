import { fromDayNumber, formatIsoDate, parseIsoDate, toDayNumber } from '../eligibility/calendar-date';
import type { DayNumber } from '../eligibility/calendar-date';

/** An instant written in ISO 8601 with an explicit offset, e.g. '2025-04-17T09:30:00.000Z'. */
export type IsoInstant = string;

/** Milliseconds in a UTC day; UTC has no daylight saving, so every day is exactly this long. */
export const MS_PER_DAY = 86_400_000;

// Parsed by hand rather than with Date.parse, whose accepted formats vary by engine: workflow code is replayed
// on future Node versions and must read the same string the same way. An offset is required so that a bare
// local time can never be read as UTC by accident.
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Milliseconds since 1970-01-01T00:00Z of an ISO instant; throws RangeError naming `what` if it is not one. */
export function parseInstant(value: unknown, what = 'instant'): number {
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const date = match ? parseIsoDate(match[1]) : null;
  if (!match || !date) throw invalid(value, what);
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? '0')];
  // Digits beyond the millisecond are truncated, as JavaScript's own Date does.
  const millis = Number((match[5] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetHours = Number(match[8] ?? '0');
  const offsetMinutes = Number(match[9] ?? '0');
  if (hours > 23 || minutes > 59 || seconds > 59 || offsetHours > 23 || offsetMinutes > 59) {
    throw invalid(value, what);
  }
  const offsetSign = match[7] === '-' ? -1 : 1;
  const offsetMs = match[6] ? 0 : offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return toDayNumber(date) * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offsetMs;
}

/** Writes milliseconds since the epoch as 'YYYY-MM-DDTHH:mm:ss.sssZ', the form Date#toISOString uses. */
export function formatInstant(epochMs: number): IsoInstant {
  if (!Number.isSafeInteger(epochMs)) throw new RangeError(`epochMs must be a whole number, got ${epochMs}`);
  const day = utcDayNumber(epochMs);
  let rest = epochMs - day * MS_PER_DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${two(hours)}:${two(minutes)}:${two(seconds)}.${String(millis).padStart(3, '0')}`;
  return `${formatIsoDate(fromDayNumber(day))}T${time}Z`;
}

/** The day number (days since 1970-01-01) of the UTC date an epoch-millisecond instant falls on. */
export function utcDayNumber(epochMs: number): DayNumber {
  return Math.floor(epochMs / MS_PER_DAY);
}

function invalid(value: unknown, what: string): RangeError {
  return new RangeError(
    `${what} must be an ISO 8601 instant with an offset, e.g. 2025-04-17T09:30:00.000Z, got ${JSON.stringify(value)}`,
  );
}
