import type { MigrationInterface, QueryRunner } from 'typeorm';

// Tables whose history the database refuses to rewrite (triggers): the runtime role may only read and append.
const APPEND_ONLY = ['audit_log', 'case_event', 'questionnaire_version'];
const SCHEMAS = ['public', 'monitoring'];

/**
 * The runtime role `vetting_app` (issue 9 item 8) gets what the apps use on every table, not only on audit_log:
 * tables added since (staff_member, provider_callback, provider_callback_nonce, ...) had no grant, so a deployment
 * without deploy/postgres/grants.sql could only run the apps as the owner, who can switch the append-only
 * triggers off. Default privileges cover tables later migrations create (as the role running migrations).
 * The migration ledger stays the owner's.
 */
export class RuntimeRoleGrants1764081800000 implements MigrationInterface {
  name = 'RuntimeRoleGrants1764081800000';

  public async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide and several databases may migrate at once (see the audit-log migration).
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vetting_app') THEN
          CREATE ROLE vetting_app NOLOGIN;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END $$`);
    for (const schema of SCHEMAS) {
      await q.query(`GRANT USAGE ON SCHEMA ${schema} TO vetting_app`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO vetting_app`);
      await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO vetting_app`);
      await q.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vetting_app`,
      );
      await q.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO vetting_app`,
      );
    }
    for (const table of APPEND_ONLY) {
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM vetting_app`);
    }
    await q.query(`REVOKE ALL ON schema_migrations FROM vetting_app`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const schema of SCHEMAS) {
      await q.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM vetting_app`,
      );
      await q.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} REVOKE USAGE, SELECT ON SEQUENCES FROM vetting_app`,
      );
      await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM vetting_app`);
      await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM vetting_app`);
    }
    // What the audit-log migration granted stays.
    await q.query(`GRANT SELECT, INSERT ON audit_log TO vetting_app`);
    await q.query(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO vetting_app`);
  }
}
