import { createHash } from 'node:crypto';

/** The AES-256 keys payloads are encrypted with: one current key and any older ones still needed to decrypt. */
export interface CodecKeyring {
  /** New payloads are encrypted with this key. */
  readonly currentKeyId: string;
  /** Every key that may still be needed to decrypt, by id (the current one included). */
  readonly keys: ReadonlyMap<string, Buffer>;
  /** True when no keys were configured and the well-known development key is in use. */
  readonly developmentKey: boolean;
}

/** The raw configuration values behind a keyring. */
export interface CodecKeySettings {
  /** CODEC_KEYS: `{"id":"base64"}` JSON, or `id:base64,id:base64`. */
  keys?: string;
  /** CODEC_CURRENT_KEY_ID: which of the keys encrypts new payloads; optional when there is only one. */
  currentKeyId?: string;
  /** NODE_ENV: the development key is refused when it is `production`. */
  nodeEnv?: string;
}

export const KEY_BYTES = 32;
export const DEVELOPMENT_KEY_ID = 'local-development-only';

/**
 * Deterministic so that `npm start` can decrypt the cases it left in .data/ on its previous run. It is public
 * (it is in this file), so it protects nothing; loadConfig refuses it when NODE_ENV=production.
 */
export const DEVELOPMENT_KEY: Buffer = createHash('sha256')
  .update('vetting-case-management: local development codec key, never for real personal data')
  .digest();

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Validates codec key settings, appending every problem found; undefined when there are problems. */
export function parseCodecKeyring(settings: CodecKeySettings, problems: string[]): CodecKeyring | undefined {
  const production = settings.nodeEnv === 'production';
  const raw = settings.keys?.trim();
  const currentKeyId = settings.currentKeyId?.trim() || undefined;
  if (!raw) {
    if (production) {
      problems.push(
        'CODEC_KEYS is required when NODE_ENV=production (payload encryption keys, e.g. {"2026-01":"<openssl rand -base64 32>"})',
      );
      return undefined;
    }
    if (currentKeyId) {
      problems.push('CODEC_CURRENT_KEY_ID is set but CODEC_KEYS is not; set both or neither');
      return undefined;
    }
    return {
      currentKeyId: DEVELOPMENT_KEY_ID,
      keys: new Map([[DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY]]),
      developmentKey: true,
    };
  }

  const before = problems.length;
  const keys = new Map<string, Buffer>();
  const ids: string[] = [];
  for (const [id, encoded] of splitKeys(raw, problems)) {
    if (!KEY_ID.test(id)) {
      problems.push(`CODEC_KEYS key id "${id}" must be 1-64 letters, digits, '.', '_' or '-'`);
    } else if (ids.includes(id)) {
      problems.push(`CODEC_KEYS names key id "${id}" twice`);
    } else {
      ids.push(id);
      const key = decodeKey(id, encoded, problems);
      if (key) keys.set(id, key);
    }
  }
  if (problems.length === before && ids.length === 0) problems.push('CODEC_KEYS must name at least one key');
  if (production) {
    for (const [id, key] of keys) {
      if (id === DEVELOPMENT_KEY_ID || key.equals(DEVELOPMENT_KEY)) {
        problems.push(
          `CODEC_KEYS key "${id}" is the public development key; it must not be used in production`,
        );
      }
    }
  }

  let current = currentKeyId;
  if (!current && ids.length === 1) current = ids[0];
  if (!current && ids.length > 1) {
    problems.push(`CODEC_CURRENT_KEY_ID is required when CODEC_KEYS has several keys (${ids.join(', ')})`);
  } else if (current && ids.length > 0 && !ids.includes(current)) {
    problems.push(`CODEC_CURRENT_KEY_ID "${current}" is not one of the CODEC_KEYS (${ids.join(', ')})`);
  }
  if (problems.length > before || !current) return undefined;
  return { currentKeyId: current, keys, developmentKey: false };
}

/**
 * The keyring from environment variables, for code that has no AppConfig at hand. Throws listing every problem;
 * loadConfig has already reported the same problems at boot in the apps.
 */
export function codecKeyringFromEnv(env: NodeJS.ProcessEnv = process.env): CodecKeyring {
  const problems: string[] = [];
  const keyring = parseCodecKeyring(
    { keys: env.CODEC_KEYS, currentKeyId: env.CODEC_CURRENT_KEY_ID, nodeEnv: env.NODE_ENV },
    problems,
  );
  if (!keyring) throw new Error(`Invalid codec configuration:\n  - ${problems.join('\n  - ')}`);
  return keyring;
}

function splitKeys(raw: string, problems: string[]): [string, string][] {
  if (raw.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push('CODEC_KEYS looks like JSON but does not parse; expected {"key-id":"base64 key", ...}');
      return [];
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push('CODEC_KEYS must be a JSON object of key id to base64 key');
      return [];
    }
    return Object.entries(parsed).flatMap(([id, value]): [string, string][] => {
      if (typeof value === 'string') return [[id, value]];
      problems.push(`CODEC_KEYS key "${id}" must be a base64 string`);
      return [];
    });
  }
  return raw.split(',').flatMap((entry): [string, string][] => {
    const trimmed = entry.trim();
    const colon = trimmed.indexOf(':');
    if (colon <= 0) {
      problems.push('CODEC_KEYS entries must look like key-id:base64key, separated by commas');
      return [];
    }
    return [[trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()]];
  });
}

function decodeKey(id: string, encoded: string, problems: string[]): Buffer | undefined {
  // Buffer.from skips characters it does not understand, so a typo would silently shorten the key.
  const key = Buffer.from(encoded, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.toString('base64') !== encoded) {
    problems.push(
      `CODEC_KEYS key "${id}" is not valid padded base64 (make one with: openssl rand -base64 32)`,
    );
    return undefined;
  }
  if (key.length !== KEY_BYTES) {
    problems.push(`CODEC_KEYS key "${id}" must be ${KEY_BYTES} bytes for AES-256, but is ${key.length}`);
    return undefined;
  }
  return key;
}
