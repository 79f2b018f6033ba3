import { ENGLAND_AND_WALES_BANK_HOLIDAYS as EW } from './bank-holidays.england-and-wales';
import type { ClockTimeZone } from './working-days';
import { addWorkingDays, isWorkingDay, workingDaysBetween, workingDaysCounter } from './working-days';

const NONE: readonly string[] = [];
const DAY = 86_400_000;

// An independent reference for whole n, written with Date: step whole days from the start, counting each
// working day reached, after moving a non-working start to 00:00 of the next working day.
function referenceAdd(start: string, n: number, holidays: readonly string[]): string {
  const works = (ms: number): boolean => {
    const date = new Date(ms);
    return (
      date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && !holidays.includes(date.toISOString().slice(0, 10))
    );
  };
  let at = Date.parse(start);
  if (!works(at)) {
    at -= at % DAY;
    do at += DAY;
    while (!works(at));
  }
  for (let counted = 0; counted < n;) {
    at += DAY;
    if (works(at)) counted += 1;
  }
  return new Date(at).toISOString();
}

describe('isWorkingDay', () => {
  it.each([
    ['2025-04-16', true, 'a Wednesday'],
    ['2025-04-17', true, 'the Thursday before Easter'],
    ['2025-04-18', false, 'Good Friday'],
    ['2025-04-19', false, 'a Saturday'],
    ['2025-04-20', false, 'Easter Sunday'],
    ['2025-04-21', false, 'Easter Monday'],
    ['2025-04-22', true, 'the Tuesday after Easter'],
    ['2021-12-24', true, 'Christmas Eve, a Friday'],
    ['2021-12-27', false, 'substitute for Christmas Day'],
    ['2021-12-28', false, 'substitute for Boxing Day'],
    ['2021-12-29', true, 'the Wednesday after'],
    ['2027-12-25', false, 'Christmas Day on a Saturday'],
    ['2027-12-27', false, 'its substitute Monday'],
    ['2027-12-28', false, 'the Boxing Day substitute Tuesday'],
    ['2022-09-19', false, 'the state funeral'],
  ])('%s is a working day: %p (%s)', (date, expected) => {
    expect(isWorkingDay(date, EW)).toBe(expected);
  });

  it('counts only weekends when there are no holidays', () => {
    expect(isWorkingDay('2025-04-18', NONE)).toBe(true);
    expect(isWorkingDay('2025-04-19', NONE)).toBe(false);
  });

  it('rejects a malformed date and a malformed holiday rather than never matching', () => {
    expect(() => isWorkingDay('2025-4-18', EW)).toThrow(RangeError);
    expect(() => isWorkingDay('2025-04-18', ['2025-4-18'])).toThrow(/holiday/);
  });
});

