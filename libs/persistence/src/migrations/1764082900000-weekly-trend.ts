import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseCounterKeys } from './case-counter-keys';

/**
 * HR's weekly trend (cases opened and decided each week, and the share decided within the DV target): two more
 * facts per case row for the counters of migration 1764082000000, counted per UTC day so a week is a sum of seven
 * counter rows whatever the number of cases.
 *
 * - `opened`: every case, on the day it was opened.
 * - `decided`: a closed case whose DV target was judged (`target_met` set, the same cases as the summary's
 *   `decidedCases`), on the day it closed, keyed MET or MISSED.
 *
 * `case_counter_keys` is replaced (CREATE OR REPLACE keeps the triggers that call it) by the same rows plus these.
 */
export class WeeklyTrend1764082900000 implements MigrationInterface {
  name = 'WeeklyTrend1764082900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(caseCounterKeys(true));
    await q.query(
      `INSERT INTO case_counter (metric, team, stage, key, day, n)
       SELECT k.metric, k.team, k.stage, k.key, k.day, count(*)
         FROM vetting_case c CROSS JOIN LATERAL case_counter_keys(c) k
        WHERE k.metric IN ('opened', 'decided')
        GROUP BY 1, 2, 3, 4, 5`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(caseCounterKeys(false));
    await q.query(`DELETE FROM case_counter WHERE metric IN ('opened', 'decided')`);
  }
}
