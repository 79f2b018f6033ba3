import { createHash } from 'node:crypto';
import { IsOptional, IsString } from 'class-validator';
import type { Keyring, KeyringSpec } from './keyring';
import { keyringForConfig, keyringFromEnv } from './keyring';
import { nodeEnvOf } from './runtime.config';
import { defineConcern, Variable } from './variables';
import type { Env } from './variables';

export const AUDIT_DEVELOPMENT_KEY_ID = 'audit-local-development-only';

/**
 * Deterministic so that `npm start` keeps verifying the chain it left in .data/ on its previous run. It is public
 * (it is in this file), so it protects nothing; loadConfig refuses it when NODE_ENV=production.
 */
export const AUDIT_DEVELOPMENT_KEY: Buffer = createHash('sha256')
  .update('vetting-case-management: local development audit chain key, never for a real audit trail')
  .digest();

const AUDIT_KEYRING: KeyringSpec = {
  keysVariable: 'AUDIT_KEYS',
  currentKeyVariable: 'AUDIT_CURRENT_KEY_ID',
  purpose: 'audit chain HMAC',
  algorithm: 'HMAC-SHA256',
  developmentKeyId: AUDIT_DEVELOPMENT_KEY_ID,
  developmentKey: AUDIT_DEVELOPMENT_KEY,
};

class AuditVariables {
  // Checked by keyringForConfig (lengths, ids, the development-key rule), which needs NODE_ENV as well.
  @Variable(
    'HMAC-SHA256 keys for the audit chain: `{"id":"<base64>"}` or `id:<base64>,id:<base64>`, 32 bytes each. Keep every key that signed a row: verification uses the key id stored on each row',
    { default: '**public development key** (refused when `NODE_ENV=production`)' },
  )
  @IsString()
  @IsOptional()
  AUDIT_KEYS?: string;

  @Variable('which of `AUDIT_KEYS` signs new audit rows; required when there are several', {
    default: 'the only key',
  })
  @IsString()
  @IsOptional()
  AUDIT_CURRENT_KEY_ID?: string;
}

/** The keys that sign (HMAC) the audit chain. */
export interface AuditConfig {
  keyring: Keyring;
}

/** AUDIT_*. */
export const auditConfig = defineConcern({
  title: 'Audit trail',
  summary:
    'Keys for the HMAC chain over audit rows: without one, a database user cannot write or re-hash rows that verify.',
  variables: AuditVariables,
  build: (vars, problems, env): AuditConfig => ({
    keyring: keyringForConfig(
      {
        keys: vars.AUDIT_KEYS,
        currentKeyId: vars.AUDIT_CURRENT_KEY_ID,
        nodeEnv: nodeEnvOf(env) ?? undefined,
      },
      AUDIT_KEYRING,
      problems,
    ),
  }),
});

/**
 * The audit keyring from environment variables, for scripts that have no AppConfig (`npm run audit:verify`).
 * Throws listing every problem.
 */
export function auditKeyringFromEnv(env: Env = process.env): Keyring {
  return keyringFromEnv(env, AUDIT_KEYRING, nodeEnvOf(env) ?? undefined, 'audit');
}
