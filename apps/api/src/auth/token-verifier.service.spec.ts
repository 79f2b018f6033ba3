import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { loadConfig } from '../../../../libs/config/src';
import { DomainError } from '../../../../libs/domain/src';
import { ensureLocalKeys } from './local-keys';
import type { LocalKeys } from './local-keys';
import { TokenVerifier } from './token-verifier.service';

const dir = path.join(os.tmpdir(), `token-verifier-${randomUUID()}`);
const jwksFile = path.join(dir, 'jwks.json');
const config = loadConfig({
  DATABASE_URL: 'postgres://unused@localhost:5432/unused',
  AUTH_JWKS_FILE: jwksFile,
  AUTH_ISSUER: 'iss-test',
  AUTH_AUDIENCE: 'aud-test',
  AUTH_MAX_TOKEN_AGE_SECONDS: '3600',
  AUTH_CLOCK_SKEW_SECONDS: '60',
});
const verifier = new TokenVerifier(config);
let keys: LocalKeys;

beforeAll(async () => {
  keys = await ensureLocalKeys(jwksFile);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = (): number => Math.floor(Date.now() / 1000);

/** A token signed with the real key, with exactly the time claims given (none when undefined). */
async function token(times: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ roles: ['VETTING_OFFICER'] })
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setSubject('officer-1')
    .setIssuer('iss-test')
    .setAudience('aud-test');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(await importJWK(keys.privateJwk, 'ES256'));
}

async function refusal(jwt: string): Promise<string> {
  try {
    await verifier.verify(jwt);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNAUTHENTICATED');
    return (error as DomainError).message;
  }
  return 'accepted';
}

describe('issue 9 item 12: token lifetime (exp required, iat bounded, small clock skew only)', () => {
  it('accepts a fresh token with iat and exp', async () => {
    await expect(verifier.verify(await token({ iat: now(), exp: now() + 600 }))).resolves.toMatchObject({
      subject: 'officer-1',
    });
  });

  it('refuses a token without exp (it would never expire)', async () => {
    expect(await refusal(await token({ iat: now() }))).toMatch(/exp/);
  });

  it('refuses a token without iat (its age cannot be bounded)', async () => {
    expect(await refusal(await token({ exp: now() + 600 }))).toMatch(/iat/);
  });

  it('refuses a token issued longer ago than the maximum age, even though exp is far away', async () => {
    expect(await refusal(await token({ iat: now() - 2 * 3600, exp: now() + 365 * 86_400 }))).not.toBe(
      'accepted',
    );
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    expect(await refusal(await token({ iat: now() + 3600, exp: now() + 7200 }))).toMatch(/iat/);
  });

  it('tolerates the configured clock skew on iat', async () => {
    expect(await refusal(await token({ iat: now() + 30, exp: now() + 600 }))).toBe('accepted');
  });

  it('refuses an expired token', async () => {
    expect(await refusal(await token({ iat: now() - 1200, exp: now() - 600 }))).toMatch(/expired/);
  });
});

describe('verified tokens remembered', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts the same token again without checking its signature, and refuses it once it has expired', async () => {
    const fresh = new TokenVerifier(config);
    const jwt = await token({ iat: now(), exp: now() + 5 });
    await expect(fresh.verify(jwt)).resolves.toMatchObject({ subject: 'officer-1' });
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['nextTick', 'setImmediate'] });
    // Within its life: answered from memory (a changed signature byte would not even be looked at, but the
    // token's string is the key, so a changed token is a different key and is checked in full).
    jest.setSystemTime(Date.now() + 30_000);
    await expect(fresh.verify(jwt)).resolves.toMatchObject({ subject: 'officer-1' });
    const tampered = `${jwt.slice(0, -2)}${jwt.endsWith('A') ? 'B' : 'A'}${jwt.slice(-1)}`;
    expect(await refusalBy(fresh, tampered)).not.toBe('accepted');
    // Past exp plus the 60 s tolerance: the full check runs again and refuses it.
    jest.setSystemTime(Date.now() + 40_000);
    expect(await refusalBy(fresh, jwt)).toMatch(/expired/);
  });

  it('checks a remembered token in full again after a minute', async () => {
    const fresh = new TokenVerifier(config);
    const jwt = await token({ iat: now(), exp: now() + 600 });
    await fresh.verify(jwt);
    const checks = jest.spyOn(fresh as unknown as { check: (t: string) => Promise<unknown> }, 'check');
    await fresh.verify(jwt);
    expect(checks).not.toHaveBeenCalled();
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate'] });
    await fresh.verify(jwt);
    expect(checks).toHaveBeenCalledTimes(1);
  });
});

async function refusalBy(which: TokenVerifier, jwt: string): Promise<string> {
  try {
    await which.verify(jwt);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).message;
  }
  return 'accepted';
}
