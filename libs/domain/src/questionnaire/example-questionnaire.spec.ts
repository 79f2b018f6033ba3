import { addDays } from '../eligibility/calendar-date';
import { exampleQuestionnaire } from './example-questionnaire';
import { validateQuestionnaire } from './validate-questionnaire';

describe('exampleQuestionnaire', () => {
  it.each(['2026-12-01', '2024-02-29', '2030-01-01'])(
    'passes validation as of %s and a week later',
    (asOf) => {
      const q = exampleQuestionnaire(asOf);
      expect(validateQuestionnaire(q, asOf)).toEqual([]);
      expect(validateQuestionnaire(q, addDays(asOf, 7))).toEqual([]);
    },
  );

  it('is about the person asked for, and still valid', () => {
    const q = exampleQuestionnaire('2026-12-01', {
      givenNames: 'Ada',
      familyName: 'Brooks',
      dateOfBirth: '1990-05-17',
      town: 'York',
      houseNumber: 12,
    });
    expect(q.identity).toMatchObject({ givenNames: 'Ada', familyName: 'Brooks', dateOfBirth: '1990-05-17' });
    expect(q.addresses.periods.map((p) => p.lines[0])).toEqual(['12 Example Street', '13 Sample Road']);
    expect(validateQuestionnaire(q, '2026-12-01')).toEqual([]);
  });
});
