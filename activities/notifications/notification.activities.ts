import { ApplicationFailure, log } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import type { NotificationConfig } from '../../libs/config/src/app-config';
import type { NotificationRole } from '../../libs/domain/src/notifications';
import {
  defaultNotificationDedupeKey,
  discretionViolations,
  NOTIFICATION_ROLES,
  renderNotification,
} from '../../libs/domain/src/notifications';
import type {
  ClaimedEmail,
  NotificationStore,
  OutboxEmail,
} from '../../libs/persistence/src/notification-store';
import type { EmailSender } from './email-sender';
import { createSmtpEmailSender, isPermanentEmailFailure, messageIdFor } from './email-sender';

/** What the workflow asks for: tell `recipient` (an opaque user id) that a case has an update for them. */
export interface NotifyCaseUpdateInput {
  caseId: string;
  recipient: string;
  role: NotificationRole;
  /** Why: 'DECISION', 'REMINDER', 'ESCALATION', 'CHASER', … Never shown; it only picks the template. */
  reason: string;
  /** Defaults to `${caseId}:${reason}:${role}:${recipient}`: one notification per such tuple, ever. */
  dedupeKey?: string;
}

/** Where a user's email address comes from; null means they have none and get the in-app inbox only. */
export interface ContactResolver {
  emailFor(userId: string): Promise<string | null>;
}

/** What the notification activities need; supplied by the worker or by a test. */
export interface NotificationActivityDeps {
  store: NotificationStore;
  config: NotificationConfig;
  /** Defaults to SMTP from `config.smtp`; null (or no SMTP_HOST) disables email and leaves rows PENDING. */
  sender?: EmailSender | null;
  /** Defaults to the user_contact table. */
  contacts?: ContactResolver;
}

