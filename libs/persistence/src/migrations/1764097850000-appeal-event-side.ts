import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whose statement of case an appeal event is about (issue 12): the side a STATEMENT_OVERDUE mark or an extension
 * names, or the side that submitted, so the history says whose. Plain (a side, never free text); NULL on every
 * other action and on events recorded before it was kept, which read as "side not recorded".
 */
export class AppealEventSide1764097850000 implements MigrationInterface {
  name = 'AppealEventSide1764097850000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE appeal_event
        ADD COLUMN side text NULL CHECK (side IN ('APPELLANT', 'DEPARTMENT'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE appeal_event DROP COLUMN side`);
  }
}
