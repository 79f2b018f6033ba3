import type { ClockPolicy } from './clock-policy';
import { DEFAULT_CLOCK_POLICY } from './clock-policy';
import type { ClockSegment } from './sla';
import { addClockSegment, atRiskAt, clockTotals, EMPTY_CLOCK_TOTALS, slaState } from './sla';

const MS_POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'test-ms-v1',
  unit: 'MILLISECONDS',
  calendar: 'none',
};
const T0 = '2025-04-18T00:00:00.000Z';
const at = (seconds: number): string => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describe('slaState', () => {
  // Goal 10 s, deadline 20 s: the goal (10 s) comes before 80% of the span (16 s).
  const early = { stageEnteredAt: T0, goalAt: at(10), deadlineAt: at(20), pausedMs: 0, policy: MS_POLICY };
  // Goal 19 s, deadline 20 s: 80% of the span (16 s) comes first.
  const late = { ...early, goalAt: at(19) };

  it.each([
    [0, 'ON_TRACK'],
    [9.999, 'ON_TRACK'],
    [10, 'AT_RISK'],
    [20, 'AT_RISK'],
    [20.001, 'BREACHED'],
    [3600, 'BREACHED'],
  ])('with an early goal, at %f s is %s', (seconds, expected) => {
    expect(slaState({ ...early, now: at(seconds) })).toBe(expected);
  });

  it.each([
    [15.999, 'ON_TRACK'],
    [16, 'AT_RISK'],
    [19, 'AT_RISK'],
    [20.001, 'BREACHED'],
  ])('with a goal near the deadline, at %f s is %s (80% of the span comes first)', (seconds, expected) => {
    expect(slaState({ ...late, now: at(seconds) })).toBe(expected);
  });

  it('winds the clock back by time spent waiting', () => {
    expect(slaState({ ...early, now: at(25), pausedMs: 5_000 })).toBe('AT_RISK');
    expect(slaState({ ...early, now: at(25.001), pausedMs: 5_000 })).toBe('BREACHED');
    expect(slaState({ ...early, now: at(14), pausedMs: 5_000 })).toBe('ON_TRACK');
  });

  it('measures the at-risk share in working days, not calendar time', () => {
    // Entered Friday 4 April 2025; deadline 10 working days on, Tuesday 22 April (Good Friday and Easter Monday
    // skipped). 80% is 8 working days: Wednesday 16 April 09:00, not 80% of the 18 calendar days.
    const input = {
      stageEnteredAt: '2025-04-04T09:00:00Z',
      goalAt: '2025-04-17T09:00:00Z',
      deadlineAt: '2025-04-22T09:00:00Z',
      pausedMs: 0,
      policy: DEFAULT_CLOCK_POLICY,
    };
    expect(atRiskAt(input)).toBe('2025-04-16T09:00:00.000Z');
    expect(slaState({ ...input, now: '2025-04-16T08:59:59.999Z' })).toBe('ON_TRACK');
    expect(slaState({ ...input, now: '2025-04-16T09:00:00Z' })).toBe('AT_RISK');
    expect(slaState({ ...input, now: '2025-04-21T23:00:00Z' })).toBe('AT_RISK');
    expect(slaState({ ...input, now: '2025-04-22T09:00:00.001Z' })).toBe('BREACHED');
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

  it('is at risk at once when the deadline is the entry instant', () => {
    expect(slaState({ ...early, goalAt: T0, deadlineAt: T0, now: T0 })).toBe('AT_RISK');
  });

  it('never reaches AT_RISK by the fraction when it is 1, only by the goal', () => {
    const policy = { ...MS_POLICY, atRiskFraction: 1 };
    expect(atRiskAt({ ...late, policy })).toBe(at(19));
    expect(atRiskAt({ ...late, goalAt: at(20), policy })).toBe(at(20));
  });

  it('rejects impossible inputs', () => {
    expect(() => slaState({ ...early, now: at(5), pausedMs: -1 })).toThrow(/pausedMs must be/);
    expect(() => slaState({ ...early, now: at(5), pausedMs: Number.NaN })).toThrow(/pausedMs must be/);
    expect(() => slaState({ ...early, now: at(5), pausedMs: 6_000 })).toThrow(/exceeds the time/);
    expect(() => slaState({ ...early, now: at(5), goalAt: at(21) })).toThrow(/goalAt .* is after deadlineAt/);
    expect(() => slaState({ ...early, now: at(5), deadlineAt: at(-1), goalAt: at(-2) })).toThrow(
      /before stageEnteredAt/,
    );
    expect(() => slaState({ ...early, now: 'now' })).toThrow(/^now must be/);
  });
});

describe('clockTotals / addClockSegment', () => {
  const segment = (from: number, to: number, waiting: boolean): ClockSegment => ({
    from: at(from),
    to: at(to),
    waiting,
  });

  it('is zero for no segments', () => {
    expect(clockTotals([])).toEqual({ vettingMs: 0, waitingMs: 0 });
  });

  it('adds vetting and waiting time separately', () => {
    expect(clockTotals([segment(0, 10, false), segment(10, 13, true), segment(13, 20, false)])).toEqual({
      vettingMs: 17_000,
      waitingMs: 3_000,
    });
  });

  it('accepts segments in any order and leaves gaps uncounted', () => {
    expect(clockTotals([segment(30, 31, true), segment(0, 1, false), segment(5, 7, true)])).toEqual({
      vettingMs: 1_000,
      waitingMs: 3_000,
    });
  });

  it('counts an empty segment as nothing', () => {
    expect(clockTotals([segment(4, 4, true), segment(4, 4, false)])).toEqual(EMPTY_CLOCK_TOTALS);
  });

  it('reads segments written with offsets', () => {
    expect(
      clockTotals([{ from: '2025-04-18T10:00:00+01:00', to: '2025-04-18T09:00:01Z', waiting: true }]),
    ).toEqual({
      vettingMs: 0,
      waitingMs: 1_000,
    });
  });

  it('rejects overlapping segments, which would count time twice', () => {
    expect(() => clockTotals([segment(0, 10, false), segment(9, 12, true)])).toThrow(/segments overlap/);
  });

  it('rejects a segment that ends before it starts, and malformed instants', () => {
    expect(() => clockTotals([segment(5, 4, false)])).toThrow(/ends .* before it starts/);
    expect(() => clockTotals([{ from: 'then', to: at(1), waiting: false }])).toThrow(/^from must be/);
  });

  it('adds one segment without changing the totals it was given', () => {
    const before = { vettingMs: 1, waitingMs: 2 };
    expect(addClockSegment(before, segment(0, 1, true))).toEqual({ vettingMs: 1, waitingMs: 1_002 });
    expect(addClockSegment(before, segment(0, 1, false))).toEqual({ vettingMs: 1_001, waitingMs: 2 });
    expect(before).toEqual({ vettingMs: 1, waitingMs: 2 });
    expect(Object.isFrozen(EMPTY_CLOCK_TOTALS)).toBe(true);
  });
});
