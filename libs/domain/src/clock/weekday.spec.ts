import { dayNumberOf } from '../eligibility/calendar-date';
import { isoWeekdayOf, isWeekendDay } from './weekday';

describe('isoWeekdayOf / isWeekendDay', () => {
  it.each([
    ['1970-01-01', 4],
    ['1969-12-28', 7],
    ['1900-01-01', 1],
    ['2025-04-18', 5],
    ['2027-12-25', 6],
    ['2022-12-25', 7],
    ['2026-11-23', 1],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekdayOf(dayNumberOf(date))).toBe(weekday);
    expect(isWeekendDay(dayNumberOf(date))).toBe(weekday >= 6);
  });

  it('cycles Monday to Sunday across day numbers either side of 0', () => {
    for (let day = -20; day < 20; day += 1) {
      expect(isoWeekdayOf(day + 1)).toBe((isoWeekdayOf(day) % 7) + 1);
    }
  });
});
