import { createHash } from 'node:crypto';
import type { AuditChainBroken, AuditChainRow, AuditChainVerification, AuditContent } from './audit-chain';
import {
  AUDIT_GENESIS_HASH,
  auditHash,
  canonicalAuditText,
  formatAuditTimestamp,
  verifyAuditRows,
} from './audit-chain';

const content = (id: number, overrides: Partial<AuditContent> = {}): AuditContent => ({
  id: String(id),
  occurredAt: formatAuditTimestamp(new Date(Date.UTC(2026, 0, 1, 9, 0, id))),
  actor: `officer-${id}`,
  role: 'VETTING_OFFICER',
  action: 'CASE_READ',
  caseId: '0b5a4c1e-6f0e-4c39-9d8a-3f4f2b8e1a11',
  reason: null,
  outcome: '200',
  requestId: `req-${id}`,
  ...overrides,
});

/** Fails the test unless verification found a break; returns the break. */
function broken(result: AuditChainVerification): AuditChainBroken {
  if (result.ok) throw new Error(`expected a broken chain, got ${JSON.stringify(result)}`);
  return result;
}

/** A correctly linked chain of `n` rows. */
function chain(n: number): AuditChainRow[] {
  const rows: AuditChainRow[] = [];
  let prevHash = AUDIT_GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const c = content(id);
    const hash = auditHash(c, prevHash);
    rows.push({ ...c, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('hashes the canonical text with SHA-256, hex-encoded', () => {
    const c = content(1);
    const expected = createHash('sha256').update(canonicalAuditText(c, AUDIT_GENESIS_HASH)).digest('hex');
    expect(auditHash(c, AUDIT_GENESIS_HASH)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash for the same content and previous hash (it is deterministic)', () => {
    expect(auditHash(content(7), 'a'.repeat(64))).toBe(auditHash({ ...content(7) }, 'a'.repeat(64)));
  });

  it.each<[string, Partial<AuditContent>]>([
    ['id', { id: '2' }],
    ['time', { occurredAt: '2026-01-01T09:00:01.000001Z' }],
    ['actor', { actor: 'someone-else' }],
    ['role', { role: 'ADMIN' }],
    ['action', { action: 'CASE_LIST' }],
    ['case', { caseId: null }],
    ['reason', { reason: 'routine QA' }],
    ['outcome', { outcome: 'DENIED:FORBIDDEN' }],
    ['request id', { requestId: 'req-x' }],
  ])('changes when the %s changes', (_field, change) => {
    expect(auditHash({ ...content(1), ...change }, AUDIT_GENESIS_HASH)).not.toBe(
      auditHash(content(1), AUDIT_GENESIS_HASH),
    );
  });

  it('changes when the previous hash changes, which is what links the rows', () => {
    expect(auditHash(content(1), 'f'.repeat(64))).not.toBe(auditHash(content(1), AUDIT_GENESIS_HASH));
  });

  it('keeps null apart from an empty string and values apart from separators', () => {
    expect(auditHash(content(1, { reason: null }), AUDIT_GENESIS_HASH)).not.toBe(
      auditHash(content(1, { reason: '' }), AUDIT_GENESIS_HASH),
    );
    // Moving text across a field boundary must not produce the same serialisation.
    expect(canonicalAuditText(content(1, { actor: 'a","b', role: 'c' }), AUDIT_GENESIS_HASH)).not.toBe(
      canonicalAuditText(content(1, { actor: 'a', role: 'b","c' }), AUDIT_GENESIS_HASH),
    );
  });

  it('formats timestamps in UTC with microseconds, as PostgreSQL prints them', () => {
    expect(formatAuditTimestamp(new Date('2026-03-04T05:06:07.089+01:00'))).toBe(
      '2026-03-04T04:06:07.089000Z',
    );
  });

  it('verifies an intact chain and reports its length and newest hash', async () => {
    const rows = chain(5);
    await expect(verifyAuditRows(rows)).resolves.toEqual({
      ok: true,
      rows: 5,
      lastId: '5',
      lastHash: rows[4]?.hash,
    });
  });

  it('verifies an empty trail', async () => {
    await expect(verifyAuditRows([])).resolves.toEqual({
      ok: true,
      rows: 0,
      lastId: null,
      lastHash: AUDIT_GENESIS_HASH,
    });
  });

  it('names a row whose content was changed', async () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], reason: 'edited afterwards' };
    const result = broken(await verifyAuditRows(rows));
    expect(result.rows).toBe(2);
    expect(result.firstBadId).toBe('3');
    expect(result.reason).toMatch(/hash does not match/);
  });

  it('names the row after one that was removed', async () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const result = broken(await verifyAuditRows(rows));
    expect(result.firstBadId).toBe('3');
    expect(result.reason).toMatch(/row 1/);
  });

  it('names the row after one whose content and hash were both rewritten', async () => {
    const rows = chain(5);
    const forged = { ...content(2), actor: 'someone-else' };
    rows[1] = { ...forged, prevHash: rows[0].hash, hash: auditHash(forged, rows[0].hash) };
    const result = broken(await verifyAuditRows(rows));
    expect(result.firstBadId).toBe('3');
    expect(result.reason).toMatch(/prev_hash/);
  });

  it('notices rows removed from the start', async () => {
    const result = broken(await verifyAuditRows(chain(3).slice(1)));
    expect(result.rows).toBe(0);
    expect(result.firstBadId).toBe('2');
    expect(result.reason).toMatch(/genesis/);
  });

  it('reads rows from an async source, as the store streams them page by page', async () => {
    async function* stream(): AsyncGenerator<AuditChainRow> {
      for (const row of chain(3)) yield await Promise.resolve(row);
    }
    await expect(verifyAuditRows(stream())).resolves.toMatchObject({ ok: true, rows: 3 });
  });
});
