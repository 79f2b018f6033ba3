import { addYears, compareIsoDates } from '../eligibility/calendar-date';

/** The date appraisal `n` (1 = the first anniversary) falls due: yearly from the grant. */
export function appraisalDueDate(grantedOn: string, n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`appraisal number must be a whole number ≥ 1, got ${n}`);
  return addYears(grantedOn, n);
}

/**
 * The appraisal that falls due next on or after `today` (its number and date), or null when the renewal date
 * comes first — at renewal the clearance is renewed or expires instead of being appraised.
 */
export function nextAppraisal(
  grantedOn: string,
  renewalDue: string,
  today: string,
): { n: number; dueOn: string } | null {
  for (let n = 1; ; n += 1) {
    const dueOn = appraisalDueDate(grantedOn, n);
    if (compareIsoDates(dueOn, renewalDue) >= 0) return null;
    if (compareIsoDates(dueOn, today) >= 0) return { n, dueOn };
  }
}

/** Timing of the aftercare cycle; `yearMs` null means calendar years from the grant date (production). */
export interface AftercareTiming {
  /** Length of an appraisal year in ms for compressed clocks (tests, demos); null for real calendar years. */
  yearMs: number | null;
  /** How long after an appraisal falls due the holder is reminded. */
  appraisalReminderMs: number;
  /** How long after an appraisal falls due it is overdue. */
  appraisalOverdueMs: number;
  /**
   * How long before the renewal date the holder and sponsor are reminded, one offset per reminder (policy: six
   * and three months); the first reminder also opens the renewal case if none is open. Absent in timings fixed
   * before renewal existed: those clearances simply expire.
   */
  renewalReminderMs?: number[];
  /**
   * Timing of the record checks a change report re-runs: the DV policy's check timeout and poll interval at the
   * grant. Absent in timings fixed before checks were re-run: those use DEFAULT_CHANGE_CHECK_TIMING.
   */
  changeChecks?: { timeoutMs: number; pollIntervalMs: number };
  /**
   * How long the clearance waits, once it has accepted a granted renewal's succession, for the case's outcome
   * before it checks for a successor itself and, finding none, lets the succession lapse. Absent in timings fixed
   * before the wait was bounded: those use DEFAULT_SUCCESSION_OUTCOME_WAIT_MS.
   */
  renewalSuccessionOutcomeWaitMs?: number;
}

/** The outcome wait for clearances whose timing predates it (RENEWAL_SUCCESSION_OUTCOME_WAIT_MS's default). */
export const DEFAULT_SUCCESSION_OUTCOME_WAIT_MS = 60 * 60 * 1000;

/** Check timing for clearances whose timing predates re-run checks: the production defaults (14 days, hourly). */
export const DEFAULT_CHANGE_CHECK_TIMING = {
  timeoutMs: 14 * 24 * 60 * 60 * 1000,
  pollIntervalMs: 60 * 60 * 1000,
};

/** What the clearance-held workflow needs to know about the clearance's dates. */
export interface AftercareAnchor {
  /** When the clearance-held workflow started (ISO instant); compressed years count from here. */
  startedAt: string;
  grantedOn: string;
  renewalDue: string;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const midnight = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00.000Z`);

/** The instant appraisal `n` falls due under the timing: calendar anniversaries, or n compressed years. */
export function appraisalDueAt(anchor: AftercareAnchor, timing: AftercareTiming, n: number): string {
  if (timing.yearMs === null) return new Date(midnight(appraisalDueDate(anchor.grantedOn, n))).toISOString();
  return new Date(Date.parse(anchor.startedAt) + n * timing.yearMs).toISOString();
}

/** Years from `from` to `to` (ISO dates): whole anniversaries, plus the part of the next year that has passed. */
export function yearsBetween(from: string, to: string): number {
  let whole = 0;
  while (compareIsoDates(addYears(from, whole + 1), to) <= 0) whole += 1;
  const start = midnight(addYears(from, whole));
  const next = midnight(addYears(from, whole + 1));
  return whole + (midnight(to) - start) / (next - start);
}

/**
 * The instant the clearance expires if not renewed: the start of the renewal date, or under compressed years
 * the same number of (fractional) years after the start.
 */
export function expiresAt(anchor: AftercareAnchor, timing: AftercareTiming): string {
  if (timing.yearMs === null) return new Date(midnight(anchor.renewalDue)).toISOString();
  const years = yearsBetween(anchor.grantedOn, anchor.renewalDue);
  return new Date(Date.parse(anchor.startedAt) + Math.round(years * timing.yearMs)).toISOString();
}

/**
 * The renewal reminders of a clearance, earliest first: the instant each falls (the expiry less its offset) and
 * its number (1 = the earliest), so each is sent once whatever run of the workflow reaches it. A reminder that
 * would fall before the clearance's aftercare began (a review date brought close by the decision, or compressed
 * years shorter than the offsets) is not sent: the sponsor or an officer opens the renewal instead.
 */
export function renewalRemindersAt(
  anchor: AftercareAnchor,
  timing: AftercareTiming,
): { n: number; at: string }[] {
  const expiry = Date.parse(expiresAt(anchor, timing));
  const start = Date.parse(anchor.startedAt);
  return [...(timing.renewalReminderMs ?? [])]
    .sort((a, b) => b - a)
    .map((offset, i) => ({ n: i + 1, at: expiry - offset }))
    .filter((r) => r.at >= start)
    .map(({ n, at }) => ({ n, at: new Date(at).toISOString() }));
}

/** Problems with an aftercare timing, empty when it is usable (reminder before overdue, both within a year). */
export function validateAftercareTiming(timing: AftercareTiming): string[] {
  const problems: string[] = [];
  const positive = (name: string, v: number): void => {
    if (!Number.isFinite(v) || v <= 0) problems.push(`${name} must be a positive number of ms`);
  };
  if (timing.yearMs !== null) positive('yearMs', timing.yearMs);
  positive('appraisalReminderMs', timing.appraisalReminderMs);
  positive('appraisalOverdueMs', timing.appraisalOverdueMs);
  if (timing.appraisalReminderMs >= timing.appraisalOverdueMs)
    problems.push('appraisalReminderMs must be shorter than appraisalOverdueMs');
  const year = timing.yearMs ?? 365 * MS_PER_DAY;
  if (timing.appraisalOverdueMs >= year) problems.push('appraisalOverdueMs must be shorter than a year');
  for (const offset of timing.renewalReminderMs ?? []) positive('each renewalReminderMs', offset);
  if (timing.renewalSuccessionOutcomeWaitMs !== undefined)
    positive('renewalSuccessionOutcomeWaitMs', timing.renewalSuccessionOutcomeWaitMs);
  return problems;
}
