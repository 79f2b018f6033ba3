import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sponsorship requests (issue 12): a case opened without an invitation is held in AWAITING_SPONSOR for the sponsor
 * its application names. `requested_sponsor_id` is that sponsor (an opaque user id, no personal data); the
 * partial index serves their "sponsorship requests" queue, the held cases that name them, oldest first.
 */
export class SponsorHold1764096000000 implements MigrationInterface {
  name = 'SponsorHold1764096000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vetting_case ADD COLUMN requested_sponsor_id text NULL`);
    await q.query(
      `CREATE INDEX ix_vetting_case_sponsorship_requests ON vetting_case (requested_sponsor_id, opened_at)
         WHERE stage = 'AWAITING_SPONSOR'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_vetting_case_sponsorship_requests`);
    await q.query(`ALTER TABLE vetting_case DROP COLUMN requested_sponsor_id`);
  }
}
