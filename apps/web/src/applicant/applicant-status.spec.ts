import { applicantStatusFor, ALL_STAGES } from '../../../../libs/domain/src';
import { APPLICANT_STATUS_WORDS, mayWithdraw, RENEWAL_WORDS, statusView } from './applicant-status';

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

  it('says a renewal is one, and nothing else about it; a first application says nothing', () => {
    const renewal = statusView({
      id: 'x',
      status: 'IN_PROGRESS',
      openedAt: '',
      renewalOf: '7d3c1a52-0000-4000-8000-000000000000',
    });
    expect(renewal).toMatchObject({ renewal: RENEWAL_WORDS });
    expect(Object.values(RENEWAL_WORDS).join(' ')).not.toMatch(/sponsor|officer|7D3C1A52/i);
    expect(statusView({ id: 'x', status: 'IN_PROGRESS', openedAt: '' })).toMatchObject({ renewal: null });
  });
});
