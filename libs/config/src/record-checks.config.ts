import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { ProviderMode } from '../../contracts/src/record-check.types';
import type { CheckOutcome, CheckType } from '../../domain/src/record-checks';
import { CHECK_OUTCOMES, CHECK_TYPES, isCheckOutcome, isCheckType } from '../../domain/src/record-checks';
import { isProduction } from './runtime.config';
import { AsNumber, defineConcern, parseJsonObject, readConcern, Variable } from './variables';
import type { Env } from './variables';

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
  /** How far a callback's signed timestamp may be from our clock, either way, before it is refused. */
  callbackMaxAgeSeconds: number;
}

/** The simulated provider's outcome mix unless SIMULATED_PROVIDER_OUTCOMES says otherwise. */
export const DEFAULT_SIMULATED_OUTCOMES: Record<CheckOutcome, number> = {
  CLEAR: 0.9,
  TRACE: 0.05,
  NEEDS_REVIEW: 0.05,
};

class RecordCheckVariables {
  @Variable(
    'JSON, check type → `{ "url", "secret", "mode": "callback"|"poll", "name"?, "requestTimeoutMs"? }`; `name` (default: the check type as `security-service`) is the provider’s name in its callback URL, `secret` at least 16 characters, `requestTimeoutMs` default 10000. Several check types may share a name only with the same secret',
    { default: 'none' },
  )
  @IsString()
  @IsOptional()
  RECORD_CHECK_PROVIDERS?: string;

  @Variable("this API's public URL; when set, requests tell the provider where to call back", {
    default: 'none',
  })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, {
    message: 'RECORD_CHECK_CALLBACK_BASE_URL must be an http(s) URL without a trailing slash',
  })
  RECORD_CHECK_CALLBACK_BASE_URL?: string;

  @Variable(
    'how far (seconds, either way) a provider callback’s signed `X-Provider-Timestamp` may be from our clock; an older or later callback is refused, and its nonce is remembered this long to refuse a replay',
  )
  @AsNumber()
  @IsInt()
  @Min(5)
  @Max(3600)
  @IsOptional()
  PROVIDER_CALLBACK_MAX_AGE_SECONDS = 300;

  @Variable('time from request until a poll of the simulated provider answers DONE')
  @AsNumber()
  @IsInt()
  @Min(0)
  @IsOptional()
  SIMULATED_PROVIDER_LATENCY_MS = 2000;

  @Variable('chance (0..1) that a request attempt to the simulated provider is unavailable')
  @AsNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  @IsOptional()
  SIMULATED_PROVIDER_FAILURE_RATE = 0;

  @Variable('outcome weights of the simulated provider', {
    default: `\`${JSON.stringify(DEFAULT_SIMULATED_OUTCOMES)}\``,
  })
  @IsString()
  @IsOptional()
  SIMULATED_PROVIDER_OUTCOMES?: string;

  @Variable('seed of every simulated draw')
  @AsNumber()
  @IsInt()
  @IsOptional()
  SIMULATED_PROVIDER_SEED = 1;

  @Variable('outcome per check type, whatever the draw, e.g. `{"CRIMINAL_RECORDS":"TRACE"}`', {
    default: 'none',
  })
  @IsString()
  @IsOptional()
  SIMULATED_PROVIDER_FORCE?: string;

  @Variable(
    'per check type, the first N request attempts are unavailable, e.g. `{"CREDIT_REFERENCE":3}` (an outage that recovers)',
    { default: 'none' },
  )
  @IsString()
  @IsOptional()
  SIMULATED_PROVIDER_OUTAGES?: string;

  @Variable('`true` lets the worker simulate checks with `NODE_ENV=production` (a test system)')
  @IsIn(['true', 'false'])
  @IsOptional()
  SIMULATED_PROVIDER_ALLOW_PRODUCTION: 'true' | 'false' = 'false';
}

const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const MIN_SECRET_LENGTH = 16;

function parseHttpProviders(raw: string | undefined, problems: string[]): RecordCheckConfig['providers'] {
  const example =
    '{"SECURITY_SERVICE":{"url":"https://partner.example/checks","mode":"callback","secret":"..."}}';
  const parsed = parseJsonObject('RECORD_CHECK_PROVIDERS', raw, example, problems);
  const providers: RecordCheckConfig['providers'] = {};
  if (!parsed) return providers;
  const secrets = new Map<string, string>();
  for (const [checkType, entry] of Object.entries(parsed)) {
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
  for (const [checkType, value] of Object.entries(parsed ?? {})) {
    if (!isCheckType(checkType)) problems.push(`${name}: unknown check type ${checkType}`);
    else if (!valid(value)) problems.push(`${name}.${checkType} must be ${expected}`);
    else result[checkType] = value;
  }
  return result;
}

function parseOutcomeWeights(raw: string | undefined, problems: string[]): Record<CheckOutcome, number> {
  const example = JSON.stringify(DEFAULT_SIMULATED_OUTCOMES);
  const parsed = parseJsonObject('SIMULATED_PROVIDER_OUTCOMES', raw, example, problems);
  if (!parsed) return { ...DEFAULT_SIMULATED_OUTCOMES };
  const weights: Record<CheckOutcome, number> = { CLEAR: 0, TRACE: 0, NEEDS_REVIEW: 0 };
  for (const [outcome, weight] of Object.entries(parsed)) {
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

/**
 * Production guard: requests, callbacks and their signatures carry personal data and outcomes, so in production
 * every partner URL and our own callback URL must be https:// (plain http would hand both to the network).
 */
function productionProviders(
  providers: RecordCheckConfig['providers'],
  callbackBaseUrl: string | undefined,
  production: boolean,
  problems: string[],
): RecordCheckConfig['providers'] {
  if (!production) return providers;
  for (const [checkType, provider] of Object.entries(providers)) {
    if (!provider.url.startsWith('https://')) {
      problems.push(`RECORD_CHECK_PROVIDERS.${checkType}.url must be https:// in production`);
    }
  }
  if (callbackBaseUrl !== undefined && !callbackBaseUrl.startsWith('https://')) {
    problems.push('RECORD_CHECK_CALLBACK_BASE_URL must be https:// in production');
  }
  return providers;
}

/** RECORD_CHECK_PROVIDERS, RECORD_CHECK_CALLBACK_BASE_URL, PROVIDER_CALLBACK_MAX_AGE_SECONDS and SIMULATED_PROVIDER_*. */
export const recordChecksConfig = defineConcern({
  title: 'Record-check providers',
  summary:
    'A check type with an entry in `RECORD_CHECK_PROVIDERS` goes to that partner over HTTPS; every other check type goes to the built-in simulated provider, which the worker refuses to use with `NODE_ENV=production` unless `SIMULATED_PROVIDER_ALLOW_PRODUCTION=true`.',
  variables: RecordCheckVariables,
  build: (vars, problems, env): RecordCheckConfig => ({
    providers: productionProviders(
      parseHttpProviders(vars.RECORD_CHECK_PROVIDERS, problems),
      vars.RECORD_CHECK_CALLBACK_BASE_URL,
      isProduction(env),
      problems,
    ),
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
    callbackMaxAgeSeconds: vars.PROVIDER_CALLBACK_MAX_AGE_SECONDS,
  }),
});

/** The record-check configuration alone; throws ConfigError naming every bad variable. */
export function recordCheckConfigFromEnv(env: Env = process.env): RecordCheckConfig {
  return readConcern(recordChecksConfig, env);
}
