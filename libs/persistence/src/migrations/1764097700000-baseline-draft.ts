import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The applicant's baseline (BPSS) declaration so far, kept between visits (issue 12): one row per case, shaped
 * as `questionnaire_draft` and written by the same store code (QuestionnaireStore), its content sealed by the
 * apps (`baseline_draft.content`). Removed when the declaration is sent: the sent one is in the case history.
 */
export class BaselineDraft1764097700000 implements MigrationInterface {
  name = 'BaselineDraft1764097700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE baseline_draft (
        case_id uuid PRIMARY KEY REFERENCES vetting_case (id) ON DELETE RESTRICT,
        content text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE baseline_draft`);
  }
}
