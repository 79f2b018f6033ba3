import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The appeal's named panel secretary and its sponsor as plain columns (issue 12), so the staff's work list can be
 * filtered ("mine", "none named") and need-to-know applied (never the appellant's or sponsor's own) in SQL, paged,
 * instead of unsealing every open appeal's snapshot. Both are opaque staff ids, no personal data. AppealStore
 * writes them from each snapshot it stores, in the same guarded UPDATE, so they follow the snapshot exactly.
 *
 * Backfill, as far as SQL can see:
 * - sponsor_id: from a snapshot still stored as plain JSON; otherwise from the decision the appeal was lodged about
 *   (the withdrawn clearance's sponsor, or the refused case's), which is where lodging read it from.
 * - panel_secretary_id: only from a snapshot stored as plain JSON. A sealed snapshot (`aesgcm:`) cannot be read
 *   here (the keys never reach the database), and the events cannot say it: a NAME_SECRETARY event records who
 *   named, not who was named, and the first acknowledger becomes the secretary only if independent of the case,
 *   which the sealed prior involvement decides. Those rows stay NULL (and list under "none named") until
 *   `npm run data:appeal-columns` fills them through the cipher, or the appeal's next event or snapshot is stored.
 */
export class AppealPanelSecretary1764097960000 implements MigrationInterface {
  name = 'AppealPanelSecretary1764097960000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE appeal ADD COLUMN panel_secretary_id text NULL, ADD COLUMN sponsor_id text NULL`,
    );
    await q.query(`
      UPDATE appeal SET
        panel_secretary_id = NULLIF(snapshot::jsonb #>> '{panel,secretaryId}', ''),
        sponsor_id = NULLIF(snapshot::jsonb ->> 'sponsorId', '')
       WHERE snapshot LIKE '{%'`);
    await q.query(`
      UPDATE appeal a SET sponsor_id = c.sponsor_id
        FROM clearance c
       WHERE a.sponsor_id IS NULL AND a.snapshot NOT LIKE '{%' AND a.clearance_id = c.id`);
    await q.query(`
      UPDATE appeal a SET sponsor_id = v.sponsor_id
        FROM vetting_case v
       WHERE a.sponsor_id IS NULL AND a.snapshot NOT LIKE '{%' AND a.clearance_id IS NULL AND a.case_id = v.id`);
    // The work list: open appeals by secretary ("mine", "none named" is the NULL key), oldest first.
    await q.query(
      `CREATE INDEX ix_appeal_secretary ON appeal (panel_secretary_id, status, lodged_at) INCLUDE (kind, appellant_id, sponsor_id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_appeal_secretary`);
    await q.query(`ALTER TABLE appeal DROP COLUMN panel_secretary_id, DROP COLUMN sponsor_id`);
  }
}