describe('addWorkingDays', () => {
  describe('a stage started around Easter 2025', () => {
    it('started the Thursday before, its next working day is the Tuesday after, same time', () => {
      expect(addWorkingDays('2025-04-17T14:30:00.000Z', 1, EW)).toBe('2025-04-22T14:30:00.000Z');
      expect(addWorkingDays('2025-04-17T14:30:00.000Z', 2, EW)).toBe('2025-04-23T14:30:00.000Z');
    });

    it('started on Good Friday, counts from 00:00 on the Tuesday after Easter Monday', () => {
      expect(addWorkingDays('2025-04-18T10:00:00.000Z', 0, EW)).toBe('2025-04-22T00:00:00.000Z');
      expect(addWorkingDays('2025-04-18T10:00:00.000Z', 1, EW)).toBe('2025-04-23T00:00:00.000Z');
      expect(addWorkingDays('2025-04-18T10:00:00.000Z', 5, EW)).toBe('2025-04-29T00:00:00.000Z');
    });

    it('without the bank-holiday calendar, treats Good Friday and Easter Monday as working days', () => {
      expect(addWorkingDays('2025-04-17T14:30:00.000Z', 1, NONE)).toBe('2025-04-18T14:30:00.000Z');
      expect(addWorkingDays('2025-04-17T14:30:00.000Z', 2, NONE)).toBe('2025-04-21T14:30:00.000Z');
    });
  });

  it('skips Christmas Day, Boxing Day, the weekend and New Year across the year end', () => {
    const start = '2025-12-24T09:00:00.000Z';
    expect(addWorkingDays(start, 1, EW)).toBe('2025-12-29T09:00:00.000Z');
    expect(addWorkingDays(start, 3, EW)).toBe('2025-12-31T09:00:00.000Z');
    expect(addWorkingDays(start, 4, EW)).toBe('2026-01-02T09:00:00.000Z');
    expect(addWorkingDays(start, 5, EW)).toBe('2026-01-05T09:00:00.000Z');
  });

  it('crosses a year end from New Year’s Eve to 2 January', () => {
    expect(addWorkingDays('2025-12-31T16:00:00.000Z', 1, EW)).toBe('2026-01-02T16:00:00.000Z');
  });

  it('skips the 2021 substitute days (Monday 27 and Tuesday 28 December)', () => {
    expect(addWorkingDays('2021-12-24T12:00:00.000Z', 1, EW)).toBe('2021-12-29T12:00:00.000Z');
    expect(addWorkingDays('2021-12-25T12:00:00.000Z', 0, EW)).toBe('2021-12-29T00:00:00.000Z');
  });

  it('handles Christmas 2027 on a Saturday, with substitutes on the 27th and 28th', () => {
    expect(addWorkingDays('2027-12-24T09:00:00.000Z', 1, EW)).toBe('2027-12-29T09:00:00.000Z');
    expect(addWorkingDays('2027-12-25T09:00:00.000Z', 0, EW)).toBe('2027-12-29T00:00:00.000Z');
    expect(addWorkingDays('2027-12-25T09:00:00.000Z', 3, EW)).toBe('2028-01-04T00:00:00.000Z');
  });

  it('with n = 0 returns a working-day start unchanged, written in UTC', () => {
    expect(addWorkingDays('2025-04-17T14:30:00.000Z', 0, EW)).toBe('2025-04-17T14:30:00.000Z');
    expect(addWorkingDays('2025-04-17T15:30+01:00', 0, EW)).toBe('2025-04-17T14:30:00.000Z');
  });

  it('counts 95 working days (the DV target) across Easter and the May bank holidays', () => {
    // 19 weeks of weekdays reach Monday 19 May; Good Friday, Easter Monday and 5 May push it three days on.
    expect(addWorkingDays('2025-01-06T09:00:00.000Z', 95, EW)).toBe('2025-05-22T09:00:00.000Z');
    expect(addWorkingDays('2025-01-06T09:00:00.000Z', 95, NONE)).toBe('2025-05-19T09:00:00.000Z');
    // Over Christmas and New Year too.
    expect(addWorkingDays('2025-11-03T11:15:00.000Z', 95, EW)).toBe(
      referenceAdd('2025-11-03T11:15:00.000Z', 95, EW),
    );
  });

  it('agrees with an independent day-by-day count for many starts and counts', () => {
    for (
      let start = Date.parse('2025-12-15T00:00:00Z');
      start < Date.parse('2026-01-10T00:00:00Z');
      start += 7 * 3_600_000
    ) {
      const iso = new Date(start).toISOString();
      for (const n of [0, 1, 2, 5, 10, 25]) expect(addWorkingDays(iso, n, EW)).toBe(referenceAdd(iso, n, EW));
    }
  });

  it('ends a count that lands on midnight at the next working day’s start, not the weekend midnight', () => {
    expect(addWorkingDays('2025-04-07T00:00:00.000Z', 5, EW)).toBe('2025-04-14T00:00:00.000Z');
    expect(addWorkingDays('2025-04-11T00:00:00.000Z', 1, EW)).toBe('2025-04-14T00:00:00.000Z');
  });

  it('counts fractions of a day as that share of the working day’s 24 hours', () => {
    expect(addWorkingDays('2025-04-11T18:00:00.000Z', 0.5, EW)).toBe('2025-04-14T06:00:00.000Z');
    expect(addWorkingDays('2025-04-14T12:00:00.000Z', 0.5, EW)).toBe('2025-04-15T00:00:00.000Z');
    expect(addWorkingDays('2025-04-14T12:00:00.000Z', 0.25, EW)).toBe('2025-04-14T18:00:00.000Z');
  });

  it('is the inverse of workingDaysBetween and always lands on a working day', () => {
    for (
      let start = Date.parse('2025-04-10T00:00:00Z');
      start < Date.parse('2025-04-30T00:00:00Z');
      start += 5 * 3_600_000
    ) {
      const iso = new Date(start).toISOString();
      for (const n of [0, 0.25, 1, 2.5, 4, 10]) {
        const end = addWorkingDays(iso, n, EW);
        expect(workingDaysBetween(iso, end, EW)).toBe(n);
        expect(isWorkingDay(end.slice(0, 10), EW)).toBe(true);
      }
    }
  });

  it('accepts either zone name, both counted on UTC dates', () => {
    const start = '2025-06-13T23:30:00.000Z'; // 00:30 on Saturday in London, still Friday in UTC
    expect(addWorkingDays(start, 1, EW, 'Europe/London')).toBe('2025-06-16T23:30:00.000Z');
    expect(addWorkingDays(start, 1, EW, 'UTC')).toBe('2025-06-16T23:30:00.000Z');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %p', (n) => {
    expect(() => addWorkingDays('2025-04-17T09:00:00Z', n, EW)).toThrow(RangeError);
  });

  it('rejects an unknown zone, a bad start and a bad holiday', () => {
    expect(() => addWorkingDays('2025-04-17T09:00:00Z', 1, EW, 'America/New_York' as ClockTimeZone)).toThrow(
      /timeZone/,
    );
    expect(() => addWorkingDays('2025-04-17 09:00', 1, EW)).toThrow(/startInstantIso/);
    expect(() => addWorkingDays('2025-04-17T09:00:00Z', 1, ['18/04/2025'])).toThrow(/holiday/);
  });
});

