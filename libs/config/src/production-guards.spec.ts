import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';
import { DATA_DEVELOPMENT_KEY, dataKeyringFromEnv } from './data-encryption.config';
import type { Env } from './variables';

/** Everything production needs, set properly; each test breaks one part of it. */
export function productionEnv(): Env {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u@db:5432/vetting',
    AUTH_JWKS_URL: 'https://idp.example.gov.uk/.well-known/jwks.json',
    CODEC_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
    AUDIT_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
    DATA_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
    PERSON_KEY_SECRET: randomBytes(32).toString('base64'),
    RECORD_CHECK_PROVIDERS: JSON.stringify({
      SECURITY_SERVICE: { url: 'https://partner.example/checks', mode: 'callback', secret: 'x'.repeat(32) },
    }),
    RECORD_CHECK_CALLBACK_BASE_URL: 'https://vetting.example.gov.uk',
  };
}

/** The production configuration without some of its variables. */
function without(...names: string[]): Env {
  const env = productionEnv();
  for (const name of names) delete env[name];
  return env;
}

function problems(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('issue 9 item 13: production refuses to boot, naming each problem', () => {
  it('boots with a complete production configuration', () => {
    expect(problems(productionEnv())).toEqual([]);
    expect(loadConfig(productionEnv()).runtime).toEqual({ nodeEnv: 'production', production: true });
  });

  it('treats NODE_ENV=Production (any case, spaces) as production: the development keys are refused', () => {
    for (const nodeEnv of ['Production', 'PRODUCTION', ' production ']) {
      expect(problems({ ...without('CODEC_KEYS'), NODE_ENV: nodeEnv })).toEqual([
        expect.stringMatching(/CODEC_KEYS is required when NODE_ENV=production/),
      ]);
      expect(loadConfig({ ...productionEnv(), NODE_ENV: nodeEnv }).runtime.production).toBe(true);
    }
  });

  it('requires DATA_KEYS in production and refuses the development key there (personal data at rest)', () => {
    expect(problems(without('DATA_KEYS'))).toEqual([
      expect.stringMatching(/^DATA_KEYS is required when NODE_ENV=production/),
    ]);
    const developmentKey = DATA_DEVELOPMENT_KEY.toString('base64');
    expect(problems({ ...productionEnv(), DATA_KEYS: `copied:${developmentKey}` })).toEqual([
      'DATA_KEYS key "copied" is the public development key; it must not be used in production',
    ]);
    expect(
      dataKeyringFromEnv({ DATA_KEYS: `a:${developmentKey},b:${developmentKey}`, DATA_CURRENT_KEY_ID: 'b' }),
    ).toMatchObject({ currentKeyId: 'b' });
    expect(() => dataKeyringFromEnv({ NODE_ENV: 'production' })).toThrow(/DATA_KEYS is required/);
  });

  it('refuses an unknown NODE_ENV rather than quietly turning the guards off', () => {
    expect(problems({ ...productionEnv(), NODE_ENV: 'prod' })).toEqual([
      'NODE_ENV must be one of production, development, test (in any case), not "prod"',
    ]);
    expect(loadConfig({ ...productionEnv(), NODE_ENV: 'Development' }).runtime.nodeEnv).toBe('development');
  });

  it('names every problem at once: no JWKS URL, default person-key secret, http partner and callback URLs', () => {
    const rest = without('AUTH_JWKS_URL', 'PERSON_KEY_SECRET', 'CODEC_KEYS');
    const found = problems({
      ...rest,
      RECORD_CHECK_PROVIDERS: JSON.stringify({
        SECURITY_SERVICE: { url: 'http://partner.example/checks', mode: 'callback', secret: 'x'.repeat(32) },
      }),
      RECORD_CHECK_CALLBACK_BASE_URL: 'http://vetting.example.gov.uk',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AUTH_JWKS_URL is required in production/),
        expect.stringMatching(/^CODEC_KEYS is required when NODE_ENV=production/),
        expect.stringMatching(/^PERSON_KEY_SECRET is the public development value/),
        'RECORD_CHECK_CALLBACK_BASE_URL must be https:// in production',
        'RECORD_CHECK_PROVIDERS.SECURITY_SERVICE.url must be https:// in production',
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('refuses an http:// JWKS URL and a short person-key secret', () => {
    expect(
      problems({
        ...productionEnv(),
        AUTH_JWKS_URL: 'http://idp.example/jwks.json',
        PERSON_KEY_SECRET: 'short',
      }),
    ).toEqual([
      expect.stringMatching(/^AUTH_JWKS_URL must be https:\/\/ in production/),
      'PERSON_KEY_SECRET must be at least 32 characters in production',
    ]);
  });

  it('leaves development alone: http URLs, local keys and the development secret are fine there', () => {
    const rest = without('AUTH_JWKS_URL', 'PERSON_KEY_SECRET', 'CODEC_KEYS', 'AUDIT_KEYS', 'DATA_KEYS');
    expect(
      problems({
        ...rest,
        NODE_ENV: 'development',
        RECORD_CHECK_CALLBACK_BASE_URL: 'http://localhost:3000',
      }),
    ).toEqual([]);
  });
});
