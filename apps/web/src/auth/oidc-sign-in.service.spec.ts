import { loadWebAppConfig } from '../../../../libs/config/src';
import { OidcSignInService, PENDING_SIGN_IN_MS, SignInRefusedError } from './oidc-sign-in.service';

// The checks made before the provider is asked anything (the rest is tested end to end against a real provider
// in test/web/oidc-sign-in.spec.ts). The issuer is never reached: these refusals come first.
const service = new OidcSignInService(
  loadWebAppConfig({
    DATABASE_URL: 'postgres://unused@localhost:5432/unused',
    WEB_OIDC_ISSUER: 'http://127.0.0.1:9/never-reached',
  }),
);
const pending = { state: 's', nonce: 'n', codeVerifier: 'v', startedAt: 1_000_000 };

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInRefusedError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('OidcSignInService.complete: an answer with no sign-in to match is refused', () => {
  it('refuses an answer when no sign-in was started in this session (or it was already used)', async () => {
    await expect(refusal(service.complete('/sign-in/callback?code=c&state=s', undefined))).resolves.toBe(
      'expired',
    );
  });

  it('refuses an answer to a sign-in started longer ago than the limit', async () => {
    const late = pending.startedAt + PENDING_SIGN_IN_MS + 1;
    await expect(refusal(service.complete('/sign-in/callback?code=c&state=s', pending, late))).resolves.toBe(
      'expired',
    );
  });
});

describe('OidcSignInService needs an issuer', () => {
  it('is not made without WEB_OIDC_ISSUER', () => {
    expect(
      () =>
        new OidcSignInService(loadWebAppConfig({ DATABASE_URL: 'postgres://unused@localhost:5432/unused' })),
    ).toThrow(/WEB_OIDC_ISSUER/);
  });
});