describe('workingDaysBetween', () => {
  it('is 0 for the same instant and for a span inside a weekend or holiday', () => {
    expect(workingDaysBetween('2025-04-17T09:00:00Z', '2025-04-17T09:00:00Z', EW)).toBe(0);
    expect(workingDaysBetween('2025-04-18T00:00:00Z', '2025-04-22T00:00:00Z', EW)).toBe(0);
  });

  it('counts a day from one working day to the same time on the next', () => {
    expect(workingDaysBetween('2025-04-14T09:00:00Z', '2025-04-15T09:00:00Z', EW)).toBe(1);
    expect(workingDaysBetween('2025-04-11T12:00:00Z', '2025-04-14T12:00:00Z', EW)).toBe(1);
    expect(workingDaysBetween('2025-04-17T12:00:00Z', '2025-04-22T12:00:00Z', EW)).toBe(1);
  });

  it('returns the fraction of working days covered by part days', () => {
    expect(workingDaysBetween('2025-04-14T09:00:00Z', '2025-04-14T15:00:00Z', EW)).toBe(0.25);
    expect(workingDaysBetween('2025-04-17T18:00:00Z', '2025-04-22T06:00:00Z', EW)).toBe(0.5);
  });

  it('is negative when the end is earlier', () => {
    expect(workingDaysBetween('2025-04-22T12:00:00Z', '2025-04-17T12:00:00Z', EW)).toBe(-1);
  });

  it('counts three working days in Christmas week 2025', () => {
    expect(workingDaysBetween('2025-12-22T00:00:00Z', '2025-12-29T00:00:00Z', EW)).toBe(3);
  });

  it('counts 253 working days in 2025 (261 weekdays less 8 bank holidays) and 261 with no holidays', () => {
    expect(workingDaysBetween('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', EW)).toBe(253);
    expect(workingDaysBetween('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NONE)).toBe(261);
  });

  it('reads offsets before counting', () => {
    expect(workingDaysBetween('2025-04-14T10:00:00+01:00', '2025-04-15T09:00:00Z', EW)).toBe(1);
  });

  it('rejects bad instants, naming which', () => {
    expect(() => workingDaysBetween('yesterday', '2025-04-15T09:00:00Z', EW)).toThrow(/fromIso/);
    expect(() => workingDaysBetween('2025-04-15T09:00:00Z', 'today', EW)).toThrow(/toIso/);
  });
});

describe('workingDaysCounter', () => {
  it('counts every span as workingDaysBetween does, on epoch milliseconds', () => {
    const count = workingDaysCounter(EW);
    const starts = [
      '2025-04-11T12:00:00Z',
      '2025-04-17T23:30:00Z',
      '2025-12-24T09:15:00Z',
      '2025-05-02T00:00:00Z',
    ];
    for (const from of starts) {
      for (const hours of [0, 1, 25, 24 * 6 + 5, 24 * 30, -24 * 4 - 3]) {
        const to = new Date(Date.parse(from) + hours * 3_600_000).toISOString();
        expect(count(Date.parse(from), Date.parse(to))).toBe(workingDaysBetween(from, to, EW));
      }
    }
  });

  it('refuses an instant that is not a finite number', () => {
    expect(() => workingDaysCounter(NONE)(Number.NaN, 0)).toThrow(RangeError);
  });
});
