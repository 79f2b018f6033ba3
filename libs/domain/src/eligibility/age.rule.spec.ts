import { ageOn, checkAge } from './age.rule';
import { addDays, birthdayAtAge } from './calendar-date';
import { DEFAULT_ELIGIBILITY_POLICY } from './eligibility-policy';
import type { EligibilityPolicy } from './eligibility.types';

const published = DEFAULT_ELIGIBILITY_POLICY;
/** The extra policy at 0 months: 18 when applying too. */
const strict: EligibilityPolicy = { ...DEFAULT_ELIGIBILITY_POLICY, underageApplicationWindowMonths: 0 };
const sixMonthWindow: EligibilityPolicy = {
  ...DEFAULT_ELIGIBILITY_POLICY,
  underageApplicationWindowMonths: 6,
};

describe('ageOn', () => {
  it('is 17 the day before the 18th birthday and 18 on it', () => {
    expect(ageOn('2006-06-15', '2024-06-14')).toBe(17);
    expect(ageOn('2006-06-15', '2024-06-15')).toBe(18);
  });

  it('is 0 on the day of birth and negative before it', () => {
    expect(ageOn('2006-06-15', '2006-06-15')).toBe(0);
    expect(ageOn('2006-06-15', '2006-06-14')).toBe(-1);
  });

  it('makes someone born on 29 February a year older on 1 March in a non-leap year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('makes someone born on 29 February a year older on 29 February in a leap year', () => {
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('agrees with birthdayAtAge: n on the nth birthday, n - 1 the day before', () => {
    for (const dob of ['2000-01-01', '2000-02-29', '2001-03-01', '2003-12-31', '2004-02-28']) {
      for (let n = 1; n <= 30; n++) {
        const birthday = birthdayAtAge(dob, n);
        expect(ageOn(dob, birthday)).toBe(n);
        expect(ageOn(dob, addDays(birthday, -1))).toBe(n - 1);
      }
    }
  });

  it('throws a RangeError for an invalid date', () => {
    expect(() => ageOn('2006-02-30', '2024-01-01')).toThrow(RangeError);
    expect(() => ageOn('2006-02-01', 'today')).toThrow(RangeError);
  });
});

describe('checkAge under the published rule (age on the intended start date only)', () => {
  it('passes a 17-year-old who is 18 by the start date', () => {
    expect(checkAge('2006-09-01', '2025-01-01', '2024-06-15', published)).toEqual({
      ok: true,
      ageAtStart: 18,
      ageAtApplication: 17,
    });
  });

  it('passes a start on the 18th birthday and fails a start the day before', () => {
    expect(checkAge('2006-06-15', '2024-06-15', '2023-01-01', published).ok).toBe(true);
    expect(checkAge('2006-06-15', '2024-06-14', '2023-01-01', published).ok).toBe(false);
  });

  it('treats a 29 February birthday as 1 March in a non-leap start year', () => {
    expect(checkAge('2008-02-29', '2026-02-28', '2025-01-01', published).ok).toBe(false);
    expect(checkAge('2008-02-29', '2026-03-01', '2025-01-01', published).ok).toBe(true);
  });

  it('fails someone 18 when applying who starts before their birthday', () => {
    expect(checkAge('2006-06-15', '2024-06-14', '2024-06-15', published).ok).toBe(false);
  });
});

describe('checkAge with the extra application-date policy', () => {
  it('passes someone who turns 18 today and starts today', () => {
    expect(checkAge('2006-06-15', '2024-06-15', '2024-06-15', strict)).toEqual({
      ok: true,
      ageAtStart: 18,
      ageAtApplication: 18,
    });
  });

  it('fails someone who turns 18 tomorrow when applying, when 18 is required to apply', () => {
    const result = checkAge('2006-06-16', '2024-09-01', '2024-06-15', strict);
    expect(result).toEqual({ ok: false, ageAtStart: 18, ageAtApplication: 17 });
  });

  it('passes a start date on the 18th birthday and fails one the day before', () => {
    expect(checkAge('2006-06-15', '2024-06-15', '2024-03-01', sixMonthWindow).ok).toBe(true);
    expect(checkAge('2006-06-15', '2024-06-14', '2024-03-01', sixMonthWindow).ok).toBe(false);
  });

  it('fails someone who is 18 when applying but starts before their birthday', () => {
    // A start date earlier than the application date is odd but possible: both ages must be met.
    expect(checkAge('2006-06-15', '2024-06-14', '2024-06-15', strict)).toEqual({
      ok: false,
      ageAtStart: 17,
      ageAtApplication: 18,
    });
  });

  it('fails a 17-year-old when the policy requires 18 to apply', () => {
    expect(checkAge('2006-09-01', '2025-01-01', '2024-06-15', strict).ok).toBe(false);
  });

  it('passes a 17-year-old who turns 18 within the window and before the start date', () => {
    expect(checkAge('2006-09-01', '2025-01-01', '2024-06-15', sixMonthWindow).ok).toBe(true);
  });

  it('passes someone turning 18 exactly at the end of the window and fails one a day later', () => {
    expect(checkAge('2006-07-15', '2024-08-01', '2024-01-15', sixMonthWindow).ok).toBe(true);
    expect(checkAge('2006-07-16', '2024-08-01', '2024-01-15', sixMonthWindow).ok).toBe(false);
  });

  it('ends a window that starts on the 31st on the last day of the shorter target month', () => {
    // 31 Aug 2025 + 6 months = 28 Feb 2026.
    expect(checkAge('2008-02-28', '2026-06-01', '2025-08-31', sixMonthWindow).ok).toBe(true);
    expect(checkAge('2007-03-01', '2026-06-01', '2024-08-31', sixMonthWindow).ok).toBe(false);
  });

  it('treats a 29 February birthday as 1 March at the window edge in a non-leap year', () => {
    // Born 29 Feb 2008: 18 on 1 Mar 2026, one day past a window ending 28 Feb 2026.
    expect(checkAge('2008-02-29', '2026-06-01', '2025-08-31', sixMonthWindow).ok).toBe(false);
    expect(checkAge('2008-02-29', '2026-06-01', '2025-09-01', sixMonthWindow).ok).toBe(true);
  });

  it('fails someone born on 29 February on 28 February of their 18th (non-leap) year', () => {
    expect(checkAge('2008-02-29', '2026-06-01', '2026-02-28', strict)).toEqual({
      ok: false,
      ageAtStart: 18,
      ageAtApplication: 17,
    });
    expect(checkAge('2008-02-29', '2026-06-01', '2026-03-01', strict).ok).toBe(true);
  });

  it('fails a 29 February baby starting on 28 February of their 18th year and passes 1 March', () => {
    expect(checkAge('2008-02-29', '2026-02-28', '2025-12-01', sixMonthWindow).ok).toBe(false);
    expect(checkAge('2008-02-29', '2026-03-01', '2025-12-01', sixMonthWindow).ok).toBe(true);
  });

  it('still requires the minimum age on the start date within the window', () => {
    expect(checkAge('2006-09-01', '2024-08-31', '2024-06-15', sixMonthWindow)).toEqual({
      ok: false,
      ageAtStart: 17,
      ageAtApplication: 17,
    });
  });

  it('does not let the window admit someone who turns 18 more than the window away', () => {
    expect(checkAge('2007-01-01', '2025-06-01', '2024-06-15', sixMonthWindow).ok).toBe(false);
  });

  it('uses the policy minimum age', () => {
    const twentyOne: EligibilityPolicy = { ...strict, minimumAge: 21 };
    expect(checkAge('2004-01-01', '2024-09-01', '2024-06-15', twentyOne).ok).toBe(false);
    expect(checkAge('2003-01-01', '2024-09-01', '2024-06-15', twentyOne).ok).toBe(true);
  });
});
