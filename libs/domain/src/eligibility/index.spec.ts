import * as eligibility from './index';

describe('eligibility public API', () => {
  it('exports the screening functions and the default policy', () => {
    expect(Object.keys(eligibility).sort()).toEqual([
      'DEFAULT_ELIGIBILITY_POLICY',
      'RESIDENCE_EXCEPTION_REASONS',
      'ageOn',
      'assessResidence',
      'checkAge',
      'checkNationality',
      'screenEligibility',
      'validateAddressHistory',
      'validateEligibilityPolicy',
    ]);
  });
});
