import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfSealed } from './sealed-column';

/**
 * Aftercare's free text at rest (after 1764083100000-questionnaire-review-at-rest and 1764084000000-clearance-renewed): a clearance's conditions, its
 * snapshot (review tasks, reviewers, withdrawal reasons) and each clearance event's detail (the command's
 * reasons and notes) become text, to hold values sealed by the apps (`aesgcm:<key id>:...`). The officers'
 * review-task queue read the snapshot's tasks in SQL; it now reads `open_review_tasks`, which holds only what
 * the queue shows (task id, kind, opened at), written beside the sealed snapshot. Rows written before keep their
 * JSON as text and still read; `npm run data:reencrypt` seals them.
 */
export class ClearanceTextAtRest1764084100000 implements MigrationInterface {
  name = 'ClearanceTextAtRest1764084100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clearance ADD COLUMN open_review_tasks jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      UPDATE clearance SET open_review_tasks = COALESCE((
        SELECT jsonb_agg(jsonb_build_object('taskId', t->>'taskId', 'kind', t->>'kind', 'openedAt', t->>'openedAt')
                         ORDER BY t->>'openedAt')
        FROM jsonb_array_elements(
          CASE WHEN jsonb_typeof(snapshot->'tasks') = 'array' THEN snapshot->'tasks' ELSE '[]'::jsonb END) AS t
        WHERE t->>'status' = 'OPEN'), '[]'::jsonb)
      WHERE snapshot IS NOT NULL`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN conditions DROP DEFAULT`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN conditions TYPE text USING conditions::text`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN conditions SET DEFAULT '[]'`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN snapshot TYPE text USING snapshot::text`);
    await q.query(`ALTER TABLE clearance_event ALTER COLUMN detail DROP DEFAULT`);
    await q.query(`ALTER TABLE clearance_event ALTER COLUMN detail TYPE text USING detail::text`);
    await q.query(`ALTER TABLE clearance_event ALTER COLUMN detail SET DEFAULT '{}'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of [
      ['clearance', 'conditions'],
      ['clearance', 'snapshot'],
      ['clearance_event', 'detail'],
    ] as const) {
      await refuseIfSealed(q, table, column);
    }
    await q.query(`ALTER TABLE clearance_event ALTER COLUMN detail DROP DEFAULT`);
    await q.query(`ALTER TABLE clearance_event ALTER COLUMN detail TYPE jsonb USING detail::jsonb`);
    await q.query(`ALTER TABLE clearance_event ALTER COLUMN detail SET DEFAULT '{}'::jsonb`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN snapshot TYPE jsonb USING snapshot::jsonb`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN conditions DROP DEFAULT`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN conditions TYPE jsonb USING conditions::jsonb`);
    await q.query(`ALTER TABLE clearance ALTER COLUMN conditions SET DEFAULT '[]'::jsonb`);
    await q.query(`ALTER TABLE clearance DROP COLUMN open_review_tasks`);
  }
}
