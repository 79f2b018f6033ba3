export type { IsoInstant } from './instant';
export { formatInstant, MS_PER_DAY, parseInstant } from './instant';
export { easterSunday } from './easter';
export { englandAndWalesHolidaysByRule } from './bank-holiday-rules';
export type { BankHolidayException } from './bank-holidays.england-and-wales';
export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_EXCEPTIONS,
  ENGLAND_AND_WALES_YEARS,
} from './bank-holidays.england-and-wales';
export { CALENDARS } from './calendars';
export type { ClockTimeZone } from './working-days';
export { addWorkingDays, isWorkingDay, workingDaysBetween, workingDaysCounter } from './working-days';
export type { ApplicantChasers, ClockPolicy, ClockUnit, StageClock } from './clock-policy';
export {
  DEFAULT_CLOCK_POLICY,
  baselineChasers,
  invitationChasers,
  validateClockPolicy,
} from './clock-policy';
export { calendarHolidays, elapsedUnits, instantAfter, stageDeadlines } from './policy-time';
export type { AtRiskInput, ClockSegment, ClockTotals } from './sla';
export { addClockSegment, atRiskAt, EMPTY_CLOCK_TOTALS } from './sla';
