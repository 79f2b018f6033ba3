import type { DvPolicy, NewCasePolicy, StageDurations } from '../../contracts/src/case.types';
import type { EligibilityPolicy } from '../../domain/src/eligibility';
import type { AuditConfig } from './audit.config';
import { auditConfig } from './audit.config';
import type { AuthConfig } from './auth.config';
import { authConfig } from './auth.config';
import { casesConfig } from './cases.config';
import type { ClockConfig } from './clock.config';
import { clockConfig } from './clock.config';
import type { CodecConfig } from './codec.config';
import { codecConfig } from './codec.config';
import type { DataEncryptionConfig } from './data-encryption.config';
import { dataEncryptionConfig } from './data-encryption.config';
import { databaseConfig } from './database.config';
import { dvPolicyConfig } from './dv-policy.config';
import { baselinePolicyConfig } from './baseline-policy.config';
import { appealPolicyConfig } from './appeal-policy.config';
import type { AppealTiming } from '../../domain/src/appeals';
import { eligibilityConfig } from './eligibility.config';
import type { HttpConfig } from './http.config';
import { httpConfig } from './http.config';
import { loggingConfig } from './logging.config';
import type { NotificationConfig } from './notifications.config';
import { notificationsConfig } from './notifications.config';
import type { RecordCheckConfig } from './record-checks.config';
import { recordChecksConfig } from './record-checks.config';
import type { RuntimeConfig } from './runtime.config';
import { runtimeConfig } from './runtime.config';
import type { TemporalConfig } from './temporal.config';
import { temporalConfig } from './temporal.config';
import { webConfig } from './web.config';
import { observabilityConfig } from './observability.config';
import type { ConfigConcern, Env } from './variables';
import { ConfigError } from './variables';

export * from './audit.config';
export * from './auth.config';
export * from './baseline-policy.config';
export * from './keyring';
export * from './cases.config';
export * from './clock.config';
export * from './codec.config';
export * from './data-encryption.config';
export * from './database.config';
export * from './dv-policy.config';
export * from './eligibility.config';
export * from './http.config';
export * from './logging.config';
export * from './notifications.config';
export * from './record-checks.config';
export * from './runtime.config';
export * from './temporal.config';
export * from './web.config';
export * from './observability.config';
export * from './local-users';
export * from './variables';

/** Every concern, in the order docs/configuration.md lists them. */
export const CONFIG_CONCERNS: readonly ConfigConcern<unknown>[] = [
  runtimeConfig,
  databaseConfig,
  temporalConfig,
  httpConfig,
  loggingConfig,
  authConfig,
  codecConfig,
  auditConfig,
  dataEncryptionConfig,
  eligibilityConfig,
  casesConfig,
  clockConfig,
  dvPolicyConfig,
  baselinePolicyConfig,
  appealPolicyConfig,
  recordChecksConfig,
  notificationsConfig,
  webConfig,
  observabilityConfig,
];

/** Typed configuration, validated once at boot. */
export interface AppConfig {
  runtime: RuntimeConfig;
  databaseUrl: string;
  temporal: Omit<TemporalConfig, 'updateTimeoutMs'>;
  port: number;
  updateTimeoutMs: number;
  logFormat: 'json' | 'text';
  policy: EligibilityPolicy;
  stageDurationsMs: StageDurations;
  personKeySecret: string;
  sponsorConfirmationMs: number;
  sponsorReminderBeforeLapseMs: number;
  withoutInvitation: 'HOLD' | 'SCREEN';
  /** Bearer tokens: verified against a remote JWKS (real identity provider) or a local JWKS file (development). */
  auth: AuthConfig;
  /** Team that new cases belong to until teams are assigned by routing rules. */
  defaultTeam: string;
  http: Omit<HttpConfig, 'port'>;
  /** Payload encryption keys for Temporal, and the Temporal UI origins allowed to call the codec endpoint. */
  codec: CodecConfig;
  /** HMAC keys for the audit chain. */
  audit: AuditConfig;
  /** AES-256-GCM keys for personal fields in PostgreSQL. */
  data: DataEncryptionConfig;
  /** Record-check providers: partners' HTTP endpoints and the simulated provider. */
  recordChecks: RecordCheckConfig;
  /** DV-stage policy handed to each new case workflow. */
  dv: DvPolicy;
  /** Windows and targets of appeals and complaints. */
  appeals: AppealTiming;
  /** The versioned stage-clock policy each new case is started with, and who leads each team. */
  clock: ClockConfig;
  /** Case notifications: sign-in address and SMTP. */
  notifications: NotificationConfig;
}

/** The policy in force for a case opening now (an application, or a renewal the worker opens). */
export function newCasePolicy(config: AppConfig): NewCasePolicy {
  return {
    team: config.defaultTeam,
    dv: config.dv,
    clock: {
      policy: config.clock.policy,
      teamLeadId: config.clock.teamLeads[config.defaultTeam] ?? null,
    },
    policy: config.policy,
    stageDurationsMs: config.stageDurationsMs,
  };
}

/** Reads and validates every concern; throws ConfigError naming every bad variable at once. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const runtime = runtimeConfig.read(env, problems);
  const database = databaseConfig.read(env, problems);
  const { updateTimeoutMs, ...temporal } = temporalConfig.read(env, problems);
  const { port, ...http } = httpConfig.read(env, problems);
  const logging = loggingConfig.read(env, problems);
  const auth = authConfig.read(env, problems);
  const codec = codecConfig.read(env, problems);
  const audit = auditConfig.read(env, problems);
  const data = dataEncryptionConfig.read(env, problems);
  const policy = eligibilityConfig.read(env, problems);
  const cases = casesConfig.read(env, problems);
  const clock = clockConfig.read(env, problems);
  // The baseline figures travel with the DV policy: each new case records them in its input, as the rest.
  const dv: DvPolicy = {
    ...dvPolicyConfig.read(env, problems),
    baseline: baselinePolicyConfig.read(env, problems),
  };
  const appeals = appealPolicyConfig.read(env, problems);
  const recordChecks = recordChecksConfig.read(env, problems);
  const notifications = notificationsConfig.read(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    runtime,
    databaseUrl: database.url,
    temporal,
    port,
    updateTimeoutMs,
    logFormat: logging.format,
    policy,
    stageDurationsMs: cases.stageDurationsMs,
    personKeySecret: cases.personKeySecret,
    sponsorConfirmationMs: cases.sponsorConfirmationMs,
    sponsorReminderBeforeLapseMs: cases.sponsorReminderBeforeLapseMs,
    withoutInvitation: cases.withoutInvitation,
    auth,
    defaultTeam: cases.defaultTeam,
    http,
    codec,
    audit,
    data,
    recordChecks,
    dv,
    appeals,
    clock,
    notifications,
  };
}
