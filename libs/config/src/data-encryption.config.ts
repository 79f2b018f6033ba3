import { createHash } from 'node:crypto';
import { IsOptional, IsString } from 'class-validator';
import type { Keyring, KeyringSpec } from './keyring';
import { keyringForConfig, keyringFromEnv } from './keyring';
import { nodeEnvOf } from './runtime.config';
import { defineConcern, Variable } from './variables';
import type { Env } from './variables';

export const DATA_DEVELOPMENT_KEY_ID = 'data-local-development-only';

/**
 * Deterministic so that `npm start` can read the personal data it left in .data/ on its previous run. It is
 * public (it is in this file), so it protects nothing; loadConfig refuses it when NODE_ENV=production.
 */
export const DATA_DEVELOPMENT_KEY: Buffer = createHash('sha256')
  .update('vetting-case-management: local development field encryption key, never for real personal data')
  .digest();

const DATA_KEYRING: KeyringSpec = {
  keysVariable: 'DATA_KEYS',
  currentKeyVariable: 'DATA_CURRENT_KEY_ID',
  purpose: 'personal data field encryption',
  algorithm: 'AES-256-GCM',
  developmentKeyId: DATA_DEVELOPMENT_KEY_ID,
  developmentKey: DATA_DEVELOPMENT_KEY,
};

class DataEncryptionVariables {
  // Checked by parseKeyring (lengths, ids, the development-key rule), which needs NODE_ENV as well.
  @Variable(
    'AES-256-GCM keys for personal data in PostgreSQL (docs/encryption.md): `{"id":"<base64>"}` or `id:<base64>,id:<base64>`, 32 bytes each. Keep every key some row is still encrypted under (`npm run data:reencrypt` moves rows to the current key)',
    { default: '**public development key** (refused when `NODE_ENV=production`)' },
  )
  @IsString()
  @IsOptional()
  DATA_KEYS?: string;

  @Variable('which of `DATA_KEYS` encrypts new personal data; required when there are several', {
    default: 'the only key',
  })
  @IsString()
  @IsOptional()
  DATA_CURRENT_KEY_ID?: string;
}

/** The keys that encrypt personal fields in PostgreSQL. */
export interface DataEncryptionConfig {
  keyring: Keyring;
}

/** DATA_*. */
export const dataEncryptionConfig = defineConcern({
  title: 'Personal data at rest',
  summary:
    'Keys for the personal fields the apps keep in PostgreSQL (applications, questionnaires, case event notes, contact emails) and the web service’s sessions.',
  variables: DataEncryptionVariables,
  build: (vars, problems, env): DataEncryptionConfig => ({
    keyring: keyringForConfig(
      { keys: vars.DATA_KEYS, currentKeyId: vars.DATA_CURRENT_KEY_ID, nodeEnv: nodeEnvOf(env) ?? undefined },
      DATA_KEYRING,
      problems,
    ),
  }),
});

/**
 * The field keyring from environment variables, for scripts that have no AppConfig (`npm run data:reencrypt`)
 * and for tests. Throws listing every problem.
 */
export function dataKeyringFromEnv(env: Env = process.env): Keyring {
  return keyringFromEnv(env, DATA_KEYRING, nodeEnvOf(env) ?? undefined, 'data encryption');
}
