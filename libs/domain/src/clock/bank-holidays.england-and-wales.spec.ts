import { dayNumberOf, isIsoDate } from '../eligibility/calendar-date';
import { englandAndWalesHolidaysByRule } from './bank-holiday-rules';
import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_EXCEPTIONS,
  ENGLAND_AND_WALES_YEARS,
} from './bank-holidays.england-and-wales';
import { isoWeekdayOf } from './weekday';

const DATA = ENGLAND_AND_WALES_BANK_HOLIDAYS;
const inYear = (year: number): string[] => DATA.filter((date) => date.startsWith(`${year}-`));
const years = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe('ENGLAND_AND_WALES_BANK_HOLIDAYS', () => {
  it('holds real dates, sorted and without repeats, all within the years it covers', () => {
    expect(DATA.every((date) => isIsoDate(date))).toBe(true);
    expect([...DATA].sort()).toEqual(DATA);
    expect(new Set(DATA).size).toBe(DATA.length);
    expect(DATA[0].startsWith(`${ENGLAND_AND_WALES_YEARS.first}-`)).toBe(true);
    expect(DATA[DATA.length - 1].startsWith(`${ENGLAND_AND_WALES_YEARS.last}-`)).toBe(true);
  });

  it('never lists a Saturday or Sunday (weekend holidays are listed as their substitutes)', () => {
    DATA.forEach((date) => expect(isoWeekdayOf(dayNumberOf(date))).toBeLessThan(6));
  });

  it('equals the rule-made list exactly for 2024 to 2030, which have no one-off days', () => {
    for (const year of years(2024, 2030)) {
      expect(inYear(year)).toEqual(englandAndWalesHolidaysByRule(year));
    }
    expect(ENGLAND_AND_WALES_EXCEPTIONS.filter((e) => e.date >= '2024')).toEqual([]);
  });

  it('equals the rule-made list with the listed one-off changes applied, for every year covered', () => {
    const removed = new Set(
      ENGLAND_AND_WALES_EXCEPTIONS.filter((e) => e.change === 'REMOVED').map((e) => e.date),
    );
    const added = ENGLAND_AND_WALES_EXCEPTIONS.filter((e) => e.change === 'ADDED').map((e) => e.date);
    const expected = years(ENGLAND_AND_WALES_YEARS.first, ENGLAND_AND_WALES_YEARS.last)
      .flatMap(englandAndWalesHolidaysByRule)
      .filter((date) => !removed.has(date))
      .concat(added)
      .sort();
    expect(DATA).toEqual(expected);
  });

  it('includes the one-off days and drops the days they replaced', () => {
    expect(DATA).toEqual(
      expect.arrayContaining(['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']),
    );
    expect(DATA).not.toContain('2020-05-04');
    expect(DATA).not.toContain('2022-05-30');
  });

  it.each([
    [2020, 8],
    [2021, 8],
    [2022, 10],
    [2023, 9],
    [2024, 8],
    [2027, 8],
    [2030, 8],
  ])('has the published number of holidays in %i (%i)', (year, count) => {
    expect(inYear(year)).toHaveLength(count);
  });

  it('records a reason for every one-off change', () => {
    ENGLAND_AND_WALES_EXCEPTIONS.forEach((e) => expect(e.reason.length).toBeGreaterThan(10));
  });

  it('cannot be changed at run time, since running cases depend on it', () => {
    expect(Object.isFrozen(DATA)).toBe(true);
    expect(Object.isFrozen(ENGLAND_AND_WALES_EXCEPTIONS)).toBe(true);
  });
});
