import { govukDate, govukDateTime, govukShortDate, words } from './view-filters';

describe('page filters', () => {
  it('writes dates the GOV.UK way, in UK time, with the short form for tables', () => {
    // 23:30 UTC on 31 May is already 1 June in London (BST).
    expect(govukDate('2027-05-31T23:30:00Z')).toBe('1 June 2027');
    expect(govukShortDate('2026-12-08T10:00:00Z')).toBe('8 Dec 2026');
    expect(govukDateTime('2027-03-03T14:05:00Z')).toBe('3 March 2027 at 2:05pm');
  });

  it('gives nothing for nothing, and for what is not a date', () => {
    expect(govukShortDate(null)).toBe('');
    expect(govukShortDate('not a date')).toBe('');
  });

  it('turns codes into words', () => {
    expect(words('RECORD_CHECKS')).toBe('Record checks');
  });
});
