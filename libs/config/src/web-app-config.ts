import { authConfig } from './auth.config';
import type { AuthConfig } from './auth.config';
import { dataEncryptionConfig } from './data-encryption.config';
import type { DataEncryptionConfig } from './data-encryption.config';
import { databaseConfig } from './database.config';
import { loggingConfig } from './logging.config';
import { runtimeConfig } from './runtime.config';
import type { RuntimeConfig } from './runtime.config';
import type { Env } from './variables';
import { ConfigError } from './variables';
import { webConfig } from './web.config';
import type { WebConfig } from './web.config';

/** What the web service reads: it needs no Temporal, policy or codec settings, only these concerns. */
export interface WebAppConfig {
  runtime: RuntimeConfig;
  /** Sessions live in PostgreSQL. */
  databaseUrl: string;
  logFormat: 'json' | 'text';
  /** Issuer, audience and development key: the embedded sign-in mints tokens the API accepts. */
  auth: AuthConfig;
  web: WebConfig;
  /** DATA_KEYS: sessions hold a bearer token and what people typed, so their rows are sealed like other fields. */
  data: DataEncryptionConfig;
}

/** Reads and validates the web service's configuration; throws ConfigError naming every bad variable. */
export function loadWebAppConfig(env: Env = process.env): WebAppConfig {
  const problems: string[] = [];
  const runtime = runtimeConfig.read(env, problems);
  const database = databaseConfig.read(env, problems);
  const logging = loggingConfig.read(env, problems);
  const auth = authConfig.read(env, problems);
  const web = webConfig.read(env, problems);
  const data = dataEncryptionConfig.read(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { runtime, databaseUrl: database.url, logFormat: logging.format, auth, web, data };
}
