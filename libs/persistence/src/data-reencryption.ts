import type { DataSource, EntityManager } from 'typeorm';
import type { FieldCipher, SealedField } from './field-cipher';
import { SEALED_PREFIX } from './field-cipher';

/** Where one sealed field lives, and how its row key (the `row` it is sealed to) is made from the row. */
interface SealedColumn {
  field: SealedField;
  table: string;
  column: string;
  /** A unique column (or expression) to walk the table by, and its SQL type. */
  orderBy: string;
  orderType: 'uuid' | 'text';
  /** SQL for the row key the value is sealed to (see the stores' slot helpers). */
  rowKey: string;
  /** The trigger that refuses UPDATE on an append-only table, switched off for this transaction only. */
  appendOnlyTrigger?: string;
}

/** Every sealed field; the row keys match the stores' slots (CaseStore, ClearanceStore, RecordCheckStore...). */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    field: 'vetting_case.application',
    table: 'vetting_case',
    column: 'application',
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: 'id::text',
  },
  ...(
    [
      'vetting_case.questionnaire',
      'vetting_case.tasks',
      'vetting_case.recommendation',
      'vetting_case.decision',
      'vetting_case.baseline',
    ] as const
  ).map((field): SealedColumn => ({
    field,
    table: 'vetting_case',
    column: field.slice('vetting_case.'.length),
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: 'id::text',
  })),
  {
    field: 'case_event.payload',
    table: 'case_event',
    column: 'payload',
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: `case_id::text || ':' || seq`,
    appendOnlyTrigger: 'case_event_no_rewrite',
  },
  {
    field: 'questionnaire_draft.content',
    table: 'questionnaire_draft',
    column: 'content',
    orderBy: 'case_id',
    orderType: 'uuid',
    rowKey: 'case_id::text',
  },
  {
    field: 'baseline_draft.content',
    table: 'baseline_draft',
    column: 'content',
    orderBy: 'case_id',
    orderType: 'uuid',
    rowKey: 'case_id::text',
  },
  {
    field: 'questionnaire_version.content',
    table: 'questionnaire_version',
    column: 'content',
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: `case_id::text || ':' || version`,
    appendOnlyTrigger: 'questionnaire_version_no_rewrite',
  },
  {
    field: 'user_contact.email',
    table: 'user_contact',
    column: 'email',
    orderBy: 'user_id',
    orderType: 'text',
    rowKey: 'user_id',
  },
  {
    field: 'email_outbox.to_address',
    table: 'email_outbox',
    column: 'to_address',
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: 'id::text',
  },
  {
    field: 'clearance.conditions',
    table: 'clearance',
    column: 'conditions',
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: 'case_id::text',
  },
  {
    field: 'clearance.snapshot',
    table: 'clearance',
    column: 'snapshot',
    orderBy: 'id',
    orderType: 'uuid',
    rowKey: 'id::text',
  },
  {
    field: 'clearance_event.detail',
    table: 'clearance_event',
    column: 'detail',
    orderBy: `(clearance_id::text || ':' || seq)`,
    orderType: 'text',
    rowKey: `clearance_id::text || ':' || seq`,
  },
  {
    field: 'record_check.detail',
    table: 'record_check',
    column: 'detail',
    // The key is (case_id, check_type); walked by the pair as one text value, as the row key spells it.
    orderBy: `(case_id::text || ':' || check_type)`,
    orderType: 'text',
    rowKey: `case_id::text || ':' || check_type`,
  },
];

/** How many values of a field are under each key id (`plaintext`: stored before encryption). */
export type SealedFieldCounts = Record<SealedField, Record<string, number>>;

/** Progress of one batch: the field, how many values it re-encrypted, and how many it has done so far. */
export interface ReencryptionProgress {
  field: SealedField;
  batch: number;
  done: number;
}

interface PendingRow {
  pk: string;
  row_key: string;
  value: string;
}

