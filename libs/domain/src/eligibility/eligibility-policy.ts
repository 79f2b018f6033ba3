import type { EligibilityPolicy } from './eligibility.types';

/** The published policy: 18 by the intended start date, 9 years' UK residence in the last 10. */
export const DEFAULT_ELIGIBILITY_POLICY: EligibilityPolicy = Object.freeze({
  minimumAge: 18,
  underageApplicationWindowMonths: null,
  residenceRequiredYears: 9,
  residenceWindowYears: 10,
});

/** Problems that make a policy unusable, in human-readable form; empty if it is sound. */
export function validateEligibilityPolicy(policy: EligibilityPolicy): string[] {
  const problems: string[] = [];
  const wholeNumber = (name: keyof EligibilityPolicy, min: number): boolean => {
    const value: unknown = policy[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
      problems.push(`${name} must be a whole number, got ${shown}`);
      return false;
    }
    if (value < min) {
      problems.push(`${name} must be at least ${min}, got ${value}`);
      return false;
    }
    return true;
  };
  wholeNumber('minimumAge', 16);
  if (policy.underageApplicationWindowMonths !== null) wholeNumber('underageApplicationWindowMonths', 0);
  const required = wholeNumber('residenceRequiredYears', 1);
  const window = wholeNumber('residenceWindowYears', 1);
  if (required && window && policy.residenceWindowYears < policy.residenceRequiredYears) {
    problems.push(
      `residenceWindowYears (${policy.residenceWindowYears}) must not be shorter than residenceRequiredYears ` +
        `(${policy.residenceRequiredYears})`,
    );
  }
  return problems;
}
