import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import type { StageDurations } from '../../contracts/src/case.types';
import type { OpenStage } from '../../domain/src/stage-model';
import { OPEN_STAGES } from '../../domain/src/stage-model';
import { AUTH_DEFAULTS } from './auth.config';
import { isProduction } from './runtime.config';
import { AsNumber, defineConcern, parseJsonObject, Variable } from './variables';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The person-key secret outside production; public (it is in this file), so production refuses it. */
export const DEVELOPMENT_PERSON_KEY_SECRET = 'local-development-only';
const MIN_PRODUCTION_SECRET_LENGTH = 32;

/** Calendar-day defaults per stage; the clocks issue replaces these with working-day policies. */
export const DEFAULT_STAGE_DURATIONS_MS: StageDurations = {
  ELIGIBILITY_SCREENING: 2 * DAY_MS,
  RESIDENCY_EXCEPTION_REVIEW: 10 * DAY_MS,
  QUESTIONNAIRE: 30 * DAY_MS,
  RECORD_CHECKS: 40 * DAY_MS,
  INVESTIGATION: 40 * DAY_MS,
  RECOMMENDATION: 10 * DAY_MS,
  DECISION: 10 * DAY_MS,
};

class CaseVariables {
  @Variable('JSON of stage → milliseconds until the stage is due, e.g. `{"QUESTIONNAIRE": 2592000000}`', {
    default: '`DEFAULT_STAGE_DURATIONS_MS` in `libs/config`',
  })
  @IsString()
  @IsOptional()
  STAGE_DURATIONS?: string;

  @Variable('HMAC key for the applicant dedupe hash; required in production, at least 32 characters', {
    default: 'a development value (refused when `NODE_ENV=production`)',
  })
  @IsString()
  @IsOptional()
  PERSON_KEY_SECRET = DEVELOPMENT_PERSON_KEY_SECRET;

  @Variable(
    'how long an application that names no invitation waits for its sponsor to confirm before it lapses',
    { default: '`2592000000` (30 days)' },
  )
  @AsNumber()
  @IsInt()
  @Min(1000)
  @IsOptional()
  SPONSOR_CONFIRMATION_MS = 30 * DAY_MS;

  @Variable(
    'how long before a held application lapses its sponsor is reminded (once) that it waits for them; `0` sends no reminder; must be less than SPONSOR_CONFIRMATION_MS',
    { default: '`604800000` (7 days)' },
  )
  @AsNumber()
  @IsInt()
  @Min(0)
  @IsOptional()
  SPONSOR_REMINDER_BEFORE_LAPSE_MS = 7 * DAY_MS;

  @Variable(
    '`HOLD`: an application without an invitation waits for the sponsor it names to confirm it; `SCREEN`: it is screened straight away with no sponsor (the behaviour before sponsorship requests, for a deployment whose sponsors do not use them yet)',
  )
  @IsIn(['HOLD', 'SCREEN'])
  @IsOptional()
  APPLICATIONS_WITHOUT_INVITATION: 'HOLD' | 'SCREEN' = 'HOLD';

  @Variable('the team new cases belong to')
  @IsString()
  @IsOptional()
  DEFAULT_TEAM: string = AUTH_DEFAULTS.team;
}

/** How new cases are opened: stage durations, the team they join, the applicant dedupe key. */
export interface CasesConfig {
  stageDurationsMs: StageDurations;
  personKeySecret: string;
  defaultTeam: string;
  /** How long a case held for its sponsor's confirmation waits before it lapses. */
  sponsorConfirmationMs: number;
  /** How long before that lapse the sponsor is reminded; 0 for no reminder. */
  sponsorReminderBeforeLapseMs: number;
  /** Whether an application without an invitation is held for its sponsor or screened straight away. */
  withoutInvitation: 'HOLD' | 'SCREEN';
}

function parseStageDurations(raw: string | undefined, problems: string[]): StageDurations {
  const parsed = parseJsonObject('STAGE_DURATIONS', raw, '{"QUESTIONNAIRE": 2592000000}', problems);
  const result: StageDurations = { ...DEFAULT_STAGE_DURATIONS_MS };
  for (const [stage, ms] of Object.entries(parsed ?? {})) {
    if (!(OPEN_STAGES as readonly string[]).includes(stage)) {
      problems.push(`STAGE_DURATIONS has unknown stage ${stage}; expected one of ${OPEN_STAGES.join(', ')}`);
    } else if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
      problems.push(`STAGE_DURATIONS.${stage} must be a positive number of milliseconds`);
    } else {
      result[stage as OpenStage] = ms;
    }
  }
  return result;
}

/**
 * STAGE_DURATIONS, PERSON_KEY_SECRET, SPONSOR_CONFIRMATION_MS, SPONSOR_REMINDER_BEFORE_LAPSE_MS,
 * APPLICATIONS_WITHOUT_INVITATION, DEFAULT_TEAM.
 */
export const casesConfig = defineConcern({
  title: 'Cases',
  summary: 'How new cases are opened.',
  variables: CaseVariables,
  build: (vars, problems, env): CasesConfig => {
    if (isProduction(env)) {
      if (vars.PERSON_KEY_SECRET === DEVELOPMENT_PERSON_KEY_SECRET) {
        problems.push(
          'PERSON_KEY_SECRET is the public development value; set a secret of your own in production (e.g. openssl rand -base64 32)',
        );
      } else if (vars.PERSON_KEY_SECRET.length < MIN_PRODUCTION_SECRET_LENGTH) {
        problems.push(
          `PERSON_KEY_SECRET must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
        );
      }
    }
    if (
      vars.SPONSOR_REMINDER_BEFORE_LAPSE_MS > 0 &&
      vars.SPONSOR_REMINDER_BEFORE_LAPSE_MS >= vars.SPONSOR_CONFIRMATION_MS
    ) {
      problems.push(
        'SPONSOR_REMINDER_BEFORE_LAPSE_MS must be less than SPONSOR_CONFIRMATION_MS (or 0 for no reminder)',
      );
    }
    return {
      stageDurationsMs: parseStageDurations(vars.STAGE_DURATIONS, problems),
      personKeySecret: vars.PERSON_KEY_SECRET,
      defaultTeam: vars.DEFAULT_TEAM,
      sponsorConfirmationMs: vars.SPONSOR_CONFIRMATION_MS,
      sponsorReminderBeforeLapseMs: vars.SPONSOR_REMINDER_BEFORE_LAPSE_MS,
      withoutInvitation: vars.APPLICATIONS_WITHOUT_INVITATION,
    };
  },
});
