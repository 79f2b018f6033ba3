import { CHANGE_KINDS, CLEARANCE_STATUSES } from '../../../../libs/domain/src';
import type { ClearanceView } from './aftercare-words';
import {
  adjudicatorActions,
  changeCheckInWords,
  appraisalOpen,
  CHANGE_KIND_WORDS,
  changeKindOf,
  clearanceStatusInWords,
  managerAppraisalOpen,
  reviewOutcomeOf,
} from './aftercare-words';

const valid: ClearanceView = {
  clearanceId: '3f2b6c1e-0000-4000-8000-000000000001',
  level: 'DV',
  status: 'VALID',
  grantedOn: '2026-01-01',
  renewalDue: '2033-01-01',
  appraisal: null,
  endedAt: null,
};

describe('aftercare words', () => {
  it('says every status in words, never a code', () => {
    for (const status of CLEARANCE_STATUSES) {
      const words = clearanceStatusInWords(status);
      expect(words.text).not.toMatch(/_|^[A-Z]+$/);
      expect(words.detail).toMatch(/\.$/);
    }
  });

  it('asks follow-up questions for every change kind, and reads only known kinds and outcomes back', () => {
    for (const kind of CHANGE_KINDS) {
      expect(CHANGE_KIND_WORDS[kind].details).not.toBe('');
      expect(changeKindOf(kind)).toBe(kind);
    }
    expect(changeKindOf('ALIENS')).toBeUndefined();
    expect(reviewOutcomeOf('NO_CHANGE')).toBe('NO_CHANGE');
    expect(reviewOutcomeOf('SHRUG')).toBeUndefined();
  });

  it('offers the appraisal only while this year’s is awaiting the holder on a live clearance', () => {
    const due = { n: 1, status: 'DUE' as const, dueAt: '2027-01-01T00:00:00Z' };
    expect(appraisalOpen(valid)).toBe(false);
    expect(appraisalOpen({ ...valid, appraisal: due })).toBe(true);
    expect(appraisalOpen({ ...valid, appraisal: { ...due, status: 'OVERDUE' } })).toBe(true);
    expect(appraisalOpen({ ...valid, appraisal: { ...due, status: 'SUBMITTED' } })).toBe(false);
    expect(appraisalOpen({ ...valid, status: 'WITHDRAWN', appraisal: due })).toBe(false);
  });

  it("offers each part of a two-part year to whoever still owes it, and the line manager's only on such a year", () => {
    const due = { n: 1, status: 'DUE' as const, dueAt: '2027-01-01T00:00:00Z' };
    const parts = (holder: string | null, lineManager: string | null) => ({
      ...valid,
      appraisal: { ...due, parts: { holder, lineManager } },
    });
    const at = '2027-01-02T00:00:00Z';
    expect([appraisalOpen(parts(null, null)), managerAppraisalOpen(parts(null, null))]).toEqual([true, true]);
    expect([appraisalOpen(parts(at, null)), managerAppraisalOpen(parts(at, null))]).toEqual([false, true]);
    expect([appraisalOpen(parts(null, at)), managerAppraisalOpen(parts(null, at))]).toEqual([true, false]);
    expect(managerAppraisalOpen({ ...valid, appraisal: due })).toBe(false);
    expect(managerAppraisalOpen({ ...parts(null, null), status: 'LAPSED' })).toBe(false);
  });

  it('offers the adjudicator what the transition table allows, and no withdrawal to someone who reviewed it', () => {
    expect(adjudicatorActions({ status: 'VALID', reviewers: [] }, 'adj-1')).toEqual({
      suspend: true,
      restore: false,
      withdraw: true,
      reviewedIt: false,
    });
    expect(adjudicatorActions({ status: 'SUSPENDED', reviewers: ['adj-1'] }, 'adj-1')).toEqual({
      suspend: false,
      restore: true,
      withdraw: false,
      reviewedIt: true,
    });
    expect(adjudicatorActions({ status: 'LAPSED', reviewers: [] }, 'adj-1')).toEqual({
      suspend: false,
      restore: false,
      withdraw: false,
      reviewedIt: false,
    });
  });
});

describe('changeCheckInWords', () => {
  const check = { checkType: 'CRIMINAL_RECORDS', startedAt: '2026-12-01T10:00:00Z', resolvedAt: null };
  it('says the result when there is one, and why there is none otherwise', () => {
    expect(changeCheckInWords({ ...check, status: 'RESULT', outcome: 'TRACE' }).text).toBe('Trace found');
    expect(changeCheckInWords({ ...check, status: 'RESULT', outcome: 'CLEAR' }).text).toBe('Clear');
    expect(changeCheckInWords({ ...check, status: 'RUNNING', outcome: null }).text).toBe('Awaiting result');
    expect(changeCheckInWords({ ...check, status: 'TIMED_OUT', outcome: null }).text).toBe(
      'No answer in time',
    );
  });
});
