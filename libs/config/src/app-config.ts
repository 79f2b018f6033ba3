import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import type { CodecKeyring } from '../../codec/src/codec-keys';
import { parseCodecKeyring } from '../../codec/src/codec-keys';
import type { StageDurations } from '../../contracts/src/case.types';
import type { OpenStage } from '../../domain/src/stage-model';
import { OPEN_STAGES } from '../../domain/src/stage-model';
import type { EligibilityPolicy } from '../../domain/src/eligibility';
import { validateEligibilityPolicy } from '../../domain/src/eligibility';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** Token settings for local development; shared with `npm run token` so minted tokens verify. */
export const AUTH_DEFAULTS = {
  issuer: 'vetting-local',
  audience: 'vetting-api',
  jwksFile: '.data/auth/jwks.json',
  team: 'dv-team-1',
} as const;

/** Environment variables the API and the worker read. Names match docker-compose.yml and the README. */
class EnvironmentVariables {
  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL is required, e.g. postgres://user:pass@host:5432/vetting' })
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @IsOptional()
  TEMPORAL_ADDRESS = 'localhost:7233';

  @IsString()
  @IsOptional()
  TEMPORAL_NAMESPACE = 'default';

  @IsString()
  @IsOptional()
  TEMPORAL_TASK_QUEUE = 'vetting-cases';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  @IsOptional()
  PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @IsOptional()
  UPDATE_TIMEOUT_MS = 10000;

  @IsIn(['json', 'text'])
  @IsOptional()
  LOG_FORMAT: 'json' | 'text' = 'json';

  @Transform(toInt)
  @IsInt()
  @IsOptional()
  POLICY_MINIMUM_AGE = 18;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @IsOptional()
  POLICY_UNDERAGE_APPLICATION_WINDOW_MONTHS = 0;

  @Transform(toInt)
  @IsInt()
  @IsOptional()
  POLICY_RESIDENCE_REQUIRED_YEARS = 9;

  @Transform(toInt)
  @IsInt()
  @IsOptional()
  POLICY_RESIDENCE_WINDOW_YEARS = 10;

  @IsString()
  @IsOptional()
  STAGE_DURATIONS?: string;

  @IsString()
  @IsOptional()
  PERSON_KEY_SECRET = 'local-development-only';

  @IsString()
  @IsOptional()
  AUTH_ISSUER: string = AUTH_DEFAULTS.issuer;

  @IsString()
  @IsOptional()
  AUTH_AUDIENCE: string = AUTH_DEFAULTS.audience;

  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'AUTH_JWKS_URL must be an http(s) URL of the identity provider JWKS' })
  AUTH_JWKS_URL?: string;

  @IsString()
  @IsOptional()
  AUTH_JWKS_FILE: string = AUTH_DEFAULTS.jwksFile;

  @IsString()
  @IsOptional()
  DEFAULT_TEAM: string = AUTH_DEFAULTS.team;

  @IsString()
  @IsOptional()
  CORS_ORIGINS = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @IsOptional()
  RATE_LIMIT_PER_MINUTE = 600;

  // Checked by parseCodecKeyring (lengths, ids, the development-key rule), which needs NODE_ENV as well.
  @IsString()
  @IsOptional()
  CODEC_KEYS?: string;

  @IsString()
  @IsOptional()
  CODEC_CURRENT_KEY_ID?: string;

  @Matches(/^https?:\/\/[^/\s,]+(\s*,\s*https?:\/\/[^/\s,]+)*$/, {
    message: 'CODEC_CORS_ORIGIN must be origins like http://localhost:8233, comma-separated, without paths',
  })
  @IsOptional()
  CODEC_CORS_ORIGIN = 'http://localhost:8233';
}

/** Typed configuration, validated once at boot. */
export interface AppConfig {
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string };
  port: number;
  updateTimeoutMs: number;
  logFormat: 'json' | 'text';
  policy: EligibilityPolicy;
  stageDurationsMs: StageDurations;
  personKeySecret: string;
  /** Bearer tokens: verified against a remote JWKS (real identity provider) or a local JWKS file (development). */
  auth: { issuer: string; audience: string; jwksUrl: string | null; jwksFile: string };
  /** Team that new cases belong to until teams are assigned by routing rules. */
  defaultTeam: string;
  http: { corsOrigins: string[]; rateLimitPerMinute: number };
  /** Payload encryption keys for Temporal, and the Temporal UI origins allowed to call the codec endpoint. */
  codec: { keyring: CodecKeyring; corsOrigins: string[] };
}

const DAY_MS = 24 * 60 * 60 * 1000;

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

/** Thrown when configuration is wrong; its message lists every problem so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function parseStageDurations(raw: string | undefined, problems: string[]): StageDurations {
  if (!raw) return DEFAULT_STAGE_DURATIONS_MS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push('STAGE_DURATIONS must be JSON, e.g. {"QUESTIONNAIRE": 2592000000}');
    return DEFAULT_STAGE_DURATIONS_MS;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('STAGE_DURATIONS must be a JSON object of stage name to milliseconds');
    return DEFAULT_STAGE_DURATIONS_MS;
  }
  const result: StageDurations = { ...DEFAULT_STAGE_DURATIONS_MS };
  for (const [stage, ms] of Object.entries(parsed)) {
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

/** Reads and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...env }, { enableImplicitConversion: false });
  const problems = validateSync(vars, { skipMissingProperties: false, forbidUnknownValues: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((msg) => (msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`)),
  );
  const policy: EligibilityPolicy = {
    minimumAge: vars.POLICY_MINIMUM_AGE,
    underageApplicationWindowMonths: vars.POLICY_UNDERAGE_APPLICATION_WINDOW_MONTHS,
    residenceRequiredYears: vars.POLICY_RESIDENCE_REQUIRED_YEARS,
    residenceWindowYears: vars.POLICY_RESIDENCE_WINDOW_YEARS,
  };
  problems.push(...validateEligibilityPolicy(policy).map((p) => `eligibility policy: ${p}`));
  const stageDurationsMs = parseStageDurations(vars.STAGE_DURATIONS, problems);
  const keyring = parseCodecKeyring(
    { keys: vars.CODEC_KEYS, currentKeyId: vars.CODEC_CURRENT_KEY_ID, nodeEnv: env.NODE_ENV },
    problems,
  );
  if (problems.length > 0 || !keyring) throw new ConfigError(problems);
  return {
    databaseUrl: vars.DATABASE_URL,
    temporal: {
      address: vars.TEMPORAL_ADDRESS,
      namespace: vars.TEMPORAL_NAMESPACE,
      taskQueue: vars.TEMPORAL_TASK_QUEUE,
    },
    port: vars.PORT,
    updateTimeoutMs: vars.UPDATE_TIMEOUT_MS,
    logFormat: vars.LOG_FORMAT,
    policy,
    stageDurationsMs,
    personKeySecret: vars.PERSON_KEY_SECRET,
    auth: {
      issuer: vars.AUTH_ISSUER,
      audience: vars.AUTH_AUDIENCE,
      jwksUrl: vars.AUTH_JWKS_URL ?? null,
      jwksFile: vars.AUTH_JWKS_FILE,
    },
    defaultTeam: vars.DEFAULT_TEAM,
    http: {
      corsOrigins: vars.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
      rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    },
    codec: {
      keyring,
      corsOrigins: vars.CODEC_CORS_ORIGIN.split(',').map((o) => o.trim()),
    },
  };
}
