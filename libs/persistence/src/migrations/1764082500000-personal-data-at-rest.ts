import type { MigrationInterface, QueryRunner } from 'typeorm';

// The JSON columns that now hold one sealed value each (libs/persistence/src/field-cipher.ts).
const JSON_COLUMNS: readonly [table: string, column: string][] = [
  ['vetting_case', 'application'],
  ['case_event', 'payload'],
  ['questionnaire_draft', 'content'],
  ['questionnaire_version', 'content'],
];
const QUESTIONNAIRE_TABLES = ['questionnaire_draft', 'questionnaire_version'];

/**
 * Personal data at rest (issue 10 item 6): the application, questionnaire drafts and versions and case event
 * payloads become text, so each can hold an AES-256-GCM value sealed by the apps (`aesgcm:<key id>:...`).
 * user_contact.email and email_outbox.to_address are text already. Rows written before this keep their plain
 * JSON as text and still read; `npm run data:reencrypt` seals them (SQL cannot: the keys never reach the
 * database). The append-only triggers do not fire on a column type change.
 */
export class PersonalDataAtRest1764082500000 implements MigrationInterface {
  name = 'PersonalDataAtRest1764082500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_event ALTER COLUMN payload DROP DEFAULT`);
    // The questionnaire tables checked jsonb_typeof(content) = 'object', which SQL cannot see through a cipher.
    for (const table of QUESTIONNAIRE_TABLES) {
      const checks = (await q.query(
        `SELECT conname FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%jsonb_typeof%'`,
        [table],
      )) as { conname: string }[];
      for (const { conname } of checks) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT "${conname}"`);
    }
    for (const [table, column] of JSON_COLUMNS) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE text USING ${column}::text`);
    }
    // An empty payload is no one's personal data; writers that leave it out (bulk loads, benchmarks) still work.
    await q.query(`ALTER TABLE case_event ALTER COLUMN payload SET DEFAULT '{}'`);
    // What the check can still say: an encrypted value, or (from before) a JSON object.
    for (const table of QUESTIONNAIRE_TABLES) {
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_content_sealed
           CHECK (content LIKE 'aesgcm:%' OR content LIKE '{%')`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of JSON_COLUMNS) {
      const sealed = (await q.query(
        `SELECT 1 FROM ${table} WHERE ${column} LIKE 'aesgcm:%' LIMIT 1`,
      )) as unknown[];
      if (sealed.length > 0) {
        throw new Error(`${table}.${column} holds encrypted values, which SQL cannot turn back into JSON`);
      }
    }
    await q.query(`ALTER TABLE case_event ALTER COLUMN payload DROP DEFAULT`);
    for (const table of QUESTIONNAIRE_TABLES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_content_sealed`);
    }
    for (const [table, column] of JSON_COLUMNS) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE jsonb USING ${column}::jsonb`);
    }
    for (const table of QUESTIONNAIRE_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD CHECK (jsonb_typeof(content) = 'object')`);
    }
    await q.query(`ALTER TABLE case_event ALTER COLUMN payload SET DEFAULT '{}'::jsonb`);
  }
}
