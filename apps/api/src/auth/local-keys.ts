import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import type { Principal } from '../../../../libs/domain/src';

/** The development signing key and the JWKS the API verifies against. Never used when AUTH_JWKS_URL is set. */
export interface LocalKeys {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

const ALG = 'ES256';

/** Loads the local key pair next to `jwksFile`, creating it on first use (development and tests only). */
export async function ensureLocalKeys(jwksFile: string): Promise<LocalKeys> {
  const privateFile = path.join(path.dirname(jwksFile), 'signing-key.private.jwk.json');
  if (existsSync(jwksFile) && existsSync(privateFile)) {
    return {
      privateJwk: JSON.parse(readFileSync(privateFile, 'utf8')) as JWK,
      jwks: JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet,
    };
  }
  const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALG };
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' }] };
  mkdirSync(path.dirname(jwksFile), { recursive: true });
  writeFileSync(privateFile, JSON.stringify(privateJwk), { mode: 0o600 });
  writeFileSync(jwksFile, JSON.stringify(jwks, null, 2));
  return { privateJwk, jwks };
}

/** Signs an access token for a local user; the shape a real identity provider is expected to issue. */
export async function mintToken(
  keys: LocalKeys,
  options: { issuer: string; audience: string; principal: Principal; expiresIn?: string; name?: string },
): Promise<string> {
  const key = await importJWK(keys.privateJwk, ALG);
  const { subject, roles, team } = options.principal;
  // `name` as an identity provider would send it: the staff directory shows it in officer pickers.
  return new SignJWT({ roles, ...(team ? { team } : {}), ...(options.name ? { name: options.name } : {}) })
    .setProtectedHeader({ alg: ALG, kid: keys.privateJwk.kid })
    .setSubject(subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}
