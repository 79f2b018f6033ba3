import type { ClockPolicy } from './clock-policy';
import { DEFAULT_CLOCK_POLICY } from './clock-policy';
import type { ClockSegment } from './sla';
import { addClockSegment, atRiskAt, EMPTY_CLOCK_TOTALS } from './sla';

const MS_POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'test-ms-v1',
  unit: 'MILLISECONDS',
  calendar: 'none',
};
const T0 = '2025-04-18T00:00:00.000Z';
const at = (seconds: number): string => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describe('atRiskAt', () => {
  // Goal 10 s, deadline 20 s: the goal (10 s) comes before 80% of the span (16 s).
  const early = { stageEnteredAt: T0, goalAt: at(10), deadlineAt: at(20), policy: MS_POLICY };
  // Goal 19 s, deadline 20 s: 80% of the span (16 s) comes first.
  const late = { ...early, goalAt: at(19) };

  it('is the goal when the goal comes first', () => {
    expect(atRiskAt(early)).toBe(at(10));
  });

  it('is 80% of the span when that comes before a goal near the deadline', () => {
    expect(atRiskAt(late)).toBe(at(16));
  });

  it('measures the at-risk share in working days, not calendar time', () => {
    // Entered Friday 4 April 2025; deadline 10 working days on, Tuesday 22 April (Good Friday and Easter Monday
    // skipped). 80% is 8 working days: Wednesday 16 April 09:00, not 80% of the 18 calendar days.
    const input = {
      stageEnteredAt: '2025-04-04T09:00:00Z',
      goalAt: '2025-04-17T09:00:00Z',
      deadlineAt: '2025-04-22T09:00:00Z',
      policy: DEFAULT_CLOCK_POLICY,
    };
    expect(atRiskAt(input)).toBe('2025-04-16T09:00:00.000Z');
  });

  it('takes the goal when it comes before the at-risk share in working days', () => {
    const input = {
      stageEnteredAt: '2025-04-04T09:00:00Z',
      goalAt: '2025-04-10T09:00:00Z',
      deadlineAt: '2025-04-22T09:00:00Z',
      policy: DEFAULT_CLOCK_POLICY,
    };
    expect(atRiskAt(input)).toBe('2025-04-10T09:00:00.000Z');
  });

  it('is the entry instant when the deadline is the entry instant', () => {
    expect(atRiskAt({ ...early, goalAt: T0, deadlineAt: T0 })).toBe(T0);
  });

  it('never reaches AT_RISK by the fraction when it is 1, only by the goal', () => {
    const policy = { ...MS_POLICY, atRiskFraction: 1 };
    expect(atRiskAt({ ...late, policy })).toBe(at(19));
    expect(atRiskAt({ ...late, goalAt: at(20), policy })).toBe(at(20));
  });

  it('rejects impossible inputs', () => {
    expect(() => atRiskAt({ ...early, goalAt: at(21) })).toThrow(/goalAt .* is after deadlineAt/);
    expect(() => atRiskAt({ ...early, deadlineAt: at(-1), goalAt: at(-2) })).toThrow(/before stageEnteredAt/);
    expect(() => atRiskAt({ ...early, stageEnteredAt: 'then' })).toThrow(/^stageEnteredAt must be/);
  });
});

describe('addClockSegment', () => {
  const segment = (from: number, to: number, waiting: boolean): ClockSegment => ({
    from: at(from),
    to: at(to),
    waiting,
  });

  it('adds one segment without changing the totals it was given', () => {
    const before = { vettingMs: 1, waitingMs: 2 };
    expect(addClockSegment(before, segment(0, 1, true))).toEqual({ vettingMs: 1, waitingMs: 1_002 });
    expect(addClockSegment(before, segment(0, 1, false))).toEqual({ vettingMs: 1_001, waitingMs: 2 });
    expect(before).toEqual({ vettingMs: 1, waitingMs: 2 });
    expect(Object.isFrozen(EMPTY_CLOCK_TOTALS)).toBe(true);
  });

  it('counts an empty segment as nothing', () => {
    expect(addClockSegment(EMPTY_CLOCK_TOTALS, segment(4, 4, true))).toEqual(EMPTY_CLOCK_TOTALS);
  });

  it('reads segments written with offsets', () => {
    expect(
      addClockSegment(EMPTY_CLOCK_TOTALS, {
        from: '2025-04-18T10:00:00+01:00',
        to: '2025-04-18T09:00:01Z',
        waiting: true,
      }),
    ).toEqual({ vettingMs: 0, waitingMs: 1_000 });
  });

  it('rejects a segment that ends before it starts, and malformed instants', () => {
    expect(() => addClockSegment(EMPTY_CLOCK_TOTALS, segment(5, 4, false))).toThrow(
      /ends .* before it starts/,
    );
    expect(() => addClockSegment(EMPTY_CLOCK_TOTALS, { from: 'then', to: at(1), waiting: false })).toThrow(
      /^from must be/,
    );
  });
});
