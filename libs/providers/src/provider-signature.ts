import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header that carries a provider message's signature, in every direction. */
export const SIGNATURE_HEADER = 'X-Provider-Signature';
/** The sender's clock when it signed, in whole seconds since the Unix epoch. */
export const TIMESTAMP_HEADER = 'X-Provider-Timestamp';
/** A value the sender never uses twice; a response signs the nonce of the request it answers. */
export const NONCE_HEADER = 'X-Provider-Nonce';

const SCHEME = 'sha256=';
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
const TIMESTAMP = /^[0-9]{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,128}$/;

/** What a signature covers: the timestamp, the nonce and the exact bytes of the body. */
export interface SignedMessage {
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}

// The parts are joined with '.', which neither a timestamp nor a nonce may contain, so no two different
// (timestamp, nonce, body) triples sign the same bytes.
function signedBytes({ timestamp, nonce, body }: SignedMessage): Buffer {
  return Buffer.concat([
    Buffer.from(`${timestamp}.${nonce}.`),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);
}

/** `sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<nonce>.<body bytes>`, keyed with the provider's shared secret. */
export function signProviderMessage(secret: string, message: SignedMessage): string {
  return SCHEME + createHmac('sha256', secret).update(signedBytes(message)).digest('hex');
}

/**
 * True when `header` is a valid signature of the message under `secret` and the timestamp and nonce are
 * well-formed; compares in constant time. Freshness (the time window, a nonce seen before) is the caller's.
 */
export function verifyProviderSignature(
  secret: string,
  message: { timestamp: string | undefined; nonce: string | undefined; body: Buffer },
  header: string | undefined,
): boolean {
  const { timestamp, nonce, body } = message;
  if (!isProviderTimestamp(timestamp) || !isProviderNonce(nonce)) return false;
  const match = header === undefined ? null : SIGNATURE.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(signedBytes({ timestamp, nonce, body })).digest();
  const given = Buffer.from(match[1], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** True for a timestamp header: whole seconds since the epoch, as decimal digits. */
export function isProviderTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value);
}

/** True for a nonce header: 16-128 characters of A-Z, a-z, 0-9, `-` and `_`. */
export function isProviderNonce(value: unknown): value is string {
  return typeof value === 'string' && NONCE.test(value);
}

/** A fresh nonce: 128 random bits, base64url (22 characters). */
export function newProviderNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** Whole seconds since the epoch, as the timestamp header carries them. */
export function providerTimestamp(nowMs: number = Date.now()): string {
  return String(Math.floor(nowMs / 1000));
}

/** True when the signed time is within `maxAgeSeconds` of now, either side (clocks drift both ways). */
export function isWithinWindow(timestamp: string, nowMs: number, maxAgeSeconds: number): boolean {
  return Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) <= maxAgeSeconds;
}

/** The three headers of a signed message, with a fresh nonce and the current time unless given. */
export function signedHeaders(
  secret: string,
  body: Buffer | string,
  options: { nowMs?: number; nonce?: string } = {},
): Record<string, string> {
  const timestamp = providerTimestamp(options.nowMs);
  const nonce = options.nonce ?? newProviderNonce();
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signProviderMessage(secret, { timestamp, nonce, body }),
  };
}
