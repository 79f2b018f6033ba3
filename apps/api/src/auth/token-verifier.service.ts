import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import type { ClaimedIdentity, Principal } from '../../../../libs/domain/src';
import { DomainError, identityFromClaims } from '../../../../libs/domain/src';
import { ensureLocalKeys } from './local-keys';

/** Who a verified token is: the principal, and the name the staff directory shows (the `name` claim). */
export type VerifiedIdentity = ClaimedIdentity;

/** How long a verified token is taken on trust without checking its signature again. */
const VERIFIED_TTL_MS = 60_000;
/** Verified tokens remembered at once; past it the oldest are forgotten. */
const VERIFIED_HELD = 10_000;

/**
 * Verifies bearer tokens against the configured issuer, audience and JWKS, and turns claims into a Principal.
 *
 * A signature check was a tenth of a case read's CPU (npm run bench), and a signed-in person sends the same
 * token with every request; so a token that verified is remembered (by its SHA-256) for up to a minute, never
 * past the instant the full check would start refusing it (its `exp`, or `iat` plus the maximum age, each with
 * the clock tolerance). A minute also bounds how long a key withdrawn from the JWKS keeps its tokens working
 * here; the remote JWKS itself is cached by jose for longer.
 */
@Injectable()
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly verified = new Map<string, { identity: VerifiedIdentity; untilMs: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(token: string): Promise<Principal> {
    return (await this.identify(token)).principal;
  }

  async identify(token: string): Promise<VerifiedIdentity> {
    const digest = createHash('sha256').update(token).digest('base64');
    const known = this.verified.get(digest);
    if (known && Date.now() < known.untilMs) return known.identity;
    this.verified.delete(digest);
    const { identity, payload } = await this.check(token);
    const { clockSkewSeconds, maxTokenAgeSeconds } = this.config.auth;
    // Both claims are required, so check() has refused a token without them.
    const untilMs = Math.min(
      Date.now() + VERIFIED_TTL_MS,
      ((payload.exp ?? 0) + clockSkewSeconds) * 1000,
      ((payload.iat ?? 0) + maxTokenAgeSeconds + clockSkewSeconds) * 1000,
    );
    this.verified.set(digest, { identity, untilMs });
    if (this.verified.size > VERIFIED_HELD) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    return identity;
  }

  /** The full check: signature, issuer, audience, lifetime; then the claims as an identity. */
  private async check(token: string): Promise<{ identity: VerifiedIdentity; payload: JWTPayload }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        // A token must say when it ends and when it began: without `exp` it never expires, and `maxTokenAge`
        // (which also requires `iat`) caps a token's life whatever `exp` claims. jose refuses an `iat` in the
        // future beyond the tolerance, so only small clock skew between the issuer and us is allowed.
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: this.config.auth.maxTokenAgeSeconds,
        clockTolerance: this.config.auth.clockSkewSeconds,
      }));
    } catch (error) {
      const why =
        error instanceof errors.JWTExpired
          ? 'the token has expired'
          : error instanceof errors.JWTClaimValidationFailed && ['exp', 'iat'].includes(error.claim)
            ? `the token's ${error.claim} claim is missing or not acceptable`
            : 'the token is not valid';
      throw new DomainError('UNAUTHENTICATED', `${why}; sign in again`);
    }
    const identity = identityFromClaims(payload);
    if (!identity) throw new DomainError('UNAUTHENTICATED', 'the token has no subject');
    return { identity, payload };
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.loadKeySet();
    return this.keys;
  }

  private async loadKeySet(): Promise<JWTVerifyGetKey> {
    const { jwksUrl, jwksFile } = this.config.auth;
    if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl));
    if (this.config.runtime.production) {
      throw new DomainError('UNAUTHENTICATED', 'AUTH_JWKS_URL must be set in production');
    }
    return createLocalJWKSet((await ensureLocalKeys(jwksFile)).jwks);
  }
}
