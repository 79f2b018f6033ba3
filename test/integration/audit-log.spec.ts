// The audit trail on real PostgreSQL: the chain holds under concurrent appends, the database refuses to
// rewrite it, and tampering (done here as a superuser with the triggers off, as an attacker with the owner's
// rights would) is found and named by verify() and by `npm run audit:verify` - including a forger who links
// and re-hashes rows correctly but has no AUDIT_KEYS key (issue 9 item 8). Every tamper is undone in a
// finally block, because other suites share this database and verify the whole chain too.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { auditKeyringFromEnv } from '../../libs/config/src/audit.config';
import type {
  AuditChainBroken,
  AuditChainRow,
  AuditChainVerification,
  AuditContent,
  AuditEntry,
  AuditKeyring,
} from '../../libs/persistence/src/audit';
import {
  AUDIT_GENESIS_HASH,
  auditHash,
  AuditLogStore,
  formatAuditTimestamp,
  sealAuditRow,
} from '../../libs/persistence/src/audit';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { testDatabaseUrl } from '../support/env';

const ROOT = path.resolve(__dirname, '../..');

let db: DataSource;
let otherProcess: DataSource;
let audit: AuditService;
// The keys the API and the CLI read from the same environment (the development key unless AUDIT_KEYS is set).
const keyring = auditKeyringFromEnv();
const withKeys = { audit: { keyring } };

beforeAll(async () => {
  db = createDataSource(testDatabaseUrl());
  // A second pool stands in for a second API instance appending at the same time.
  otherProcess = createDataSource(testDatabaseUrl());
  await Promise.all([db.initialize(), otherProcess.initialize()]);
  audit = new AuditService(db, withKeys);
});
afterAll(async () => {
  await Promise.all([db.destroy(), otherProcess.destroy()]);
});

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: 'officer-7',
    role: 'VETTING_OFFICER',
    action: 'CASE_READ',
    caseId: randomUUID(),
    reason: null,
    outcome: '200',
    requestId: randomUUID(),
    ...overrides,
  };
}

function broken(result: AuditChainVerification): AuditChainBroken {
  if (result.ok) throw new Error(`expected a broken chain, got ${JSON.stringify(result)}`);
  return result;
}

interface Statement {
  sql: string;
  params: unknown[];
}

