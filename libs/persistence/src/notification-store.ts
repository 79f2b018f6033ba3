import type { DataSource } from 'typeorm';
import type { EmailOutboxStatus } from './entities/notification-email-outbox.entity';
import type { FieldCipher, FieldSlot } from './field-cipher';

/** A notification to store: the rendered, discreet text and the key that makes storing it idempotent. */
export interface NewNotification {
  recipient: string;
  caseId: string | null;
  reason: string;
  subject: string;
  body: string;
  dedupeKey: string;
  /** The email to queue with it, or null for inbox only (the recipient has no address). */
  email: { outboxId: string; toAddress: string; messageId: string } | null;
}

/** An email row as the sender sees it, with the text of its notification. */
export interface OutboxEmail {
  id: string;
  notificationId: string;
  /** The case the notification is about (an opaque id, for logs), or null. */
  caseId: string | null;
  toAddress: string;
  status: EmailOutboxStatus;
  attempts: number;
  lastError: string | null;
  messageId: string;
  subject: string;
  body: string;
}

/** A claimed email: `attempts` is the claim's fencing token; `resend`: an earlier claim never finished. */
export interface ClaimedEmail extends OutboxEmail {
  resend: boolean;
}

/** What a message's id names: notices about a case, a held clearance and an appeal or complaint all use `case_id`. */
export type InboxSubjectKind = 'CASE' | 'CLEARANCE' | 'APPEAL';

