import { createHash } from 'node:crypto';
import type { Keyring, KeyringSettings, KeyringSpec } from '../../config/src/keyring';
import { KEY_BYTES, keyringForConfig, keyringFromEnv, parseKeyring } from '../../config/src/keyring';
import { nodeEnvOf } from '../../config/src/runtime.config';

/** The AES-256 keys payloads are encrypted with: one current key and any older ones still needed to decrypt. */
export type CodecKeyring = Keyring;

/** CODEC_KEYS, CODEC_CURRENT_KEY_ID and NODE_ENV. */
export type CodecKeySettings = KeyringSettings;

export { KEY_BYTES };
export const DEVELOPMENT_KEY_ID = 'local-development-only';

/**
 * Deterministic so that `npm start` can decrypt the cases it left in .data/ on its previous run. It is public
 * (it is in this file), so it protects nothing; loadConfig refuses it when NODE_ENV=production.
 */
export const DEVELOPMENT_KEY: Buffer = createHash('sha256')
  .update('vetting-case-management: local development codec key, never for real personal data')
  .digest();

const CODEC_KEYRING: KeyringSpec = {
  keysVariable: 'CODEC_KEYS',
  currentKeyVariable: 'CODEC_CURRENT_KEY_ID',
  purpose: 'payload encryption',
  algorithm: 'AES-256',
  developmentKeyId: DEVELOPMENT_KEY_ID,
  developmentKey: DEVELOPMENT_KEY,
};

/** Validates codec key settings, appending every problem found; undefined when there are problems. */
export function parseCodecKeyring(settings: CodecKeySettings, problems: string[]): CodecKeyring | undefined {
  return parseKeyring(settings, CODEC_KEYRING, problems);
}

/** For the CODEC_* configuration concern: the keyring, or a placeholder once its problems are recorded. */
export function codecKeyringForConfig(settings: CodecKeySettings, problems: string[]): CodecKeyring {
  return keyringForConfig(settings, CODEC_KEYRING, problems);
}

/**
 * The keyring from environment variables, for code that has no AppConfig at hand. Throws listing every problem;
 * loadConfig has already reported the same problems at boot in the apps.
 */
export function codecKeyringFromEnv(env: NodeJS.ProcessEnv = process.env): CodecKeyring {
  return keyringFromEnv(env, CODEC_KEYRING, nodeEnvOf(env) ?? undefined, 'codec');
}
