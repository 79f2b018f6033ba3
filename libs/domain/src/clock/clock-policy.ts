import { OPEN_STAGES } from '../stage-model';
import type { OpenStage } from '../stage-model';
import { CALENDARS } from './calendars';

/** The unit every amount in a clock policy is counted in; tests use MILLISECONDS with second-scale values. */
export type ClockUnit = 'WORKING_DAYS' | 'MILLISECONDS';

/** One stage's clock, in the policy's unit: remind at `goal`, escalate at `deadline`, then every `repeatEvery`. */
export interface StageClock {
  goal: number;
  deadline: number;
  repeatEvery: number;
}

/** When an applicant is chased (each `chaseAt`) and when the thing chased lapses, in the policy's unit. */
export interface ApplicantChasers {
  chaseAt: number[];
  lapseAt: number;
}

/** The timing rules a case runs under; `version` is recorded on each case so a change never alters one running. */
export interface ClockPolicy {
  version: string;
  unit: ClockUnit;
  /** A key of CALENDARS; only used when `unit` is WORKING_DAYS. */
  calendar: string;
  stages: Partial<Record<OpenStage, StageClock>>;
  /**
   * The applicant is chased at each `chaseAt` and the questionnaire or invitation lapses at `lapseAt`. Optional
   * `invitation`: policies recorded in workflow histories before invitations existed lack it.
   */
  applicantChasers: {
    questionnaire: ApplicantChasers;
    invitation?: ApplicantChasers;
    /** The baseline (BPSS) declaration; a policy without it chases as for the questionnaire (same unit). */
    baseline?: ApplicantChasers;
  };
  /** Referees are chased at `chaseAt`; at `decideAt` the officer decides whether to substitute one. */
  refereeChasers: { chaseAt: number[]; decideAt: number };
  /** Whole-case service targets, in the policy's unit. */
  targets: { DV: number; CTC_SC: number; DV_RENEWAL: number };
  /** A stage is AT_RISK once this fraction of its entry-to-deadline span has been used (0 < f <= 1). */
  atRiskFraction: number;
}

// Stage deadlines on the DV path (screening, questionnaire, record checks, investigation, recommendation,
// decision) add up to 88 working days, inside the 95-day target with a week to spare; residency review is an
// exception route. Questionnaire time waiting on the applicant pauses the clock, so its own clock covers only
// the vetting side (acceptance checks); the applicant is chased separately.
// Working days, like the rest of the default; a policy in another unit should set its own.
const DEFAULT_INVITATION_CHASERS: ApplicantChasers = deepFreeze({ chaseAt: [3, 7, 14], lapseAt: 30 });

/** The working-day policy from November 2026, on the England and Wales bank-holiday calendar. */
export const DEFAULT_CLOCK_POLICY: ClockPolicy = deepFreeze({
  version: '2026-11-v1',
  unit: 'WORKING_DAYS',
  calendar: 'england-and-wales',
  stages: {
    ELIGIBILITY_SCREENING: { goal: 1, deadline: 2, repeatEvery: 1 },
    RESIDENCY_EXCEPTION_REVIEW: { goal: 5, deadline: 10, repeatEvery: 2 },
    BASELINE_CHECKS: { goal: 3, deadline: 5, repeatEvery: 2 },
    QUESTIONNAIRE: { goal: 3, deadline: 5, repeatEvery: 2 },
    RECORD_CHECKS: { goal: 10, deadline: 15, repeatEvery: 2 },
    INVESTIGATION: { goal: 35, deadline: 50, repeatEvery: 2 },
    RECOMMENDATION: { goal: 5, deadline: 8, repeatEvery: 2 },
    DECISION: { goal: 5, deadline: 8, repeatEvery: 2 },
  },
  applicantChasers: {
    questionnaire: { chaseAt: [7, 14], lapseAt: 30 },
    invitation: { chaseAt: [3, 7, 14], lapseAt: 30 },
    baseline: { chaseAt: [7, 14], lapseAt: 30 },
  },
  refereeChasers: { chaseAt: [5, 10], decideAt: 15 },
  targets: { DV: 95, CTC_SC: 25, DV_RENEWAL: 95 },
  atRiskFraction: 0.8,
});

/** The invitation chasers a policy sets, or the default days (3, 7, 14, lapse at 30) for one that predates them. */
export function invitationChasers(policy: ClockPolicy): ApplicantChasers {
  return policy.applicantChasers.invitation ?? DEFAULT_INVITATION_CHASERS;
}

/** The baseline chasers a policy sets, or its questionnaire chasers (in its own unit) for one that predates them. */
export function baselineChasers(policy: ClockPolicy): ApplicantChasers {
  return policy.applicantChasers.baseline ?? policy.applicantChasers.questionnaire;
}

