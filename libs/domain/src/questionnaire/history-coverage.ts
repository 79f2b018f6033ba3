import type { DayNumber } from '../eligibility/calendar-date';
import { dayNumberOf, formatIsoDate, fromDayNumber } from '../eligibility/calendar-date';
import type { IsoDate } from '../eligibility/eligibility.types';

/** Days from `from` to `to`, both included; `to` null runs to the end of the window. */
export interface DatedSpan {
  from: IsoDate;
  to: IsoDate | null;
}

/** A run of days nothing accounts for, both ends included. */
export interface UncoveredRun {
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/**
 * Runs of days in the window [windowStart, windowEnd] (both included) covered by none of the spans, in date
 * order. Overlapping spans are fine; a period ending on 31 January and the next starting on 1 February leave no
 * gap. Expects real dates; throws RangeError otherwise.
 */
export function uncoveredRuns(
  spans: readonly DatedSpan[],
  windowStart: IsoDate,
  windowEnd: IsoDate,
): UncoveredRun[] {
  const first = dayNumberOf(windowStart, 'windowStart');
  const last = dayNumberOf(windowEnd, 'windowEnd');
  const clipped = spans
    .map((span) => ({
      first: Math.max(first, dayNumberOf(span.from, 'from')),
      last: Math.min(last, span.to === null ? last : dayNumberOf(span.to, 'to')),
    }))
    .filter((span) => span.first <= span.last)
    .sort((a, b) => a.first - b.first);
  const runs: UncoveredRun[] = [];
  const addRun = (from: DayNumber, to: DayNumber): void => {
    runs.push({
      from: formatIsoDate(fromDayNumber(from)),
      to: formatIsoDate(fromDayNumber(to)),
      days: to - from + 1,
    });
  };
  let nextUncovered = first;
  for (const span of clipped) {
    if (span.first > nextUncovered) addRun(nextUncovered, span.first - 1);
    nextUncovered = Math.max(nextUncovered, span.last + 1);
  }
  if (nextUncovered <= last) addRun(nextUncovered, last);
  return runs;
}
