import { applicantStatusFor, ALL_STAGES } from '../../../../libs/domain/src';
import { APPLICANT_STATUS_WORDS, mayWithdraw, statusView } from './applicant-status';

describe('the applicant status in words', () => {
  it('has words for every status any stage maps to, and they never name a stage', () => {
    for (const stage of ALL_STAGES) {
      const words = APPLICANT_STATUS_WORDS[applicantStatusFor(stage, 'AWAITING')];
      expect(words).toBeDefined();
      expect(`${words.tag} ${words.explanation}`).not.toMatch(
        /record check|investigation|adjudicat|[A-Z]_[A-Z]/i,
      );
    }
  });

  it('offers withdrawal only while the application is being worked on', () => {
    expect(mayWithdraw('RECEIVED')).toBe(true);
    expect(mayWithdraw('ACTION_NEEDED')).toBe(true);
    expect(mayWithdraw('DECISION_MADE')).toBe(false);
    expect(mayWithdraw('CLOSED')).toBe(false);
  });

  it('shows a decision not granted in grey, and says which items to fix', () => {
    expect(
      statusView({ id: 'x', status: 'DECISION_MADE', openedAt: '', outcome: 'NOT_GRANTED' }),
    ).toMatchObject({
      words: { tag: 'Decision made', colour: 'grey' },
      mayWithdraw: false,
    });
    expect(
      statusView({ id: 'x', status: 'ACTION_NEEDED', openedAt: '', itemsToFix: ['Address history'] }),
    ).toMatchObject({ returned: true, mayWithdraw: true });
  });
});
