/**
 * A real OpenID provider (`oidc-provider`) for the browser tests, run as its own process (test/web/support/
 * oidc-provider.ts starts it): `oidc-provider` is an ES module, which Jest's CommonJS runtime cannot load, and a
 * separate process is what a provider is anyway. Its settings come from OIDC_PROVIDER_SETTINGS (JSON, see
 * OidcProviderSettings); it prints `oidc-provider listening` once it answers.
 *
 * What it issues, as a production identity provider is expected to: an ID token for the web service (audience:
 * the client id) with `name`, `roles` and `team`, and a JWT access token for the API (audience AUTH_AUDIENCE,
 * the same claims), both signed with a key published at /jwks, which the API is pointed at (AUTH_JWKS_URL).
 * Sign-in and consent are the provider's own development pages: any password, the login is the account id.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { importEsm } from '../../../apps/web/src/auth/esm-import';
import type { OidcAccount, OidcProviderSettings } from './oidc-provider';

/** The little of oidc-provider's (untyped) interface used here. */
interface ProviderModule {
  default: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => { listen(port: number, host: string, ready: () => void): void };
}

interface Token {
  kind: string;
  accountId?: string;
}

/** The API as a resource server: `resource` defaults to it, so the access token is a JWT for the API. */
const API_RESOURCE = 'urn:vetting:api';

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.OIDC_PROVIDER_SETTINGS ?? '') as OidcProviderSettings;
  const accounts = new Map<string, OidcAccount>(settings.accounts.map((a) => [a.sub, a]));
  const claimsOf = (account: OidcAccount): Record<string, unknown> => ({
    sub: account.sub,
    name: account.name,
    roles: account.roles,
    ...(account.team ? { team: account.team } : {}),
  });
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-provider-1', alg: 'RS256', use: 'sig' };

  const { default: Provider } = await importEsm<ProviderModule>('oidc-provider');
  const provider = new Provider(settings.issuer, {
    clients: [
      {
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: settings.redirectUris,
        post_logout_redirect_uris: settings.postLogoutRedirectUris,
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['oidc-provider-test-cookie-key-0123456789'] },
    scopes: ['openid', 'profile', 'roles'],
    claims: { openid: ['sub'], profile: ['name'], roles: ['roles', 'team'] },
    // The claims go in the ID token, not only userinfo: the web service reads who signed in from the ID token.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'roles',
          audience: settings.apiAudience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => claimsOf(account) } : undefined;
    },
    // The API reads roles, team and name from the access token, as it does from any identity provider's.
    extraTokenClaims: (_ctx: unknown, token: Token) => {
      const account =
        token.kind === 'AccessToken' && token.accountId ? accounts.get(token.accountId) : undefined;
      if (!account) return undefined;
      const { roles, team, name } = account;
      return { roles, name, ...(team ? { team } : {}) };
    },
  });
  const port = Number(new URL(settings.issuer).port);
  provider.listen(port, '127.0.0.1', () => console.log('oidc-provider listening'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
