import { loadConfig, RECORD_CHECK_POLL_INTERVAL_DEFAULTS } from './app-config';

const base = { DATABASE_URL: 'postgres://u@localhost:5432/db' };

describe('defaults that let the embedded system flow', () => {
  it('polls record checks every few seconds outside production and hourly in production', () => {
    expect(loadConfig(base).dv.checkPollIntervalMs).toBe(RECORD_CHECK_POLL_INTERVAL_DEFAULTS.development);
    expect(RECORD_CHECK_POLL_INTERVAL_DEFAULTS.development).toBeLessThanOrEqual(5000);
    const production = {
      ...base,
      NODE_ENV: 'production',
      CODEC_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
      AUDIT_KEYS: `prod:${Buffer.alloc(32, 8).toString('base64')}`,
      DATA_KEYS: `prod:${Buffer.alloc(32, 9).toString('base64')}`,
      AUTH_JWKS_URL: 'https://idp.example/jwks.json',
      PERSON_KEY_SECRET: 'p'.repeat(32),
    };
    expect(loadConfig(production).dv.checkPollIntervalMs).toBe(60 * 60 * 1000);
    expect(loadConfig({ ...base, RECORD_CHECK_POLL_INTERVAL_MS: '250' }).dv.checkPollIntervalMs).toBe(250);
  });

  it('points the sign-in link at the API on PORT unless APP_SIGN_IN_URL says otherwise', () => {
    expect(loadConfig(base).notifications.signInUrl).toBe('http://localhost:3000/');
    expect(loadConfig({ ...base, PORT: '8080' }).notifications.signInUrl).toBe('http://localhost:8080/');
    expect(
      loadConfig({ ...base, PORT: '8080', APP_SIGN_IN_URL: 'https://example.org/' }).notifications.signInUrl,
    ).toBe('https://example.org/');
  });

  it("lets the dev server's UI call the codec under the address npm start prints, and under localhost", () => {
    expect(loadConfig(base).codec.corsOrigins).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
  });
});
