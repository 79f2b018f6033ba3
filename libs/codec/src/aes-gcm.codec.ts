import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { CodecKeyring } from './codec-keys';
import { KEY_BYTES } from './codec-keys';

/** The `encoding` of a payload this codec encrypted; the name the other Temporal SDKs' samples use. */
export const ENCODING_ENCRYPTED = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with, so keys can rotate while old payloads remain. */
export const METADATA_KEY_ID = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload that cannot be decrypted: unknown key id, wrong key, or altered in storage. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

/**
 * Encrypts every payload with AES-256-GCM under the keyring's current key. The whole inner payload (metadata
 * included, so even its `encoding` is hidden) is serialised as a protobuf, as Temporal's own samples do, so a
 * codec written in another SDK can read these payloads. Payloads without the encrypted marker pass through
 * decode unchanged: histories recorded before encryption, and cases started then, keep replaying.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: { id: string; key: Buffer };

  constructor(private readonly keyring: CodecKeyring) {
    for (const [id, key] of keyring.keys) {
      if (key.length !== KEY_BYTES)
        throw new Error(`codec key "${id}" must be ${KEY_BYTES} bytes, not ${key.length}`);
    }
    const key = keyring.keys.get(keyring.currentKeyId);
    if (!key) throw new Error(`codec current key "${keyring.currentKeyId}" is not in the keyring`);
    this.current = { id: keyring.currentKeyId, key };
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.encrypt(payload))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    // A throw inside the executor becomes a rejection, which is what the SDK expects of a codec.
    return new Promise((resolve) =>
      resolve(payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload))),
    );
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv, { authTagLength: TAG_BYTES });
    const plaintext = ProtoPayload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCODING_ENCRYPTED),
        [METADATA_KEY_ID]: Buffer.from(this.current.id),
      },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[METADATA_KEY_ID];
    if (!keyIdBytes) throw new PayloadDecryptionError(`encrypted payload has no ${METADATA_KEY_ID} metadata`);
    const keyId = Buffer.from(keyIdBytes).toString('utf8');
    const key = this.keyring.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `payload was encrypted with key "${keyId}", which is not configured (known: ${[...this.keyring.keys.keys()].join(', ')}); ` +
          'keep retired keys in CODEC_KEYS until nothing encrypted with them remains',
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(
        `encrypted payload (key "${keyId}") is too short to be AES-GCM output`,
      );
    }
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `encrypted payload failed authentication with key "${keyId}": it was altered, or the key under that id changed`,
      );
    }
    const inner = ProtoPayload.decode(plaintext);
    return { metadata: inner.metadata, data: inner.data };
  }
}

/** True for a payload this codec (or a compatible one) encrypted. */
export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return (
    encoding !== undefined &&
    encoding !== null &&
    Buffer.from(encoding).toString('utf8') === ENCODING_ENCRYPTED
  );
}
