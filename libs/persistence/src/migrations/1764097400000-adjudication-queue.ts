import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The senior adjudicators' referral queue (issue 12): `clearance.awaiting_adjudication_since`, set when an officer's
 * review refers the clearance or it is suspended and cleared when it is restored or ends
 * (`adjudicationQueueMove`), and `clearance.reviewers`, the officers who reviewed it (plain staff ids, as
 * `vetting_case.investigating_officers`), so the queue leaves out a clearance the adjudicator reviewed without
 * opening the sealed snapshot. A partial index lists the waiting clearances oldest first.
 *
 * Backfill from the event history (actions and actors are plain): reviewers from RECORD_REVIEW events, and a
 * suspended clearance waiting since its latest suspension. A referral recorded before this runs is only in a
 * sealed event's detail, so such a clearance joins the queue only if it is suspended.
 */
export class AdjudicationQueue1764097400000 implements MigrationInterface {
  name = 'AdjudicationQueue1764097400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE clearance
        ADD COLUMN awaiting_adjudication_since timestamptz NULL,
        ADD COLUMN reviewers text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE clearance c SET reviewers = e.reviewers
        FROM (SELECT clearance_id, array_agg(DISTINCT actor_id ORDER BY actor_id) AS reviewers FROM clearance_event
               WHERE action = 'RECORD_REVIEW' GROUP BY clearance_id) e
       WHERE e.clearance_id = c.id`);
    await q.query(`
      UPDATE clearance c SET awaiting_adjudication_since = e.at
        FROM (SELECT clearance_id, max(at) AS at FROM clearance_event WHERE action = 'SUSPEND'
               GROUP BY clearance_id) e
       WHERE e.clearance_id = c.id AND c.status = 'SUSPENDED'`);
    await q.query(
      `CREATE INDEX ix_clearance_awaiting_adjudication ON clearance (awaiting_adjudication_since, id)
        WHERE awaiting_adjudication_since IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_clearance_awaiting_adjudication`);
    await q.query(`ALTER TABLE clearance DROP COLUMN awaiting_adjudication_since, DROP COLUMN reviewers`);
  }
}
