import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries a provider message's signature, in both directions. */
export const SIGNATURE_HEADER = 'X-Provider-Signature';

const SCHEME = 'sha256=';
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes sent, keyed with the provider's shared secret. */
export function signProviderMessage(secret: string, body: Buffer | string): string {
  return SCHEME + createHmac('sha256', secret).update(body).digest('hex');
}

/** True when `header` is a valid signature of `body` under `secret`; compares in constant time. */
export function verifyProviderSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  const match = header === undefined ? null : SIGNATURE.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