/** One inbox message as its recipient sees it. */
export interface InboxMessage {
  id: string;
  caseId: string | null;
  /** What `caseId` names, looked up when read (the notice itself stores only the id); null if nothing known. */
  about: InboxSubjectKind | null;
  reason: string;
  subject: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

/** One page of an inbox, with counts. */
export interface InboxPage {
  items: InboxMessage[];
  total: number;
  unread: number;
}

interface OutboxRow {
  id: string;
  notification_id: string;
  case_id: string | null;
  to_address: string;
  status: EmailOutboxStatus;
  attempts: number;
  last_error: string | null;
  message_id: string;
  subject: string;
  body: string;
}

interface InboxRow {
  id: string;
  case_id: string | null;
  about: InboxSubjectKind | null;
  reason: string;
  subject: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

// TypeORM answers an UPDATE (even with RETURNING) as [rows, affected row count].
type UpdateResult<T> = [T[], number];

const OUTBOX_COLUMNS = `o.id, o.notification_id, n.case_id, o.to_address, o.status, o.attempts, o.last_error,
  o.message_id, n.subject, n.body`;
// The web links a staff notice to the page of what it concerns, so the kind of its id is looked up here (by primary
// key, one page at a time) rather than stored: old notices get it too, with no migration.
const INBOX_COLUMNS = `id, case_id, reason, subject, body, created_at, read_at,
  CASE WHEN case_id IS NULL THEN NULL
       WHEN EXISTS (SELECT 1 FROM vetting_case c WHERE c.id = notification.case_id) THEN 'CASE'
       WHEN EXISTS (SELECT 1 FROM clearance k WHERE k.id = notification.case_id) THEN 'CLEARANCE'
       WHEN EXISTS (SELECT 1 FROM appeal a WHERE a.id = notification.case_id) THEN 'APPEAL'
  END AS about`;
// Errors come from remote servers; keep the column bounded.
const MAX_ERROR = 2000;

/**
 * The inbox, the email outbox and user contacts. Writes are idempotent (dedupe key) and every outbox state
 * change is conditional on the state it expects, so a late or duplicate caller cannot undo another's work.
 * E-mail addresses are sealed with `cipher` (personal data at rest, docs/encryption.md).
 */
export class NotificationStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /**
   * Stores the notification and its email in one transaction, or nothing if the dedupe key is taken.
   * Returns the stored notification's id and email either way, so a retry carries on where the first stopped.
   */
  async record(
    input: NewNotification,
  ): Promise<{ notificationId: string; created: boolean; email: OutboxEmail | null }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }[]>(
        `INSERT INTO notification (recipient, case_id, reason, subject, body, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT uq_notification_dedupe_key DO NOTHING
         RETURNING id`,
        [input.recipient, input.caseId, input.reason, input.subject, input.body, input.dedupeKey],
      );
      const created = inserted[0];
      // The email is decided once, with the notification: a retry never adds one the first call did not.
      if (created && input.email) {
        await tx.query(
          `INSERT INTO email_outbox (id, notification_id, to_address, message_id) VALUES ($1, $2, $3, $4)`,
          [
            input.email.outboxId,
            created.id,
            this.cipher.seal(input.email.toAddress, outboxSlot(input.email.outboxId)),
            input.email.messageId,
          ],
        );
      }
      const rows = await tx.query<(OutboxRow & { nid: string })[]>(
        `SELECT n.id AS nid, ${OUTBOX_COLUMNS}
         FROM notification n LEFT JOIN email_outbox o ON o.notification_id = n.id
         WHERE n.dedupe_key = $1`,
        [input.dedupeKey],
      );
      const row = rows[0];
      if (!row) throw new Error(`notification ${input.dedupeKey} vanished inside its own transaction`);
      return {
        notificationId: row.nid,
        created: created !== undefined,
        email: row.id ? this.toOutbox(row) : null,
      };
    });
  }

  /**
   * Claims up to `limit` emails that are due: PENDING ones whose `next_attempt_at` has come, and SENDING ones
   * whose claim is older than `staleAfterMs` (their sender is presumed dead). SKIP LOCKED lets any number of
   * dispatchers (one per worker process) claim side by side, each row going to one of them.
   */
  async claimDue(limit: number, staleAfterMs: number): Promise<ClaimedEmail[]> {
    const [rows] = await this.dataSource.query<
      UpdateResult<OutboxRow & { previous_status: EmailOutboxStatus }>
    >(
      `WITH due AS (
         SELECT id, status FROM email_outbox
         WHERE (status = 'PENDING' AND next_attempt_at <= now())
            OR (status = 'SENDING'
                AND claimed_at < now() - make_interval(secs => $2::double precision / 1000))
         ORDER BY next_attempt_at, created_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       UPDATE email_outbox o
       SET status = 'SENDING', attempts = o.attempts + 1, claimed_at = now()
       FROM due, notification n
       WHERE o.id = due.id AND n.id = o.notification_id
       RETURNING ${OUTBOX_COLUMNS}, due.status AS previous_status`,
      [limit, staleAfterMs],
    );
    return rows.map((row) => ({ ...this.toOutbox(row), resend: row.previous_status === 'SENDING' }));
  }

  /** Records that the SMTP server accepted the email. Wins over any state but SENT: the email did go. */
  async markSent(outboxId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET status = 'SENT', sent_at = now(), last_error = NULL
       WHERE id = $1 AND status <> 'SENT'`,
      [outboxId],
    );
  }

  /** Records a permanent failure, only if this claim (`attempt`) still holds the row. */
  async markFailed(outboxId: string, attempt: number, error: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<UpdateResult<{ id: string }>>(
      `UPDATE email_outbox SET status = 'FAILED', last_error = $3
       WHERE id = $1 AND status = 'SENDING' AND attempts = $2 RETURNING id`,
      [outboxId, attempt, error.slice(0, MAX_ERROR)],
    );
    return rows.length > 0;
  }

  /**
   * Gives a claim back after a transient failure, due again in `retryAfterMs`; only if this claim (`attempt`)
   * still holds the row.
   */
  async release(outboxId: string, attempt: number, error: string, retryAfterMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET status = 'PENDING', last_error = $3, claimed_at = NULL,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1 AND status = 'SENDING' AND attempts = $2`,
      [outboxId, attempt, error.slice(0, MAX_ERROR), retryAfterMs],
    );
  }

  /** The email address a user gave for notifications, or null. */
  async contactFor(userId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ email: string }[]>(
      `SELECT email FROM user_contact WHERE user_id = $1`,
      [userId],
    );
    const row = rows[0];
    return row ? this.cipher.open(row.email, contactSlot(userId)) : null;
  }

  /** Sets (or replaces) a user's email address for notifications. */
  async setContact(userId: string, email: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO user_contact (user_id, email) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
      [userId, this.cipher.seal(email, contactSlot(userId))],
    );
  }

  /** One page of a recipient's inbox, newest first, with the total and unread counts. */
  async inbox(
    recipient: string,
    options: { unreadOnly: boolean; page: number; pageSize: number },
  ): Promise<InboxPage> {
    const filter = options.unreadOnly ? 'AND read_at IS NULL' : '';
    const rows = await this.dataSource.query<InboxRow[]>(
      `SELECT ${INBOX_COLUMNS} FROM notification WHERE recipient = $1 ${filter}
       ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [recipient, options.pageSize, (options.page - 1) * options.pageSize],
    );
    const counts = await this.dataSource.query<{ total: string; unread: string }[]>(
      `SELECT count(*) FILTER (WHERE TRUE ${filter}) AS total,
              count(*) FILTER (WHERE read_at IS NULL) AS unread
       FROM notification WHERE recipient = $1`,
      [recipient],
    );
    return {
      items: rows.map(toInbox),
      total: Number(counts[0]?.total ?? 0),
      unread: Number(counts[0]?.unread ?? 0),
    };
  }

  /**
   * Marks one of the recipient's messages read (keeping the first read time) and returns it; null if there is
   * no such message for this recipient, so callers cannot tell someone else's message from a missing one.
   */
  async markRead(recipient: string, notificationId: string): Promise<InboxMessage | null> {
    const [rows] = await this.dataSource.query<UpdateResult<InboxRow>>(
      `UPDATE notification SET read_at = COALESCE(read_at, now())
       WHERE id = $1 AND recipient = $2 RETURNING ${INBOX_COLUMNS}`,
      [notificationId, recipient],
    );
    const row = rows[0];
    return row ? toInbox(row) : null;
  }

  /** Marks every unread message of the recipient read; returns how many changed. */
  async markAllRead(recipient: string): Promise<number> {
    const [, count] = await this.dataSource.query<UpdateResult<{ id: string }>>(
      `UPDATE notification SET read_at = now() WHERE recipient = $1 AND read_at IS NULL`,
      [recipient],
    );
    return count;
  }

  // The address is opened here, at the last moment, for the sender or the activity that queued it.
  private toOutbox(row: OutboxRow): OutboxEmail {
    return {
      id: row.id,
      notificationId: row.notification_id,
      caseId: row.case_id,
      toAddress: this.cipher.open(row.to_address, outboxSlot(row.id)),
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      messageId: row.message_id,
      subject: row.subject,
      body: row.body,
    };
  }
}

/** Where an outbox email's address is sealed to. */
export function outboxSlot(outboxId: string): FieldSlot {
  return { field: 'email_outbox.to_address', row: outboxId };
}

/** Where a user's contact address is sealed to. */
export function contactSlot(userId: string): FieldSlot {
  return { field: 'user_contact.email', row: userId };
}

function toInbox(row: InboxRow): InboxMessage {
  return {
    id: row.id,
    caseId: row.case_id,
    about: row.about,
    reason: row.reason,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
