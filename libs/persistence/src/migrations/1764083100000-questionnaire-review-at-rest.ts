import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseIfSealed } from './sealed-column';

/**
 * The questionnaire's review state at rest (after 1764083000000-officer-text-at-rest): `vetting_case.questionnaire`
 * holds the items an officer returned to the applicant to fix, free text that can name people, places and
 * debts. It becomes text, to hold a value sealed by the apps (`aesgcm:<key id>:...`). Nothing filters on it.
 * Rows written before keep their JSON as text and still read; `npm run data:reencrypt` seals them.
 */
export class QuestionnaireReviewAtRest1764083100000 implements MigrationInterface {
  name = 'QuestionnaireReviewAtRest1764083100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vetting_case ALTER COLUMN questionnaire TYPE text USING questionnaire::text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await refuseIfSealed(q, 'vetting_case', 'questionnaire');
    await q.query(
      `ALTER TABLE vetting_case ALTER COLUMN questionnaire TYPE jsonb USING questionnaire::jsonb`,
    );
  }
}
