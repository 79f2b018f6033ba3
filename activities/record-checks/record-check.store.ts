import type { DataSource } from 'typeorm';
import type { FieldCipher, FieldSlot } from '../../libs/persistence/src/field-cipher';
import type {
  ProviderCallbackRecord,
  RecordCheckProgress,
} from '../../libs/contracts/src/record-check.types';

/**
 * Writes record_check rows and the workflow's entries in provider_callback; every method is idempotent. A
 * check's `detail` (the provider's own words about what it found) is sealed with `cipher` (docs/encryption.md).
 */
export class RecordCheckStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /**
   * Upserts a check's progress keyed by (case, check type). A write only lands if its version is newer, so a
   * retried or late write never rolls the row back; a new checkId (the check run again) replaces the row.
   */
  async save(progress: RecordCheckProgress): Promise<'saved' | 'stale'> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO record_check (case_id, check_type, check_id, status, outcome, detail, provider, provider_ref,
          mode, requested_at, resolved_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (case_id, check_type) DO UPDATE SET
          check_id = EXCLUDED.check_id, status = EXCLUDED.status, outcome = EXCLUDED.outcome,
          detail = EXCLUDED.detail, provider = EXCLUDED.provider, provider_ref = EXCLUDED.provider_ref,
          mode = EXCLUDED.mode, requested_at = EXCLUDED.requested_at, resolved_at = EXCLUDED.resolved_at,
          version = EXCLUDED.version, updated_at = now(),
          attempts = CASE WHEN record_check.check_id = EXCLUDED.check_id THEN record_check.attempts ELSE 0 END
       WHERE record_check.check_id <> EXCLUDED.check_id OR record_check.version < EXCLUDED.version
       RETURNING 1`,
      [
        progress.caseId,
        progress.checkType,
        progress.checkId,
        progress.status,
        progress.outcome,
        progress.detail === null ? null : this.cipher.seal(progress.detail, recordCheckDetailSlot(progress)),
        progress.provider,
        progress.providerRef,
        progress.mode,
        progress.requestedAt,
        progress.resolvedAt,
        progress.version,
      ],
    );
    return rows.length > 0 ? 'saved' : 'stale';
  }

  /** Notes that a provider request attempt started; the count only grows. */
  async noteAttempt(caseId: string, checkType: string, checkId: string, attempt: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE record_check SET attempts = GREATEST(attempts, $4), updated_at = now()
       WHERE case_id = $1 AND check_type = $2 AND check_id = $3`,
      [caseId, checkType, checkId, attempt],
    );
  }

  /**
   * Records what the workflow made of a callback. The webhook writes DELIVERED only if no row exists yet, so
   * the workflow's finer verdict (DUPLICATE, UNKNOWN_REF, CASE_CLOSED) wins whichever lands first.
   */
  async recordCallback(record: ProviderCallbackRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO provider_callback
          (id, received_at, provider, case_id, check_type, provider_ref, outcome, disposition)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET disposition = EXCLUDED.disposition`,
      [
        record.id,
        record.receivedAt,
        record.provider,
        record.caseId,
        record.checkType,
        record.providerRef,
        record.outcome,
        record.disposition,
      ],
    );
  }
}

/** The slot a check's detail is sealed to: one row per (case, check type). */
export function recordCheckDetailSlot(check: { caseId: string; checkType: string }): FieldSlot {
  return { field: 'record_check.detail', row: `${check.caseId}:${check.checkType}` };
}
