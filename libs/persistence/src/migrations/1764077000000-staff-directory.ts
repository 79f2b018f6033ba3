import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff directory (issue 9.6): who may be assigned to a case. A team lead assigned a case's applicant as its
 * officer, and a typo (`offcer-1`) was accepted, because an officer id was never checked against anyone. Rows
 * come from the identity provider's claims (upserted when a member of staff makes a request) and, on the
 * embedded default, from the local users. Only staff roles are kept: that a member of staff also applied is
 * nobody's business here.
 */
export class StaffDirectory1764077000000 implements MigrationInterface {
  name = 'StaffDirectory1764077000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_member (
        user_id text PRIMARY KEY,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        team text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT ck_staff_member_user_id CHECK (length(user_id) BETWEEN 1 AND 200),
        CONSTRAINT ck_staff_member_display_name CHECK (length(display_name) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX ix_staff_member_team ON staff_member (team)`);
    await q.query(`CREATE INDEX ix_staff_member_roles ON staff_member USING gin (roles)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_member`);
  }
}
