import { randomBytes } from 'node:crypto';
import { loadWebAppConfig } from './web-app-config';

const base = { DATABASE_URL: 'postgres://unused@localhost:5432/unused' };
const production = {
  ...base,
  NODE_ENV: 'production',
  WEB_SESSION_SECRET: 'x'.repeat(40),
  AUTH_JWKS_URL: 'https://id.example/jwks',
  DATA_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
};

describe('the web service’s sign-in settings', () => {
  it('offers the development sign-in without an issuer, outside production', () => {
    expect(loadWebAppConfig(base).web.oidc).toBeNull();
  });

  it('reads the OIDC client: issuer, client id, secret (none: a public client) and scopes', () => {
    expect(
      loadWebAppConfig({ ...base, WEB_OIDC_ISSUER: 'http://127.0.0.1:4000', WEB_OIDC_SCOPE: 'openid roles' })
        .web.oidc,
    ).toEqual({
      issuer: 'http://127.0.0.1:4000',
      clientId: 'vetting-web',
      clientSecret: null,
      scope: 'openid roles',
    });
  });

  it('takes an empty client secret (as Compose passes an unset one) for none', () => {
    expect(
      loadWebAppConfig({ ...base, WEB_OIDC_ISSUER: 'http://127.0.0.1:4000', WEB_OIDC_CLIENT_SECRET: '' }).web
        .oidc?.clientSecret,
    ).toBeNull();
  });

  it('requires an https issuer in production, and accepts one', () => {
    expect(() => loadWebAppConfig({ ...production, WEB_OIDC_ISSUER: 'http://id.example' })).toThrow(
      /WEB_OIDC_ISSUER must be https:\/\/ in production/,
    );
    expect(loadWebAppConfig({ ...production, WEB_OIDC_ISSUER: 'https://id.example' }).web.oidc?.issuer).toBe(
      'https://id.example',
    );
  });
});

describe('the web service’s data keys (sessions are sealed at rest)', () => {
  it('uses the development key outside production, and requires DATA_KEYS in production', () => {
    expect(loadWebAppConfig(base).data.keyring.developmentKey).toBe(true);
    expect(() =>
      loadWebAppConfig({ ...production, DATA_KEYS: undefined, WEB_OIDC_ISSUER: 'https://id.example' }),
    ).toThrow(/DATA_KEYS is required when NODE_ENV=production/);
    expect(
      loadWebAppConfig({ ...production, WEB_OIDC_ISSUER: 'https://id.example' }).data.keyring.currentKeyId,
    ).toBe('2026-01');
  });
});
