import type { DataSource, EntityManager } from 'typeorm';
import type { AuditChainRow, AuditChainVerification, AuditContent, AuditKeyring } from './audit-chain';
import { AUDIT_GENESIS_HASH, formatAuditTimestamp, sealAuditRow, verifyAuditRows } from './audit-chain';

/** What a caller asks to be recorded; the store adds the id, the time (unless given) and the chain links. */
export interface AuditEntry {
  actor: string;
  role?: string | null;
  action: string;
  caseId?: string | null;
  reason?: string | null;
  outcome: string;
  requestId: string;
  occurredAt?: Date;
}

/** Filters and page for reading the trail, newest first. */
export interface AuditQuery {
  caseId?: string;
  actor?: string;
  /** An action, or an action family (CASE_ACTION matches CASE_ACTION:ACCEPT_QUESTIONNAIRE too). */
  action?: string;
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditPage {
  items: AuditChainRow[];
  page: number;
  pageSize: number;
  total: number;
}

// Any constant will do as long as nothing else in the database uses it (migrations use 7319001).
const APPEND_LOCK_KEY = 7319002;
const DEFAULT_VERIFY_BATCH = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Timestamps and ids are read back as PostgreSQL prints them, so the verifier hashes exactly what is stored
// (a JS Date would drop microseconds, and a tampered microsecond would go unnoticed). Because the text alias
// shadows the column, queries must order by audit_log.id: ORDER BY id would sort '10' before '2'.
const SELECT_ROW = `
  SELECT id::text AS id,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
         actor, role, action, case_id::text AS "caseId", reason, outcome, request_id AS "requestId",
         prev_hash AS "prevHash", hash, key_id AS "keyId"
    FROM audit_log`;

/** Most rows one append transaction writes; a burst larger than this is written in several. */
const MAX_BATCH = 200;

/** An entry as it will be hashed, waiting for its turn in the chain. */
interface PendingAppend {
  draft: Omit<AuditContent, 'id'>;
  resolve: (row: AuditChainRow) => void;
  reject: (error: unknown) => void;
}

/**
 * The HMAC-chained audit trail. Appends take a transaction-scoped advisory lock, read the newest hash and
 * insert under it, so concurrent appends queue up instead of forking the chain. Each row is signed with the
 * current AUDIT_KEYS key and names it, so keys can rotate while older rows still verify.
 *
 * Every audited read appends a row, so appends are grouped: while one transaction is writing, the entries that
 * arrive wait and then go in together, chained in arrival order, under one lock and one commit. A caller's
 * promise settles when its own row is committed (or has failed), as with one transaction per row; under load
 * the lock and the commit are paid once per batch instead of once per read (issue 13; docs/audit.md).
 */
export class AuditLogStore {
  private readonly queue: PendingAppend[] = [];
  private writing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: AuditKeyring,
    private readonly verifyBatch = DEFAULT_VERIFY_BATCH,
  ) {}

  /** Appends one row and returns it as stored, once committed. */
  append(entry: AuditEntry): Promise<AuditChainRow> {
    const caseId = entry.caseId ?? null;
    if (caseId !== null && !UUID.test(caseId)) {
      return Promise.reject(new Error(`audit caseId must be a UUID, got ${caseId}`));
    }
    const draft = {
      occurredAt: formatAuditTimestamp(entry.occurredAt ?? new Date()),
      actor: storable(entry.actor),
      role: entry.role == null ? null : storable(entry.role),
      action: storable(entry.action),
      caseId: caseId === null ? null : caseId.toLowerCase(),
      reason: entry.reason == null ? null : storable(entry.reason),
      outcome: storable(entry.outcome),
      requestId: storable(entry.requestId),
    };
    return new Promise<AuditChainRow>((resolve, reject) => {
      this.queue.push({ draft, resolve, reject });
      void this.drain();
    });
  }

