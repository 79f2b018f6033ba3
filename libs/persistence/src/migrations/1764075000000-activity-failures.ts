import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writes the database refused for good (a value PostgreSQL cannot store, say). Each row is an alert for
 * operators and the case's officers: the case went on, but this write is missing from the read-model.
 * Only codes and ids: the refused value itself is personal data and stays out.
 */
export class ActivityFailures1764075000000 implements MigrationInterface {
  name = 'ActivityFailures1764075000000';

  public async up(q: QueryRunner): Promise<void> {
    // No foreign key to vetting_case: the refused write may be the one that would have created the case row.
    await q.query(`
      CREATE TABLE activity_failure (
        id bigserial PRIMARY KEY,
        case_id uuid,
        workflow_id text NOT NULL,
        activity text NOT NULL,
        sqlstate text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX ix_activity_failure_open ON activity_failure (case_id) WHERE resolved_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_failure`);
  }
}
