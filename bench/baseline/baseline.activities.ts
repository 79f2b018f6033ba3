import type { Pool } from 'pg';

/** The baseline's tables, in the benchmark's own database. */
export const BASELINE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS baseline_case (
    id uuid PRIMARY KEY, stage text NOT NULL, last_event_seq integer NOT NULL, updated_at timestamptz NOT NULL);
  CREATE TABLE IF NOT EXISTS baseline_event (
    case_id uuid NOT NULL, seq integer NOT NULL, action text NOT NULL, occurred_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, seq));`;

/** Idempotent writes keyed by case and sequence, like the product's read-model activities. */
export function createBaselineActivities(pool: Pool) {
  return {
    async recordEvent(caseId: string, seq: number, action: string): Promise<void> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO baseline_event (case_id, seq, action, occurred_at) VALUES ($1, $2, $3, now())
           ON CONFLICT DO NOTHING`,
          [caseId, seq, action],
        );
        await client.query(
          `INSERT INTO baseline_case (id, stage, last_event_seq, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (id) DO UPDATE SET stage = EXCLUDED.stage, last_event_seq = EXCLUDED.last_event_seq,
             updated_at = now() WHERE baseline_case.last_event_seq < EXCLUDED.last_event_seq`,
          [caseId, action, seq],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;
