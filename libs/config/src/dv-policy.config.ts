import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { DvPolicy } from '../../contracts/src/case.types';
import { DEFAULT_CLEARANCE_REVIEW_YEARS } from '../../domain/src/clearance';
import type { AftercareTiming } from '../../domain/src/clearance';
import { validateAftercareTiming } from '../../domain/src/clearance';
import type { CheckType } from '../../domain/src/record-checks';
import { CHECK_TYPES, DV_CHECK_TYPES, isCheckType } from '../../domain/src/record-checks';
import { isProduction } from './runtime.config';
import { AsNumber, defineConcern, splitList, Variable } from './variables';

/** The six record checks DV runs (DOMAIN.md stage 5). */
export const DEFAULT_DV_CHECKS: readonly CheckType[] = DV_CHECK_TYPES;

/**
 * How often a poll-mode record check asks its provider, unless RECORD_CHECK_POLL_INTERVAL_MS says: hourly in
 * production (real providers take days), every few seconds elsewhere, so that on `npm start` a case moves
 * through the simulated provider's checks (which answer after SIMULATED_PROVIDER_LATENCY_MS, 2 s) in seconds.
 */
export const RECORD_CHECK_POLL_INTERVAL_DEFAULTS = { production: 60 * 60 * 1000, development: 3000 } as const;

class DvPolicyVariables {
  @Variable('record checks each case runs, comma-separated', { default: 'all six' })
  @IsString()
  @IsOptional()
  DV_CHECKS = DEFAULT_DV_CHECKS.join(',');

  @Variable('how long one record check may take, counted from its start, before it times out', {
    default: '`1209600000` (14 days)',
  })
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  RECORD_CHECK_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000;

  @Variable('how often a poll-mode check asks its provider', {
    default: '`3600000` (1 hour) with `NODE_ENV=production`, else `3000`',
  })
  @AsNumber()
  @IsInt()
  @Min(100)
  @IsOptional()
  RECORD_CHECK_POLL_INTERVAL_MS?: number;

  @Variable('years until a granted clearance is due for review (1–15)')
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(15)
  @IsOptional()
  CLEARANCE_REVIEW_YEARS = DEFAULT_CLEARANCE_REVIEW_YEARS;

  @Variable('length of an aftercare appraisal year in ms; unset means calendar years from the grant', {
    default: 'unset (calendar years)',
  })
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  AFTERCARE_YEAR_MS?: number;

  @Variable('how long after an annual appraisal falls due the holder is reminded', {
    default: '`1209600000` (14 days)',
  })
  @AsNumber()
  @IsInt()
  @Min(1)
  @IsOptional()
  APPRAISAL_REMINDER_MS = 14 * 24 * 60 * 60 * 1000;

  @Variable('how long after an annual appraisal falls due it is overdue (the sponsor is told)', {
    default: '`2592000000` (30 days)',
  })
  @AsNumber()
  @IsInt()
  @Min(1)
  @IsOptional()
  APPRAISAL_OVERDUE_MS = 30 * 24 * 60 * 60 * 1000;

  @Variable(
    'ms before the renewal date the holder and sponsor are reminded, comma-separated; a reminder opens the renewal case if none is open',
    { default: '`15724800000,7862400000` (182 and 91 days)' },
  )
  @IsString()
  @IsOptional()
  RENEWAL_REMINDERS_MS = `${182 * DAY_MS},${91 * DAY_MS}`;

  @Variable(
    "how long an accepted renewal succession waits for the case's outcome before it lapses (no successor)",
    {
      default: '`3600000` (1 hour)',
    },
  )
  @AsNumber()
  @IsInt()
  @Min(1)
  @IsOptional()
  RENEWAL_SUCCESSION_OUTCOME_WAIT_MS = 60 * 60 * 1000;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function parseOffsets(raw: string, problems: string[]): number[] {
  const offsets = splitList(raw).map(Number);
  if (offsets.some((n) => !Number.isInteger(n) || n <= 0))
    problems.push('RENEWAL_REMINDERS_MS must be whole positive numbers of ms, comma-separated');
  return offsets.filter((n) => Number.isInteger(n) && n > 0);
}

function aftercareTiming(
  vars: DvPolicyVariables,
  problems: string[],
  changeChecks: AftercareTiming['changeChecks'],
): AftercareTiming {
  const timing = {
    yearMs: vars.AFTERCARE_YEAR_MS ?? null,
    appraisalReminderMs: vars.APPRAISAL_REMINDER_MS,
    appraisalOverdueMs: vars.APPRAISAL_OVERDUE_MS,
    renewalReminderMs: parseOffsets(vars.RENEWAL_REMINDERS_MS, problems),
    renewalSuccessionOutcomeWaitMs: vars.RENEWAL_SUCCESSION_OUTCOME_WAIT_MS,
    // Checks re-run for a change report take as long as the case's own (RECORD_CHECK_*).
    changeChecks,
  };
  for (const problem of validateAftercareTiming(timing)) problems.push(`aftercare timing: ${problem}`);
  return timing;
}

function parseChecks(raw: string, problems: string[]): CheckType[] {
  const names = splitList(raw);
  const unknown = names.filter((n) => !isCheckType(n));
  if (unknown.length > 0)
    problems.push(`DV_CHECKS has unknown checks ${unknown.join(', ')}; expected ${CHECK_TYPES.join(', ')}`);
  return names.filter(isCheckType);
}

/** DV_CHECKS, RECORD_CHECK_*, CLEARANCE_REVIEW_YEARS and the aftercare timing (AFTERCARE_YEAR_MS, APPRAISAL_*_MS). */
export const dvPolicyConfig = defineConcern({
  title: 'DV policy',
  summary: 'The DV-stage policy handed to each new case workflow: which checks run, their timing, renewal.',
  variables: DvPolicyVariables,
  build: (vars, problems, env): DvPolicy => {
    const checkTimeoutMs = vars.RECORD_CHECK_TIMEOUT_MS;
    const checkPollIntervalMs =
      vars.RECORD_CHECK_POLL_INTERVAL_MS ??
      RECORD_CHECK_POLL_INTERVAL_DEFAULTS[isProduction(env) ? 'production' : 'development'];
    return {
      checks: parseChecks(vars.DV_CHECKS, problems),
      checkTimeoutMs,
      checkPollIntervalMs,
      clearanceReviewYears: vars.CLEARANCE_REVIEW_YEARS,
      aftercare: aftercareTiming(vars, problems, {
        timeoutMs: checkTimeoutMs,
        pollIntervalMs: checkPollIntervalMs,
      }),
    };
  },
});
