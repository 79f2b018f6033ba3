import { DEFAULT_ELIGIBILITY_POLICY, validateEligibilityPolicy } from './eligibility-policy';
import type { EligibilityPolicy } from './eligibility.types';

const policy = (over: Partial<EligibilityPolicy>): EligibilityPolicy => ({
  ...DEFAULT_ELIGIBILITY_POLICY,
  ...over,
});

describe('DEFAULT_ELIGIBILITY_POLICY', () => {
  it('is 18 by the start date with no application-date rule, and 9 years of residence in the last 10', () => {
    expect(DEFAULT_ELIGIBILITY_POLICY).toEqual({
      minimumAge: 18,
      underageApplicationWindowMonths: null,
      residenceRequiredYears: 9,
      residenceWindowYears: 10,
    });
  });

  it('is valid and cannot be modified by accident', () => {
    expect(validateEligibilityPolicy(DEFAULT_ELIGIBILITY_POLICY)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_ELIGIBILITY_POLICY)).toBe(true);
  });
});

describe('validateEligibilityPolicy', () => {
  it('accepts the 7-year residence variant and a 6-month underage window', () => {
    expect(
      validateEligibilityPolicy(policy({ residenceRequiredYears: 7, underageApplicationWindowMonths: 6 })),
    ).toEqual([]);
  });

  it('rejects a minimum age below 16', () => {
    expect(validateEligibilityPolicy(policy({ minimumAge: 15 }))).toEqual([
      'minimumAge must be at least 16, got 15',
    ]);
  });

  it('rejects a negative underage window', () => {
    expect(validateEligibilityPolicy(policy({ underageApplicationWindowMonths: -1 }))).toEqual([
      'underageApplicationWindowMonths must be at least 0, got -1',
    ]);
  });

  it('rejects fractions and non-numbers', () => {
    expect(validateEligibilityPolicy(policy({ minimumAge: 17.5 }))).toEqual([
      'minimumAge must be a whole number, got 17.5',
    ]);
    expect(validateEligibilityPolicy(policy({ residenceRequiredYears: Number.NaN }))).toEqual([
      'residenceRequiredYears must be a whole number, got NaN',
    ]);
  });

  it('rejects a zero residence requirement', () => {
    expect(validateEligibilityPolicy(policy({ residenceRequiredYears: 0 }))).toEqual([
      'residenceRequiredYears must be at least 1, got 0',
    ]);
  });

  it('rejects a window shorter than the required years and accepts an equal one', () => {
    expect(validateEligibilityPolicy(policy({ residenceRequiredYears: 9, residenceWindowYears: 8 }))).toEqual(
      ['residenceWindowYears (8) must not be shorter than residenceRequiredYears (9)'],
    );
    expect(validateEligibilityPolicy(policy({ residenceRequiredYears: 9, residenceWindowYears: 9 }))).toEqual(
      [],
    );
  });

  it('reports every problem at once', () => {
    const problems = validateEligibilityPolicy({
      minimumAge: 10,
      underageApplicationWindowMonths: -3,
      residenceRequiredYears: 9,
      residenceWindowYears: 5,
    });
    expect(problems).toHaveLength(3);
  });
});
