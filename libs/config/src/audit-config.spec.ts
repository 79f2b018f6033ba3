import { randomBytes } from 'node:crypto';
import { AUDIT_DEVELOPMENT_KEY, AUDIT_DEVELOPMENT_KEY_ID, auditKeyringFromEnv } from './audit.config';
import { ConfigError, loadConfig } from './app-config';
import type { Env } from './variables';

function problems(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const key = (): string => randomBytes(32).toString('base64');

/** A complete production configuration (as in production-guards.spec.ts); each test changes the audit part. */
function productionEnv(): Env {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u@db:5432/vetting',
    AUTH_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
    CODEC_KEYS: `2026-01:${key()}`,
    AUDIT_KEYS: `2026-01:${key()}`,
    DATA_KEYS: `2026-01:${key()}`,
    PERSON_KEY_SECRET: key(),
    RECORD_CHECK_PROVIDERS: JSON.stringify({
      SECURITY_SERVICE: { url: 'https://partner.example/checks', mode: 'callback', secret: 'x'.repeat(32) },
    }),
    RECORD_CHECK_CALLBACK_BASE_URL: 'https://vetting.example.gov.uk',
  };
}

describe('issue 9 item 8: audit chain keys (AUDIT_KEYS, AUDIT_CURRENT_KEY_ID)', () => {
  it('uses the public development key outside production, so npm start keeps verifying its own chain', () => {
    const { keyring } = loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/db' }).audit;
    expect(keyring.developmentKey).toBe(true);
    expect(keyring.currentKeyId).toBe(AUDIT_DEVELOPMENT_KEY_ID);
    expect(keyring.keys.get(AUDIT_DEVELOPMENT_KEY_ID)).toEqual(AUDIT_DEVELOPMENT_KEY);
  });

  it('requires AUDIT_KEYS in production and refuses the development key there', () => {
    const env = productionEnv();
    delete env.AUDIT_KEYS;
    expect(problems(env)).toEqual([
      expect.stringMatching(/^AUDIT_KEYS is required when NODE_ENV=production/),
    ]);
    expect(
      problems({ ...productionEnv(), AUDIT_KEYS: `copied:${AUDIT_DEVELOPMENT_KEY.toString('base64')}` }),
    ).toEqual(['AUDIT_KEYS key "copied" is the public development key; it must not be used in production']);
  });

  it('reads several keys (JSON or id:base64) and signs new rows with AUDIT_CURRENT_KEY_ID', () => {
    const [a, b] = [key(), key()];
    for (const AUDIT_KEYS of [`2026-01:${a}, 2026-07:${b}`, JSON.stringify({ '2026-01': a, '2026-07': b })]) {
      const { keyring } = loadConfig({
        ...productionEnv(),
        AUDIT_KEYS,
        AUDIT_CURRENT_KEY_ID: '2026-07',
      }).audit;
      expect(keyring.currentKeyId).toBe('2026-07');
      expect([...keyring.keys.keys()]).toEqual(['2026-01', '2026-07']);
      expect(keyring.keys.get('2026-01')?.toString('base64')).toBe(a);
    }
  });

  it('names each mistake: several keys without a current one, an unknown current one, a short key', () => {
    expect(problems({ ...productionEnv(), AUDIT_KEYS: `a:${key()},b:${key()}` })).toEqual([
      'AUDIT_CURRENT_KEY_ID is required when AUDIT_KEYS has several keys (a, b)',
    ]);
    expect(problems({ ...productionEnv(), AUDIT_KEYS: `a:${key()}`, AUDIT_CURRENT_KEY_ID: 'z' })).toEqual([
      'AUDIT_CURRENT_KEY_ID "z" is not one of the AUDIT_KEYS (a)',
    ]);
    expect(problems({ ...productionEnv(), AUDIT_KEYS: `a:${randomBytes(16).toString('base64')}` })).toEqual([
      'AUDIT_KEYS key "a" must be 32 bytes for HMAC-SHA256, but is 16',
    ]);
  });

  it('gives scripts the same keyring from the environment, and throws naming the problem', () => {
    const a = key();
    expect(auditKeyringFromEnv({ AUDIT_KEYS: `a:${a}` }).currentKeyId).toBe('a');
    expect(() => auditKeyringFromEnv({ NODE_ENV: 'production' })).toThrow(
      /Invalid audit configuration:\n {2}- AUDIT_KEYS is required when NODE_ENV=production/,
    );
  });
});
