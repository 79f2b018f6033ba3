import type { CheckResolution } from './index';
import {
  CHECK_STATUSES,
  BASELINE_CHECK_TYPES,
  CHECK_TYPES,
  DV_CHECK_TYPES,
  isCheckOutcome,
  isCheckType,
  isTerminalCheckStatus,
  checkOutcomeWord,
  needsOfficerReview,
  outcomeWordNeedsReview,
} from './index';

describe('record check types', () => {
  it('lists the six DV record checks and the baseline one apart', () => {
    expect(BASELINE_CHECK_TYPES).toEqual(['BASIC_CRIMINAL_RECORD']);
    expect(CHECK_TYPES).toEqual([...DV_CHECK_TYPES, ...BASELINE_CHECK_TYPES]);
    expect(DV_CHECK_TYPES).toEqual([
      'DEPARTMENTAL_RECORDS',
      'CRIMINAL_RECORDS',
      'CREDIT_REFERENCE',
      'SECURITY_SERVICE',
      'FINANCIAL_REVIEW',
      'THIRD_PARTY',
    ]);
  });

  it('recognises check types and outcomes exactly, case and all', () => {
    expect(isCheckType('CRIMINAL_RECORDS')).toBe(true);
    expect(isCheckType('criminal_records')).toBe(false);
    expect(isCheckType(undefined)).toBe(false);
    expect(isCheckOutcome('TRACE')).toBe(true);
    expect(isCheckOutcome('MAYBE')).toBe(false);
    expect(isCheckOutcome(1)).toBe(false);
  });

  it('treats only the four ends of a check as terminal', () => {
    expect(CHECK_STATUSES.filter(isTerminalCheckStatus)).toEqual([
      'RESULT',
      'TIMED_OUT',
      'FAILED',
      'CANCELLED',
    ]);
  });
});

describe('needsOfficerReview', () => {
  const cases: [CheckResolution, boolean][] = [
    [{ status: 'RESULT', outcome: 'CLEAR', detail: null }, false],
    [{ status: 'RESULT', outcome: 'TRACE', detail: 'one match' }, true],
    [{ status: 'RESULT', outcome: 'NEEDS_REVIEW', detail: null }, true],
    [{ status: 'TIMED_OUT', outcome: null, detail: null }, true],
    [{ status: 'FAILED', outcome: null, detail: 'request refused' }, true],
    [{ status: 'CANCELLED', outcome: null, detail: null }, true],
  ];

  it.each(cases)('%j → %s', (result, expected) => {
    expect(needsOfficerReview(result)).toBe(expected);
  });
});

describe('the recorded word and its review rule', () => {
  it.each([
    [{ status: 'RESULT', outcome: 'CLEAR' } as const, 'CLEAR'],
    [{ status: 'RESULT', outcome: 'TRACE' } as const, 'TRACE'],
    [{ status: 'TIMED_OUT', outcome: null } as const, 'TIMED_OUT'],
    [{ status: 'FAILED', outcome: null } as const, 'FAILED'],
  ])('records %o as %s and agrees with needsOfficerReview', (result, word) => {
    expect(checkOutcomeWord(result)).toBe(word);
    expect(outcomeWordNeedsReview(word)).toBe(needsOfficerReview(result));
  });
});
