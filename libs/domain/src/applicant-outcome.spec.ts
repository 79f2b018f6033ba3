import { applicantOutcomeFor, INELIGIBILITY_IN_WORDS } from './applicant-outcome';
import { ALL_STAGES, isClosedStage } from './stage-model';

describe('applicantOutcomeFor', () => {
  it('tells a granted applicant in words, with or without conditions', () => {
    expect(applicantOutcomeFor('GRANTED', [], [])).toEqual({
      outcome: 'GRANTED',
      message: 'Your security clearance has been granted.',
      reasons: [],
    });
    expect(applicantOutcomeFor('GRANTED_WITH_CONDITIONS', [], [])).toMatchObject({ outcome: 'GRANTED' });
  });

  it('tells a refused applicant the disclosable reasons it is given, and only those', () => {
    expect(applicantOutcomeFor('REFUSED', ['undeclared debts'], [])).toEqual({
      outcome: 'NOT_GRANTED',
      message: 'Your security clearance has not been granted.',
      reasons: ['undeclared debts'],
    });
  });

  it('tells an ineligible applicant which published rules were not met, in words', () => {
    const told = applicantOutcomeFor('INELIGIBLE', [], ['NOT_BRITISH_CITIZEN', 'UNDER_AGE']);
    expect(told).toMatchObject({ outcome: 'NOT_GRANTED' });
    expect(told?.reasons).toEqual([
      INELIGIBILITY_IN_WORDS.NOT_BRITISH_CITIZEN,
      INELIGIBILITY_IN_WORDS.UNDER_AGE,
    ]);
    expect(told?.reasons.join(' ')).not.toMatch(/[A-Z]{2,}_[A-Z]/);
  });

  it("tells an applicant whose sponsor declined that it cannot go ahead, never the sponsor's own reason", () => {
    const told = applicantOutcomeFor('NOT_SPONSORED', ['sponsor said: no such post'], []);
    expect(told).toMatchObject({ outcome: 'NOT_GRANTED', reasons: [] });
    expect(told?.message).toMatch(/sponsor you named did not confirm/);
  });

  it('says nothing while a case is open or after it closed without a decision', () => {
    for (const stage of ALL_STAGES.filter((s) => !isClosedStage(s))) {
      expect(applicantOutcomeFor(stage, ['x'], [])).toBeNull();
    }
    expect(applicantOutcomeFor('WITHDRAWN', [], [])).toBeNull();
    expect(applicantOutcomeFor('LAPSED', [], [])).toBeNull();
  });
});
