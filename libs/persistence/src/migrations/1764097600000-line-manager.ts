import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The line manager as an aftercare actor (issue 12): `clearance.line_manager_id`, the staff id the sponsor named
 * for the clearance (a plain id, as `clearance.reviewers`), kept beside the sealed snapshot so a line manager's list
 * of the clearances they manage is read without opening every snapshot. Nobody was named before this runs, so there
 * is nothing to backfill. A partial index serves the list.
 */
export class LineManager1764097600000 implements MigrationInterface {
  name = 'LineManager1764097600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clearance ADD COLUMN line_manager_id text NULL`);
    await q.query(
      `CREATE INDEX ix_clearance_line_manager ON clearance (line_manager_id, granted_on)
        WHERE line_manager_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_clearance_line_manager`);
    await q.query(`ALTER TABLE clearance DROP COLUMN line_manager_id`);
  }
}
