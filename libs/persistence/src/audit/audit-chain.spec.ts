import { createHash, createHmac } from 'node:crypto';
import type {
  AuditChainBroken,
  AuditChainRow,
  AuditChainVerification,
  AuditContent,
  AuditKeyring,
} from './audit-chain';
import {
  AUDIT_GENESIS_HASH,
  auditHash,
  auditMac,
  canonicalAuditText,
  formatAuditTimestamp,
  sealAuditRow,
  verifyAuditRows,
} from './audit-chain';

const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const ONLY_A: AuditKeyring = { currentKeyId: 'k-2026-01', keys: new Map([['k-2026-01', KEY_A]]) };
const A_THEN_B: AuditKeyring = {
  currentKeyId: 'k-2026-07',
  keys: new Map([
    ['k-2026-01', KEY_A],
    ['k-2026-07', KEY_B],
  ]),
};

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

/** A correctly linked legacy (unkeyed SHA-256) chain of `n` rows, as written before the chain was keyed. */
function legacyChain(n: number): AuditChainRow[] {
  return extend([], n, null);
}

/** A correctly linked chain of `n` rows signed with the keyring's current key. */
function chain(n: number, keyring: AuditKeyring = ONLY_A): AuditChainRow[] {
  return extend([], n, keyring);
}

/** `rows` followed by `n` more, signed with `keyring`'s current key, or legacy when it is null. */
function extend(rows: AuditChainRow[], n: number, keyring: AuditKeyring | null): AuditChainRow[] {
  const out = [...rows];
  for (let i = 0; i < n; i++) {
    const c = content(out.length + 1);
    const prevHash = out[out.length - 1]?.hash ?? AUDIT_GENESIS_HASH;
    const sealed = keyring
      ? sealAuditRow(c, prevHash, keyring)
      : { keyId: null, hash: auditHash(c, prevHash) };
    out.push({ ...c, prevHash, ...sealed });
  }
  return out;
}

describe('audit chain: canonical text and legacy SHA-256', () => {
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
});

describe('audit chain: verification', () => {
  it('verifies an intact chain and reports its length and newest hash', async () => {
    const rows = chain(5);
    await expect(verifyAuditRows(rows, ONLY_A)).resolves.toEqual({
      ok: true,
      rows: 5,
      lastId: '5',
      lastHash: rows[4]?.hash,
      legacyRows: 0,
    });
  });

  it('verifies an empty trail', async () => {
    await expect(verifyAuditRows([], ONLY_A)).resolves.toEqual({
      ok: true,
      rows: 0,
      lastId: null,
      lastHash: AUDIT_GENESIS_HASH,
      legacyRows: 0,
    });
  });

  it('names a row whose content was changed', async () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], reason: 'edited afterwards' };
    const result = broken(await verifyAuditRows(rows, ONLY_A));
    expect(result.rows).toBe(2);
    expect(result.firstBadId).toBe('3');
    expect(result.reason).toMatch(/HMAC under key "k-2026-01" does not match the row content/);
  });

  it('names the row after one that was removed', async () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const result = broken(await verifyAuditRows(rows, ONLY_A));
    expect(result.firstBadId).toBe('3');
    expect(result.reason).toMatch(/row 1/);
  });

  it('names the row after one whose content and hash were both rewritten', async () => {
    const rows = chain(5);
    const forged = { ...content(2), actor: 'someone-else' };
    rows[1] = { ...forged, prevHash: rows[0].hash, ...sealAuditRow(forged, rows[0].hash, ONLY_A) };
    const result = broken(await verifyAuditRows(rows, ONLY_A));
    expect(result.firstBadId).toBe('3');
    expect(result.reason).toMatch(/prev_hash/);
  });

  it('notices rows removed from the start', async () => {
    const result = broken(await verifyAuditRows(chain(3).slice(1), ONLY_A));
    expect(result.rows).toBe(0);
    expect(result.firstBadId).toBe('2');
    expect(result.reason).toMatch(/genesis/);
  });

  it('reads rows from an async source, as the store streams them page by page', async () => {
    async function* stream(): AsyncGenerator<AuditChainRow> {
      for (const row of chain(3)) yield await Promise.resolve(row);
    }
    await expect(verifyAuditRows(stream(), ONLY_A)).resolves.toMatchObject({ ok: true, rows: 3 });
  });
});