/**
 * `npm run data:reencrypt`: rewrites every personal field that is plain (stored before encryption) or sealed
 * under a key other than DATA_CURRENT_KEY_ID, so a retired key can then be removed from DATA_KEYS. Works in
 * batches, each its own transaction; each row is replaced only if it still holds the value that was read
 * (a concurrent write by the apps wins). Running it again finds nothing to do. Must run as the owner of the
 * tables (the migration role): the append-only tables refuse UPDATE through a trigger that it switches off
 * inside each batch's transaction, which no other session sees.
 */
export class DataReencryption {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** Re-encrypts everything not under the current key; returns how many values it rewrote, per field. */
  async run(
    options: { batchSize?: number; onProgress?: (progress: ReencryptionProgress) => void } = {},
  ): Promise<Record<SealedField, number>> {
    const batchSize = options.batchSize ?? 500;
    const done = {} as Record<SealedField, number>;
    for (const spec of SEALED_COLUMNS) {
      done[spec.field] = 0;
      let after: string | null = null;
      for (;;) {
        const batch = await this.db.transaction((tx) => this.batch(tx, spec, after, batchSize));
        if (batch.read === 0) break;
        after = batch.last;
        done[spec.field] += batch.rewritten;
        options.onProgress?.({ field: spec.field, batch: batch.rewritten, done: done[spec.field] });
      }
    }
    return done;
  }

  /** How many values each field holds under each key id, and plain; for deciding when a key can go. */
  async counts(): Promise<SealedFieldCounts> {
    const counts = {} as SealedFieldCounts;
    for (const { field, table, column } of SEALED_COLUMNS) {
      const rows = await this.db.query<{ key_id: string; n: number }[]>(
        `SELECT CASE WHEN ${column} LIKE '${SEALED_PREFIX}%' THEN split_part(${column}, ':', 2) ELSE 'plaintext' END
                  AS key_id,
                count(*)::int AS n
         FROM ${table} WHERE ${column} IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
      counts[field] = Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
    }
    return counts;
  }

  private async batch(
    tx: EntityManager,
    spec: SealedColumn,
    after: string | null,
    batchSize: number,
  ): Promise<{ read: number; rewritten: number; last: string | null }> {
    const { table, column, orderBy, orderType, rowKey } = spec;
    // Everything not sealed under the current key; walked by key so a row that cannot be rewritten is passed.
    const rows = await tx.query<PendingRow[]>(
      `SELECT ${orderBy}::text AS pk, ${rowKey} AS row_key, ${column} AS value FROM ${table}
       WHERE ${column} IS NOT NULL AND left(${column}, length($1)) <> $1
         AND ($2::${orderType} IS NULL OR ${orderBy} > $2::${orderType})
       ORDER BY ${orderBy} LIMIT $3
       FOR UPDATE`,
      // A prefix compare, not LIKE: key ids may hold '_', which LIKE reads as a wildcard.
      [`${SEALED_PREFIX}${this.cipher.currentKeyId}:`, after, batchSize],
    );
    if (rows.length === 0) return { read: 0, rewritten: 0, last: after };
    if (spec.appendOnlyTrigger) {
      await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${spec.appendOnlyTrigger}`);
    }
    let rewritten = 0;
    for (const row of rows) {
      const slot = { field: spec.field, row: row.row_key };
      let plaintext: string;
      try {
        plaintext = this.cipher.open(row.value, slot);
      } catch (error) {
        // The row's key (an opaque id) and the reason, never the value.
        throw new Error(`${spec.field} of ${orderBy} ${row.pk}: ${(error as Error).message}`);
      }
      const resealed = this.cipher.seal(plaintext, slot);
      const [, count] = await tx.query<[unknown, number]>(
        `UPDATE ${table} SET ${column} = $1 WHERE ${orderBy} = $2::${orderType} AND ${column} = $3`,
        [resealed, row.pk, row.value],
      );
      rewritten += count;
    }
    if (spec.appendOnlyTrigger) {
      await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER ${spec.appendOnlyTrigger}`);
    }
    return { read: rows.length, rewritten, last: rows[rows.length - 1]?.pk ?? after };
  }
}
