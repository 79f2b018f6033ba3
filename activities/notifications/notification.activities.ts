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
import type { NotificationStore } from '../../libs/persistence/src/notification-store';
import { messageIdFor } from './email-sender';

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
  /** Defaults to the user_contact table. */
  contacts?: ContactResolver;
}

/** Failure types the workflow may see; neither is worth another attempt. */
export const NOTIFICATION_FAILURES = {
  invalidInput: 'INVALID_NOTIFICATION',
  indiscreet: 'DISCRETION_VIOLATION',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REASON = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Builds the notification activities: plain functions over injected dependencies, so tests can run them. */
export function createNotificationActivities(deps: NotificationActivityDeps) {
  const { store, config } = deps;
  const contacts: ContactResolver = deps.contacts ?? { emailFor: (userId) => store.contactFor(userId) };

  return {
    /**
     * Puts a discreet "there is an update, please sign in" message in the recipient's inbox and, if they have
     * an address, queues one email for it in the outbox; idempotent on the dedupe key, safe to retry at any
     * point. It never talks to the mail server: the worker's outbox dispatcher sends the email, so a mail
     * outage cannot hold up the case that asked for the notice.
     */
    async notifyCaseUpdate(input: NotifyCaseUpdateInput): Promise<void> {
      validate(input);
      const dedupeKey = input.dedupeKey ?? defaultNotificationDedupeKey(input);
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
        email: toAddress
          ? { outboxId, toAddress, messageId: messageIdFor(outboxId, config.smtp?.from) }
          : null,
      });
      log.info(
        stored.email ? 'notice stored; its email is queued in the outbox' : 'notice stored; inbox only',
        {
          caseId: input.caseId,
          role: input.role,
          reason: input.reason,
          recipient: input.recipient,
          notificationId: stored.notificationId,
          created: stored.created,
          ...(stored.email ? { outboxId: stored.email.id, emailStatus: stored.email.status } : {}),
        },
      );
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
