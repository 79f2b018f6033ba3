import { DEFAULT_QUESTIONNAIRE_POLICY, validateQuestionnairePolicy } from './questionnaire-policy';

describe('questionnaire policy', () => {
  it('has the published defaults, and they are sound', () => {
    expect(DEFAULT_QUESTIONNAIRE_POLICY).toEqual({
      historyYears: 10,
      maxUnexplainedGapDays: 28,
      minimumReferees: 2,
      minimumRefereeYears: 2,
    });
    expect(validateQuestionnairePolicy(DEFAULT_QUESTIONNAIRE_POLICY)).toEqual([]);
  });

  it('reports every unusable value', () => {
    expect(
      validateQuestionnairePolicy({
        historyYears: 0,
        maxUnexplainedGapDays: -1,
        minimumReferees: 1.5,
        minimumRefereeYears: Number('x'),
      }),
    ).toEqual([
      'historyYears must be at least 1, got 0',
      'maxUnexplainedGapDays must be at least 0, got -1',
      'minimumReferees must be a whole number, got 1.5',
      'minimumRefereeYears must be a whole number, got NaN',
    ]);
  });
});
