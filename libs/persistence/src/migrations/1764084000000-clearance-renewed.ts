import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Renewal (issue 12): a clearance superseded by the one its renewal case granted ends RENEWED. The successor is
 * a clearance row of its own (its case is the renewal case), so nothing else in the table changes.
 */
export class ClearanceRenewed1764084000000 implements MigrationInterface {
  name = 'ClearanceRenewed1764084000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clearance DROP CONSTRAINT clearance_status_check`);
    await q.query(`
      ALTER TABLE clearance ADD CONSTRAINT clearance_status_check
        CHECK (status IN ('VALID', 'SUSPENDED', 'WITHDRAWN', 'EXPIRED', 'LAPSED', 'RENEWED'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // A renewed clearance has ended; EXPIRED is the nearest older status.
    await q.query(`UPDATE clearance SET status = 'EXPIRED' WHERE status = 'RENEWED'`);
    await q.query(`ALTER TABLE clearance DROP CONSTRAINT clearance_status_check`);
    await q.query(`
      ALTER TABLE clearance ADD CONSTRAINT clearance_status_check
        CHECK (status IN ('VALID', 'SUSPENDED', 'WITHDRAWN', 'EXPIRED', 'LAPSED'))`);
  }
}
