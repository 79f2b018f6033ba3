import type { ReferralEventInput } from './adjudication-queue';
import { adjudicationQueueMove, openReferralNotes } from './adjudication-queue';

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

describe('openReferralNotes', () => {
  const review = (at: string, outcome: string, notes: string, taskId = 'task-1'): ReferralEventInput => ({
    action: 'RECORD_REVIEW',
    actorId: 'officer-1',
    toStatus: 'VALID',
    at,
    detail: { taskId, outcome, notes },
  });
  const event = (action: string, at: string, toStatus: ReferralEventInput['toStatus'] = 'VALID') => ({
    action,
    actorId: 'adjudicator-1',
    toStatus,
    at,
    detail: {},
  });

  it('lists the referring reviews of the open referral, oldest first, and no other review', () => {
    expect(
      openReferralNotes([
        review('2027-01-01T00:00:00.000Z', 'NO_CHANGE', 'nothing to see'),
        review('2027-02-01T00:00:00.000Z', 'REFER_TO_ADJUDICATOR', 'debts unexplained', 'task-2'),
        event('SUSPEND', '2027-02-02T00:00:00.000Z', 'SUSPENDED'),
        review('2027-02-03T00:00:00.000Z', 'REFER_TO_ADJUDICATOR', 'and travel', 'task-3'),
      ]),
    ).toEqual([
      {
        taskId: 'task-2',
        officerId: 'officer-1',
        recordedAt: '2027-02-01T00:00:00.000Z',
        notes: 'debts unexplained',
      },
      {
        taskId: 'task-3',
        officerId: 'officer-1',
        recordedAt: '2027-02-03T00:00:00.000Z',
        notes: 'and travel',
      },
    ]);
  });

  it('forgets a referral once it is closed, restored from or the clearance ends', () => {
    const referred = review('2027-02-01T00:00:00.000Z', 'REFER_TO_ADJUDICATOR', 'old referral');
    for (const leave of [
      event('CLOSE_REFERRAL', '2027-03-01T00:00:00.000Z'),
      event('RESTORE', '2027-03-01T00:00:00.000Z'),
      event('WITHDRAW', '2027-03-01T00:00:00.000Z', 'WITHDRAWN'),
    ])
      expect(openReferralNotes([referred, leave])).toEqual([]);
    const again = review('2027-04-01T00:00:00.000Z', 'REFER_TO_ADJUDICATOR', 'new referral', 'task-2');
    expect(
      openReferralNotes([referred, event('CLOSE_REFERRAL', '2027-03-01T00:00:00.000Z'), again]).map(
        (n) => n.notes,
      ),
    ).toEqual(['new referral']);
  });
});
