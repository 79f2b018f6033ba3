import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Baseline (BPSS) checks before the questionnaire: `vetting_case.baseline` holds where they stand and what the
 * officer asked the applicant for (free text), sealed by the apps like the questionnaire's review state. The
 * declaration itself is kept in the sealed `case_event.payload` of its SUBMIT_BASELINE event.
 */
export class BaselineChecks1764097500000 implements MigrationInterface {
  name = 'BaselineChecks1764097500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vetting_case ADD COLUMN baseline text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vetting_case DROP COLUMN baseline`);
  }
}