/** Runs `tamper` with the append-only trigger off, then `check`, then always `restore`; the trigger ends up on. */
async function whileTampered(
  tamper: Statement | Statement[],
  restore: Statement | Statement[],
  check: () => Promise<void>,
): Promise<void> {
  const withTriggerOff = (statements: Statement | Statement[]): Promise<void> =>
    db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_rewrite');
      for (const statement of [statements].flat()) await tx.query(statement.sql, statement.params);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_rewrite');
    });
  await withTriggerOff(tamper);
  try {
    await check();
  } finally {
    await withTriggerOff(restore);
  }
  expect((await audit.verify()).ok).toBe(true);
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runVerifyCli(env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['ts-node', '--transpile-only', 'scripts/verify-audit.ts'],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('audit trail on real PostgreSQL', () => {
  it('keeps one unbroken chain when 50 appends race from two connection pools', async () => {
    const requestIds = Array.from({ length: 50 }, () => randomUUID());
    const written = await Promise.all(
      requestIds.map((requestId, i) =>
        i % 2 === 0
          ? audit.record(entry({ requestId }))
          : new AuditService(otherProcess, withKeys).record(entry({ requestId })),
      ),
    );

    expect(new Set(written.map((row) => row.id)).size).toBe(50);
    // Each row claims a different predecessor: no fork.
    expect(new Set(written.map((row) => row.prevHash)).size).toBe(50);
    const stored: { id: string; prev_hash: string; hash: string }[] = await db.query(
      `SELECT id::text AS id, prev_hash, hash FROM audit_log WHERE request_id = ANY($1) ORDER BY audit_log.id`,
      [requestIds],
    );
    expect(stored).toHaveLength(50);
    const verification = await audit.verify();
    expect(verification).toMatchObject({ ok: true });
    expect(verification.rows).toBeGreaterThanOrEqual(50);
  });

  it('chains appends that arrive together in the order they were made, a batch per transaction', async () => {
    // One service (one process): appends made while a write is in flight wait and go in together.
    const requestIds = Array.from({ length: 120 }, () => randomUUID());
    const written = await Promise.all(requestIds.map((requestId) => audit.record(entry({ requestId }))));
    expect(written.map((row) => row.requestId)).toEqual(requestIds);
    const ids = written.map((row) => BigInt(row.id));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    written.slice(1).forEach((row, i) => expect(row.prevHash).toBe(written[i]?.hash));
    await expect(audit.verify()).resolves.toMatchObject({ ok: true });
  });

  it('fails only the entry the database refuses when it shared a batch with others', async () => {
    const first = audit.record(entry());
    // Queued behind the first write, so these ten go in one batch; the database cannot store year 10000.
    const batch = Array.from({ length: 10 }, (_, i) =>
      audit.record(entry(i === 4 ? { occurredAt: new Date('+010000-01-01T00:00:00Z') } : {})),
    );
    await first;
    const settled = await Promise.allSettled(batch);
    expect(settled.map((r) => r.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')),
    );
    await expect(audit.verify()).resolves.toMatchObject({ ok: true });
  });

  it('walks the chain page by page without losing a link at the page boundaries', async () => {
    for (let i = 0; i < 8; i++) await audit.record(entry());
    const whole = await audit.verify();
    // Small, odd pages put several boundaries inside the chain, wherever it ends.
    await expect(new AuditLogStore(db, keyring, 7).verify()).resolves.toEqual(whole);
    await expect(new AuditLogStore(db, keyring, 1).verify()).resolves.toEqual(whole);
  });

  it('starts the chain from the genesis value and links every row to the one before it', async () => {
    await audit.record(entry());
    const rows: { id: string; prev_hash: string; hash: string }[] = await db.query(
      `SELECT id::text AS id, prev_hash, hash FROM audit_log ORDER BY audit_log.id`,
    );
    expect(rows[0]?.prev_hash).toBe(AUDIT_GENESIS_HASH);
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]?.hash));
  });

  it('stores what was recorded: actor, role, action, case, reason, outcome and request id', async () => {
    const caseId = randomUUID();
    const row = await audit.record(
      entry({ caseId: caseId.toUpperCase(), reason: 'QA sample', outcome: 'FAILED:CASE_NOT_FOUND' }),
    );
    const page = await audit.list({ caseId, page: 1, pageSize: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toEqual(row);
    expect(row).toMatchObject({ actor: 'officer-7', role: 'VETTING_OFFICER', action: 'CASE_READ', caseId });
    expect(row.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('filters by action (or an action family) and by a range of days, UTC', async () => {
    const caseId = randomUUID();
    const actor = `auditor-${randomUUID()}`;
    await audit.record(entry({ caseId, actor, action: 'CASE_READ' }));
    await audit.record(entry({ caseId, actor, action: 'CASE_ACTION:ACCEPT_QUESTIONNAIRE' }));
    await audit.record(entry({ caseId, actor, action: 'CASE_ACTION:RECORD_DECISION' }));
    const count = async (q: { action?: string; from?: string; to?: string }): Promise<number> =>
      (await audit.list({ caseId, actor, page: 1, pageSize: 10, ...q })).total;
    expect(await count({ action: 'CASE_READ' })).toBe(1);
    expect(await count({ action: 'CASE_ACTION' })).toBe(2);
    expect(await count({ action: 'CASE_ACTION:RECORD_DECISION' })).toBe(1);
    expect(await count({ action: 'CASE' })).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const [row] = (await audit.list({ caseId, page: 1, pageSize: 1 })).items;
    const day = row?.occurredAt.slice(0, 10) ?? today;
    expect(await count({ from: day, to: day })).toBe(3);
    expect(await count({ from: '2000-01-01', to: '2000-12-31' })).toBe(0);
    const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await count({ from: nextDay })).toBe(0);
    expect(await count({ to: day })).toBe(3);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const row = await audit.record(entry());
    await expect(
      db.query(`UPDATE audit_log SET reason = 'after the fact' WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/audit_log is append-only \(UPDATE refused\)/);
    await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(
      /audit_log is append-only \(DELETE refused\)/,
    );
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(
      /audit_log is append-only \(TRUNCATE refused\)/,
    );
    expect((await audit.verify()).ok).toBe(true);
  });

  it('gives the vetting_app role only SELECT and INSERT on the audit table', async () => {
    const privileges: Record<string, boolean>[] = await db.query(`
      SELECT has_table_privilege('vetting_app', 'audit_log', 'SELECT') AS "select",
             has_table_privilege('vetting_app', 'audit_log', 'INSERT') AS "insert",
             has_table_privilege('vetting_app', 'audit_log', 'UPDATE') AS "update",
             has_table_privilege('vetting_app', 'audit_log', 'DELETE') AS "delete",
             has_table_privilege('vetting_app', 'audit_log', 'TRUNCATE') AS "truncate",
             has_sequence_privilege('vetting_app', 'audit_log_id_seq', 'USAGE') AS "sequence"`);
    expect(privileges[0]).toEqual({
      select: true,
      insert: true,
      update: false,
      delete: false,
      truncate: false,
      sequence: true,
    });
    // As the role itself: the privilege check refuses before the trigger is even reached.
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      for (const sql of [
        `UPDATE audit_log SET reason = 'x'`,
        `DELETE FROM audit_log`,
        `TRUNCATE audit_log`,
      ]) {
        await runner.startTransaction();
        try {
          await runner.query('SET LOCAL ROLE vetting_app');
          await expect(runner.query(sql)).rejects.toThrow(/permission denied/);
        } finally {
          await runner.rollbackTransaction();
        }
      }
    } finally {
      await runner.release();
    }
  });

  it('names a row whose content was changed, and is intact again once it is put back', async () => {
    const row = await audit.record(entry({ reason: 'routine QA' }));
    await audit.record(entry());
    await whileTampered(
      { sql: `UPDATE audit_log SET reason = 'nothing to see' WHERE id = $1`, params: [row.id] },
      { sql: `UPDATE audit_log SET reason = 'routine QA' WHERE id = $1`, params: [row.id] },
      async () => {
        const result = broken(await audit.verify());
        expect(result.firstBadId).toBe(row.id);
        expect(result.reason).toMatch(/HMAC under key "[^"]+" does not match the row content/);
      },
    );
  });

  it('notices a timestamp moved by one microsecond', async () => {
    const row = await audit.record(entry());
    await whileTampered(
      {
        sql: `UPDATE audit_log SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = $1`,
        params: [row.id],
      },
      {
        sql: `UPDATE audit_log SET occurred_at = occurred_at - interval '1 microsecond' WHERE id = $1`,
        params: [row.id],
      },
      async () => {
        expect(broken(await audit.verify()).firstBadId).toBe(row.id);
      },
    );
  });

  it('names the row after one that was deleted', async () => {
    const gone = await audit.record(entry());
    const after = await audit.record(entry());
    await whileTampered(
      { sql: `DELETE FROM audit_log WHERE id = $1`, params: [gone.id] },
      {
        sql: `INSERT INTO audit_log (id, occurred_at, actor, role, action, case_id, reason, outcome, request_id, prev_hash, hash, key_id)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        params: [
          gone.id,
          gone.occurredAt,
          gone.actor,
          gone.role,
          gone.action,
          gone.caseId,
          gone.reason,
          gone.outcome,
          gone.requestId,
          gone.prevHash,
          gone.hash,
          gone.keyId,
        ],
      },
      async () => {
        const result = broken(await audit.verify());
        expect(result.firstBadId).toBe(after.id);
        expect(result.reason).toContain(`prev_hash does not match the hash of row`);
      },
    );
  });

  it('has the CLI exit 1 naming the tampered row, and 0 once the chain is intact', async () => {
    const row = await audit.record(entry({ outcome: '200' }));
    await whileTampered(
      { sql: `UPDATE audit_log SET outcome = 'DENIED:FORBIDDEN' WHERE id = $1`, params: [row.id] },
      { sql: `UPDATE audit_log SET outcome = '200' WHERE id = $1`, params: [row.id] },
      async () => {
        const result = await runVerifyCli({ DATABASE_URL: testDatabaseUrl() });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`audit chain BROKEN at row ${row.id}`);
      },
    );
    const intact = await runVerifyCli({ DATABASE_URL: testDatabaseUrl() });
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/audit chain intact: \d+ rows/);
  });

  it('has the CLI exit 2 when it cannot check at all', async () => {
    const result = await runVerifyCli({ DATABASE_URL: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL is required');
  });
});

const INSERT_ROW = `INSERT INTO audit_log (id, occurred_at, actor, role, action, case_id, reason, outcome, request_id, prev_hash, hash, key_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;

function insertParams(row: AuditChainRow): unknown[] {
  return [
    row.id,
    row.occurredAt,
    row.actor,
    row.role,
    row.action,
    row.caseId,
    row.reason,
    row.outcome,
    row.requestId,
    row.prevHash,
    row.hash,
    row.keyId,
  ];
}

/** The newest row, as the store reads it back. */
async function tail(): Promise<AuditChainRow> {
  const [newest] = (await audit.list({ page: 1, pageSize: 1 })).items;
  if (!newest) throw new Error('the audit trail is empty');
  return newest;
}

/** What a forger appends: a decision nobody took, linked to the real tail. */
async function forgedContent(): Promise<AuditContent> {
  const next: { id: string }[] = await db.query(
    `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`,
  );
  return {
    id: next[0]?.id ?? '',
    occurredAt: formatAuditTimestamp(new Date()),
    actor: 'adjudicator-9',
    role: 'ADJUDICATOR',
    action: 'CASE_ACTION:RECORD_DECISION',
    caseId: randomUUID(),
    reason: null,
    outcome: '200',
    requestId: randomUUID(),
  };
}

/**
 * Inserts `row` the way a database user with the apps' rights can: as vetting_app, which may INSERT (the
 * triggers only stop UPDATE, DELETE and TRUNCATE). Runs `check`, then removes the row as the owner.
 */
async function whileForgedRowPresent(row: AuditChainRow, check: () => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL ROLE vetting_app');
    await tx.query(INSERT_ROW, insertParams(row));
  });
  try {
    await check();
  } finally {
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_rewrite');
      await tx.query('DELETE FROM audit_log WHERE id = $1', [row.id]);
      await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_rewrite');
    });
  }
  expect((await audit.verify()).ok).toBe(true);
}

describe('issue 9 item 8: the audit chain is keyed, so a database user cannot forge rows that verify', () => {
  it('attack: a database user inserts a row hashed with SHA-256 as the chain does (no key) -> verify, and the CLI, name that row', async () => {
    await audit.record(entry());
    const last = await tail();
    expect(last.keyId).toBe(keyring.currentKeyId);
    const content = await forgedContent();
    // Exactly the unkeyed scheme the chain used before it was keyed: a correct link and a correct SHA-256.
    const forged: AuditChainRow = {
      ...content,
      prevHash: last.hash,
      hash: auditHash(content, last.hash),
      keyId: null,
    };
    await whileForgedRowPresent(forged, async () => {
      const result = broken(await audit.verify());
      expect(result.firstBadId).toBe(forged.id);
      expect(result.reason).toMatch(
        new RegExp(`follows keyed row ${last.id}: it was inserted or re-hashed without`),
      );
      const cli = await runVerifyCli({ DATABASE_URL: testDatabaseUrl() });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`audit chain BROKEN at row ${forged.id}`);
    });
  });

  it('attack: a row that names the real key id but is hashed without the key fails at that row', async () => {
    await audit.record(entry());
    const last = await tail();
    const content = await forgedContent();
    const guessedKeys: AuditKeyring = {
      currentKeyId: keyring.currentKeyId,
      keys: new Map([[keyring.currentKeyId, Buffer.alloc(32, 0x42)]]),
    };
    const forged: AuditChainRow = {
      ...content,
      prevHash: last.hash,
      ...sealAuditRow(content, last.hash, guessedKeys),
    };
    await whileForgedRowPresent(forged, async () => {
      const result = broken(await audit.verify());
      expect(result.firstBadId).toBe(forged.id);
      expect(result.reason).toMatch(/HMAC under key "[^"]+" does not match/);
    });
  });

  it('sanity: the same forged row signed with the key would verify (the key is what stops it)', async () => {
    await audit.record(entry());
    const last = await tail();
    const content = await forgedContent();
    const signed: AuditChainRow = {
      ...content,
      prevHash: last.hash,
      ...sealAuditRow(content, last.hash, keyring),
    };
    await whileForgedRowPresent(signed, async () => {
      await expect(audit.verify()).resolves.toMatchObject({ ok: true, lastId: signed.id });
    });
  });

  it('attack: a row changed and the chain after it re-hashed with SHA-256 fails at the changed row', async () => {
    await audit.record(entry({ outcome: 'DENIED:FORBIDDEN' }));
    const changed = await tail();
    await audit.record(entry());
    const after = await tail();
    // The forger rewrites the refusal as a success and re-hashes both rows so every link and hash is consistent.
    const rewritten: AuditChainRow = { ...changed, outcome: '200', keyId: null };
    rewritten.hash = auditHash(rewritten, rewritten.prevHash);
    const relinked: AuditChainRow = { ...after, prevHash: rewritten.hash, keyId: null };
    relinked.hash = auditHash(relinked, relinked.prevHash);
    const set = (row: AuditChainRow): Statement => ({
      sql: 'UPDATE audit_log SET outcome = $2, prev_hash = $3, hash = $4, key_id = $5 WHERE id = $1',
      params: [row.id, row.outcome, row.prevHash, row.hash, row.keyId],
    });
    await whileTampered([set(rewritten), set(relinked)], [set(changed), set(after)], async () => {
      const result = broken(await audit.verify());
      expect(result.firstBadId).toBe(changed.id);
      expect(result.reason).toMatch(/no key id \(unkeyed SHA-256\) but follows keyed row/);
    });
  });

  it('stores the signing key id on each new row, and verification names an unknown key id', async () => {
    const row = await audit.record(entry());
    const stored: { key_id: string | null }[] = await db.query('SELECT key_id FROM audit_log WHERE id = $1', [
      row.id,
    ]);
    expect(stored[0]?.key_id).toBe(keyring.currentKeyId);
    const retired: AuditKeyring = { currentKeyId: 'next', keys: new Map([['next', Buffer.alloc(32, 0x11)]]) };
    const result = broken(await new AuditLogStore(db, retired).verify());
    expect(result.reason).toMatch(
      new RegExp(`audit key id "${keyring.currentKeyId}", which is not in AUDIT_KEYS`),
    );
  });
});
