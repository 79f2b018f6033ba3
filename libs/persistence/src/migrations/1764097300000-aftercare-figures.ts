import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { caseCounterKeys } from './case-counter-keys';

/**
 * HR's aftercare figures (issue 12, docs/read-model.md "Aftercare figures"), each kept countable without reading
 * every case or every clearance:
 *
 * - `vetting_case.renewal_of`: the clearance a renewal case renews (the workflow's `renewalOf`, written by the
 *   case activity with every transition), and a `renewal_target` counter (MET/MISSED) of closed renewal cases
 *   whose target was judged, the renewal SLA share. The counter function is replaced as in 1764082900000.
 * - `clearance.appraisal_status` (DUE, SUBMITTED, OVERDUE) and `clearance.renewal_status` (OPEN, GRANTED,
 *   REFUSED, CLOSED): plain copies of the sealed snapshot's this-year appraisal and latest renewal, written beside
 *   it, with partial indexes for "appraisals overdue" and "renewals due within 90 days" over live clearances.
 *
 * Backfill: the clearance columns from each clearance's latest appraisal and renewal event (`clearance_event`
 * actions are plain). A case's `renewalOf` is only in its sealed first event, so renewal cases already closed
 * when this runs are not counted as renewals; an open one is marked by its next transition.
 */
export class AftercareFigures1764097300000 implements MigrationInterface {
  name = 'AftercareFigures1764097300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vetting_case ADD COLUMN renewal_of uuid NULL`);
    await installRenewalCounter(q);
    await q.query(`
      ALTER TABLE clearance
        ADD COLUMN appraisal_status text NULL CHECK (appraisal_status IN ('DUE', 'SUBMITTED', 'OVERDUE')),
        ADD COLUMN renewal_status text NULL CHECK (renewal_status IN ('OPEN', 'GRANTED', 'REFUSED', 'CLOSED'))`);
    await backfillClearanceFacts(q);
    await q.query(
      `CREATE INDEX ix_clearance_live_review_due ON clearance (review_due, renewal_status)
        WHERE status IN ('VALID', 'SUSPENDED')`,
    );
    await q.query(
      `CREATE INDEX ix_clearance_appraisal_overdue ON clearance (case_id)
        WHERE appraisal_status = 'OVERDUE' AND status IN ('VALID', 'SUSPENDED')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_clearance_appraisal_overdue`);
    await q.query(`DROP INDEX ix_clearance_live_review_due`);
    await q.query(`ALTER TABLE clearance DROP COLUMN appraisal_status, DROP COLUMN renewal_status`);
    await q.query(caseCounterKeys(true));
    await q.query(`DELETE FROM case_counter WHERE metric = 'renewal_target'`);
    await q.query(`ALTER TABLE vetting_case DROP COLUMN renewal_of`);
  }
}

/** Counts renewal cases in `case_counter_keys` and backfills their counter from the rows there. */
export async function installRenewalCounter(q: QueryRunner | EntityManager): Promise<void> {
  await q.query(caseCounterKeys(true, true));
  await q.query(
    `INSERT INTO case_counter (metric, team, stage, key, day, n)
     SELECT k.metric, k.team, k.stage, k.key, k.day, count(*)
       FROM vetting_case c CROSS JOIN LATERAL case_counter_keys(c) k
      WHERE k.metric = 'renewal_target'
      GROUP BY 1, 2, 3, 4, 5`,
  );
}

/** Each clearance's appraisal and renewal status from its latest such event (the actions are not sealed). */
export async function backfillClearanceFacts(q: QueryRunner | EntityManager): Promise<void> {
  await q.query(`
    UPDATE clearance c SET appraisal_status = CASE e.action WHEN 'APPRAISAL_OVERDUE' THEN 'OVERDUE'
                                                           WHEN 'SUBMIT_APPRAISAL' THEN 'SUBMITTED' ELSE 'DUE' END
      FROM (SELECT DISTINCT ON (clearance_id) clearance_id, action FROM clearance_event
             WHERE action IN ('APPRAISAL_DUE', 'APPRAISAL_REMINDER', 'APPRAISAL_OVERDUE', 'SUBMIT_APPRAISAL')
             ORDER BY clearance_id, seq DESC) e
     WHERE e.clearance_id = c.id`);
  await q.query(`
    UPDATE clearance c SET renewal_status = CASE e.action WHEN 'OPEN_RENEWAL' THEN 'OPEN'
                                                         WHEN 'RENEWAL_GRANTED' THEN 'GRANTED'
                                                         WHEN 'RENEWAL_REFUSED' THEN 'REFUSED' ELSE 'CLOSED' END
      FROM (SELECT DISTINCT ON (clearance_id) clearance_id, action FROM clearance_event
             WHERE action IN ('OPEN_RENEWAL', 'RENEWAL_GRANTED', 'RENEWAL_REFUSED', 'RENEWAL_CLOSED')
             ORDER BY clearance_id, seq DESC) e
     WHERE e.clearance_id = c.id`);
}
