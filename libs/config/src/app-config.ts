import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import type { CodecKeyring } from '../../codec/src/codec-keys';
import { parseCodecKeyring } from '../../codec/src/codec-keys';
import type { DvPolicy, StageDurations } from '../../contracts/src/case.types';
import type { ProviderMode } from '../../contracts/src/record-check.types';
import type { CheckOutcome, CheckType } from '../../domain/src/record-checks';
import { CHECK_OUTCOMES, CHECK_TYPES, isCheckOutcome, isCheckType } from '../../domain/src/record-checks';
import type { ClockPolicy } from '../../domain/src/clock';
import { DEFAULT_CLOCK_POLICY, validateClockPolicy } from '../../domain/src/clock';
import type { OpenStage } from '../../domain/src/stage-model';
import { OPEN_STAGES } from '../../domain/src/stage-model';
import type { EligibilityPolicy } from '../../domain/src/eligibility';
import { validateEligibilityPolicy } from '../../domain/src/eligibility';
import { discretionViolations } from '../../domain/src/notifications';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** Token settings for local development; shared with `npm run token` so minted tokens verify. */
export const AUTH_DEFAULTS = {
  issuer: 'vetting-local',
  audience: 'vetting-api',
  jwksFile: '.data/auth/jwks.json',
  team: 'dv-team-1',
} as const;

/** The six record checks DV runs (DOMAIN.md stage 5). */
export const DEFAULT_DV_CHECKS: readonly CheckType[] = CHECK_TYPES;

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

  @IsString()
  @IsOptional()
  DV_CHECKS = DEFAULT_DV_CHECKS.join(',');

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @IsOptional()
  RECORD_CHECK_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @IsOptional()
  RECORD_CHECK_POLL_INTERVAL_MS = 60 * 60 * 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(15)
  @IsOptional()
  CLEARANCE_REVIEW_YEARS = 7;

  @IsString()
  @IsOptional()
  CLOCK_POLICY?: string;

  @IsString()
  @IsOptional()
  TEAM_LEADS?: string;
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
  /** Record-check providers: partners' HTTP endpoints and the simulated provider. */
  recordChecks: RecordCheckConfig;
  /** DV-stage policy handed to each new case workflow. */
  dv: DvPolicy;
  /** The versioned stage-clock policy each new case is started with, and who leads each team. */
  clock: { policy: ClockPolicy; teamLeads: Record<string, string> };
  /** Case notifications: sign-in address and SMTP. */
  notifications: NotificationConfig;
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

/** CLOCK_POLICY is a whole ClockPolicy as JSON (see DEFAULT_CLOCK_POLICY); absent means the default. */
function parseClockPolicy(raw: string | undefined, problems: string[]): ClockPolicy {
  if (!raw) return DEFAULT_CLOCK_POLICY;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push('CLOCK_POLICY must be JSON shaped like DEFAULT_CLOCK_POLICY in libs/domain/src/clock');
    return DEFAULT_CLOCK_POLICY;
  }
  const policy = { ...DEFAULT_CLOCK_POLICY, ...(parsed as Partial<ClockPolicy>) };
  problems.push(...validateClockPolicy(policy).map((p) => `CLOCK_POLICY: ${p}`));
  return policy;
}

/** TEAM_LEADS maps a team to the user id of its lead, who receives escalations: {"dv-team-1":"lead-1"}. */
function parseTeamLeads(raw: string | undefined, problems: string[]): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed);
      if (entries.every(([, v]) => typeof v === 'string' && v.length > 0)) return Object.fromEntries(entries);
    }
  } catch {
    // reported below
  }
  problems.push('TEAM_LEADS must be a JSON object of team → lead user id, e.g. {"dv-team-1":"lead-1"}');
  return {};
}

function parseChecks(raw: string, problems: string[]): CheckType[] {
  const names = raw
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  const unknown = names.filter((n) => !isCheckType(n));
  if (unknown.length > 0)
    problems.push(`DV_CHECKS has unknown checks ${unknown.join(', ')}; expected ${CHECK_TYPES.join(', ')}`);
  return names.filter(isCheckType);
}

