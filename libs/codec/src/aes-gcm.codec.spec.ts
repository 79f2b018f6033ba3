import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  AesGcmPayloadCodec,
  ENCODING_ENCRYPTED,
  boundWorkflowId,
  isEncrypted,
  METADATA_KEY_ID,
  METADATA_WORKFLOW_ID,
  PayloadDecryptionError,
} from './aes-gcm.codec';
import type { CodecKeyring } from './codec-keys';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

function keyring(currentKeyId: string, keys: Record<string, Buffer>): CodecKeyring {
  return { currentKeyId, keys: new Map(Object.entries(keys)), developmentKey: false };
}

function jsonPayload(value: unknown): Payload {
  const payload = defaultPayloadConverter.toPayload(value);
  if (!payload) throw new Error('not convertible');
  return payload;
}

const text = (bytes: Uint8Array | null | undefined): string =>
  Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const APPLICANT = { givenName: 'Perpetua', familyName: 'Ashgrove', email: 'perpetua@example.org' };

describe('AesGcmPayloadCodec', () => {
  const codec = new AesGcmPayloadCodec(keyring('k1', { k1: OLD_KEY }));

  it('round-trips payloads, metadata included, and hides their content', async () => {
    const original = [jsonPayload(APPLICANT), jsonPayload('plain string'), jsonPayload(undefined)];
    const encoded = await codec.encode(original);
    expect(encoded).toHaveLength(3);
    for (const payload of encoded) {
      expect(text(payload.metadata?.encoding)).toBe(ENCODING_ENCRYPTED);
      expect(text(payload.metadata?.[METADATA_KEY_ID])).toBe('k1');
      expect(Object.keys(payload.metadata ?? {}).sort()).toEqual(['encoding', METADATA_KEY_ID].sort());
      expect(text(payload.data)).not.toContain('Perpetua');
      expect(text(payload.data)).not.toContain('json/plain');
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      APPLICANT,
      'plain string',
      undefined,
    ]);
    expect(text(decoded[0]?.metadata?.encoding)).toBe('json/plain');
  });

  it('uses a fresh IV for every payload, so equal values do not produce equal ciphertexts', async () => {
    const [a, b] = await codec.encode([jsonPayload(APPLICANT), jsonPayload(APPLICANT)]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
    expect(
      Buffer.from(a?.data ?? [])
        .subarray(0, 12)
        .equals(Buffer.from(b?.data ?? []).subarray(0, 12)),
    ).toBe(false);
  });

  it('passes payloads without the encrypted marker through decode unchanged (pre-encryption histories)', async () => {
    const plain = jsonPayload(APPLICANT);
    const [decoded] = await codec.decode([plain]);
    expect(decoded).toBe(plain);
    expect(isEncrypted(plain)).toBe(false);
  });

  it('decodes a payload encrypted under an older key after the current key has rotated', async () => {
    const [old] = await codec.encode([jsonPayload(APPLICANT)]);
    const rotated = new AesGcmPayloadCodec(keyring('k2', { k1: OLD_KEY, k2: NEW_KEY }));
    const [fresh] = await rotated.encode([jsonPayload('after rotation')]);
    expect(text(fresh?.metadata?.[METADATA_KEY_ID])).toBe('k2');
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([APPLICANT, 'after rotation']);
  });

  it('refuses a payload whose key id is not configured, naming the id', async () => {
    const [old] = await codec.encode([jsonPayload(APPLICANT)]);
    const withoutOldKey = new AesGcmPayloadCodec(keyring('k2', { k2: NEW_KEY }));
    await expect(withoutOldKey.decode([old])).rejects.toThrow(PayloadDecryptionError);
    await expect(withoutOldKey.decode([old])).rejects.toThrow(
      /key "k1", which is not configured \(known: k2\)/,
    );
  });

  it('refuses a payload relabelled with another configured key id', async () => {
    const both = new AesGcmPayloadCodec(keyring('k1', { k1: OLD_KEY, k2: NEW_KEY }));
    const [payload] = await both.encode([jsonPayload(APPLICANT)]);
    const relabelled = {
      ...payload,
      metadata: { ...payload?.metadata, [METADATA_KEY_ID]: Buffer.from('k2') },
    };
    await expect(both.decode([relabelled])).rejects.toThrow(/failed authentication with key "k2"/);
  });

  it('refuses a payload altered in storage', async () => {
    const [payload] = await codec.encode([jsonPayload(APPLICANT)]);
    const data = Buffer.from(payload?.data ?? []);
    for (const offset of [0, 12, data.length - 1]) {
      const tampered = Buffer.from(data);
      tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
      await expect(codec.decode([{ ...payload, data: tampered }])).rejects.toThrow(/failed authentication/);
    }
    await expect(codec.decode([{ ...payload, data: data.subarray(0, 20) }])).rejects.toThrow(/too short/);
  });

  it('refuses an encrypted payload that does not name its key', async () => {
    const [payload] = await codec.encode([jsonPayload(APPLICANT)]);
    const anonymous = { ...payload, metadata: { encoding: Buffer.from(ENCODING_ENCRYPTED) } };
    await expect(codec.decode([anonymous])).rejects.toThrow(/no encryption-key-id/);
  });

  it('refuses a keyring whose current key is missing or the wrong length', () => {
    expect(() => new AesGcmPayloadCodec(keyring('k9', { k1: OLD_KEY }))).toThrow(
      /"k9" is not in the keyring/,
    );
    expect(() => new AesGcmPayloadCodec(keyring('k1', { k1: randomBytes(16) }))).toThrow(/32 bytes/);
  });

  it('binds a payload to the workflow that owns it, so the binding cannot be moved to another payload', async () => {
    const context = { type: 'workflow', namespace: 'default', workflowId: 'vetting-case-a' } as const;
    const [bound] = await codec.encode([jsonPayload(APPLICANT)], context);
    expect(bound && boundWorkflowId(bound)).toBe('vetting-case-a');
    const decoded = await codec.decode(bound ? [bound] : []);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([APPLICANT]);
    const moved = {
      ...bound,
      metadata: { ...bound?.metadata, [METADATA_WORKFLOW_ID]: Buffer.from('vetting-case-b') },
    };
    await expect(codec.decode([moved])).rejects.toThrow(/failed authentication/);
    const stripped = { ...bound, metadata: { ...bound?.metadata, [METADATA_WORKFLOW_ID]: new Uint8Array() } };
    await expect(codec.decode([stripped])).rejects.toThrow(/failed authentication/);
    const [unbound] = await codec.encode([jsonPayload(APPLICANT)]);
    expect(unbound && boundWorkflowId(unbound)).toBeNull();
  });
});
