import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sponsor invitations: who invited whom, how it ended, and how many chasers went out. */
export class Invitations1764061000000 implements MigrationInterface {
  name = 'Invitations1764061000000';

  public async up(q: QueryRunner): Promise<void> {
    // Written only by the invitation workflow's activities. No foreign key to vetting_case: the case row is
    // written by another workflow and may arrive after the invitation is linked to it.
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY,
        sponsor_id text NOT NULL CHECK (sponsor_id <> ''),
        applicant_id text NOT NULL CHECK (applicant_id <> ''),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'LAPSED', 'WITHDRAWN')),
        case_id uuid,
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        chasers_sent integer NOT NULL DEFAULT 0 CHECK (chasers_sent >= 0),
        CONSTRAINT ck_invitation_closed CHECK ((status = 'OPEN') = (closed_at IS NULL)),
        CONSTRAINT ck_invitation_case CHECK ((status = 'ACCEPTED') = (case_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_invitation_applicant ON invitation (applicant_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_invitation_sponsor ON invitation (sponsor_id, created_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation`);
  }
}
