import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clearances granted by a decision; one per case, looked up by the opaque person id. */
export class Clearance1764060000000 implements MigrationInterface {
  name = 'Clearance1764060000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clearance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL UNIQUE,
        person_id text NOT NULL,
        level text NOT NULL CHECK (level IN ('DV')),
        granted_on date NOT NULL,
        review_due date NOT NULL,
        conditions jsonb NOT NULL DEFAULT '[]'::jsonb,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'WITHDRAWN')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (review_due > granted_on)
      )`);
    await q.query(`CREATE INDEX ix_clearance_person ON clearance (person_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE clearance`);
  }
}
