import { ApplicationFailure, log } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import type { NotificationConfig } from '../../libs/config/src/app-config';
import type { NotificationRole } from '../../libs/domain/src/notifications';
import type { Role } from '../../libs/domain/src/roles';
import { STAFF_ROLES } from '../../libs/domain/src/roles';
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

/**
 * Tell everyone the staff directory has in a staff role now (the panel secretaries, when an appeal names none of
 * them) that a case has an update. The workflow names the role and whom to leave out by opaque id only; the
 * activity resolves the people, so no list of staff ever sits in a workflow's history.
 */
export interface NotifyStaffInRoleInput {
  caseId: string;
  /** The staff role whose members are told, as the directory has them when the activity runs. */
  staffRole: Role;
  role: NotificationRole;
  reason: string;
  /** Each member's notice is keyed `${dedupeKey}:${userId}`: one per (case, event, recipient), retries too. */
  dedupeKey: string;
  /** Never told even if in the role: the case's parties and anyone with a part in it (opaque ids). */
  exclude: string[];
}

/** Who holds a staff role now; the worker reads the staff directory. */
export interface StaffRoster {
  idsWithRole(role: Role): Promise<string[]>;
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
  /** The staff directory, for notices to everyone in a role; without it such notices are refused. */
  roster?: StaffRoster;
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

  /** One discreet notice to one recipient (the `notifyCaseUpdate` activity). */
  async function notifyOne(input: NotifyCaseUpdateInput): Promise<void> {
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
      email: toAddress ? { outboxId, toAddress, messageId: messageIdFor(outboxId, config.smtp?.from) } : null,
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
  }

  return {
    /**
     * Puts a discreet "there is an update, please sign in" message in the recipient's inbox and, if they have
     * an address, queues one email for it in the outbox; idempotent on the dedupe key, safe to retry at any
     * point. It never talks to the mail server: the worker's outbox dispatcher sends the email, so a mail
     * outage cannot hold up the case that asked for the notice.
     */
    notifyCaseUpdate: notifyOne,

    /**
     * The same discreet notice to each member of a staff role but those excluded, one per member (idempotent
     * per member on the dedupe key, so a retry after a partial run tells nobody twice). Returns how many were
     * told, a count only: the ids stay out of the workflow's history.
     */
    async notifyStaffInRole(input: NotifyStaffInRoleInput): Promise<{ notified: number }> {
      validateGroup(input);
      if (!deps.roster) {
        throw ApplicationFailure.nonRetryable(
          'no staff directory: notices to a staff role cannot be resolved',
          NOTIFICATION_FAILURES.invalidInput,
        );
      }
      const excluded = new Set(input.exclude);
      const members = (await deps.roster.idsWithRole(input.staffRole)).filter((id) => !excluded.has(id));
      for (const recipient of members) {
        await notifyOne({
          caseId: input.caseId,
          recipient,
          role: input.role,
          reason: input.reason,
          dedupeKey: `${input.dedupeKey}:${recipient}`,
        });
      }
      if (members.length === 0) {
        log.warn('nobody in the staff role to tell', { caseId: input.caseId, staffRole: input.staffRole });
      }
      return { notified: members.length };
    },
  };
}

/** The notification activity interface workflows proxy (type-only import there). */
export type NotificationActivities = ReturnType<typeof createNotificationActivities>;

function validateGroup(input: NotifyStaffInRoleInput): void {
  // What every member's notice shares is checked up front, so a bad request is refused even with nobody to tell.
  const problems = sharedProblems(input);
  if (!STAFF_ROLES.includes(input.staffRole))
    problems.push(`staffRole must be one of ${STAFF_ROLES.join(', ')}`);
  if (
    !Array.isArray(input.exclude) ||
    input.exclude.length > 1000 ||
    input.exclude.some((id) => typeof id !== 'string')
  )
    problems.push('exclude must be a list of at most 1000 user ids');
  // Room for the recipient's id (up to 200 characters) after the key.
  if (typeof input.dedupeKey !== 'string' || input.dedupeKey === '' || input.dedupeKey.length > 299)
    problems.push('dedupeKey must be 1 to 299 characters');
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid notification: ${problems.join('; ')}`,
      NOTIFICATION_FAILURES.invalidInput,
    );
  }
}

/** Problems with the case, role and reason of a notice, one recipient or many. */
function sharedProblems(input: Pick<NotifyCaseUpdateInput, 'caseId' | 'role' | 'reason'>): string[] {
  const problems: string[] = [];
  if (!UUID.test(input.caseId)) problems.push('caseId must be a UUID');
  if (!(NOTIFICATION_ROLES as readonly string[]).includes(input.role))
    problems.push(`role must be one of ${NOTIFICATION_ROLES.join(', ')}`);
  if (!REASON.test(input.reason)) problems.push('reason must be an upper-case code such as DECISION');
  return problems;
}

function validate(input: NotifyCaseUpdateInput): void {
  const problems = sharedProblems(input);
  if (typeof input.recipient !== 'string' || input.recipient.trim() === '' || input.recipient.length > 200)
    problems.push('recipient must be a user id of 1 to 200 characters');
  if (input.dedupeKey !== undefined && (input.dedupeKey === '' || input.dedupeKey.length > 500))
    problems.push('dedupeKey must be 1 to 500 characters');
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid notification: ${problems.join('; ')}`,
      NOTIFICATION_FAILURES.invalidInput,
    );
  }
}
