import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import type { ClaimedIdentity, Principal } from '../../../../libs/domain/src';
import { DomainError, identityFromClaims } from '../../../../libs/domain/src';
import { ensureLocalKeys } from './local-keys';

/** Who a verified token is: the principal, and the name the staff directory shows (the `name` claim). */
export type VerifiedIdentity = ClaimedIdentity;

/** Verifies bearer tokens against the configured issuer, audience and JWKS, and turns claims into a Principal. */
@Injectable()
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(token: string): Promise<Principal> {
    return (await this.identify(token)).principal;
  }

  async identify(token: string): Promise<VerifiedIdentity> {
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
    return identity;
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