/** Failure types the workflow may see; only the retryable ones are worth another attempt. */
export const NOTIFICATION_FAILURES = {
  invalidInput: 'INVALID_NOTIFICATION',
  indiscreet: 'DISCRETION_VIOLATION',
  rejected: 'EMAIL_REJECTED',
  transient: 'EMAIL_TRANSIENT',
  inProgress: 'EMAIL_SEND_IN_PROGRESS',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REASON = /^[A-Z][A-Z0-9_]{0,63}$/;
// SMTP replies often quote the recipient; the address is personal data and stays out of logs and failures.
const EMAIL_ADDRESS = /[^\s<>@"']+@[^\s<>@"']+/g;

/** Builds the notification activities: plain functions over injected dependencies, so tests can run them. */
export function createNotificationActivities(deps: NotificationActivityDeps) {
  const { store, config } = deps;
  const sender =
    deps.sender === undefined ? (config.smtp ? createSmtpEmailSender(config.smtp) : null) : deps.sender;
  const contacts: ContactResolver = deps.contacts ?? { emailFor: (userId) => store.contactFor(userId) };
  const from = config.smtp?.from;

  async function deliver(
    mailer: EmailSender,
    queued: OutboxEmail,
    context: Record<string, unknown>,
  ): Promise<void> {
    const claimed = await store.claim(queued.id, config.resendAfterMs);
    if (!claimed) return settled(queued.id, context);
    const attempt = {
      ...context,
      outboxId: claimed.id,
      messageId: claimed.messageId,
      attempt: claimed.attempts,
    };
    if (claimed.resend) {
      // The earlier sender died holding the claim; it may or may not have handed the email over first.
      log.warn(
        'resending an email whose earlier send never finished; a duplicate carries the same Message-ID',
        attempt,
      );
    }
    const outgoing = {
      from: from ?? '',
      to: claimed.toAddress,
      subject: claimed.subject,
      text: claimed.body,
    };
    const violations = discretionViolations(`${outgoing.from}\n${outgoing.subject}\n${outgoing.text}`);
    if (violations.length > 0) return refuseIndiscreet(claimed, violations, attempt);
    try {
      await mailer.send({ ...outgoing, messageId: claimed.messageId });
    } catch (error) {
      const reason = redact(error instanceof Error ? error.message : String(error));
      if (isPermanentEmailFailure(error)) {
        await store.markFailed(claimed.id, claimed.attempts, reason);
        log.error('email rejected permanently; the inbox message stands', { ...attempt, error: reason });
        throw ApplicationFailure.nonRetryable(`email rejected: ${reason}`, NOTIFICATION_FAILURES.rejected);
      }
      await store.release(claimed.id, claimed.attempts, reason);
      log.warn('email not sent; will retry', { ...attempt, error: reason });
      throw ApplicationFailure.retryable(`email not sent: ${reason}`, NOTIFICATION_FAILURES.transient);
    }
    // A crash here, after the server accepted the email and before this line commits, is the one window in
    // which a retry sends it again (with the same Message-ID). See README "Notifications".
    await store.markSent(claimed.id);
    log.info('email sent', attempt);
  }

  async function settled(outboxId: string, context: Record<string, unknown>): Promise<void> {
    const current = await store.email(outboxId);
    switch (current?.status) {
      case 'SENT':
        return;
      case 'FAILED':
        throw ApplicationFailure.nonRetryable(
          `email rejected earlier: ${current.lastError ?? 'unknown'}`,
          NOTIFICATION_FAILURES.rejected,
        );
      default:
        // Another attempt holds a fresh claim (or just gave it back). Retrying later finds it SENT, or stale.
        log.info('email claimed by another attempt; will check again', { ...context, outboxId });
        throw ApplicationFailure.retryable(
          'email is being sent by another attempt',
          NOTIFICATION_FAILURES.inProgress,
        );
    }
  }

  async function refuseIndiscreet(
    claimed: ClaimedEmail,
    violations: string[],
    context: Record<string, unknown>,
  ): Promise<never> {
    const reason = `refused to send: the message is not discreet (${violations.join(', ')})`;
    await store.markFailed(claimed.id, claimed.attempts, reason);
    log.error('email refused by the discretion guard', { ...context, violations });
    throw ApplicationFailure.nonRetryable(reason, NOTIFICATION_FAILURES.indiscreet);
  }

  return {
    /**
     * Puts a discreet "there is an update, please sign in" message in the recipient's inbox and emails it to
     * them once if they have an address; idempotent on the dedupe key, safe to retry at any point.
     */
    async notifyCaseUpdate(input: NotifyCaseUpdateInput): Promise<void> {
      validate(input);
      const dedupeKey = input.dedupeKey ?? defaultNotificationDedupeKey(input);
      const context = {
        caseId: input.caseId,
        role: input.role,
        reason: input.reason,
        recipient: input.recipient,
      };
      const message = renderNotification(input.reason, config.signInUrl);
      const violations = discretionViolations(`${message.subject}\n${message.body}`);
      if (violations.length > 0) {
        throw ApplicationFailure.nonRetryable(
          `refused to store an indiscreet notification (${violations.join(', ')})`,
          NOTIFICATION_FAILURES.indiscreet,
        );
      }
      const toAddress = await contacts.emailFor(input.recipient);
      const outboxId = randomUUID();
      const stored = await store.record({
        recipient: input.recipient,
        caseId: input.caseId,
        reason: input.reason,
        subject: message.subject,
        body: message.body,
        dedupeKey,
        email: toAddress ? { outboxId, toAddress, messageId: messageIdFor(outboxId, from) } : null,
      });
      const logged = { ...context, notificationId: stored.notificationId, created: stored.created };
      if (!stored.email) {
        log.info('inbox message stored; recipient has no email address, so no email', logged);
        return;
      }
      if (stored.email.status === 'SENT') return;
      if (!sender) {
        log.info('inbox message stored; email disabled (SMTP_HOST unset), email left PENDING', {
          ...logged,
          outboxId: stored.email.id,
        });
        return;
      }
      await deliver(sender, stored.email, logged);
    },
  };
}

/** The notification activity interface workflows proxy (type-only import there). */
export type NotificationActivities = ReturnType<typeof createNotificationActivities>;

function validate(input: NotifyCaseUpdateInput): void {
  const problems: string[] = [];
  if (!UUID.test(input.caseId)) problems.push('caseId must be a UUID');
  if (typeof input.recipient !== 'string' || input.recipient.trim() === '' || input.recipient.length > 200)
    problems.push('recipient must be a user id of 1 to 200 characters');
  if (!(NOTIFICATION_ROLES as readonly string[]).includes(input.role))
    problems.push(`role must be one of ${NOTIFICATION_ROLES.join(', ')}`);
  if (!REASON.test(input.reason)) problems.push('reason must be an upper-case code such as DECISION');
  if (input.dedupeKey !== undefined && (input.dedupeKey === '' || input.dedupeKey.length > 500))
    problems.push('dedupeKey must be 1 to 500 characters');
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid notification: ${problems.join('; ')}`,
      NOTIFICATION_FAILURES.invalidInput,
    );
  }
}

function redact(text: string): string {
  return text.replace(EMAIL_ADDRESS, '<address>');
}
