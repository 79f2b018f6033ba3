import { formatInstant, MS_PER_DAY, parseInstant, utcDayNumber } from './instant';

describe('parseInstant', () => {
  it.each([
    '2025-04-17T09:30:00.000Z',
    '2025-04-17T09:30:00Z',
    '2025-04-17T09:30Z',
    '2025-04-17T10:30:00.000+01:00',
    '2025-04-17T04:00:00.5-05:30',
    '1969-12-31T23:59:59.999Z',
    '2024-02-29T00:00:00.000Z',
    '2030-12-31T23:59:59.999+14:00',
  ])('reads %s as Date.parse does', (value) => {
    expect(parseInstant(value)).toBe(Date.parse(value));
  });

  it('applies the offset', () => {
    expect(parseInstant('2025-06-01T00:30:00+01:00')).toBe(parseInstant('2025-05-31T23:30:00Z'));
  });

  it('truncates digits beyond the millisecond', () => {
    expect(parseInstant('2025-01-01T00:00:00.123456789Z')).toBe(parseInstant('2025-01-01T00:00:00.123Z'));
    expect(parseInstant('2025-01-01T00:00:00.1Z')).toBe(parseInstant('2025-01-01T00:00:00.100Z'));
  });

  it.each([
    ['2025-04-17T09:30:00', 'no offset'],
    ['2025-04-17', 'a date alone'],
    ['2025-04-17 09:30:00Z', 'a space for T'],
    ['2025-04-17t09:30:00z', 'lower-case letters'],
    ['2023-02-29T00:00:00Z', 'a date that does not exist'],
    ['2025-04-17T24:00:00Z', 'hour 24'],
    ['2025-04-17T09:60:00Z', 'minute 60'],
    ['2025-04-17T09:30:60Z', 'a leap second'],
    ['2025-04-17T09:30:00+24:00', 'offset hour 24'],
    ['2025-04-17T09:30:00+0100', 'an offset without a colon'],
    [' 2025-04-17T09:30:00Z', 'leading space'],
    ['', 'an empty string'],
  ])('rejects %p (%s), naming what it is', (value) => {
    expect(() => parseInstant(value, 'startedAt')).toThrow(/^startedAt must be an ISO 8601 instant/);
  });

  it.each([null, undefined, 1745000000000, {}])('rejects the non-string %p', (value) => {
    expect(() => parseInstant(value)).toThrow(RangeError);
  });
});

describe('formatInstant', () => {
  it.each([0, 1, -1, 1745000000000, -86_400_001, 253402300799999, 951782400000])(
    'writes %i as Date#toISOString does',
    (ms) => {
      expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
    },
  );

  it('round-trips with parseInstant', () => {
    for (let ms = -3 * MS_PER_DAY; ms < 3 * MS_PER_DAY; ms += 3_599_993) {
      expect(parseInstant(formatInstant(ms))).toBe(ms);
    }
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p, which no instant can hold', (ms) => {
    expect(() => formatInstant(ms)).toThrow(RangeError);
  });
});

describe('utcDayNumber', () => {
  it('gives the UTC date, flooring instants before 1970', () => {
    expect(utcDayNumber(0)).toBe(0);
    expect(utcDayNumber(MS_PER_DAY - 1)).toBe(0);
    expect(utcDayNumber(-1)).toBe(-1);
  });
});
