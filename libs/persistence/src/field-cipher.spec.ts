import { randomBytes } from 'node:crypto';
import type { Keyring } from '../../config/src/keyring';
import type { FieldSlot } from './field-cipher';
import { FieldCipher, sealedKeyId } from './field-cipher';

function keyring(current: string, ...ids: string[]): Keyring {
  return {
    currentKeyId: current,
    keys: new Map(ids.map((id) => [id, randomBytes(32)])),
    developmentKey: false,
  };
}

const slot: FieldSlot = { field: 'vetting_case.application', row: 'case-1' };
const canary = '{"surname":"Zqxcanary","dateOfBirth":"1970-01-02","email":"zqx@example.org"}';

describe('FieldCipher (personal data at rest)', () => {
  const ring = keyring('k1', 'k1');
  const cipher = new FieldCipher(ring);

  it('round-trips text and JSON, and the stored value names its key and holds no plain text', () => {
    const sealed = cipher.seal(canary, slot);
    expect(sealed).toMatch(/^aesgcm:k1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('Zqxcanary');
    expect(sealedKeyId(sealed)).toBe('k1');
    expect(cipher.open(sealed, slot)).toBe(canary);
    const value = { a: 'é😀', b: [1, null] };
    expect(cipher.openJson(cipher.sealJson(value, slot), slot)).toEqual(value);
    expect(cipher.sealJson(null, slot)).toBeNull();
    expect(cipher.openJson(null, slot)).toBeNull();
  });

  it('uses a fresh IV each time: the same value never seals to the same text', () => {
    expect(cipher.seal(canary, slot)).not.toBe(cipher.seal(canary, slot));
  });

  it('refuses a value under a key that is not configured, naming the key id but not the value', () => {
    const other = new FieldCipher(keyring('k9', 'k9'));
    expect(() => cipher.open(other.seal(canary, slot), slot)).toThrow(/key "k9", which is not in DATA_KEYS/);
  });

  it('refuses a value sealed with a different key under the same id', () => {
    const impostor = new FieldCipher(keyring('k1', 'k1'));
    expect(() => cipher.open(impostor.seal(canary, slot), slot)).toThrow(/failed authentication/);
  });

  it('refuses a tampered ciphertext, and does not echo it', () => {
    const sealed = cipher.seal(canary, slot);
    const bytes = Buffer.from(sealed.slice('aesgcm:k1:'.length), 'base64');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    const tampered = `aesgcm:k1:${bytes.toString('base64')}`;
    expect(() => cipher.open(tampered, slot)).toThrow(/vetting_case.application failed authentication/);
    expect(() => cipher.open('aesgcm:k1:AAAA', slot)).toThrow(/too short/);
  });

  it('refuses a value moved to another row or another field', () => {
    const sealed = cipher.seal(canary, slot);
    expect(() => cipher.open(sealed, { ...slot, row: 'case-2' })).toThrow(/failed authentication/);
    expect(() => cipher.open(sealed, { field: 'case_event.payload', row: 'case-1' })).toThrow(
      /failed authentication/,
    );
  });

  it('rotates: old values open under the new current key, new ones use it, and they know which need resealing', () => {
    const old = new FieldCipher(ring);
    const sealedOld = old.seal(canary, slot);
    const rotated = new FieldCipher({
      currentKeyId: 'k2',
      keys: new Map([...ring.keys, ['k2', randomBytes(32)]]),
      developmentKey: false,
    });
    expect(rotated.open(sealedOld, slot)).toBe(canary);
    const sealedNew = rotated.seal(canary, slot);
    expect(sealedKeyId(sealedNew)).toBe('k2');
    expect(rotated.needsResealing(sealedOld)).toBe(true);
    expect(rotated.needsResealing(sealedNew)).toBe(false);
    expect(() => old.open(sealedNew, slot)).toThrow(/"k2", which is not in DATA_KEYS/);
  });

  it('reads values stored before encryption as they are, and marks them for resealing', () => {
    expect(cipher.open('someone@example.org', slot)).toBe('someone@example.org');
    expect(cipher.openJson('{"a":1}', slot)).toEqual({ a: 1 });
    expect(sealedKeyId('{"a":1}')).toBeNull();
    expect(cipher.needsResealing('{"a":1}')).toBe(true);
  });

  it('refuses a keyring whose current key is missing', () => {
    expect(() => new FieldCipher({ currentKeyId: 'x', keys: new Map(), developmentKey: false })).toThrow(
      /no current key "x"/,
    );
  });
});
