import type { IsoDate } from '../eligibility/eligibility.types';
import type { OpenStage } from '../stage-model';
import { CALENDARS } from './calendars';
import type { ClockPolicy } from './clock-policy';
import { formatInstant, parseInstant } from './instant';
import type { IsoInstant } from './instant';
import { addWorkingDays, workingDaysBetween } from './working-days';

/** The holiday list a calendar name stands for; throws RangeError for a name CALENDARS lacks. */
export function calendarHolidays(calendar: string): readonly IsoDate[] {
  // hasOwn, so that a name such as 'constructor' is not found on Object.prototype.
  if (!Object.hasOwn(CALENDARS, calendar)) {
    throw new RangeError(
      `unknown calendar ${JSON.stringify(calendar)}; known: ${Object.keys(CALENDARS).join(', ')}`,
    );
  }
  return CALENDARS[calendar];
}

/** The instant `amount` policy units after `startIso`: working days on the policy's calendar, or milliseconds. */
export function instantAfter(policy: ClockPolicy, startIso: IsoInstant, amount: number): IsoInstant {
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`amount must be a finite number >= 0, got ${amount}`);
  }
  if (policy.unit === 'WORKING_DAYS') {
    return addWorkingDays(startIso, amount, calendarHolidays(policy.calendar));
  }
  // Instants hold whole milliseconds; rounding keeps a fractional amount (at-risk fractions) schedulable.
  return formatInstant(parseInstant(startIso, 'startIso') + Math.round(amount));
}

/** Policy units from `fromIso` to `toIso`: working days (fractional) or milliseconds; negative if earlier. */
export function elapsedUnits(policy: ClockPolicy, fromIso: IsoInstant, toIso: IsoInstant): number {
  if (policy.unit === 'WORKING_DAYS') {
    return workingDaysBetween(fromIso, toIso, calendarHolidays(policy.calendar));
  }
  return parseInstant(toIso, 'toIso') - parseInstant(fromIso, 'fromIso');
}

/** A stage's reminder (goal) and escalation (deadline) instants for a given entry; null if it has no clock. */
export function stageDeadlines(
  policy: ClockPolicy,
  stage: OpenStage,
  enteredAt: IsoInstant,
): { goalAt: IsoInstant; deadlineAt: IsoInstant } | null {
  const clock = policy.stages[stage];
  if (!clock) return null;
  return {
    goalAt: instantAfter(policy, enteredAt, clock.goal),
    deadlineAt: instantAfter(policy, enteredAt, clock.deadline),
  };
}
