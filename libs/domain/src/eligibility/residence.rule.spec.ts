import { addDays, addYears, daysBetween } from './calendar-date';
import { DEFAULT_ELIGIBILITY_POLICY } from './eligibility-policy';
import type { AddressPeriod, EligibilityPolicy } from './eligibility.types';
import { assessResidence } from './residence.rule';

const asOf = '2024-06-15';
const policy = DEFAULT_ELIGIBILITY_POLICY;
/** 2014-06-15 .. 2024-06-15 inclusive: ten years holding the leap days of 2016, 2020 and 2024, plus one day. */
const WINDOW_DAYS = 3654;
/** 2015-06-15 .. 2024-06-15 half-open: 9 * 365 + 3 leap days. */
const NINE_YEARS = 3288;

const gb = (from: string, to: string | null): AddressPeriod => ({ country: 'GB', from, to });
const abroad = (from: string, to: string | null, country = 'FR'): AddressPeriod => ({ country, from, to });

describe('assessResidence', () => {
  it('measures a ten-year window ending on the application date against nine calendar years', () => {
    expect(assessResidence([gb('1990-01-01', null)], asOf, policy)).toEqual({
      windowStart: '2014-06-15',
      windowEnd: asOf,
      ukDays: WINDOW_DAYS,
      requiredDays: NINE_YEARS,
      unaccountedDays: 0,
      meetsRequirement: true,
    });
  });

  it('passes exactly nine calendar years of UK residence ending on the application date', () => {
    const from = addDays(addYears(asOf, -9), 1);
    const result = assessResidence([abroad('2010-01-01', addDays(from, -1)), gb(from, null)], asOf, policy);
    expect(result.ukDays).toBe(NINE_YEARS);
    expect(result.meetsRequirement).toBe(true);
  });

  it('fails nine calendar years of UK residence minus one day', () => {
    const from = addDays(addYears(asOf, -9), 2);
    const result = assessResidence([abroad('2010-01-01', addDays(from, -1)), gb(from, null)], asOf, policy);
    expect(result.ukDays).toBe(NINE_YEARS - 1);
    expect(result.meetsRequirement).toBe(false);
    expect(result.unaccountedDays).toBe(0);
  });

  it('passes someone who arrived on the same date nine years before the application date', () => {
    expect(assessResidence([gb('2015-06-15', null)], asOf, policy).meetsRequirement).toBe(true);
  });

  it('counts overlapping GB periods once', () => {
    const result = assessResidence([gb('2014-01-01', '2020-12-31'), gb('2018-01-01', null)], asOf, policy);
    expect(result.ukDays).toBe(WINDOW_DAYS);
  });

  it('counts a repeated GB period once', () => {
    const period = gb('2020-01-01', '2020-12-31');
    expect(assessResidence([period, period, period], asOf, policy).ukDays).toBe(366);
  });

  it('counts a day covered by both a GB and a foreign period as UK residence', () => {
    const result = assessResidence(
      [gb('2000-01-01', null), abroad('2016-01-01', '2018-12-31')],
      asOf,
      policy,
    );
    expect(result.ukDays).toBe(WINDOW_DAYS);
    expect(result.meetsRequirement).toBe(true);
  });

  it('counts foreign days as accounted for but not as UK residence', () => {
    const result = assessResidence(
      [gb('2000-01-01', '2019-12-31'), abroad('2020-01-01', null)],
      asOf,
      policy,
    );
    expect(result.ukDays).toBe(daysBetween('2014-06-15', '2020-01-01'));
    expect(result.unaccountedDays).toBe(0);
    expect(result.meetsRequirement).toBe(false);
  });

  it('reports gaps as unaccounted days that are not UK residence', () => {
    // Gap: 2020-01-01 .. 2020-02-29, 60 days in a leap year.
    const result = assessResidence([gb('2000-01-01', '2019-12-31'), gb('2020-03-01', null)], asOf, policy);
    expect(result.unaccountedDays).toBe(60);
    expect(result.ukDays).toBe(WINDOW_DAYS - 60);
  });

  it('reports the whole window as unaccounted when no period reaches it', () => {
    const result = assessResidence([gb('2000-01-01', '2014-06-14')], asOf, policy);
    expect(result).toMatchObject({ ukDays: 0, unaccountedDays: WINDOW_DAYS, meetsRequirement: false });
  });

  it('runs an open-ended period up to the application date', () => {
    expect(assessResidence([gb('2024-06-01', null)], asOf, policy).ukDays).toBe(15);
  });

  it('counts a period that starts and ends on the application date as one day', () => {
    expect(assessResidence([gb(asOf, asOf)], asOf, policy).ukDays).toBe(1);
  });

  it('ignores the part of a period after the application date', () => {
    const result = assessResidence([gb('2010-01-01', '2030-12-31')], asOf, policy);
    expect(result.ukDays).toBe(WINDOW_DAYS);
  });

  it('ignores periods that lie wholly in the future', () => {
    const result = assessResidence([abroad('2010-01-01', null), gb('2025-01-01', null)], asOf, policy);
    expect(result.ukDays).toBe(0);
    expect(result.unaccountedDays).toBe(0);
  });

  it('counts only the part of a period inside the window when it starts before it', () => {
    // 2014-06-15 .. 2014-12-31 = 16 + 31 + 31 + 30 + 31 + 30 + 31 days.
    expect(assessResidence([gb('2000-01-01', '2014-12-31')], asOf, policy).ukDays).toBe(200);
  });

  it('counts the leap days inside the window, so the required days depend on the application date', () => {
    expect(assessResidence([gb('2000-01-01', null)], '2023-06-15', policy).requiredDays).toBe(9 * 365 + 2);
    expect(assessResidence([gb('2000-01-01', null)], '2024-06-15', policy).requiredDays).toBe(9 * 365 + 3);
  });

  it('starts the window on 28 February when the application date is 29 February', () => {
    const result = assessResidence([gb('2000-01-01', null)], '2024-02-29', policy);
    expect(result.windowStart).toBe('2014-02-28');
    expect(result.requiredDays).toBe(daysBetween('2015-02-28', '2024-02-29'));
    expect(result.ukDays).toBe(daysBetween('2014-02-28', '2024-02-29') + 1);
  });

  it('uses the policy threshold: eight years passes at seven required and fails at nine', () => {
    const seven: EligibilityPolicy = { ...policy, residenceRequiredYears: 7 };
    const history = [abroad('2000-01-01', '2016-06-14'), gb('2016-06-15', null)];
    expect(assessResidence(history, asOf, seven)).toMatchObject({
      requiredDays: 7 * 365 + 2,
      meetsRequirement: true,
    });
    expect(assessResidence(history, asOf, policy).meetsRequirement).toBe(false);
  });

  it('does not count a foreign-only history as UK residence', () => {
    const result = assessResidence([abroad('2000-01-01', null, 'US')], asOf, policy);
    expect(result).toMatchObject({ ukDays: 0, unaccountedDays: 0, meetsRequirement: false });
  });

  it('throws a RangeError for an invalid application date', () => {
    expect(() => assessResidence([gb('2000-01-01', null)], '2024-02-30', policy)).toThrow(RangeError);
  });
});
