import { createHmac } from 'node:crypto';
import {
  isWithinWindow,
  newProviderNonce,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  signedHeaders,
  signProviderMessage,
  TIMESTAMP_HEADER,
  verifyProviderSignature,
} from './provider-signature';

const SECRET = 'a-shared-secret-of-some-length';
const BODY = Buffer.from('{"providerRef":"r-1","outcome":"CLEAR"}');
const TIMESTAMP = '1764550000';
const NONCE = 'n0nce-of-sixteen-chars';
const message = { timestamp: TIMESTAMP, nonce: NONCE, body: BODY };

describe('provider signatures', () => {
  it('signs <timestamp>.<nonce>.<exact body bytes> with HMAC-SHA256 as sha256=<hex>', () => {
    const hex = createHmac('sha256', SECRET).update(`${TIMESTAMP}.${NONCE}.${BODY.toString()}`).digest('hex');
    expect(signProviderMessage(SECRET, message)).toBe(`sha256=${hex}`);
    expect(signProviderMessage(SECRET, { ...message, body: BODY.toString() })).toBe(`sha256=${hex}`);
  });

  it('accepts its own signature, in upper-case hex too', () => {
    const signature = signProviderMessage(SECRET, message);
    expect(verifyProviderSignature(SECRET, message, signature)).toBe(true);
    expect(verifyProviderSignature(SECRET, message, `sha256=${signature.slice(7).toUpperCase()}`)).toBe(true);
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    const signature = signProviderMessage(SECRET, message);
    const changed = { ...message, body: Buffer.from(`${BODY.toString()} `) };
    expect(verifyProviderSignature(SECRET, changed, signature)).toBe(false);
    expect(verifyProviderSignature('another-secret-entirely', message, signature)).toBe(false);
    expect(verifyProviderSignature(SECRET, message, undefined)).toBe(false);
    expect(verifyProviderSignature(SECRET, message, signature.slice(7))).toBe(false);
    expect(verifyProviderSignature(SECRET, message, `${signature}00`)).toBe(false);
    expect(verifyProviderSignature(SECRET, message, 'sha1=abc')).toBe(false);
  });

  it('binds the timestamp and the nonce: a signature moved to another time or nonce does not verify', () => {
    const signature = signProviderMessage(SECRET, message);
    expect(verifyProviderSignature(SECRET, { ...message, timestamp: '1764550001' }, signature)).toBe(false);
    expect(verifyProviderSignature(SECRET, { ...message, nonce: `${NONCE}x` }, signature)).toBe(false);
  });

  it('refuses a missing or malformed timestamp or nonce even when the HMAC matches', () => {
    for (const bad of [
      { timestamp: undefined, nonce: NONCE },
      { timestamp: TIMESTAMP, nonce: undefined },
      { timestamp: '17645.5', nonce: NONCE },
      { timestamp: TIMESTAMP, nonce: 'short' },
      { timestamp: TIMESTAMP, nonce: 'has.a.dot.in.it.which.is.not.allowed' },
    ]) {
      const signature = signProviderMessage(SECRET, {
        timestamp: bad.timestamp ?? '',
        nonce: bad.nonce ?? '',
        body: BODY,
      });
      expect(verifyProviderSignature(SECRET, { ...bad, body: BODY }, signature)).toBe(false);
    }
  });

  it('builds the three headers with a fresh nonce each time', () => {
    const first = signedHeaders(SECRET, BODY, { nowMs: 1_764_550_000_999 });
    const second = signedHeaders(SECRET, BODY, { nowMs: 1_764_550_000_999 });
    expect(first[TIMESTAMP_HEADER]).toBe(TIMESTAMP);
    expect(first[NONCE_HEADER]).not.toBe(second[NONCE_HEADER]);
    expect(
      verifyProviderSignature(
        SECRET,
        { timestamp: first[TIMESTAMP_HEADER], nonce: first[NONCE_HEADER], body: BODY },
        first[SIGNATURE_HEADER],
      ),
    ).toBe(true);
    expect(newProviderNonce()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('accepts a timestamp within the window either side of now, and refuses one outside it', () => {
    const now = 1_764_550_000_000;
    expect(isWithinWindow('1764550000', now, 300)).toBe(true);
    expect(isWithinWindow('1764549700', now, 300)).toBe(true);
    expect(isWithinWindow('1764550300', now, 300)).toBe(true);
    expect(isWithinWindow('1764549699', now, 300)).toBe(false);
    expect(isWithinWindow('1764550301', now, 300)).toBe(false);
  });
});
