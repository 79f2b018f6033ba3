import * as eligibility from './index';

describe('eligibility public API', () => {
  it('exports the screening functions and the default policy', () => {
    expect(Object.keys(eligibility).sort()).toEqual([
      'DATE_OF_BIRTH_MAX_YEARS_AGO',
      'DEFAULT_ELIGIBILITY_POLICY',
      'INTENDED_START_MAX_YEARS_AHEAD',
      'RESIDENCE_EXCEPTION_REASONS',
      'addDays',
      'addYears',
      'ageOn',
      'applicationDateProblem',
      'assessResidence',
      'checkAge',
      'checkNationality',
      'compareIsoDates',
      'isIsoDate',
      'screenEligibility',
      'validateAddressHistory',
      'validateEligibilityPolicy',
    ]);
  });
});
