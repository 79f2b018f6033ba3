import {
  yearsBetween,
  appraisalDueAt,
  appraisalDueDate,
  expiresAt,
  nextAppraisal,
  validateAftercareTiming,
} from './clearance-dates';

describe('appraisals', () => {
  it('fall due on each anniversary of the grant', () => {
    expect(appraisalDueDate('2026-05-01', 1)).toBe('2027-05-01');
    expect(appraisalDueDate('2026-05-01', 3)).toBe('2029-05-01');
    expect(() => appraisalDueDate('2026-05-01', 0)).toThrow(RangeError);
  });

  it('stop before the renewal date: the next one is null once renewal comes first', () => {
    expect(nextAppraisal('2026-05-01', '2033-05-01', '2026-05-02')).toEqual({ n: 1, dueOn: '2027-05-01' });
    expect(nextAppraisal('2026-05-01', '2033-05-01', '2027-05-01')).toEqual({ n: 1, dueOn: '2027-05-01' });
    expect(nextAppraisal('2026-05-01', '2033-05-01', '2027-05-02')).toEqual({ n: 2, dueOn: '2028-05-01' });
    expect(nextAppraisal('2026-05-01', '2033-05-01', '2032-05-02')).toBeNull();
    expect(nextAppraisal('2026-05-01', '2028-01-01', '2027-06-01')).toBeNull();
  });
});

describe('yearsBetween', () => {
  it('counts whole anniversaries and the passed part of the next year', () => {
    expect(yearsBetween('2026-05-01', '2033-05-01')).toBe(7);
    expect(yearsBetween('2028-02-29', '2029-02-28')).toBe(1);
    expect(yearsBetween('2026-01-01', '2026-07-02')).toBeCloseTo(182 / 365, 10);
  });
});

describe('aftercare instants', () => {
  const anchor = { startedAt: '2026-05-01T10:00:00.000Z', grantedOn: '2026-05-01', renewalDue: '2033-05-01' };
  const calendar = { yearMs: null, appraisalReminderMs: 1, appraisalOverdueMs: 2 };
  const compressed = { yearMs: 1000, appraisalReminderMs: 200, appraisalOverdueMs: 500 };

  it('use calendar anniversaries and the renewal date in production', () => {
    expect(appraisalDueAt(anchor, calendar, 2)).toBe('2028-05-01T00:00:00.000Z');
    expect(expiresAt(anchor, calendar)).toBe('2033-05-01T00:00:00.000Z');
  });

  it('compress years to yearMs from the start for tests and demos', () => {
    expect(appraisalDueAt(anchor, compressed, 2)).toBe('2026-05-01T10:00:02.000Z');
    // Seven anniversaries are seven years whatever the leap days in between.
    expect(Date.parse(expiresAt(anchor, compressed)) - Date.parse(anchor.startedAt)).toBe(7000);
    const early = { ...anchor, renewalDue: '2029-11-01' };
    expect(Date.parse(expiresAt(early, compressed)) - Date.parse(anchor.startedAt)).toBe(3504);
  });

  it('accepts a sensible timing and names what is wrong with a bad one', () => {
    expect(validateAftercareTiming(compressed)).toEqual([]);
    expect(
      validateAftercareTiming({ yearMs: 1000, appraisalReminderMs: 600, appraisalOverdueMs: 500 }),
    ).toEqual(['appraisalReminderMs must be shorter than appraisalOverdueMs']);
    expect(
      validateAftercareTiming({ yearMs: 1000, appraisalReminderMs: 100, appraisalOverdueMs: 1000 }),
    ).toEqual(['appraisalOverdueMs must be shorter than a year']);
    expect(validateAftercareTiming({ yearMs: -1, appraisalReminderMs: 1, appraisalOverdueMs: 2 })).toContain(
      'yearMs must be a positive number of ms',
    );
  });
});
