import { adjudicationQueueMove } from './adjudication-queue';

describe('adjudicationQueueMove', () => {
  it('enters on a review that refers and on a suspension', () => {
    expect(adjudicationQueueMove('RECORD_REVIEW', { outcome: 'REFER_TO_ADJUDICATOR' }, 'VALID')).toBe(
      'ENTER',
    );
    expect(adjudicationQueueMove('SUSPEND', {}, 'SUSPENDED')).toBe('ENTER');
  });

  it('leaves on restoration, on a referral closed with the clearance left valid, and whenever it ends', () => {
    expect(adjudicationQueueMove('RESTORE', {}, 'VALID')).toBe('LEAVE');
    expect(adjudicationQueueMove('CLOSE_REFERRAL', { reason: 'r' }, 'VALID')).toBe('LEAVE');
    expect(adjudicationQueueMove('WITHDRAW', {}, 'WITHDRAWN')).toBe('LEAVE');
    expect(adjudicationQueueMove('REPORT_LEAVER', {}, 'LAPSED')).toBe('LEAVE');
    expect(adjudicationQueueMove('RENEWAL_GRANTED', {}, 'RENEWED')).toBe('LEAVE');
  });

  it('stays put on anything else, including reviews that do not refer', () => {
    expect(adjudicationQueueMove('RECORD_REVIEW', { outcome: 'NO_CHANGE' }, 'VALID')).toBe('STAY');
    expect(adjudicationQueueMove('REPORT_CHANGE', {}, 'SUSPENDED')).toBe('STAY');
    expect(adjudicationQueueMove('APPRAISAL_OVERDUE', {}, 'VALID')).toBe('STAY');
  });
});
