import type { DayNumber } from './calendar-date';
import { addYears, dayNumberOf } from './calendar-date';
import type { AddressPeriod, EligibilityPolicy, IsoDate, ResidenceAssessment } from './eligibility.types';

/** A run of days, both ends included. */
interface DaySpan {
  first: DayNumber;
  last: DayNumber;
}

/** Days covered by at least one span: overlaps count once. */
function coveredDays(spans: DaySpan[]): number {
  const sorted = [...spans].sort((a, b) => a.first - b.first);
  let total = 0;
  let countedUpTo = Number.NEGATIVE_INFINITY;
  for (const { first, last } of sorted) {
    const start = Math.max(first, countedUpTo + 1);
    if (last >= start) {
      total += last - start + 1;
      countedUpTo = last;
    }
  }
  return total;
}

/**
 * Residence rule: UK days in the window [asOf - residenceWindowYears, asOf], both days included, against the
 * calendar length of residenceRequiredYears ending on asOf. Open periods run to asOf; days after asOf are
 * ignored; a day covered by a GB period counts as UK even if a foreign period covers it too, so a shared
 * move-out/move-in day or a stay abroad listed beside a kept UK home never creates a shortfall.
 * Expects a history that passes validateAddressHistory; throws RangeError on invalid dates.
 */
export function assessResidence(
  history: AddressPeriod[],
  asOf: IsoDate,
  policy: EligibilityPolicy,
): ResidenceAssessment {
  const windowStart = addYears(asOf, -policy.residenceWindowYears);
  const first = dayNumberOf(windowStart);
  const last = dayNumberOf(asOf, 'asOf');
  const ukSpans: DaySpan[] = [];
  const allSpans: DaySpan[] = [];
  for (const period of history) {
    const span = {
      first: Math.max(first, dayNumberOf(period.from, 'address from')),
      last: Math.min(last, period.to === null ? last : dayNumberOf(period.to, 'address to')),
    };
    if (span.last < span.first) continue;
    allSpans.push(span);
    if (period.country === 'GB') ukSpans.push(span);
  }
  const ukDays = coveredDays(ukSpans);
  const requiredDays = last - dayNumberOf(addYears(asOf, -policy.residenceRequiredYears));
  return {
    windowStart,
    windowEnd: asOf,
    ukDays,
    requiredDays,
    unaccountedDays: last - first + 1 - coveredDays(allSpans),
    meetsRequirement: ukDays >= requiredDays,
  };
}
