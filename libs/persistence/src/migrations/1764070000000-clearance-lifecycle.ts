import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The life of a clearance after the grant: its status (VALID, SUSPENDED, WITHDRAWN, EXPIRED, LAPSED, written by
 * the clearance-held workflow's activities), the sponsor it was granted for (need-to-know), the workflow's latest
 * snapshot, and an append-only event history keyed by (clearance, sequence) so retried writes land once.
 */
export class ClearanceLifecycle1764070000000 implements MigrationInterface {
  name = 'ClearanceLifecycle1764070000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clearance DROP CONSTRAINT clearance_status_check`);
    await q.query(`UPDATE clearance SET status = 'VALID' WHERE status = 'ACTIVE'`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN status SET DEFAULT 'VALID'`);
    await q.query(`
      ALTER TABLE clearance
        ADD CONSTRAINT clearance_status_check
          CHECK (status IN ('VALID', 'SUSPENDED', 'WITHDRAWN', 'EXPIRED', 'LAPSED')),
        ADD COLUMN sponsor_id text NULL,
        ADD COLUMN event_seq integer NOT NULL DEFAULT 0,
        ADD COLUMN snapshot jsonb NULL,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`CREATE INDEX ix_clearance_sponsor ON clearance (sponsor_id)`);
    await q.query(`
      CREATE TABLE clearance_event (
        clearance_id uuid NOT NULL REFERENCES clearance (id),
        seq integer NOT NULL CHECK (seq > 0),
        action text NOT NULL,
        actor_role text NOT NULL,
        actor_id text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        PRIMARY KEY (clearance_id, seq)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE clearance_event`);
    await q.query(`DROP INDEX ix_clearance_sponsor`);
    await q.query(`ALTER TABLE clearance DROP CONSTRAINT clearance_status_check`);
    await q.query(`
      ALTER TABLE clearance
        DROP COLUMN sponsor_id, DROP COLUMN event_seq, DROP COLUMN snapshot,
        DROP COLUMN updated_at, DROP COLUMN version`);
    await q.query(`UPDATE clearance SET status = 'ACTIVE' WHERE status IN ('VALID', 'SUSPENDED')`);
    await q.query(`UPDATE clearance SET status = 'WITHDRAWN' WHERE status IN ('EXPIRED', 'LAPSED')`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN status SET DEFAULT 'ACTIVE'`);
    await q.query(
      `ALTER TABLE clearance ADD CONSTRAINT clearance_status_check CHECK (status IN ('ACTIVE', 'WITHDRAWN'))`,
    );
  }
}
