import { IsInt, IsOptional, Min } from 'class-validator';
import type { EligibilityPolicy } from '../../domain/src/eligibility';
import { validateEligibilityPolicy } from '../../domain/src/eligibility';
import { AsNumber, defineConcern, Variable } from './variables';

class EligibilityVariables {
  @Variable('minimum age at the intended start date')
  @AsNumber()
  @IsInt()
  @IsOptional()
  POLICY_MINIMUM_AGE = 18;

  @Variable(
    'extra policy, off when unset: the applicant must reach the minimum age within this many months of applying (`6`: a 17-year-old who turns 18 within 6 months; `0`: 18 when applying)',
    { default: 'unset (age is judged on the intended start date only)' },
  )
  @AsNumber()
  @IsInt()
  @Min(0)
  @IsOptional()
  POLICY_UNDERAGE_APPLICATION_WINDOW_MONTHS?: number;

  @Variable('years of UK residence required within the window')
  @AsNumber()
  @IsInt()
  @IsOptional()
  POLICY_RESIDENCE_REQUIRED_YEARS = 9;

  @Variable('the window, in years before the application, that residence is counted in')
  @AsNumber()
  @IsInt()
  @IsOptional()
  POLICY_RESIDENCE_WINDOW_YEARS = 10;
}

/** POLICY_*: the eligibility policy each new case is screened with. */
export const eligibilityConfig = defineConcern({
  title: 'Eligibility policy',
  summary: 'The published eligibility rule each new case is screened against (see DOMAIN.md).',
  variables: EligibilityVariables,
  build: (vars, problems): EligibilityPolicy => {
    const policy: EligibilityPolicy = {
      minimumAge: vars.POLICY_MINIMUM_AGE,
      underageApplicationWindowMonths: vars.POLICY_UNDERAGE_APPLICATION_WINDOW_MONTHS ?? null,
      residenceRequiredYears: vars.POLICY_RESIDENCE_REQUIRED_YEARS,
      residenceWindowYears: vars.POLICY_RESIDENCE_WINDOW_YEARS,
    };
    problems.push(...validateEligibilityPolicy(policy).map((p) => `eligibility policy: ${p}`));
    return policy;
  },
});