/** Reads and validates configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...env }, { enableImplicitConversion: false });
  const problems = validateSync(vars, { skipMissingProperties: false, forbidUnknownValues: false }).flatMap(
    (e) =>
      Object.values(e.constraints ?? {}).map((msg) =>
        msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`,
      ),
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
  const checks = parseChecks(vars.DV_CHECKS, problems);
  const clockPolicy = parseClockPolicy(vars.CLOCK_POLICY, problems);
  const teamLeads = parseTeamLeads(vars.TEAM_LEADS, problems);
  const recordChecks = parseRecordCheckConfig(env, problems);
  const notifications = parseNotificationConfig(env, problems);
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
    dv: {
      checks,
      checkTimeoutMs: vars.RECORD_CHECK_TIMEOUT_MS,
      checkPollIntervalMs: vars.RECORD_CHECK_POLL_INTERVAL_MS,
      clearanceReviewYears: vars.CLEARANCE_REVIEW_YEARS,
    },
    clock: { policy: clockPolicy, teamLeads },
    recordChecks,
    notifications,
  };
}

/** A partner's HTTP endpoint for one check type (an entry of RECORD_CHECK_PROVIDERS). */
export interface HttpProviderConfig {
  /** The provider's name in its callback URL, `/providers/<name>/callbacks`; defaults to the check type. */
  name: string;
  url: string;
  mode: ProviderMode;
  /** Shared secret for the HMAC-SHA256 signatures on requests and callbacks. */
  secret: string;
  /** How long one HTTP call to the provider may take before it counts as unavailable. */
  requestTimeoutMs: number;
}

/** The built-in simulated provider, which answers every check type that has no HTTP provider. */
export interface SimulatedProviderConfig {
  latencyMs: number;
  /** Chance (0..1) that a request attempt fails as unavailable. */
  failureRate: number;
  /** Relative weights of the outcomes it draws. */
  outcomes: Record<CheckOutcome, number>;
  seed: number;
  /** Outcomes fixed per check type, whatever the draw. */
  force: Partial<Record<CheckType, CheckOutcome>>;
  /** Per check type: the first N request attempts fail as unavailable (an outage that recovers). */
  outages: Partial<Record<CheckType, number>>;
}

/** Record-check providers. Timing (timeout, poll interval) is case policy, in `dv`. */
export interface RecordCheckConfig {
  providers: Partial<Record<CheckType, HttpProviderConfig>>;
  /** Public base URL of this API, sent to providers so they know where to call back; null to leave it out. */
  callbackBaseUrl: string | null;
  simulated: SimulatedProviderConfig;
  /** Whether the worker may simulate checks with NODE_ENV=production (it refuses to by default). */
  allowSimulatedInProduction: boolean;
}

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** Record-check variables. Apart from EnvironmentVariables so the worker can read them without the rest. */
class RecordCheckVariables {
  @IsString()
  @IsOptional()
  RECORD_CHECK_PROVIDERS?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, {
    message: 'RECORD_CHECK_CALLBACK_BASE_URL must be an http(s) URL without a trailing slash',
  })
  RECORD_CHECK_CALLBACK_BASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @IsOptional()
  SIMULATED_PROVIDER_LATENCY_MS = 2000;

  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  @IsOptional()
  SIMULATED_PROVIDER_FAILURE_RATE = 0;

  @IsString()
  @IsOptional()
  SIMULATED_PROVIDER_OUTCOMES?: string;

  @Transform(toInt)
  @IsInt()
  @IsOptional()
  SIMULATED_PROVIDER_SEED = 1;

  @IsString()
  @IsOptional()
  SIMULATED_PROVIDER_FORCE?: string;

  @IsString()
  @IsOptional()
  SIMULATED_PROVIDER_OUTAGES?: string;

  @IsIn(['true', 'false'])
  @IsOptional()
  SIMULATED_PROVIDER_ALLOW_PRODUCTION: 'true' | 'false' = 'false';
}

/** The simulated provider's outcome mix unless SIMULATED_PROVIDER_OUTCOMES says otherwise. */
export const DEFAULT_SIMULATED_OUTCOMES: Record<CheckOutcome, number> = {
  CLEAR: 0.9,
  TRACE: 0.05,
  NEEDS_REVIEW: 0.05,
};

const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MIN_SECRET_LENGTH = 16;

function parseJsonObject(
  name: string,
  raw: string | undefined,
  example: string,
  problems: string[],
): object | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // Reported below with the example.
  }
  problems.push(`${name} must be a JSON object, e.g. ${example}`);
  return null;
}

