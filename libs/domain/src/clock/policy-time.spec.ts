import type { ClockPolicy } from './clock-policy';
import { DEFAULT_CLOCK_POLICY } from './clock-policy';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.england-and-wales';
import { calendarHolidays, elapsedUnits, instantAfter, stageDeadlines } from './policy-time';

const MS_POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'test-ms-v1',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: { QUESTIONNAIRE: { goal: 2_000, deadline: 5_000, repeatEvery: 1_000 } },
};
const NO_HOLIDAYS: ClockPolicy = { ...DEFAULT_CLOCK_POLICY, calendar: 'none' };

describe('calendarHolidays', () => {
  it('looks a calendar up by name', () => {
    expect(calendarHolidays('england-and-wales')).toBe(ENGLAND_AND_WALES_BANK_HOLIDAYS);
    expect(calendarHolidays('none')).toEqual([]);
  });

  it.each(['scotland', 'constructor', '__proto__', ''])('rejects %p', (name) => {
    expect(() => calendarHolidays(name)).toThrow(/^unknown calendar/);
  });
});

describe('instantAfter', () => {
  it('adds working days on the policy’s calendar', () => {
    expect(instantAfter(DEFAULT_CLOCK_POLICY, '2025-04-17T09:00:00Z', 1)).toBe('2025-04-22T09:00:00.000Z');
    expect(instantAfter(NO_HOLIDAYS, '2025-04-17T09:00:00Z', 1)).toBe('2025-04-18T09:00:00.000Z');
  });

  it('adds plain milliseconds, weekends and holidays included', () => {
    expect(instantAfter(MS_POLICY, '2025-04-18T23:59:59.000Z', 2_000)).toBe('2025-04-19T00:00:01.000Z');
    expect(instantAfter(MS_POLICY, '2025-04-18T00:00:00Z', 0)).toBe('2025-04-18T00:00:00.000Z');
  });

  it('rounds a fractional millisecond amount to a whole one', () => {
    expect(instantAfter(MS_POLICY, '2025-04-18T00:00:00Z', 1_600.4)).toBe('2025-04-18T00:00:01.600Z');
  });

  it.each([-1, Number.NaN])('rejects amount %p', (amount) => {
    expect(() => instantAfter(MS_POLICY, '2025-04-18T00:00:00Z', amount)).toThrow(RangeError);
    expect(() => instantAfter(DEFAULT_CLOCK_POLICY, '2025-04-18T00:00:00Z', amount)).toThrow(RangeError);
  });

  it('rejects a policy naming an unknown calendar and a malformed start', () => {
    expect(() =>
      instantAfter({ ...DEFAULT_CLOCK_POLICY, calendar: 'wales' }, '2025-04-18T00:00:00Z', 1),
    ).toThrow(/unknown calendar "wales"/);
    expect(() => instantAfter(MS_POLICY, 'soon', 1)).toThrow(/startIso/);
  });
});

describe('elapsedUnits', () => {
  it('counts working days, fractional for part days', () => {
    expect(elapsedUnits(DEFAULT_CLOCK_POLICY, '2025-04-17T09:00:00Z', '2025-04-22T21:00:00Z')).toBe(1.5);
    expect(elapsedUnits(NO_HOLIDAYS, '2025-04-17T09:00:00Z', '2025-04-22T21:00:00Z')).toBe(3.5);
  });

  it('counts milliseconds, negative when the end is earlier', () => {
    expect(elapsedUnits(MS_POLICY, '2025-04-18T00:00:00Z', '2025-04-18T00:00:02.5Z')).toBe(2_500);
    expect(elapsedUnits(MS_POLICY, '2025-04-18T00:00:02.5Z', '2025-04-18T00:00:00Z')).toBe(-2_500);
  });

  it('undoes instantAfter in either unit', () => {
    const start = '2025-12-23T15:45:00.000Z';
    for (const policy of [DEFAULT_CLOCK_POLICY, MS_POLICY]) {
      for (const amount of [0, 1, 7, 95])
        expect(elapsedUnits(policy, start, instantAfter(policy, start, amount))).toBe(amount);
    }
  });
});

describe('stageDeadlines', () => {
  it('places the goal and deadline of a stage by the policy', () => {
    // RECORD_CHECKS: goal 10, deadline 15 working days; Easter 2025 falls inside.
    expect(stageDeadlines(DEFAULT_CLOCK_POLICY, 'RECORD_CHECKS', '2025-04-10T10:00:00Z')).toEqual({
      goalAt: '2025-04-28T10:00:00.000Z',
      deadlineAt: '2025-05-06T10:00:00.000Z',
    });
    expect(stageDeadlines(MS_POLICY, 'QUESTIONNAIRE', '2025-04-18T00:00:00Z')).toEqual({
      goalAt: '2025-04-18T00:00:02.000Z',
      deadlineAt: '2025-04-18T00:00:05.000Z',
    });
  });

  it('gives null for a stage the policy does not clock', () => {
    expect(stageDeadlines(MS_POLICY, 'DECISION', '2025-04-18T00:00:00Z')).toBeNull();
  });
});
