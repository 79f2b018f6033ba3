import { ConfigError, loadConfig, notificationConfigFromEnv } from '../../libs/config/src/app-config';

describe('notification configuration', () => {
  it('disables email without SMTP_HOST and points at the local API by default', () => {
    expect(notificationConfigFromEnv({})).toEqual({
      signInUrl: 'http://localhost:3000/',
      smtp: null,
      resendAfterMs: 300_000,
      dispatch: { intervalMs: 2000, batchSize: 20, retryInitialMs: 10_000, retryMaxMs: 120_000 },
    });
  });

  it('reads the outbox dispatcher timing', () => {
    expect(
      notificationConfigFromEnv({
        EMAIL_DISPATCH_INTERVAL_MS: '100',
        EMAIL_DISPATCH_BATCH_SIZE: '5',
        EMAIL_RETRY_INITIAL_MS: '200',
        EMAIL_RETRY_MAX_MS: '1000',
      }).dispatch,
    ).toEqual({ intervalMs: 100, batchSize: 5, retryInitialMs: 200, retryMaxMs: 1000 });
  });

  it('reads SMTP settings, with the port following SMTP_SECURE unless given', () => {
    const env = { SMTP_HOST: 'smtp.example.org', SMTP_FROM: 'no-reply@example.org' };
    expect(notificationConfigFromEnv(env).smtp).toEqual({
      host: 'smtp.example.org',
      port: 587,
      secure: false,
      user: null,
      pass: null,
      from: 'no-reply@example.org',
    });
    expect(notificationConfigFromEnv({ ...env, SMTP_SECURE: 'true' }).smtp?.port).toBe(465);
    expect(
      notificationConfigFromEnv({ ...env, SMTP_PORT: '2525', SMTP_USER: 'u', SMTP_PASS: 'p' }).smtp,
    ).toMatchObject({ port: 2525, user: 'u', pass: 'p' });
  });

  it.each([
    [
      { APP_SIGN_IN_URL: 'https://vetting.example.org/' },
      /APP_SIGN_IN_URL must be discreet; it contains vetting/,
    ],
    [{ SMTP_FROM: 'MI5 Recruitment <jobs@example.org>' }, /SMTP_FROM must be discreet; it contains MI5/],
    [{ APP_SIGN_IN_URL: 'sign-in' }, /APP_SIGN_IN_URL must be an http\(s\) URL/],
    [{ SMTP_FROM: 'not an address' }, /SMTP_FROM must be an address/],
    [{ SMTP_USER: 'u' }, /SMTP_USER and SMTP_PASS must be set together/],
    [{ SMTP_SECURE: 'yes' }, /SMTP_SECURE/],
    [{ SMTP_PORT: '70000' }, /SMTP_PORT/],
    [{ EMAIL_RESEND_AFTER_MS: '1000' }, /EMAIL_RESEND_AFTER_MS/],
    [{ EMAIL_DISPATCH_INTERVAL_MS: '0' }, /EMAIL_DISPATCH_INTERVAL_MS/],
    [{ EMAIL_DISPATCH_BATCH_SIZE: '501' }, /EMAIL_DISPATCH_BATCH_SIZE/],
    [{ EMAIL_DISPATCH_BATCH_SIZE: 'lots' }, /EMAIL_DISPATCH_BATCH_SIZE/],
    [
      { EMAIL_RETRY_INITIAL_MS: '60000', EMAIL_RETRY_MAX_MS: '1000' },
      /EMAIL_RETRY_MAX_MS must be at least EMAIL_RETRY_INITIAL_MS/,
    ],
  ])('refuses %p', (env, message) => {
    expect(() => notificationConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => notificationConfigFromEnv(env)).toThrow(message);
  });

  it('is part of the app configuration, and its problems stop the app at boot', () => {
    const base = { DATABASE_URL: 'postgres://u@localhost:5432/db' };
    expect(loadConfig({ ...base, APP_SIGN_IN_URL: 'https://example.org/' }).notifications.signInUrl).toBe(
      'https://example.org/',
    );
    expect(() => loadConfig({ ...base, APP_SIGN_IN_URL: 'https://dv.example.org/' })).toThrow(
      /APP_SIGN_IN_URL/,
    );
  });
});
