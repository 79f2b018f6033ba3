import type { NotificationConfig } from '../../libs/config/src/app-config';
import { describeError } from '../../libs/config/src/log-sanitiser';
import { discretionViolations } from '../../libs/domain/src/notifications';
import type { ClaimedEmail, NotificationStore } from '../../libs/persistence/src/notification-store';
import type { EmailSender } from './email-sender';
import { createSmtpEmailSender, isPermanentEmailFailure } from './email-sender';

/** One structured log line: a message and plain fields (ids, counts; never an address). */
export type DispatchLogEntry = { message: string } & Record<string, unknown>;

/** Where the dispatcher logs; Nest's Logger fits, and so does a test's collector. */
export interface DispatchLogger {
  log(entry: DispatchLogEntry): void;
  warn(entry: DispatchLogEntry): void;
  error(entry: DispatchLogEntry): void;
}

/** What the dispatcher needs; supplied by the worker app or by a test. */
export interface EmailDispatcherDeps {
  store: NotificationStore;
  config: NotificationConfig;
  /** Defaults to SMTP from `config.smtp`; one of the two is required. */
  sender?: EmailSender;
  logger: DispatchLogger;
}

/** What one pass over the outbox did. */
export interface DispatchPass {
  claimed: number;
  sent: number;
  /** Given back after a transient failure, due again after a backoff. */
  retrying: number;
  /** Refused for good: a permanent SMTP rejection or the discretion guard. */
  failed: number;
  /** Left SENDING because recording the outcome failed; a later pass takes them once the claim is stale. */
  unrecorded: number;
}

type Outcome = 'sent' | 'retrying' | 'failed' | 'unrecorded';

