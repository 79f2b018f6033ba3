import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../../config/src/keyring';

/**
 * The personal fields stored encrypted, as `table.column`. Each is bound (GCM additional data) to its field and
 * its row, so a ciphertext copied into another column or another row fails to decrypt instead of being shown
 * as someone else's data.
 */
export type SealedField =
  | 'vetting_case.application'
  | 'vetting_case.questionnaire'
  | 'vetting_case.tasks'
  | 'vetting_case.recommendation'
  | 'vetting_case.decision'
  | 'case_event.payload'
  | 'questionnaire_draft.content'
  | 'questionnaire_version.content'
  | 'baseline_draft.content'
  | 'user_contact.email'
  | 'email_outbox.to_address'
  | 'record_check.detail'
  | 'vetting_case.baseline'
  | 'clearance.conditions'
  | 'clearance.snapshot'
  | 'clearance_event.detail'
  // The web service's sessions (apps/web/src/session/sealed-session.store.ts), bound to the session id. Not
  // rewritten by data:reencrypt: every signed-in request re-seals its session under the current key.
  | 'web_session.sess'
  | 'appeal.snapshot';

/** Where a value lives: its field and the key of its row (e.g. the case id, or `caseId:seq`). */
export interface FieldSlot {
  field: SealedField;
  row: string;
}

/** Marks a sealed value; plain text written before encryption never starts with it (JSON, e-mail addresses). */
export const SEALED_PREFIX = 'aesgcm:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM encryption of single database values with the DATA_KEYS keyring. A sealed value is text:
 * `aesgcm:<key id>:<base64 of IV | ciphertext | tag>`, so it fits a text column, names the key that opens it
 * (rotation: any configured key opens, only the current one seals) and can be found by key id in SQL
 * (`npm run data:reencrypt`). Values stored before encryption (no prefix) are read as they are, until the
 * re-encryption command seals them.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {
    if (!keyring.keys.has(keyring.currentKeyId)) {
      throw new Error(`the data keyring has no current key "${keyring.currentKeyId}"`);
    }
  }

  /** The key id new values are sealed with. */
  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  /** Encrypts `plaintext` for `slot` under the current key. */
  seal(plaintext: string, slot: FieldSlot): string {
    const keyId = this.keyring.currentKeyId;
    const key = this.keyring.keys.get(keyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(additionalData(keyId, slot));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${SEALED_PREFIX}${keyId}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
  }

  /** Decrypts a value sealed for `slot` with any configured key; a value stored before encryption as it is. */
  open(stored: string, slot: FieldSlot): string {
    const parsed = parseSealed(stored);
    if (!parsed) return stored;
    const key = this.keyring.keys.get(parsed.keyId);
    if (!key) {
      throw new Error(`${slot.field} is encrypted with key "${parsed.keyId}", which is not in DATA_KEYS`);
    }
    if (parsed.bytes.length < IV_BYTES + TAG_BYTES)
      throw new Error(`${slot.field}: encrypted value is too short`);
    const iv = parsed.bytes.subarray(0, IV_BYTES);
    const tag = parsed.bytes.subarray(parsed.bytes.length - TAG_BYTES);
    const body = parsed.bytes.subarray(IV_BYTES, parsed.bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(additionalData(parsed.keyId, slot));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      // Never the value or the key: only which field failed and why it can have.
      throw new Error(
        `${slot.field} failed authentication under key "${parsed.keyId}" (changed, moved from another row, or a different key with the same id)`,
      );
    }
  }

  /** seal() of a JSON value; null stays null (an absent value is not personal data). */
  sealJson(value: unknown, slot: FieldSlot): string | null {
    return value === null || value === undefined ? null : this.seal(JSON.stringify(value), slot);
  }

  /** open() of a JSON value; null stays null. */
  openJson<T>(stored: string | null, slot: FieldSlot): T | null {
    return stored === null ? null : (JSON.parse(this.open(stored, slot)) as T);
  }

  /** True when `stored` is plain text or sealed under a key other than the current one. */
  needsResealing(stored: string): boolean {
    return sealedKeyId(stored) !== this.keyring.currentKeyId;
  }
}

/** The key id a stored value is sealed under, or null for a value stored before encryption. */
export function sealedKeyId(stored: string): string | null {
  return parseSealed(stored)?.keyId ?? null;
}

function parseSealed(stored: string): { keyId: string; bytes: Buffer } | null {
  if (!stored.startsWith(SEALED_PREFIX)) return null;
  const rest = stored.slice(SEALED_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) throw new Error('encrypted value has no key id');
  return { keyId: rest.slice(0, colon), bytes: Buffer.from(rest.slice(colon + 1), 'base64') };
}

// The key id is authenticated too, so relabelling a value with another key id fails like any other change.
function additionalData(keyId: string, slot: FieldSlot): Buffer {
  return Buffer.from(JSON.stringify(['v1', keyId, slot.field, slot.row]), 'utf8');
}
