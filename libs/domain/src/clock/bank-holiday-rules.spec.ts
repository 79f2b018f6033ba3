import { dayNumberOf } from '../eligibility/calendar-date';
import { englandAndWalesHolidaysByRule } from './bank-holiday-rules';
import { isoWeekdayOf } from './weekday';

const years = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

describe('englandAndWalesHolidaysByRule', () => {
  it('gives the eight standing holidays of 2025', () => {
    expect(englandAndWalesHolidaysByRule(2025)).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it.each([
    [2021, ['2021-12-27', '2021-12-28'], 'Christmas Saturday, Boxing Day Sunday: Monday and Tuesday'],
    [2027, ['2027-12-27', '2027-12-28'], 'Christmas Saturday, Boxing Day Sunday: Monday and Tuesday'],
    [2022, ['2022-12-26', '2022-12-27'], 'Christmas Sunday: Boxing Day Monday, substitute Tuesday'],
    [2020, ['2020-12-25', '2020-12-28'], 'Boxing Day Saturday: substitute Monday 28th'],
    [2026, ['2026-12-25', '2026-12-28'], 'Boxing Day Saturday: substitute Monday 28th'],
  ])('substitutes Christmas %i as %p (%s)', (year, expected) => {
    expect(englandAndWalesHolidaysByRule(year).filter((date) => date.slice(5, 7) === '12')).toEqual(expected);
  });

  it.each([
    [2022, '2022-01-03', 'Saturday'],
    [2023, '2023-01-02', 'Sunday'],
    [2028, '2028-01-03', 'Saturday'],
    [2024, '2024-01-01', 'Monday'],
  ])('puts New Year %i on %s (1 January a %s)', (year, expected) => {
    expect(englandAndWalesHolidaysByRule(year)[0]).toBe(expected);
  });

  it('takes the first and last Mondays of May and the last Monday of August', () => {
    expect(englandAndWalesHolidaysByRule(2026)).toEqual(
      expect.arrayContaining(['2026-05-04', '2026-05-25', '2026-08-31']),
    );
    // 1 May 2028 is itself a Monday; 31 May 2027 and 30 August 2027 are last Mondays that fall on the 30th/31st.
    expect(englandAndWalesHolidaysByRule(2028)).toEqual(expect.arrayContaining(['2028-05-01', '2028-05-29']));
    expect(englandAndWalesHolidaysByRule(2027)).toEqual(expect.arrayContaining(['2027-05-31', '2027-08-30']));
  });

  it('puts Good Friday and Easter Monday either side of Easter, even in March', () => {
    expect(englandAndWalesHolidaysByRule(2024).slice(1, 3)).toEqual(['2024-03-29', '2024-04-01']);
  });

  it('never puts a holiday on a weekend and always gives eight distinct sorted days', () => {
    for (const year of years(1990, 2100)) {
      const dates = englandAndWalesHolidaysByRule(year);
      expect(dates).toHaveLength(8);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(8);
      dates.forEach((date) => expect(isoWeekdayOf(dayNumberOf(date))).toBeLessThan(6));
    }
  });
});
