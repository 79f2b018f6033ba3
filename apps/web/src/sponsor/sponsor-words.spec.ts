import { ALL_STAGES, CLOSED_STAGES, OPEN_STAGES } from '../../../../libs/domain/src';
import {
  clearanceInWords,
  invitationInWords,
  sponsorOutcome,
  sponsorStage,
  SPONSOR_OUTCOME_WORDS,
} from './sponsor-words';

describe('sponsor words', () => {
  it('names every stage, and no code leaks through as words', () => {
    for (const stage of ALL_STAGES) {
      expect(sponsorStage(stage)).not.toMatch(/_/);
      expect(sponsorStage(stage)).not.toBe('In progress');
    }
    expect(sponsorStage('SOMETHING_NEW')).toBe('In progress');
  });

  it('says nothing about an open case beyond where it is', () => {
    for (const stage of OPEN_STAGES) expect(sponsorStage(stage)).not.toMatch(/grant|refus/i);
  });

  it('names every outcome a closed case can have', () => {
    for (const stage of CLOSED_STAGES) expect(SPONSOR_OUTCOME_WORDS[stage]).toBeDefined();
    expect(sponsorOutcome(null)).toBe('');
    expect(sponsorOutcome('REFUSED')).toBe('Clearance refused');
    expect(sponsorOutcome('NEW_OUTCOME')).toBe('Closed');
  });

  it('puts a clearance status in words', () => {
    expect(clearanceInWords('VALID').text).toBe('Valid');
    expect(clearanceInWords('NONE').detail).toBe('does not hold a DV clearance.');
    expect(clearanceInWords('EXPIRED').text).toBe('Expired');
  });

  it('says an invitation is sent, accepted, expired or withdrawn, never a code', () => {
    expect(['OPEN', 'ACCEPTED', 'LAPSED', 'WITHDRAWN'].map((s) => invitationInWords(s).text)).toEqual([
      'Sent',
      'Accepted',
      'Expired',
      'Withdrawn',
    ]);
    expect(invitationInWords('SOMETHING_NEW').text).toBe('Unknown');
  });
});
