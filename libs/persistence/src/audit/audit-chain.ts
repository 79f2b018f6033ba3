import { createHash } from 'node:crypto';

/** prev_hash of the first row: a fixed value, so the start of the chain is as checkable as any other link. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * Bumped if the canonical form ever changes; it is part of every hash, so rows hashed under an older form can
 * never be mistaken for the new one.
 */
export const AUDIT_CHAIN_VERSION = 'audit-v1';

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

/** A stored row: its content plus the two links of the chain. */
export interface AuditChainRow extends AuditContent {
  prevHash: string;
  hash: string;
}

/** The chain is intact (`lastHash` is worth keeping outside the database: it pins the tail). */
export interface AuditChainIntact {
  ok: true;
  rows: number;
  lastId: string | null;
  lastHash: string;
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
export function canonicalAuditText(content: AuditContent, prevHash: string): string {
  return JSON.stringify([
    AUDIT_CHAIN_VERSION,
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

/** SHA-256 (hex) of the row's canonical text, which includes the previous row's hash. */
export function auditHash(content: AuditContent, prevHash: string): string {
  return createHash('sha256').update(canonicalAuditText(content, prevHash), 'utf8').digest('hex');
}

/**
 * A Date in the canonical timestamp form. PostgreSQL keeps microseconds and a JS Date only milliseconds, so
 * the canonical form carries six digits: a tamperer who shifts a time by a microsecond still breaks the hash.
 */
export function formatAuditTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/**
 * Checks one row against the hash of the row before it; returns why it is wrong, or null if it is right.
 * `previous` is null for the first row of the table.
 */
export function auditRowProblem(
  row: AuditChainRow,
  previous: { id: string; hash: string } | null,
): string | null {
  const expectedPrev = previous ? previous.hash : AUDIT_GENESIS_HASH;
  if (row.prevHash !== expectedPrev) {
    return previous
      ? `prev_hash does not match the hash of row ${previous.id} (a row was changed, removed or inserted between them)`
      : 'the first row does not link to the genesis value (rows were removed from the start)';
  }
  if (row.hash !== auditHash(row, row.prevHash)) {
    return 'hash does not match the row content (the row was changed after it was written)';
  }
  return null;
}

/**
 * Walks rows in id order and names the first one whose link or hash is wrong. Takes an async iterable so a
 * caller can stream a large table in pages instead of loading it whole.
 */
export async function verifyAuditRows(
  rows: Iterable<AuditChainRow> | AsyncIterable<AuditChainRow>,
): Promise<AuditChainVerification> {
  let previous: { id: string; hash: string } | null = null;
  let count = 0;
  for await (const row of rows) {
    const problem = auditRowProblem(row, previous);
    if (problem) return { ok: false, rows: count, firstBadId: row.id, reason: problem };
    previous = { id: row.id, hash: row.hash };
    count += 1;
  }
  return {
    ok: true,
    rows: count,
    lastId: previous?.id ?? null,
    lastHash: previous?.hash ?? AUDIT_GENESIS_HASH,
  };
}
