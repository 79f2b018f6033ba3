import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { PLAINTEXT_REFUSED_KEY } from '../../contracts/src/plaintext-refusal';
import type { CodecKeyring } from './codec-keys';
import { KEY_BYTES } from './codec-keys';

/** The `encoding` of a payload this codec encrypted; the name the other Temporal SDKs' samples use. */
export const ENCODING_ENCRYPTED = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with, so keys can rotate while old payloads remain. */
export const METADATA_KEY_ID = 'encryption-key-id';
/**
 * Metadata naming the workflow a payload belongs to. It is authenticated (AES-GCM associated data), so it
 * cannot be moved to another payload: the codec endpoint reads it to decide whose case a payload is part of.
 * Workflow ids are opaque business keys, so this reveals no personal data.
 */
export const METADATA_WORKFLOW_ID = 'encryption-workflow-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** What a refusing codec decodes an unencrypted payload to: a marker the workflow interceptors refuse. */
const REFUSED_PLAINTEXT: Payload = {
  metadata: { [METADATA_ENCODING_KEY]: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify({ [PLAINTEXT_REFUSED_KEY]: true })),
};

/** How the codec treats payloads that arrive unencrypted. */
export interface CodecOptions {
  /**
   * Decode them to a refusal marker instead of the value (production workers): only a holder of a configured
   * key, which is the API, can then issue a command. Off where histories from before encryption still replay.
   */
  refusePlaintext?: boolean;
}

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
 * decode unchanged (histories recorded before encryption, and cases started then, keep replaying) unless
 * `refusePlaintext` is set.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: { id: string; key: Buffer };

  constructor(
    private readonly keyring: CodecKeyring,
    private readonly options: CodecOptions = {},
  ) {
    for (const [id, key] of keyring.keys) {
      if (key.length !== KEY_BYTES)
        throw new Error(`codec key "${id}" must be ${KEY_BYTES} bytes, not ${key.length}`);
    }
    const key = keyring.keys.get(keyring.currentKeyId);
    if (!key) throw new Error(`codec current key "${keyring.currentKeyId}" is not in the keyring`);
    this.current = { id: keyring.currentKeyId, key };
  }

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    // The SDK tells the codec which workflow owns the payloads (the target of a start, update or signal, the
    // workflow that scheduled an activity); binding the ciphertext to it is what lets decoding check need-to-know.
    const workflowId = context?.workflowId || undefined;
    return new Promise((resolve) => resolve(payloads.map((payload) => this.encrypt(payload, workflowId))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    // A throw inside the executor becomes a rejection, which is what the SDK expects of a codec.
    return new Promise((resolve) =>
      resolve(
        payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : this.plain(payload))),
      ),
    );
  }

  private plain(payload: Payload): Payload {
    return this.options.refusePlaintext ? REFUSED_PLAINTEXT : payload;
  }

  private encrypt(payload: Payload, workflowId: string | undefined): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv, { authTagLength: TAG_BYTES });
    if (workflowId !== undefined) cipher.setAAD(Buffer.from(workflowId, 'utf8'));
    const plaintext = ProtoPayload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCODING_ENCRYPTED),
        [METADATA_KEY_ID]: Buffer.from(this.current.id),
        ...(workflowId !== undefined ? { [METADATA_WORKFLOW_ID]: Buffer.from(workflowId, 'utf8') } : {}),
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
    const workflowId = boundWorkflowId(payload);
    if (workflowId !== null) decipher.setAAD(Buffer.from(workflowId, 'utf8'));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `encrypted payload failed authentication with key "${keyId}": it (or the workflow it is bound to) was altered, or the key under that id changed`,
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

/**
 * The workflow an encrypted payload is bound to, or null for one encrypted without a workflow (or not
 * encrypted). Trustworthy only once the payload has decrypted: the id is authenticated, not secret.
 */
export function boundWorkflowId(payload: Payload): string | null {
  const bytes = payload.metadata?.[METADATA_WORKFLOW_ID];
  if (bytes === undefined || bytes === null || bytes.length === 0) return null;
  return Buffer.from(bytes).toString('utf8');
}
