import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are delivered from the outbox by the worker's dispatcher, apart from any workflow (issue 10.2: a
 * retrying email held up every later write of its case). `next_attempt_at` is when a PENDING email is next due:
 * now for a new one, later after a transient failure (exponential backoff), so a mail-server outage costs one
 * cheap query per pass instead of a storm of connection attempts.
 */
export class EmailDispatch1764079300000 implements MigrationInterface {
  name = 'EmailDispatch1764079300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_outbox ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`DROP INDEX IF EXISTS ix_email_outbox_unsent`);
    // Serves the dispatcher's claim (PENDING and due, or SENDING and stale) and the metrics' counts of the
    // unsent; SENT rows, the vast majority, stay out of it.
    await q.query(
      `CREATE INDEX ix_email_outbox_unsent ON email_outbox (status, next_attempt_at) WHERE status <> 'SENT'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_email_outbox_unsent`);
    await q.query(
      `CREATE INDEX ix_email_outbox_unsent ON email_outbox (created_at) WHERE status IN ('PENDING', 'SENDING')`,
    );
    await q.query(`ALTER TABLE email_outbox DROP COLUMN next_attempt_at`);
  }
}
