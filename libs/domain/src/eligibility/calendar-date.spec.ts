import {
  addDays,
  addMonths,
  addYears,
  birthdayAtAge,
  compareIsoDates,
  dayNumberOf,
  daysBetween,
  formatIsoDate,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  requireIsoDate,
  toDayNumber,
} from './calendar-date';

describe('parseIsoDate / isIsoDate', () => {
  it('parses a real YYYY-MM-DD date into its parts', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each([
    ['2023-02-29', '29 Feb in a non-leap year'],
    ['2024-02-30', '30 Feb'],
    ['2024-04-31', '31 April'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-01-00', 'day 0'],
    ['2024-1-01', 'a one-digit month'],
    ['2024-01-01T00:00:00Z', 'a timestamp'],
    [' 2024-01-01', 'surrounding whitespace'],
    ['', 'an empty string'],
  ])('rejects %s (%s)', (value) => {
    expect(parseIsoDate(value)).toBeNull();
    expect(isIsoDate(value)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
  });

  it('requireIsoDate throws a RangeError naming the field', () => {
    expect(() => requireIsoDate('2023-02-29', 'dateOfBirth')).toThrow(RangeError);
    expect(() => requireIsoDate('2023-02-29', 'dateOfBirth')).toThrow(/dateOfBirth must be a real date/);
  });
});

describe('isLeapYear', () => {
  it.each([
    [2024, true],
    [2023, false],
    [1900, false],
    [2000, true],
  ])('%i is a leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });
});

describe('day numbers', () => {
  it('counts 1970-01-01 as day 0', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
  });

  it('agrees with Date.UTC for every day from 1899 to 2101 and round-trips', () => {
    const msPerDay = 86_400_000;
    const mismatches: number[] = [];
    for (let n = Date.UTC(1899, 11, 25) / msPerDay; n <= Date.UTC(2101, 0, 5) / msPerDay; n++) {
      const utc = new Date(n * msPerDay);
      const parts = fromDayNumber(n);
      const agrees =
        parts.year === utc.getUTCFullYear() &&
        parts.month === utc.getUTCMonth() + 1 &&
        parts.day === utc.getUTCDate() &&
        toDayNumber(parts) === n;
      if (!agrees) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
  });

  it('formats years below 1000 with four digits', () => {
    expect(formatIsoDate({ year: 999, month: 1, day: 2 })).toBe('0999-01-02');
  });
});

describe('compareIsoDates / daysBetween / addDays', () => {
  it('orders dates by the calendar', () => {
    expect(compareIsoDates('2024-01-31', '2024-02-01')).toBeLessThan(0);
    expect(compareIsoDates('2024-02-01', '2024-02-01')).toBe(0);
    expect(compareIsoDates('2025-01-01', '2024-12-31')).toBeGreaterThan(0);
  });

  it('counts days between dates, zero for the same day and negative backwards', () => {
    expect(daysBetween('2024-06-15', '2024-06-15')).toBe(0);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('addMonths / addYears', () => {
  it('moves to the same day of the target month', () => {
    expect(addMonths('2024-01-15', 6)).toBe('2024-07-15');
    expect(addMonths('2024-03-15', -15)).toBe('2022-12-15');
  });

  it('uses the last day of the target month when it is shorter', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 3)).toBe('2024-04-30');
  });

  it('takes 29 February back or forward a year to 28 February', () => {
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(addYears('2024-02-29', -10)).toBe('2014-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('birthdayAtAge', () => {
  it('is the same day and month for an ordinary birthday', () => {
    expect(birthdayAtAge('2006-06-15', 18)).toBe('2024-06-15');
  });

  it('is 1 March in a non-leap year for someone born on 29 February (UK rule)', () => {
    expect(birthdayAtAge('2008-02-29', 18)).toBe('2026-03-01');
  });

  it('is 29 February in a leap year for someone born on 29 February', () => {
    expect(birthdayAtAge('2008-02-29', 20)).toBe('2028-02-29');
  });
});