describe('issue 9 item 8: audit chain keyed with HMAC-SHA256', () => {
  it('signs new rows with the current key: HMAC-SHA256 of the canonical text, which names the key id', () => {
    const c = content(1);
    const sealed = sealAuditRow(c, AUDIT_GENESIS_HASH, ONLY_A);
    const text = canonicalAuditText(c, AUDIT_GENESIS_HASH, 'k-2026-01');
    expect(sealed).toEqual({
      keyId: 'k-2026-01',
      hash: createHmac('sha256', KEY_A).update(text).digest('hex'),
    });
    expect(text).toContain('"k-2026-01"');
    expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditMac(c, AUDIT_GENESIS_HASH, 'k-2026-01', KEY_B)).not.toBe(sealed.hash);
  });

  it('refuses to sign when the current key id is not among the keys', () => {
    expect(() =>
      sealAuditRow(content(1), AUDIT_GENESIS_HASH, { currentKeyId: 'gone', keys: ONLY_A.keys }),
    ).toThrow(/audit key "gone"/);
  });

  it('attack: a row inserted and the chain re-hashed with SHA-256 (no key) fails at that row', async () => {
    const rows = chain(4);
    // The attacker appends a row and links it properly, but can only compute the unkeyed hash.
    const forged = extend(rows, 1, null);
    const result = broken(await verifyAuditRows(forged, ONLY_A));
    expect(result.firstBadId).toBe('5');
    expect(result.rows).toBe(4);
    expect(result.reason).toMatch(/no key id .* follows keyed row 4: it was inserted or re-hashed without/);
  });

  it('attack: a row rewritten and labelled with the real key id but hashed without the key fails at that row', async () => {
    const rows = chain(4);
    const edited = { ...rows[1], actor: 'someone-else' };
    const text = canonicalAuditText(edited, edited.prevHash, 'k-2026-01');
    rows[1] = { ...edited, hash: createHash('sha256').update(text).digest('hex') };
    const result = broken(await verifyAuditRows(rows, ONLY_A));
    expect(result.firstBadId).toBe('2');
    expect(result.reason).toMatch(/HMAC under key "k-2026-01" does not match/);
  });

  it('attack: the whole chain re-signed with a different (guessed) key fails at the first row', async () => {
    const guessed: AuditKeyring = { currentKeyId: 'k-2026-01', keys: new Map([['k-2026-01', KEY_B]]) };
    const result = broken(await verifyAuditRows(chain(3, guessed), ONLY_A));
    expect(result.firstBadId).toBe('1');
    expect(result.rows).toBe(0);
  });

  it('attack: a keyed row relabelled as legacy or as another key no longer verifies', async () => {
    const rows = chain(3, A_THEN_B);
    const relabelled = [...rows];
    relabelled[2] = { ...rows[2], keyId: 'k-2026-01' };
    expect(broken(await verifyAuditRows(relabelled, A_THEN_B)).firstBadId).toBe('3');
    const unkeyed = [...rows];
    unkeyed[0] = { ...rows[0], keyId: null };
    expect(broken(await verifyAuditRows(unkeyed, A_THEN_B)).firstBadId).toBe('1');
  });

  it('rotation: rows signed with the old key still verify after the current key changes', async () => {
    const before = chain(3, ONLY_A);
    const after = extend(before, 3, A_THEN_B);
    expect(after.map((row) => row.keyId)).toEqual([
      'k-2026-01',
      'k-2026-01',
      'k-2026-01',
      'k-2026-07',
      'k-2026-07',
      'k-2026-07',
    ]);
    await expect(verifyAuditRows(after, A_THEN_B)).resolves.toMatchObject({ ok: true, rows: 6, lastId: '6' });
  });

  it('rotation: a row whose key id is not configured fails verification naming that row', async () => {
    const after = extend(chain(3, ONLY_A), 2, A_THEN_B);
    const withoutOldKey: AuditKeyring = { currentKeyId: 'k-2026-07', keys: new Map([['k-2026-07', KEY_B]]) };
    const result = broken(await verifyAuditRows(after, withoutOldKey));
    expect(result.firstBadId).toBe('1');
    expect(result.reason).toMatch(/key id "k-2026-01", which is not in AUDIT_KEYS/);
    const invented = [...after];
    invented[3] = { ...after[3], keyId: 'no-such-key' };
    expect(broken(await verifyAuditRows(invented, A_THEN_B)).firstBadId).toBe('4');
  });

  it('legacy rows written before the switch keep verifying, and the chain continues across it', async () => {
    const rows = extend(legacyChain(3), 2, ONLY_A);
    expect(rows.map((row) => row.keyId)).toEqual([null, null, null, 'k-2026-01', 'k-2026-01']);
    expect(rows[3]?.prevHash).toBe(rows[2]?.hash);
    await expect(verifyAuditRows(rows, ONLY_A)).resolves.toMatchObject({ ok: true, rows: 5, legacyRows: 3 });
  });

  it('a legacy row that was changed still fails, as before the switch', async () => {
    const rows = extend(legacyChain(3), 1, ONLY_A);
    rows[1] = { ...rows[1], reason: 'edited afterwards' };
    const result = broken(await verifyAuditRows(rows, ONLY_A));
    expect(result.firstBadId).toBe('2');
    expect(result.reason).toMatch(/hash does not match the row content/);
  });

  it('wrong key: a chain signed with one key does not verify with another', async () => {
    const result = broken(
      await verifyAuditRows(chain(2, ONLY_A), {
        currentKeyId: 'k-2026-01',
        keys: new Map([['k-2026-01', KEY_B]]),
      }),
    );
    expect(result.firstBadId).toBe('1');
    expect(result.reason).toMatch(/HMAC under key "k-2026-01" does not match/);
  });
});
