import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys the audit chain (issue 9 item 8): each row names the AUDIT_KEYS key whose HMAC-SHA256 is in `hash`.
 * Existing rows keep a null key id and verify as the legacy unkeyed SHA-256 chain; the first keyed row signs
 * the last of them, so the chain continues across the switch.
 */
export class AuditKeyId1764079500000 implements MigrationInterface {
  name = 'AuditKeyId1764079500000';

  public async up(q: QueryRunner): Promise<void> {
    // Adding a nullable column without a default rewrites no rows, so the append-only trigger is not involved.
    await q.query(`
      ALTER TABLE audit_log
        ADD COLUMN key_id text CHECK (key_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP COLUMN key_id`);
  }
}
