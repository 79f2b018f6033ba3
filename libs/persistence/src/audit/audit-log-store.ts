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

/**
 * The HMAC-chained audit trail. Appends take a transaction-scoped advisory lock, read the newest hash and
 * insert under it, so concurrent appends queue up instead of forking the chain. Each row is signed with the
 * current AUDIT_KEYS key and names it, so keys can rotate while older rows still verify.
 */
export class AuditLogStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: AuditKeyring,
    private readonly verifyBatch = DEFAULT_VERIFY_BATCH,
  ) {}

  /** Appends one row and returns it as stored. */
  async append(entry: AuditEntry): Promise<AuditChainRow> {
    const caseId = entry.caseId ?? null;
    if (caseId !== null && !UUID.test(caseId)) throw new Error(`audit caseId must be a UUID, got ${caseId}`);
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
    return this.dataSource.transaction(async (tx: EntityManager) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      const last: { hash: string }[] = await tx.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
      const prevHash = last[0]?.hash ?? AUDIT_GENESIS_HASH;
      // The id is drawn under the lock so id order is chain order, and the id can be part of the hash.
      const next: { id: string }[] = await tx.query(
        `SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id`,
      );
      const id = next[0]?.id;
      if (id === undefined) throw new Error('audit_log sequence returned no value');
      const content: AuditContent = { id, ...draft };
      const { keyId, hash } = sealAuditRow(content, prevHash, this.keyring);
      await tx.query(
        `INSERT INTO audit_log (id, occurred_at, actor, role, action, case_id, reason, outcome, request_id, prev_hash, hash, key_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          content.occurredAt,
          content.actor,
          content.role,
          content.action,
          content.caseId,
          content.reason,
          content.outcome,
          content.requestId,
          prevHash,
          hash,
          keyId,
        ],
      );
      return { ...content, prevHash, hash, keyId };
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

/**
 * The string as PostgreSQL will hand it back: lone surrogates become U+FFFD when encoded as UTF-8, and text
 * cannot hold NUL. Hashing anything else would make an honest row look tampered with.
 */
function storable(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8').replaceAll('\u0000', '\uFFFD');
}
