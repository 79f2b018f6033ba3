import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../config/src/app-config';
import { DEVELOPMENT_KEY_ID } from './codec-keys';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db' };

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('codec settings in the app configuration', () => {
  it('defaults to the development key and the local Temporal UI origin', () => {
    const { codec } = loadConfig(base);
    expect(codec.keyring).toMatchObject({ currentKeyId: DEVELOPMENT_KEY_ID, developmentKey: true });
    expect(codec.corsOrigins).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
  });

  it('refuses to boot in production without keys, alongside every other problem', () => {
    expect(problems({ NODE_ENV: 'production', PORT: 'eighty' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/DATABASE_URL/),
        expect.stringMatching(/PORT/),
        expect.stringMatching(/CODEC_KEYS is required when NODE_ENV=production/),
      ]),
    );
  });

  it('reads configured keys and several UI origins', () => {
    const key = randomBytes(32).toString('base64');
    const { codec } = loadConfig({
      ...base,
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example.gov.uk/jwks.json',
      PERSON_KEY_SECRET: randomBytes(32).toString('base64'),
      CODEC_KEYS: `2026-01:${key}`,
      AUDIT_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
      DATA_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
      CODEC_CORS_ORIGIN: 'https://temporal.example.gov.uk, http://localhost:8233',
    });
    expect(codec.keyring.currentKeyId).toBe('2026-01');
    expect(codec.corsOrigins).toEqual(['https://temporal.example.gov.uk', 'http://localhost:8233']);
  });

  it('refuses a UI origin with a path', () => {
    expect(problems({ ...base, CODEC_CORS_ORIGIN: 'http://localhost:8233/namespaces' })).toEqual([
      expect.stringMatching(/CODEC_CORS_ORIGIN must be origins/),
    ]);
  });
});
