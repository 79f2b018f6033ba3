import { dayNumberOf } from '../eligibility/calendar-date';
import { easterSunday } from './easter';
import { isoWeekdayOf } from './weekday';

describe('easterSunday', () => {
  // Published Western (Gregorian) Easter dates, including the earliest and latest possible (22 March, 25 April).
  it.each([
    [1818, '1818-03-22'],
    [1886, '1886-04-25'],
    [1943, '1943-04-25'],
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('gives Easter %i as %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('always gives a Sunday from 22 March to 25 April', () => {
    for (let year = 1583; year <= 3000; year += 1) {
      const easter = easterSunday(year);
      expect(isoWeekdayOf(dayNumberOf(easter))).toBe(7);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });

  it.each([1582, 2025.5, Number.NaN, 10000])('rejects year %p, outside the Gregorian rules', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});
