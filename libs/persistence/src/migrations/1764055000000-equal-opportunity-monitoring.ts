import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Voluntary equal-opportunity answers, in a schema of their own, apart from the case tables. */
export class EqualOpportunityMonitoring1764055000000 implements MigrationInterface {
  name = 'EqualOpportunityMonitoring1764055000000';

  public async up(q: QueryRunner): Promise<void> {
    // A schema of its own lets production grant it to the HR reporting role alone; no other role gets it.
    await q.query(`CREATE SCHEMA monitoring`);
    await q.query(`REVOKE ALL ON SCHEMA monitoring FROM PUBLIC`);
    // No foreign key to vetting_case: reads aggregate by case id, and the schema must be able to move to its
    // own database. The allowed answers are spelled out here, not imported, so this migration never changes.
    await q.query(`
      CREATE TABLE monitoring.response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        sex text CHECK (sex IN ('FEMALE', 'MALE', 'PREFER_NOT_TO_SAY')),
        ethnicity text CHECK (ethnicity IN (
          'ASIAN_OR_ASIAN_BRITISH', 'BLACK_BLACK_BRITISH_CARIBBEAN_OR_AFRICAN', 'MIXED_OR_MULTIPLE_ETHNIC_GROUPS',
          'WHITE', 'OTHER_ETHNIC_GROUP', 'PREFER_NOT_TO_SAY')),
        disability text CHECK (disability IN ('DISABLED', 'NOT_DISABLED', 'PREFER_NOT_TO_SAY')),
        age_band text CHECK (age_band IN (
          'AGE_16_TO_24', 'AGE_25_TO_34', 'AGE_35_TO_44', 'AGE_45_TO_54', 'AGE_55_TO_64', 'AGE_65_AND_OVER',
          'PREFER_NOT_TO_SAY')),
        sexual_orientation text CHECK (sexual_orientation IN (
          'HETEROSEXUAL_OR_STRAIGHT', 'GAY_OR_LESBIAN', 'BISEXUAL', 'OTHER_SEXUAL_ORIENTATION', 'PREFER_NOT_TO_SAY')),
        religion text CHECK (religion IN (
          'NO_RELIGION', 'BUDDHIST', 'CHRISTIAN', 'HINDU', 'JEWISH', 'MUSLIM', 'SIKH', 'OTHER_RELIGION',
          'PREFER_NOT_TO_SAY')),
        socio_economic_background text CHECK (socio_economic_background IN (
          'PROFESSIONAL_BACKGROUND', 'INTERMEDIATE_BACKGROUND', 'LOWER_SOCIO_ECONOMIC_BACKGROUND',
          'PREFER_NOT_TO_SAY')),
        submitted_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT uq_monitoring_response_case_id UNIQUE (case_id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE monitoring.response`);
    await q.query(`DROP SCHEMA monitoring`);
  }
}