/** Problems that make a clock policy unusable, in human-readable form; empty if it is sound. */
export function validateClockPolicy(p: ClockPolicy): string[] {
  // Policies arrive as JSON configuration, so every field is checked as unknown despite the static type.
  const policy: unknown = p;
  if (!isObject(policy)) return [`a clock policy must be an object, got ${shown(policy)}`];
  const problems: string[] = [];
  if (typeof policy.version !== 'string' || policy.version.trim() === '') {
    problems.push(`version must be a non-empty string, got ${shown(policy.version)}`);
  }
  const unit = policy.unit;
  if (unit !== 'WORKING_DAYS' && unit !== 'MILLISECONDS') {
    problems.push(`unit must be WORKING_DAYS or MILLISECONDS, got ${shown(unit)}`);
  }
  // Milliseconds are the finest an instant can hold, so a fractional one could not be scheduled exactly.
  const whole = unit === 'MILLISECONDS';
  const amount = (name: string, value: unknown): value is number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      problems.push(`${name} must be a positive number, got ${shown(value)}`);
      return false;
    }
    if (whole && !Number.isInteger(value)) {
      problems.push(`${name} must be a whole number of milliseconds, got ${value}`);
      return false;
    }
    return true;
  };

  if (typeof policy.calendar !== 'string' || !Object.hasOwn(CALENDARS, policy.calendar)) {
    problems.push(
      `calendar must be one of ${Object.keys(CALENDARS).join(', ')}, got ${shown(policy.calendar)}`,
    );
  }

  const stages = policy.stages;
  if (!isObject(stages)) {
    problems.push(`stages must be an object of stage name to clock, got ${shown(stages)}`);
  } else {
    for (const [stage, clock] of Object.entries(stages)) {
      if (!(OPEN_STAGES as readonly string[]).includes(stage)) {
        problems.push(`stages has unknown stage ${stage}; expected one of ${OPEN_STAGES.join(', ')}`);
        continue;
      }
      if (!isObject(clock)) {
        problems.push(`stages.${stage} must be an object with goal, deadline and repeatEvery`);
        continue;
      }
      const { goal, deadline } = clock;
      const goalOk = amount(`stages.${stage}.goal`, goal);
      const deadlineOk = amount(`stages.${stage}.deadline`, deadline);
      amount(`stages.${stage}.repeatEvery`, clock.repeatEvery);
      if (goalOk && deadlineOk && goal >= deadline) {
        problems.push(`stages.${stage}.goal (${goal}) must be before its deadline (${deadline})`);
      }
    }
  }

  const chasers = (name: string, value: unknown, endName: string, end: unknown): void => {
    const endOk = amount(`${name}.${endName}`, end);
    if (!Array.isArray(value)) {
      problems.push(`${name}.chaseAt must be a list of numbers, got ${shown(value)}`);
      return;
    }
    let previous = 0;
    value.forEach((at: unknown, index) => {
      if (!amount(`${name}.chaseAt[${index}]`, at)) return;
      if (at <= previous) {
        problems.push(`${name}.chaseAt must be in ascending order, but ${at} follows ${previous}`);
      }
      if (endOk && at >= end) {
        problems.push(`${name}.chaseAt[${index}] (${at}) must be before ${endName} (${end})`);
      }
      previous = Math.max(previous, at);
    });
  };
  const applicant = policy.applicantChasers;
  const questionnaire = isObject(applicant) ? applicant.questionnaire : undefined;
  if (!isObject(questionnaire)) {
    problems.push(`applicantChasers.questionnaire must be an object with chaseAt and lapseAt`);
  } else {
    chasers('applicantChasers.questionnaire', questionnaire.chaseAt, 'lapseAt', questionnaire.lapseAt);
  }
  for (const name of ['invitation', 'baseline'] as const) {
    const optional = isObject(applicant) ? applicant[name] : undefined;
    if (optional === undefined) continue;
    if (!isObject(optional)) {
      problems.push(`applicantChasers.${name} must be an object with chaseAt and lapseAt when given`);
    } else {
      chasers(`applicantChasers.${name}`, optional.chaseAt, 'lapseAt', optional.lapseAt);
    }
  }
  const referee = policy.refereeChasers;
  if (!isObject(referee)) {
    problems.push(`refereeChasers must be an object with chaseAt and decideAt`);
  } else {
    chasers('refereeChasers', referee.chaseAt, 'decideAt', referee.decideAt);
  }

  const targets = policy.targets;
  if (!isObject(targets)) {
    problems.push(`targets must be an object with DV, CTC_SC and DV_RENEWAL`);
  } else {
    for (const name of ['DV', 'CTC_SC', 'DV_RENEWAL']) amount(`targets.${name}`, targets[name]);
  }

  const fraction = policy.atRiskFraction;
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
    problems.push(`atRiskFraction must be more than 0 and at most 1, got ${shown(fraction)}`);
  }
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

// The default is shared by every case, so a caller mutating its copy must not change anyone else's clocks.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
