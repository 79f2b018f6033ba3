import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The DV security questionnaire: the applicant's draft per case, and every submitted version, kept for good. */
export class Questionnaire1764057000000 implements MigrationInterface {
  name = 'Questionnaire1764057000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE questionnaire_draft (
        case_id uuid PRIMARY KEY REFERENCES vetting_case (id) ON DELETE RESTRICT,
        content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        version integer NOT NULL DEFAULT 1 CHECK (version > 0)
      )`);

    await q.query(`
      CREATE TABLE questionnaire_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES vetting_case (id) ON DELETE RESTRICT,
        version integer NOT NULL CHECK (version > 0),
        content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        submitted_by text NOT NULL,
        CONSTRAINT uq_questionnaire_version_case_version UNIQUE (case_id, version)
      )`);

    // What the applicant submitted is evidence the vetting decision rests on: the database refuses to rewrite it.
    await q.query(`
      CREATE FUNCTION questionnaire_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'questionnaire_version is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER questionnaire_version_no_rewrite BEFORE UPDATE OR DELETE ON questionnaire_version
      FOR EACH ROW EXECUTE FUNCTION questionnaire_version_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER questionnaire_version_no_rewrite ON questionnaire_version`);
    await q.query(`DROP FUNCTION questionnaire_version_append_only`);
    await q.query(`DROP TABLE questionnaire_version`);
    await q.query(`DROP TABLE questionnaire_draft`);
  }
}
