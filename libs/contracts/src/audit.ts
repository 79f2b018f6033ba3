/**
 * What `GET /audit` and `GET /audit/verify` answer: the API's views implement these, and the web service's
 * auditor pages read them, so the two cannot drift apart.
 */

/** One audit row, with the two hashes that chain it to its neighbours. */
export interface AuditEntry {
  /** Position in the chain (decimal bigint). */
  id: string;
  occurredAt: string;
  /** Opaque subject id, or "anonymous". */
  actor: string;
  role: string | null;
  action: string;
  caseId: string | null;
  reason: string | null;
  /** HTTP status, or DENIED:<code> / FAILED:<code>. */
  outcome: string;
  requestId: string;
  prevHash: string;
  hash: string;
  keyId: string | null;
}

/** A page of any list the API serves. */
export interface ListPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

/** Result of walking the whole audit chain. */
export interface AuditVerification {
  ok: boolean;
  rows: number;
  lastId?: string | null;
  lastHash?: string;
  legacyRows?: number;
  firstBadId?: string;
  reason?: string;
}