// Longer than one send can take (the transport's timeouts add up to 50 s), so a clean stop leaves nothing SENDING.
const STOP_WAIT_MS = 60_000;
// SMTP replies often quote the recipient; the address is personal data and stays out of logs and last_error.
const EMAIL_ADDRESS = /[^\s<>@"']+@[^\s<>@"']+/g;

/**
 * Delivers the email outbox apart from any workflow: every `intervalMs` it claims up to `batchSize` due emails
 * (FOR UPDATE SKIP LOCKED, so several worker processes share the work), sends them concurrently, and records
 * each outcome: SENT; PENDING again with an exponential backoff after a transient failure; FAILED after a
 * permanent rejection or if the discretion guard refuses the text. A claim whose sender died is taken over
 * once it is older than EMAIL_RESEND_AFTER_MS, and resent with the same Message-ID (docs/notifications.md).
 */
export class EmailDispatcher {
  private readonly store: NotificationStore;
  private readonly sender: EmailSender;
  private readonly from: string;
  private readonly logger: DispatchLogger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private started = false;

  constructor(private readonly deps: EmailDispatcherDeps) {
    const { smtp } = deps.config;
    const sender = deps.sender ?? (smtp ? createSmtpEmailSender(smtp) : undefined);
    if (!sender) throw new Error('the email dispatcher needs SMTP_HOST (or a sender)');
    this.sender = sender;
    this.store = deps.store;
    this.logger = deps.logger;
    this.from = smtp?.from ?? '';
  }

  /** Starts polling the outbox; the first pass runs at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /**
   * Stops polling and waits for the pass in flight, so no email is left SENDING by a clean shutdown (the
   * transport's timeouts bound the wait); then closes the transport. Safe to call more than once.
   */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    const running = this.running;
    if (running) {
      // A database that stopped answering could hold a pass for minutes; shutdown must not wait on it.
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        running.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), STOP_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (!finished) {
        this.logger.warn({
          message:
            'stopped without waiting for the pass in flight; its emails are retried once their claims are stale',
          waitedMs: STOP_WAIT_MS,
        });
      }
    }
    this.sender.close();
  }

  /** One pass: claims the due emails (up to the batch size), sends them and records each outcome. */
  async dispatchOnce(): Promise<DispatchPass> {
    const { batchSize } = this.deps.config.dispatch;
    const claimed = await this.store.claimDue(batchSize, this.deps.config.resendAfterMs);
    const outcomes = await Promise.all(claimed.map((email) => this.deliver(email)));
    const count = (outcome: Outcome): number => outcomes.filter((o) => o === outcome).length;
    return {
      claimed: claimed.length,
      sent: count('sent'),
      retrying: count('retrying'),
      failed: count('failed'),
      unrecorded: count('unrecorded'),
    };
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.running = this.loop();
    }, delayMs);
  }

  private async loop(): Promise<void> {
    let next = this.deps.config.dispatch.intervalMs;
    try {
      const pass = await this.dispatchOnce();
      // A full batch means there is probably more waiting: go again at once rather than after the interval.
      if (pass.claimed >= this.deps.config.dispatch.batchSize) next = 0;
    } catch (error) {
      // The database is down or refused the claim; nothing was claimed, so nothing is stuck. Try again later.
      this.logger.warn({ message: 'email outbox pass failed; will try again', error: describeError(error) });
    }
    this.schedule(next);
  }

  private async deliver(claimed: ClaimedEmail): Promise<Outcome> {
    const context = {
      caseId: claimed.caseId,
      notificationId: claimed.notificationId,
      outboxId: claimed.id,
      messageId: claimed.messageId,
      attempt: claimed.attempts,
    };
    try {
      return await this.send(claimed, context);
    } catch (error) {
      // Recording the outcome failed (the database went away mid-pass). The row stays SENDING and is taken
      // over once its claim is stale: if the email did go, that is the one duplicate the protocol allows.
      this.logger.error({
        message: 'email outcome not recorded; it is retried once its claim is stale',
        ...context,
        error: describeError(error),
      });
      return 'unrecorded';
    }
  }

  private async send(claimed: ClaimedEmail, context: Record<string, unknown>): Promise<Outcome> {
    if (claimed.resend) {
      // The earlier sender died holding the claim; it may or may not have handed the email over first.
      this.logger.warn({
        message:
          'resending an email whose earlier send never finished; a duplicate carries the same Message-ID',
        ...context,
      });
    }
    const outgoing = { from: this.from, to: claimed.toAddress, subject: claimed.subject, text: claimed.body };
    const violations = discretionViolations(`${outgoing.from}\n${outgoing.subject}\n${outgoing.text}`);
    if (violations.length > 0) {
      const reason = `refused to send: the message is not discreet (${violations.join(', ')})`;
      await this.store.markFailed(claimed.id, claimed.attempts, reason);
      this.logger.error({ message: 'email refused by the discretion guard', ...context, violations });
      return 'failed';
    }
    try {
      await this.sender.send({ ...outgoing, messageId: claimed.messageId });
    } catch (error) {
      const reason = redactAddresses(error instanceof Error ? error.message : String(error));
      if (isPermanentEmailFailure(error)) {
        await this.store.markFailed(claimed.id, claimed.attempts, reason);
        this.logger.error({
          message: 'email rejected permanently; the inbox message stands',
          ...context,
          error: reason,
        });
        return 'failed';
      }
      const retryAfterMs = retryDelayMs(claimed.attempts, this.deps.config.dispatch);
      await this.store.release(claimed.id, claimed.attempts, reason, retryAfterMs);
      this.logger.warn({ message: 'email not sent; will retry', ...context, retryAfterMs, error: reason });
      return 'retrying';
    }
    // A crash here, after the server accepted the email and before this line commits, is the one window in
    // which the email is sent again (with the same Message-ID). See docs/notifications.md.
    await this.store.markSent(claimed.id);
    this.logger.log({ message: 'email sent', ...context });
    return 'sent';
  }
}

/**
 * How long an email waits after its `attempt`-th attempt failed for a transient reason: `retryInitialMs`,
 * doubling per attempt, never more than `retryMaxMs`.
 */
export function retryDelayMs(
  attempt: number,
  dispatch: Pick<NotificationConfig['dispatch'], 'retryInitialMs' | 'retryMaxMs'>,
): number {
  const doublings = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(dispatch.retryMaxMs, dispatch.retryInitialMs * 2 ** doublings);
}

/** Text with every email address replaced by `<address>`. */
export function redactAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, '<address>');
}
