import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, AppConfig } from '../../../../libs/config/src';
import { DomainError, Principal, Role, ROLES } from '../../../../libs/domain/src';
import { ensureLocalKeys } from './local-keys';

/** Verifies bearer tokens against the configured issuer, audience and JWKS, and turns claims into a Principal. */
@Injectable()
export class TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), {
        issuer: this.config.auth.issuer,
        audience: this.config.auth.audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      }));
    } catch (error) {
      const why = error instanceof errors.JWTExpired ? 'the token has expired' : 'the token is not valid';
      throw new DomainError('UNAUTHENTICATED', `${why}; sign in again`);
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new DomainError('UNAUTHENTICATED', 'the token has no subject');
    }
    const claimed: unknown = payload.roles;
    const roles = Array.isArray(claimed)
      ? claimed.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r))
      : [];
    const team = typeof payload.team === 'string' ? payload.team : undefined;
    return { subject: payload.sub, roles, ...(team ? { team } : {}) };
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.loadKeySet();
    return this.keys;
  }

  private async loadKeySet(): Promise<JWTVerifyGetKey> {
    const { jwksUrl, jwksFile } = this.config.auth;
    if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl));
    if (process.env.NODE_ENV === 'production') {
      throw new DomainError('UNAUTHENTICATED', 'AUTH_JWKS_URL must be set in production');
    }
    return createLocalJWKSet((await ensureLocalKeys(jwksFile)).jwks);
  }
}
