import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The in-app inbox, the email outbox that sends each notification at most once per claim, and contacts. */
export class Notifications1764059000000 implements MigrationInterface {
  name = 'Notifications1764059000000';

  public async up(q: QueryRunner): Promise<void> {
    // No foreign key to vetting_case: a notification may be written before the read-model row it is about,
    // and the inbox must not fail because of that ordering. dedupe_key makes activity retries harmless.
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient text NOT NULL CHECK (recipient <> ''),
        case_id uuid,
        reason text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT uq_notification_dedupe_key UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX ix_notification_recipient ON notification (recipient, created_at DESC, id)`);
    await q.query(`CREATE INDEX ix_notification_unread ON notification (recipient) WHERE read_at IS NULL`);

    // One email per notification at most (UNIQUE notification_id). SENDING marks a claim; attempts is the
    // fencing token of the current claim; message_id is fixed at insert so every resend carries the same one.
    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE RESTRICT,
        to_address text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        claimed_at timestamptz,
        sent_at timestamptz,
        message_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_email_outbox_notification UNIQUE (notification_id),
        CONSTRAINT uq_email_outbox_message_id UNIQUE (message_id),
        CONSTRAINT ck_email_outbox_sent CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_email_outbox_unsent ON email_outbox (created_at)
       WHERE status IN ('PENDING', 'SENDING')`,
    );

    // Until there is a user directory: where to email an opaque user id. No row means inbox only.
    await q.query(`
      CREATE TABLE user_contact (
        user_id text PRIMARY KEY CHECK (user_id <> ''),
        email text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_contact`);
    await q.query(`DROP TABLE email_outbox`);
    await q.query(`DROP TABLE notification`);
  }
}
