import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from './bank-holidays.england-and-wales';

// A clock policy names its calendar by key, so another jurisdiction (Scotland, Northern Ireland) is one more
// data file and one more entry here; no clock code changes.
/** Holiday lists by calendar name: 'england-and-wales' bank holidays, or 'none' for weekends only. */
export const CALENDARS: Record<string, readonly string[]> = Object.freeze({
  'england-and-wales': ENGLAND_AND_WALES_BANK_HOLIDAYS,
  none: Object.freeze([]),
});