function parseHttpProviders(raw: string | undefined, problems: string[]): RecordCheckConfig['providers'] {
  const example =
    '{"SECURITY_SERVICE":{"url":"https://partner.example/checks","mode":"callback","secret":"..."}}';
  const parsed = parseJsonObject('RECORD_CHECK_PROVIDERS', raw, example, problems);
  const providers: RecordCheckConfig['providers'] = {};
  if (!parsed) return providers;
  const secrets = new Map<string, string>();
  for (const [checkType, entry] of Object.entries(parsed) as [string, unknown][]) {
    const at = `RECORD_CHECK_PROVIDERS.${checkType}`;
    if (!isCheckType(checkType)) {
      problems.push(`${at}: unknown check type; expected one of ${CHECK_TYPES.join(', ')}`);
      continue;
    }
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${at} must be an object with url, mode and secret`);
      continue;
    }
    const {
      url,
      mode = 'callback',
      secret,
      name = checkType.toLowerCase().replace(/_/g, '-'),
      requestTimeoutMs = 10_000,
    } = entry as Record<string, unknown>;
    const before = problems.length;
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))
      problems.push(`${at}.url must be an http(s) URL`);
    if (mode !== 'callback' && mode !== 'poll') problems.push(`${at}.mode must be "callback" or "poll"`);
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      problems.push(`${at}.secret must be a string of at least ${MIN_SECRET_LENGTH} characters`);
    }
    if (typeof name !== 'string' || !PROVIDER_NAME.test(name)) {
      problems.push(
        `${at}.name must be lower-case letters, digits and hyphens (it appears in the callback URL)`,
      );
    }
    if (
      typeof requestTimeoutMs !== 'number' ||
      !Number.isInteger(requestTimeoutMs) ||
      requestTimeoutMs < 100
    ) {
      problems.push(`${at}.requestTimeoutMs must be a whole number of milliseconds, at least 100`);
    }
    if (problems.length > before) continue;
    const provider: HttpProviderConfig = {
      name: name as string,
      url: url as string,
      mode: mode as ProviderMode,
      secret: secret as string,
      requestTimeoutMs: requestTimeoutMs as number,
    };
    // The webhook finds the secret by name alone, so one name must mean one secret.
    const known = secrets.get(provider.name);
    if (known !== undefined && known !== provider.secret) {
      problems.push(`${at}: provider name ${provider.name} is used with two different secrets`);
      continue;
    }
    secrets.set(provider.name, provider.secret);
    providers[checkType] = provider;
  }
  return providers;
}

function parseCheckTypeMap<V>(
  name: string,
  raw: string | undefined,
  example: string,
  valid: (value: unknown) => value is V,
  expected: string,
  problems: string[],
): Partial<Record<CheckType, V>> {
  const parsed = parseJsonObject(name, raw, example, problems);
  const result: Partial<Record<CheckType, V>> = {};
  for (const [checkType, value] of Object.entries(parsed ?? {}) as [string, unknown][]) {
    if (!isCheckType(checkType)) problems.push(`${name}: unknown check type ${checkType}`);
    else if (!valid(value)) problems.push(`${name}.${checkType} must be ${expected}`);
    else result[checkType] = value;
  }
  return result;
}

function parseOutcomeWeights(raw: string | undefined, problems: string[]): Record<CheckOutcome, number> {
  const example = '{"CLEAR":0.9,"TRACE":0.05,"NEEDS_REVIEW":0.05}';
  const parsed = parseJsonObject('SIMULATED_PROVIDER_OUTCOMES', raw, example, problems);
  if (!parsed) return { ...DEFAULT_SIMULATED_OUTCOMES };
  const weights: Record<CheckOutcome, number> = { CLEAR: 0, TRACE: 0, NEEDS_REVIEW: 0 };
  for (const [outcome, weight] of Object.entries(parsed) as [string, unknown][]) {
    if (!isCheckOutcome(outcome)) problems.push(`SIMULATED_PROVIDER_OUTCOMES: unknown outcome ${outcome}`);
    else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      problems.push(`SIMULATED_PROVIDER_OUTCOMES.${outcome} must be a number, 0 or more`);
    } else weights[outcome] = weight;
  }
  if (CHECK_OUTCOMES.every((o) => weights[o] === 0)) {
    problems.push(
      `SIMULATED_PROVIDER_OUTCOMES must give at least one outcome a weight above 0, e.g. ${example}`,
    );
  }
  return weights;
}

const isOutageCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Reads the record-check variables; appends a message per bad one to `problems`. */
export function parseRecordCheckConfig(env: NodeJS.ProcessEnv, problems: string[]): RecordCheckConfig {
  const vars = plainToInstance(RecordCheckVariables, { ...env }, { enableImplicitConversion: false });
  problems.push(
    ...validateSync(vars, { forbidUnknownValues: false }).flatMap((e) =>
      Object.values(e.constraints ?? {}).map((msg) =>
        msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`,
      ),
    ),
  );
  return {
    providers: parseHttpProviders(vars.RECORD_CHECK_PROVIDERS, problems),
    callbackBaseUrl: vars.RECORD_CHECK_CALLBACK_BASE_URL ?? null,
    simulated: {
      latencyMs: vars.SIMULATED_PROVIDER_LATENCY_MS,
      failureRate: vars.SIMULATED_PROVIDER_FAILURE_RATE,
      outcomes: parseOutcomeWeights(vars.SIMULATED_PROVIDER_OUTCOMES, problems),
      seed: vars.SIMULATED_PROVIDER_SEED,
      force: parseCheckTypeMap(
        'SIMULATED_PROVIDER_FORCE',
        vars.SIMULATED_PROVIDER_FORCE,
        '{"CRIMINAL_RECORDS":"TRACE"}',
        isCheckOutcome,
        `one of ${CHECK_OUTCOMES.join(', ')}`,
        problems,
      ),
      outages: parseCheckTypeMap(
        'SIMULATED_PROVIDER_OUTAGES',
        vars.SIMULATED_PROVIDER_OUTAGES,
        '{"CREDIT_REFERENCE":3}',
        isOutageCount,
        'a whole number of failed attempts, 0 or more',
        problems,
      ),
    },
    allowSimulatedInProduction: vars.SIMULATED_PROVIDER_ALLOW_PRODUCTION === 'true',
  };
}

