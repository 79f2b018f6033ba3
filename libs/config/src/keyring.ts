/**
 * Named symmetric keys from configuration: one current key for new data and older ones kept to read old data.
 * Shared by the payload codec (CODEC_KEYS) and the audit chain (AUDIT_KEYS), so both accept the same formats
 * and refuse the same mistakes.
 */
export interface Keyring {
  /** New data is protected with this key. */
  readonly currentKeyId: string;
  /** Every key that may still be needed to read, by id (the current one included). */
  readonly keys: ReadonlyMap<string, Buffer>;
  /** True when no keys were configured and the well-known development key is in use. */
  readonly developmentKey: boolean;
}

/** The raw configuration values behind a keyring. */
export interface KeyringSettings {
  /** `{"id":"base64"}` JSON, or `id:base64,id:base64`. */
  keys?: string;
  /** Which of the keys protects new data; optional when there is only one. */
  currentKeyId?: string;
  /** NODE_ENV: the development key is refused when it is `production`. */
  nodeEnv?: string;
}

/** What differs between one keyring and another: variable names for messages, and the development key. */
export interface KeyringSpec {
  keysVariable: string;
  currentKeyVariable: string;
  /** e.g. 'payload encryption', for "... is required when NODE_ENV=production (payload encryption keys, ...)". */
  purpose: string;
  /** e.g. 'AES-256', for "... must be 32 bytes for AES-256". */
  algorithm: string;
  developmentKeyId: string;
  developmentKey: Buffer;
}

export const KEY_BYTES = 32;

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Validates key settings, appending every problem found; undefined when there are problems. */
export function parseKeyring(
  settings: KeyringSettings,
  spec: KeyringSpec,
  problems: string[],
): Keyring | undefined {
  const { keysVariable: KEYS, currentKeyVariable: CURRENT } = spec;
  const production = settings.nodeEnv === 'production';
  const raw = settings.keys?.trim();
  const currentKeyId = settings.currentKeyId?.trim() || undefined;
  if (!raw) {
    if (production) {
      problems.push(
        `${KEYS} is required when NODE_ENV=production (${spec.purpose} keys, e.g. {"2026-01":"<openssl rand -base64 32>"})`,
      );
      return undefined;
    }
    if (currentKeyId) {
      problems.push(`${CURRENT} is set but ${KEYS} is not; set both or neither`);
      return undefined;
    }
    return {
      currentKeyId: spec.developmentKeyId,
      keys: new Map([[spec.developmentKeyId, spec.developmentKey]]),
      developmentKey: true,
    };
  }

  const before = problems.length;
  const keys = new Map<string, Buffer>();
  const ids: string[] = [];
  for (const [id, encoded] of splitKeys(raw, KEYS, problems)) {
    if (!KEY_ID.test(id)) {
      problems.push(`${KEYS} key id "${id}" must be 1-64 letters, digits, '.', '_' or '-'`);
    } else if (ids.includes(id)) {
      problems.push(`${KEYS} names key id "${id}" twice`);
    } else {
      ids.push(id);
      const key = decodeKey(id, encoded, spec, problems);
      if (key) keys.set(id, key);
    }
  }
  if (problems.length === before && ids.length === 0) problems.push(`${KEYS} must name at least one key`);
  if (production) {
    for (const [id, key] of keys) {
      if (id === spec.developmentKeyId || key.equals(spec.developmentKey)) {
        problems.push(`${KEYS} key "${id}" is the public development key; it must not be used in production`);
      }
    }
  }

  let current = currentKeyId;
  if (!current && ids.length === 1) current = ids[0];
  if (!current && ids.length > 1) {
    problems.push(`${CURRENT} is required when ${KEYS} has several keys (${ids.join(', ')})`);
  } else if (current && ids.length > 0 && !ids.includes(current)) {
    problems.push(`${CURRENT} "${current}" is not one of the ${KEYS} (${ids.join(', ')})`);
  }
  if (problems.length > before || !current) return undefined;
  return { currentKeyId: current, keys, developmentKey: false };
}

function splitKeys(raw: string, KEYS: string, problems: string[]): [string, string][] {
  if (raw.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push(`${KEYS} looks like JSON but does not parse; expected {"key-id":"base64 key", ...}`);
      return [];
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`${KEYS} must be a JSON object of key id to base64 key`);
      return [];
    }
    return Object.entries(parsed).flatMap(([id, value]): [string, string][] => {
      if (typeof value === 'string') return [[id, value]];
      problems.push(`${KEYS} key "${id}" must be a base64 string`);
      return [];
    });
  }
  return raw.split(',').flatMap((entry): [string, string][] => {
    const trimmed = entry.trim();
    const colon = trimmed.indexOf(':');
    if (colon <= 0) {
      problems.push(`${KEYS} entries must look like key-id:base64key, separated by commas`);
      return [];
    }
    return [[trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()]];
  });
}

function decodeKey(id: string, encoded: string, spec: KeyringSpec, problems: string[]): Buffer | undefined {
  // Buffer.from skips characters it does not understand, so a typo would silently shorten the key.
  const key = Buffer.from(encoded, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.toString('base64') !== encoded) {
    problems.push(
      `${spec.keysVariable} key "${id}" is not valid padded base64 (make one with: openssl rand -base64 32)`,
    );
    return undefined;
  }
  if (key.length !== KEY_BYTES) {
    problems.push(
      `${spec.keysVariable} key "${id}" must be ${KEY_BYTES} bytes for ${spec.algorithm}, but is ${key.length}`,
    );
    return undefined;
  }
  return key;
}

// Stands in for a keyring that failed validation; the problems already recorded stop the process before use.
const NO_KEYRING: Keyring = { currentKeyId: '', keys: new Map(), developmentKey: false };

/**
 * For a configuration concern's build step: the keyring, or a placeholder when it is invalid. Every problem is
 * appended to `problems` (at least one when the keyring could not be read), which stops the process at boot.
 */
export function keyringForConfig(settings: KeyringSettings, spec: KeyringSpec, problems: string[]): Keyring {
  const before = problems.length;
  const keyring = parseKeyring(settings, spec, problems);
  if (!keyring && problems.length === before) problems.push(`${spec.keysVariable} could not be read`);
  return keyring ?? NO_KEYRING;
}

/** The keyring from environment variables, for code that has no AppConfig at hand; throws listing every problem. */
export function keyringFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  spec: KeyringSpec,
  nodeEnv: string | undefined,
  what: string,
): Keyring {
  const problems: string[] = [];
  const keyring = parseKeyring(
    { keys: env[spec.keysVariable], currentKeyId: env[spec.currentKeyVariable], nodeEnv },
    spec,
    problems,
  );
  if (!keyring) throw new Error(`Invalid ${what} configuration:\n  - ${problems.join('\n  - ')}`);
  return keyring;
}
