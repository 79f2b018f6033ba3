import { compareIsoDates, isIsoDate } from './calendar-date';
import type { AddressPeriod, IsoDate } from './eligibility.types';

const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * Problems with an address history as of the application date, in human-readable form; empty if it is usable.
 * Gaps and overlaps are not problems here: residence assessment measures them.
 */
export function validateAddressHistory(history: AddressPeriod[], asOf: IsoDate): string[] {
  const problems: string[] = [];
  const asOfValid = isIsoDate(asOf);
  if (!asOfValid) {
    problems.push(`application date ${JSON.stringify(asOf)} is not a real date written YYYY-MM-DD`);
  }
  // Defensive: this guards the workflow, so it must not trust the static types of data that crossed a wire.
  if (!Array.isArray(history)) return [...problems, 'address history must be a list of address periods'];
  if (history.length === 0) problems.push('address history is empty: at least one address period is needed');
  history.forEach((period: unknown, index) => {
    const label = `address ${index + 1}`;
    if (typeof period !== 'object' || period === null) {
      problems.push(`${label}: not an address period`);
      return;
    }
    const { country, from, to } = period as Partial<Record<keyof AddressPeriod, unknown>>;
    if (country === 'UK') problems.push(`${label}: country "UK" is not an ISO 3166-1 code; the UK is "GB"`);
    else if (typeof country !== 'string' || !COUNTRY_CODE.test(country)) {
      problems.push(
        `${label}: country ${JSON.stringify(country)} must be an ISO 3166-1 alpha-2 code like GB`,
      );
    }
    const fromValid = isIsoDate(from);
    const toValid = isIsoDate(to);
    if (!fromValid) {
      problems.push(`${label}: from ${JSON.stringify(from)} is not a real date written YYYY-MM-DD`);
    }
    if (to !== null && !toValid) {
      problems.push(`${label}: to ${JSON.stringify(to)} is not a real date written YYYY-MM-DD (or null)`);
    }
    if (fromValid && toValid && compareIsoDates(from, to) > 0) {
      problems.push(`${label}: from ${from} is after to ${to}`);
    }
    if (fromValid && asOfValid && compareIsoDates(from, asOf) > 0) {
      problems.push(`${label}: starts on ${from}, after the application date ${asOf}`);
    }
  });
  return problems;
}
