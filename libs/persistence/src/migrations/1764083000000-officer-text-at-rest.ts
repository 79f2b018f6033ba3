import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfSealed } from './sealed-column';

// The case row's JSON columns that hold officers' free text and now hold one sealed value each.
const JSON_COLUMNS = ['tasks', 'recommendation', 'decision'] as const;

/**
 * Officers' free text at rest (issue 10 item 6, after 1764082500000-personal-data-at-rest): the case row's task
 * titles and notes, the recommendation's assessment and the decision's reasons and conditions become text, so
 * each can hold an AES-256-GCM value sealed by the apps (`aesgcm:<key id>:...`). record_check.detail is text
 * already. Nothing filters or sorts on these columns (the queues use stage, status, team, assignee and dates),
 * so no searchable copy is kept. Rows written before this keep their JSON as text and still read;
 * `npm run data:reencrypt` seals them.
 */
export class OfficerTextAtRest1764083000000 implements MigrationInterface {
  name = 'OfficerTextAtRest1764083000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vetting_case ALTER COLUMN tasks DROP DEFAULT`);
    for (const column of JSON_COLUMNS) {
      await q.query(`ALTER TABLE vetting_case ALTER COLUMN ${column} TYPE text USING ${column}::text`);
    }
    // No tasks is no one's personal data; writers that leave the column out (bulk loads, benchmarks) still work.
    await q.query(`ALTER TABLE vetting_case ALTER COLUMN tasks SET DEFAULT '[]'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const column of JSON_COLUMNS) await refuseIfSealed(q, 'vetting_case', column);
    await q.query(`ALTER TABLE vetting_case ALTER COLUMN tasks DROP DEFAULT`);
    for (const column of JSON_COLUMNS) {
      await q.query(`ALTER TABLE vetting_case ALTER COLUMN ${column} TYPE jsonb USING ${column}::jsonb`);
    }
    await q.query(`ALTER TABLE vetting_case ALTER COLUMN tasks SET DEFAULT '[]'::jsonb`);
  }
}
