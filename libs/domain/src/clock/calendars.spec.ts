import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.england-and-wales';
import { CALENDARS } from './calendars';

describe('CALENDARS', () => {
  it("offers 'england-and-wales' (the bank holiday list) and 'none' (no holidays)", () => {
    expect(Object.keys(CALENDARS).sort()).toEqual(['england-and-wales', 'none']);
    expect(CALENDARS['england-and-wales']).toBe(ENGLAND_AND_WALES_BANK_HOLIDAYS);
    expect(CALENDARS.none).toEqual([]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CALENDARS)).toBe(true);
    expect(Object.isFrozen(CALENDARS.none)).toBe(true);
  });
});