/** The record-check configuration from the environment; throws ConfigError naming every bad variable. */
export function recordCheckConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RecordCheckConfig {
  const problems: string[] = [];
  const config = parseRecordCheckConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Outgoing email over SMTP; null in NotificationConfig when SMTP_HOST is unset (email disabled). */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465 style); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  pass: string | null;
  /** The From address; it must be as discreet as the messages. */
  from: string;
}

/** Case notifications: the sign-in address every message points to, and email delivery. */
export interface NotificationConfig {
  signInUrl: string;
  smtp: SmtpConfig | null;
  /** How long an email may stay claimed (SENDING) before a retry assumes its sender died and sends it again. */
  resendAfterMs: number;
}

/** Notification variables. Apart from EnvironmentVariables so the worker and tests can read them alone. */
class NotificationVariables {
  @Matches(/^https?:\/\/\S+$/, { message: 'APP_SIGN_IN_URL must be an http(s) URL' })
  @IsOptional()
  APP_SIGN_IN_URL = 'http://localhost:3000/';

  @IsString()
  @IsOptional()
  SMTP_HOST?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  @IsOptional()
  SMTP_PORT?: number;

  @IsIn(['true', 'false'])
  @IsOptional()
  SMTP_SECURE: 'true' | 'false' = 'false';

  @IsString()
  @IsOptional()
  SMTP_USER?: string;

  @IsString()
  @IsOptional()
  SMTP_PASS?: string;

  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message:
      'SMTP_FROM must be an address, e.g. no-reply@example.org or "Notifications <no-reply@example.org>"',
  })
  @IsOptional()
  SMTP_FROM = 'no-reply@localhost';

  // Longer than one SMTP send can take (the transport's own timeouts add up to under a minute).
  @Transform(toInt)
  @IsInt()
  @Min(60_000)
  @IsOptional()
  EMAIL_RESEND_AFTER_MS = 5 * 60 * 1000;
}

/** Reads the notification variables; appends a message per bad one to `problems`. */
export function parseNotificationConfig(env: NodeJS.ProcessEnv, problems: string[]): NotificationConfig {
  const vars = plainToInstance(NotificationVariables, { ...env }, { enableImplicitConversion: false });
  problems.push(
    ...validateSync(vars, { forbidUnknownValues: false }).flatMap((e) =>
      Object.values(e.constraints ?? {}).map((msg) =>
        msg.startsWith(e.property) ? msg : `${e.property}: ${msg}`,
      ),
    ),
  );
  // Both appear in every email; refusing them here beats refusing every message at send time.
  for (const [name, value] of [
    ['APP_SIGN_IN_URL', vars.APP_SIGN_IN_URL],
    ['SMTP_FROM', vars.SMTP_FROM],
  ] as const) {
    const words = discretionViolations(value);
    if (words.length > 0) problems.push(`${name} must be discreet; it contains ${words.join(', ')}`);
  }
  const host = vars.SMTP_HOST?.trim() ?? '';
  if ((vars.SMTP_USER === undefined) !== (vars.SMTP_PASS === undefined)) {
    problems.push('SMTP_USER and SMTP_PASS must be set together');
  }
  const secure = vars.SMTP_SECURE === 'true';
  return {
    signInUrl: vars.APP_SIGN_IN_URL,
    smtp:
      host === ''
        ? null
        : {
            host,
            port: vars.SMTP_PORT ?? (secure ? 465 : 587),
            secure,
            user: vars.SMTP_USER ?? null,
            pass: vars.SMTP_PASS ?? null,
            from: vars.SMTP_FROM,
          },
    resendAfterMs: vars.EMAIL_RESEND_AFTER_MS,
  };
}

/** The notification configuration from the environment; throws ConfigError naming every bad variable. */
export function notificationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const problems: string[] = [];
  const config = parseNotificationConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
