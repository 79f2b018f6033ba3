import { applicationDateProblem } from './application-dates';

const TODAY = '2026-11-30';

describe('applicationDateProblem', () => {
  it('wants a date of birth before today, and no more than 120 years ago', () => {
    expect(applicationDateProblem('BIRTH', '2026-11-29', TODAY)).toBeNull();
    expect(applicationDateProblem('BIRTH', TODAY, TODAY)).toBe('must be before today (2026-11-30)');
    expect(applicationDateProblem('BIRTH', '2027-01-01', TODAY)).toMatch(/before today/);
    expect(applicationDateProblem('BIRTH', '1906-11-30', TODAY)).toBeNull();
    expect(applicationDateProblem('BIRTH', '1906-11-29', TODAY)).toMatch(/last 120 years/);
  });

  it('wants address dates on or before today', () => {
    expect(applicationDateProblem('PAST_OR_TODAY', TODAY, TODAY)).toBeNull();
    expect(applicationDateProblem('PAST_OR_TODAY', '2026-12-01', TODAY)).toBe(
      'must not be after today (2026-11-30)',
    );
  });

  it('wants an intended start from today up to two years ahead', () => {
    expect(applicationDateProblem('INTENDED_START', TODAY, TODAY)).toBeNull();
    expect(applicationDateProblem('INTENDED_START', '2026-11-29', TODAY)).toMatch(/not be before today/);
    expect(applicationDateProblem('INTENDED_START', '2028-11-30', TODAY)).toBeNull();
    expect(applicationDateProblem('INTENDED_START', '2028-12-01', TODAY)).toMatch(
      /within 2 years.*2028-11-30/,
    );
  });

  it('judges a 29 February today against real calendar dates', () => {
    expect(applicationDateProblem('INTENDED_START', '2030-02-28', '2028-02-29')).toBeNull();
    expect(applicationDateProblem('INTENDED_START', '2030-03-01', '2028-02-29')).toMatch(/within 2 years/);
  });

  it('leaves dates that are not real dates to the format check', () => {
    expect(applicationDateProblem('BIRTH', '2023-02-29', TODAY)).toBeNull();
    expect(applicationDateProblem('PAST_OR_TODAY', null, TODAY)).toBeNull();
  });
});
