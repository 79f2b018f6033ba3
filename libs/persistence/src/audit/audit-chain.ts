import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../../../config/src/keyring';

/** prev_hash of the first row: a fixed value, so the start of the chain is as checkable as any other link. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * Bumped if the canonical form ever changes; it is part of every hash, so rows hashed under an older form can
 * never be mistaken for the new one. v1 is the legacy unkeyed SHA-256 chain (rows with a null key id, written
 * before the chain was keyed); v2 is HMAC-SHA256 under the key named on the row.
 */
export const AUDIT_CHAIN_VERSION = 'audit-v1';
export const AUDIT_KEYED_CHAIN_VERSION = 'audit-v2-hmac-sha256';

/** The keys the chain is signed with: new rows use the current one; verification looks each row's key up. */
export type AuditKeyring = Pick<Keyring, 'currentKeyId' | 'keys'>;

/** What one audit row says: who did what to which case, when, why, and how it ended. */
export interface AuditContent {
  /** Decimal bigint, as PostgreSQL prints it. */
  id: string;
  /** UTC with microseconds, e.g. `2026-01-01T09:30:00.123000Z` (see {@link formatAuditTimestamp}). */
  occurredAt: string;
  actor: string;
  role: string | null;
  action: string;
  /** Lower-case UUID, as PostgreSQL prints it. */
  caseId: string | null;
  reason: string | null;
  outcome: string;
  requestId: string;
}

/** A stored row: its content plus the two links of the chain, and the key that signed it. */
export interface AuditChainRow extends AuditContent {
  prevHash: string;
  /** HMAC-SHA256 under `keyId`, or the legacy unkeyed SHA-256 when `keyId` is null (hex either way). */
  hash: string;
  /** Id of the AUDIT_KEYS key that signed the row; null for legacy rows written before the chain was keyed. */
  keyId: string | null;
}

/** The chain is intact (`lastHash` is worth keeping outside the database: it pins the tail). */
export interface AuditChainIntact {
  ok: true;
  rows: number;
  lastId: string | null;
  lastHash: string;
  /**
   * Leading rows written before the chain was keyed. They can only be a prefix (the first keyed row signs the
   * last of them); record this number when upgrading: if it ever grows, the whole chain was rewritten unkeyed.
   */
  legacyRows: number;
}

/** The chain is broken at `firstBadId`; rows before it still verify. */
export interface AuditChainBroken {
  ok: false;
  rows: number;
  firstBadId: string;
  reason: string;
}

export type AuditChainVerification = AuditChainIntact | AuditChainBroken;

/**
 * The exact text that is hashed. A JSON array in a fixed order rather than joined fields, so no value can
 * imitate a separator; nulls stay distinct from empty strings.
 */
export function canonicalAuditText(
  content: AuditContent,
  prevHash: string,
  keyId: string | null = null,
): string {
  // The key id is signed too, so a row cannot be relabelled to another key (or to legacy) without the key.
  const head = keyId === null ? [AUDIT_CHAIN_VERSION] : [AUDIT_KEYED_CHAIN_VERSION, keyId];
  return JSON.stringify([
    ...head,
    content.id,
    content.occurredAt,
    content.actor,
    content.role,
    content.action,
    content.caseId,
    content.reason,
    content.outcome,
    content.requestId,
    prevHash,
  ]);
}

/**
 * Legacy, unkeyed: SHA-256 (hex) of the row's canonical text, which includes the previous row's hash. Anyone can
 * compute it, so it only still verifies rows written before the chain was keyed; new rows use {@link auditMac}.
 */
export function auditHash(content: AuditContent, prevHash: string): string {
  return createHash('sha256').update(canonicalAuditText(content, prevHash), 'utf8').digest('hex');
}

/** HMAC-SHA256 (hex) under `key` of the row's canonical text, which names `keyId` and the previous row's hash. */
export function auditMac(content: AuditContent, prevHash: string, keyId: string, key: Buffer): string {
  return createHmac('sha256', key)
    .update(canonicalAuditText(content, prevHash, keyId), 'utf8')
    .digest('hex');
}

/** Signs a new row with the current key: the key id and hash to store with it. */
export function sealAuditRow(
  content: AuditContent,
  prevHash: string,
  keyring: AuditKeyring,
): { keyId: string; hash: string } {
  const keyId = keyring.currentKeyId;
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`audit key "${keyId}" (AUDIT_CURRENT_KEY_ID) is not in AUDIT_KEYS`);
  return { keyId, hash: auditMac(content, prevHash, keyId, key) };
}

/**
 * A Date in the canonical timestamp form. PostgreSQL keeps microseconds and a JS Date only milliseconds, so
 * the canonical form carries six digits: a tamperer who shifts a time by a microsecond still breaks the hash.
 */
export function formatAuditTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/** What verification carries from one row to the next. */
export interface AuditChainLink {
  id: string;
  hash: string;
  /** Whether this row or any before it was keyed: from then on an unkeyed row is a forgery. */
  keyed: boolean;
}

/**
 * Checks one row against the row before it and against its own signature; returns why it is wrong, or null if
 * it is right. `previous` is null for the first row of the table.
 */
export function auditRowProblem(
  row: AuditChainRow,
  previous: AuditChainLink | null,
  keyring: AuditKeyring,
): string | null {
  const expectedPrev = previous ? previous.hash : AUDIT_GENESIS_HASH;
  if (row.prevHash !== expectedPrev) {
    return previous
      ? `prev_hash does not match the hash of row ${previous.id} (a row was changed, removed or inserted between them)`
      : 'the first row does not link to the genesis value (rows were removed from the start)';
  }
  if (row.keyId === null) {
    // Anyone can compute SHA-256, so unkeyed rows are trusted only as the prefix written before the switch: the
    // first keyed row signs the last of them. An unkeyed row after a keyed one was written without the key.
    if (previous?.keyed) {
      return `row has no key id (unkeyed SHA-256) but follows keyed row ${previous.id}: it was inserted or re-hashed without the audit key`;
    }
    if (row.hash !== auditHash(row, row.prevHash)) {
      return 'hash does not match the row content (the row was changed after it was written)';
    }
    return null;
  }
  const key = keyring.keys.get(row.keyId);
  if (!key) {
    return `row is signed with audit key id "${row.keyId}", which is not in AUDIT_KEYS (keep retired keys configured; or the row was forged)`;
  }
  const expected = Buffer.from(auditMac(row, row.prevHash, row.keyId, key), 'hex');
  const stored = Buffer.from(row.hash, 'hex');
  if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
    return `HMAC under key "${row.keyId}" does not match the row content (the row was changed, or written without the key)`;
  }
  return null;
}

/**
 * Walks rows in id order and names the first one whose link or signature is wrong. Takes an async iterable so a
 * caller can stream a large table in pages instead of loading it whole.
 */
export async function verifyAuditRows(
  rows: Iterable<AuditChainRow> | AsyncIterable<AuditChainRow>,
  keyring: AuditKeyring,
): Promise<AuditChainVerification> {
  let previous: AuditChainLink | null = null;
  let count = 0;
  let legacyRows = 0;
  for await (const row of rows) {
    const problem = auditRowProblem(row, previous, keyring);
    if (problem) return { ok: false, rows: count, firstBadId: row.id, reason: problem };
    if (row.keyId === null) legacyRows += 1;
    previous = { id: row.id, hash: row.hash, keyed: row.keyId !== null };
    count += 1;
  }
  return {
    ok: true,
    rows: count,
    lastId: previous?.id ?? null,
    lastHash: previous?.hash ?? AUDIT_GENESIS_HASH,
    legacyRows,
  };
}
