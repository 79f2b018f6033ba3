import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tamper-evident audit trail: one hash-chained row per audited request, append-only in the database. */
export class AuditLog1764056000000 implements MigrationInterface {
  name = 'AuditLog1764056000000';

  public async up(q: QueryRunner): Promise<void> {
    // UNIQUE (prev_hash): two rows claiming the same predecessor would be a fork; the database refuses it even
    // if a writer ever bypassed the append lock.
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor text NOT NULL,
        role text,
        action text NOT NULL,
        case_id uuid,
        reason text,
        outcome text NOT NULL,
        request_id text NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT uq_audit_log_prev_hash UNIQUE (prev_hash)
      )`);
    await q.query(`CREATE INDEX ix_audit_log_case_id ON audit_log (case_id, id)`);
    await q.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor, id)`);

    // The trail must outlive a compromised or buggy application, so the refusal lives in the database.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_rewrite BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    // The table owner can disable triggers, so production's application role must not own the table: it
    // connects as a login role granted vetting_app, which may only append and read. Roles are cluster-wide,
    // and several databases on one server may migrate at once, hence the existence check and the handler.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vetting_app') THEN
          CREATE ROLE vetting_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END $$`);
    await q.query(`REVOKE ALL ON audit_log FROM PUBLIC`);
    await q.query(`GRANT SELECT, INSERT ON audit_log TO vetting_app`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO vetting_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // vetting_app stays: it is cluster-wide and other databases on the server may still use it.
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_no_rewrite ON audit_log`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
  }
}
