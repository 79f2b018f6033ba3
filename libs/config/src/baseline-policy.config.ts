import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { BaselinePolicy } from '../../domain/src/baseline';
import { DEFAULT_BASELINE_POLICY, validateBaselinePolicy } from '../../domain/src/baseline';
import { AsNumber, defineConcern, Variable } from './variables';

class BaselinePolicyVariables {
  @Variable(
    'years of employment history the baseline declaration must cover, ending on the day it is sent (1–10)',
  )
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(10)
  @IsOptional()
  BPSS_EMPLOYMENT_HISTORY_YEARS = DEFAULT_BASELINE_POLICY.historyYears;

  @Variable('the longest run of days the employment history may leave unexplained (0–365)')
  @AsNumber()
  @IsInt()
  @Min(0)
  @Max(365)
  @IsOptional()
  BPSS_MAX_UNEXPLAINED_GAP_DAYS = DEFAULT_BASELINE_POLICY.maxUnexplainedGapDays;

  @Variable('years back within which stays abroad are asked for (1–10)')
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(10)
  @IsOptional()
  BPSS_ABROAD_YEARS = DEFAULT_BASELINE_POLICY.abroadYears;

  @Variable(
    'the shortest stay abroad the applicant must list, in months; no longer than `BPSS_ABROAD_YEARS` (1–120)',
  )
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(120)
  @IsOptional()
  BPSS_ABROAD_MINIMUM_MONTHS = DEFAULT_BASELINE_POLICY.abroadMinimumMonths;
}

const VARIABLE_OF: Record<keyof BaselinePolicy, string> = {
  historyYears: 'BPSS_EMPLOYMENT_HISTORY_YEARS',
  maxUnexplainedGapDays: 'BPSS_MAX_UNEXPLAINED_GAP_DAYS',
  abroadYears: 'BPSS_ABROAD_YEARS',
  abroadMinimumMonths: 'BPSS_ABROAD_MINIMUM_MONTHS',
};

function inVariableNames(problem: string): string {
  return (Object.keys(VARIABLE_OF) as (keyof BaselinePolicy)[]).reduce(
    (text, name) => text.replace(new RegExp(`\\b${name}\\b`, 'g'), VARIABLE_OF[name]),
    problem,
  );
}

/** BPSS_*: the baseline (BPSS) figures each new DV case is started with (DvPolicy.baseline). */
export const baselinePolicyConfig = defineConcern({
  title: 'Baseline (BPSS) policy',
  summary:
    'The figures the baseline declaration is judged by, fixed in each new case when it starts: a change applies to cases opened after it, never to running ones.',
  variables: BaselinePolicyVariables,
  build: (vars, problems): BaselinePolicy => {
    const policy: BaselinePolicy = {
      historyYears: vars.BPSS_EMPLOYMENT_HISTORY_YEARS,
      maxUnexplainedGapDays: vars.BPSS_MAX_UNEXPLAINED_GAP_DAYS,
      abroadYears: vars.BPSS_ABROAD_YEARS,
      abroadMinimumMonths: vars.BPSS_ABROAD_MINIMUM_MONTHS,
    };
    // Each figure's own range is checked above; the domain's rule adds how they fit together, said in the
    // variables' names so the message says what to change.
    if (problems.some((p) => p.startsWith('BPSS_'))) return policy;
    problems.push(...validateBaselinePolicy(policy).map(inVariableNames));
    return policy;
  },
});