  /** Writes queued entries, a batch per transaction, until none are left; one drain runs at a time. */
  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const rows = await this.write(batch.map((p) => p.draft));
          batch.forEach((p, i) => p.resolve(rows[i]));
        } catch (error) {
          // One entry the database refuses (bad data, SQLSTATE class 22 or 23) must not fail the others that
          // happened to share its transaction: that batch is retried a row per transaction, so each caller gets
          // its own row's fate. Any other failure (the database away) would fail each row alike: all are refused.
          if (batch.length > 1 && refusedForItsData(error)) await this.writeOneByOne(batch);
          else batch.forEach((p) => p.reject(error));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeOneByOne(batch: PendingAppend[]): Promise<void> {
    for (const pending of batch) {
      try {
        const [row] = await this.write([pending.draft]);
        pending.resolve(row);
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  /** Chains `drafts` in order after the newest row, in one transaction under the append lock. */
  private write(drafts: Omit<AuditContent, 'id'>[]): Promise<AuditChainRow[]> {
    return this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      const last: { hash: string }[] = await tx.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
      // The ids are drawn under the lock so id order is chain order, and each id can be part of its hash.
      const ids: { id: string }[] = await tx.query(
        `SELECT id::text AS id FROM (
           SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id FROM generate_series(1, $1)) s
          ORDER BY s.id`,
        [drafts.length],
      );
      if (ids.length !== drafts.length) throw new Error('audit_log sequence returned too few values');
      let prevHash = last[0]?.hash ?? AUDIT_GENESIS_HASH;
      const rows = drafts.map((draft, i): AuditChainRow => {
        const content: AuditContent = { id: ids[i].id, ...draft };
        const { keyId, hash } = sealAuditRow(content, prevHash, this.keyring);
        const row = { ...content, prevHash, hash, keyId };
        prevHash = hash;
        return row;
      });
      const column = <K extends keyof AuditChainRow>(key: K): AuditChainRow[K][] => rows.map((r) => r[key]);
      await tx.query(
        `INSERT INTO audit_log (id, occurred_at, actor, role, action, case_id, reason, outcome, request_id, prev_hash, hash, key_id)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::uuid[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])`,
        [
          column('id'),
          column('occurredAt'),
          column('actor'),
          column('role'),
          column('action'),
          column('caseId'),
          column('reason'),
          column('outcome'),
          column('requestId'),
          column('prevHash'),
          column('hash'),
          column('keyId'),
        ],
      );
      return rows;
    });
  }

  /** Walks the whole chain in id order, a page at a time, and names the first row whose link or HMAC is wrong. */
  verify(): Promise<AuditChainVerification> {
    return verifyAuditRows(this.allRows(), this.keyring);
  }

  /** One page of the trail, newest first, optionally for one case, actor, action and/or range of days. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.caseId !== undefined) {
      params.push(query.caseId);
      where.push(`case_id = $${params.length}`);
    }
    if (query.actor !== undefined) {
      params.push(query.actor);
      where.push(`actor = $${params.length}`);
    }
    if (query.action !== undefined) {
      params.push(query.action);
      where.push(`(action = $${params.length} OR action LIKE $${params.length} || ':%')`);
    }
    if (query.from !== undefined) {
      params.push(query.from);
      where.push(`occurred_at >= ($${params.length}::date AT TIME ZONE 'UTC')`);
    }
    if (query.to !== undefined) {
      params.push(query.to);
      where.push(`occurred_at < (($${params.length}::date + 1) AT TIME ZONE 'UTC')`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const counted: { total: string }[] = await this.dataSource.query(
      `SELECT count(*)::text AS total FROM audit_log ${filter}`,
      params,
    );
    const items: AuditChainRow[] = await this.dataSource.query(
      `${SELECT_ROW} ${filter} ORDER BY audit_log.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items, page: query.page, pageSize: query.pageSize, total: Number(counted[0]?.total ?? 0) };
  }

  private async *allRows(): AsyncGenerator<AuditChainRow> {
    let after = '0';
    for (;;) {
      const batch: AuditChainRow[] = await this.dataSource.query(
        `${SELECT_ROW} WHERE audit_log.id > $1::bigint ORDER BY audit_log.id LIMIT $2`,
        [after, this.verifyBatch],
      );
      yield* batch;
      const last = batch[batch.length - 1];
      if (!last || batch.length < this.verifyBatch) return;
      after = last.id;
    }
  }
}

/** Whether PostgreSQL refused a statement for the values in it (data exception, integrity constraint). */
function refusedForItsData(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * The string as PostgreSQL will hand it back: lone surrogates become U+FFFD when encoded as UTF-8, and text
 * cannot hold NUL. Hashing anything else would make an honest row look tampered with.
 */
function storable(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8').replaceAll('\u0000', '\uFFFD');
}
