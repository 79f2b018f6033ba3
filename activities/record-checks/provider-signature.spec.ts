import { createHmac } from 'node:crypto';
import { signProviderMessage, verifyProviderSignature } from './provider-signature';

const SECRET = 'a-shared-secret-of-some-length';
const BODY = Buffer.from('{"providerRef":"r-1","outcome":"CLEAR"}');

describe('provider signatures', () => {
  it('signs the exact bytes with HMAC-SHA256 as sha256=<hex>', () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    expect(signProviderMessage(SECRET, BODY)).toBe(`sha256=${hex}`);
  });

  it('accepts its own signature, in upper-case hex too', () => {
    const signature = signProviderMessage(SECRET, BODY);
    expect(verifyProviderSignature(SECRET, BODY, signature)).toBe(true);
    expect(verifyProviderSignature(SECRET, BODY, `sha256=${signature.slice(7).toUpperCase()}`)).toBe(true);
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    const signature = signProviderMessage(SECRET, BODY);
    expect(verifyProviderSignature(SECRET, Buffer.from(`${BODY.toString()} `), signature)).toBe(false);
    expect(verifyProviderSignature('another-secret-entirely', BODY, signature)).toBe(false);
    expect(verifyProviderSignature(SECRET, BODY, undefined)).toBe(false);
    expect(verifyProviderSignature(SECRET, BODY, signature.slice(7))).toBe(false);
    expect(verifyProviderSignature(SECRET, BODY, `${signature}00`)).toBe(false);
    expect(verifyProviderSignature(SECRET, BODY, 'sha1=abc')).toBe(false);
  });
});
