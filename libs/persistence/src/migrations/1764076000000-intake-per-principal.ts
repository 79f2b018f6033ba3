import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The intake ledger is scoped to the principal who submitted (issue 9.5): an Idempotency-Key and "this person
 * already has an open case" resolve only to the caller's own cases, so a submission reveals nothing about
 * anyone else's. The same identity applying under another account is recorded for an officer instead.
 */
export class IntakePerPrincipal1764076000000 implements MigrationInterface {
  name = 'IntakePerPrincipal1764076000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_intake ADD COLUMN applicant_id text`);
    await q.query(`ALTER TABLE application_intake ADD COLUMN possible_duplicate_of uuid`);
    // Rows written before this migration belong to whoever the case says applied.
    await q.query(`
      UPDATE application_intake i SET applicant_id = c.applicant_id
        FROM vetting_case c WHERE c.id = i.case_id AND i.applicant_id IS NULL`);
    await q.query(`DROP INDEX IF EXISTS uq_intake_idempotency_key`);
    await q.query(`DROP INDEX IF EXISTS uq_intake_active_person`);
    await q.query(
      `CREATE UNIQUE INDEX uq_intake_idempotency_key ON application_intake (applicant_id, idempotency_key)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX uq_intake_active_person ON application_intake (applicant_id, person_key)
        WHERE closed_at IS NULL`);
    await q.query(
      `CREATE INDEX ix_intake_person_open ON application_intake (person_key) WHERE closed_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_intake_person_open`);
    await q.query(`DROP INDEX uq_intake_active_person`);
    await q.query(`DROP INDEX uq_intake_idempotency_key`);
    await q.query(`CREATE UNIQUE INDEX uq_intake_idempotency_key ON application_intake (idempotency_key)`);
    await q.query(`
      CREATE UNIQUE INDEX uq_intake_active_person ON application_intake (person_key) WHERE closed_at IS NULL`);
    await q.query(`ALTER TABLE application_intake DROP COLUMN possible_duplicate_of`);
    await q.query(`ALTER TABLE application_intake DROP COLUMN applicant_id`);
  }
}
