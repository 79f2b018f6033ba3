import * as domain from '../index';
import * as clock from './index';

describe('clock module exports', () => {
  it('offers the clock API from the domain package root', () => {
    for (const name of [
      'CALENDARS',
      'addWorkingDays',
      'isWorkingDay',
      'workingDaysBetween',
      'DEFAULT_CLOCK_POLICY',
      'validateClockPolicy',
      'instantAfter',
      'elapsedUnits',
      'atRiskAt',
      'addClockSegment',
      'easterSunday',
    ]) {
      expect(domain).toHaveProperty(name, (clock as Record<string, unknown>)[name]);
    }
  });
});
