import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appeals and complaints (issue 12): one row per appeal or complaint with its status and the appeal workflow's
 * latest snapshot (sealed: it holds the hearing's findings), and an append-only event history keyed by (appeal,
 * sequence) so retried writes land once. One appeal or complaint per decision: a unique (case, ground) pair.
 */
export class Appeals1764095000000 implements MigrationInterface {
  name = 'Appeals1764095000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE appeal (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('APPEAL', 'COMPLAINT')),
        ground text NOT NULL CHECK (ground IN ('REFUSAL', 'WITHDRAWAL')),
        appellant_id text NOT NULL,
        case_id uuid NOT NULL,
        clearance_id uuid NULL,
        status text NOT NULL,
        event_seq integer NOT NULL DEFAULT 0,
        snapshot text NOT NULL,
        lodged_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_appeal_decision UNIQUE (case_id, ground)
      )`);
    await q.query(`CREATE INDEX ix_appeal_appellant ON appeal (appellant_id)`);
    await q.query(`CREATE INDEX ix_appeal_status ON appeal (status, lodged_at)`);
    await q.query(`
      CREATE TABLE appeal_event (
        appeal_id uuid NOT NULL REFERENCES appeal (id),
        seq integer NOT NULL CHECK (seq > 0),
        action text NOT NULL,
        actor_role text NOT NULL,
        actor_id text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (appeal_id, seq)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appeal_event`);
    await q.query(`DROP TABLE appeal`);
  }
}
