import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { LogEntry } from '@temporalio/worker';
import { DefaultLogger } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type {
  EmailSender,
  NotificationActivityDeps,
  NotifyCaseUpdateInput,
} from '../../activities/notifications';
import { createNotificationActivities, createSmtpEmailSender } from '../../activities/notifications';
import type { NotificationConfig, SmtpConfig } from '../../libs/config/src/app-config';
import { discretionViolations } from '../../libs/domain/src/notifications';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import { testDatabaseUrl } from '../support/env';
import { SmtpSink } from '../support/smtp-sink';

const SIGN_IN = 'https://example.org/sign-in';
const FROM = 'Notifications <no-reply@example.org>';

const sink = new SmtpSink();
const logs: LogEntry[] = [];
const logger = new DefaultLogger('DEBUG', (entry) => logs.push(entry));
let db: DataSource;
let store: NotificationStore;

beforeAll(async () => {
  await sink.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  store = new NotificationStore(db);
});
afterAll(async () => {
  await db.destroy();
  await sink.stop();
});

function smtp(port = sink.port): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, user: null, pass: null, from: FROM };
}

function activities(
  overrides: Partial<NotificationActivityDeps> = {},
  smtpConfig: SmtpConfig | null = smtp(),
) {
  const config: NotificationConfig = { signInUrl: SIGN_IN, smtp: smtpConfig, resendAfterMs: 60_000 };
  return createNotificationActivities({ store, config, ...overrides });
}

/** One activity attempt, in an activity context as the worker would run it. */
function attempt(acts: ReturnType<typeof activities>, input: NotifyCaseUpdateInput, n = 1): Promise<void> {
  return new MockActivityEnvironment({ attempt: n }, { logger }).run(acts.notifyCaseUpdate, input);
}

/** A user with (or without) an email address on file. */
async function newUser(withEmail = true): Promise<{ id: string; email: string }> {
  const id = `user-${randomUUID()}`;
  const email = `${randomUUID()}@example.org`;
  if (withEmail) await store.setContact(id, email);
  return { id, email };
}

function input(recipient: string, overrides: Partial<NotifyCaseUpdateInput> = {}): NotifyCaseUpdateInput {
  return { caseId: randomUUID(), recipient, role: 'APPLICANT', reason: 'DECISION', ...overrides };
}

interface OutboxRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
  sent_at: Date | null;
  to_address: string;
}

async function notificationsFor(recipient: string): Promise<{ id: string; dedupe_key: string }[]> {
  return db.query(`SELECT id, dedupe_key FROM notification WHERE recipient = $1`, [recipient]);
}

async function outboxFor(recipient: string): Promise<OutboxRow[]> {
  return db.query(
    `SELECT o.id, o.status, o.attempts, o.last_error, o.message_id, o.sent_at, o.to_address
     FROM email_outbox o JOIN notification n ON n.id = o.notification_id WHERE n.recipient = $1`,
    [recipient],
  );
}

async function onlyOutbox(recipient: string): Promise<OutboxRow> {
  const rows = await outboxFor(recipient);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** The failure an attempt ended with, as the worker would report it to Temporal. */
async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the activity to fail');
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Moves a claim into the past, as if its sender had died that long ago. */
async function ageClaim(outboxId: string, seconds: number): Promise<void> {
  await db.query(`UPDATE email_outbox SET claimed_at = now() - make_interval(secs => $2) WHERE id = $1`, [
    outboxId,
    seconds,
  ]);
}

describe('notifyCaseUpdate against PostgreSQL and a real SMTP server', () => {
  it('stores a discreet inbox message and emails it once, with the outbox id as its Message-ID', async () => {
    const user = await newUser();
    const request = input(user.id);
    await attempt(activities(), request);

    const [email, ...more] = sink.to(user.email);
    expect(more).toEqual([]);
    expect(email?.subject).toBe('You have a new message');
    expect(email?.text).toContain('There is an update for you. Please sign in to read it');
    expect(email?.text).toContain(SIGN_IN);
    expect(email?.headers['auto-submitted']).toBe('auto-generated');
    // The whole message as it left, headers included: nothing about the agency, clearance, stage or outcome.
    expect(discretionViolations(email?.raw ?? 'missing')).toEqual([]);

    const outbox = await onlyOutbox(user.id);
    expect(outbox).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, to_address: user.email });
    expect(outbox.sent_at).toBeInstanceOf(Date);
    expect(email?.messageId).toBe(`<${outbox.id}@example.org>`);
    expect(outbox.message_id).toBe(email?.messageId);

    const inbox = await store.inbox(user.id, { unreadOnly: true, page: 1, pageSize: 10 });
    expect(inbox.items).toEqual([
      expect.objectContaining({
        caseId: request.caseId,
        reason: 'DECISION',
        subject: 'You have a new message',
      }),
    ]);
  });

  it('sends once when the activity is retried after it succeeded', async () => {
    const user = await newUser();
    const request = input(user.id);
    const acts = activities();
    await attempt(acts, request, 1);
    await attempt(acts, request, 2);
    await attempt(activities(), request, 3); // a new worker process, same request

    expect(sink.to(user.email)).toHaveLength(1);
    expect(await notificationsFor(user.id)).toHaveLength(1);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('sends once when two attempts overlap; the loser asks to be retried and then finds it sent', async () => {
    const user = await newUser();
    const request = input(user.id);
    const results = await Promise.allSettled([
      attempt(activities(), request),
      attempt(activities(), request),
    ]);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect((failure as ApplicationFailure).nonRetryable).toBe(false);
    }
    await attempt(activities(), request, 2);
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('makes one notification per case, reason, role and recipient unless the caller gives a dedupe key', async () => {
    const user = await newUser();
    const caseId = randomUUID();
    const acts = activities();
    await attempt(acts, input(user.id, { caseId, reason: 'DECISION' }));
    await attempt(acts, input(user.id, { caseId, reason: 'REMINDER' }));
    await attempt(acts, input(user.id, { caseId, reason: 'REMINDER' }));
    await attempt(acts, input(user.id, { caseId, reason: 'CHASER', dedupeKey: `${caseId}:chaser:day-7` }));
    await attempt(acts, input(user.id, { caseId, reason: 'CHASER', dedupeKey: `${caseId}:chaser:day-7` }));
    await attempt(acts, input(user.id, { caseId, reason: 'CHASER', dedupeKey: `${caseId}:chaser:day-14` }));

    expect((await notificationsFor(user.id)).map((n) => n.dedupe_key).sort()).toEqual(
      [
        `${caseId}:DECISION:APPLICANT:${user.id}`,
        `${caseId}:REMINDER:APPLICANT:${user.id}`,
        `${caseId}:chaser:day-7`,
        `${caseId}:chaser:day-14`,
      ].sort(),
    );
    expect(sink.to(user.email).map((m) => m.subject)).toEqual([
      'You have a new message',
      'Reminder: you have a message waiting',
      'Reminder: you have a message waiting',
      'Reminder: you have a message waiting',
    ]);
  });

  it('recovers a claim whose sender died before sending: once stale, a retry sends it with the stored Message-ID', async () => {
    const user = await newUser();
    const request = input(user.id);
    // Queue it without sending, then leave it as a sender that died right after claiming would.
    await attempt(activities({ sender: null }), request);
    const queued = await onlyOutbox(user.id);
    expect(queued).toMatchObject({ status: 'PENDING', attempts: 0 });
    await db.query(
      `UPDATE email_outbox SET status = 'SENDING', attempts = 1, claimed_at = now() WHERE id = $1`,
      [queued.id],
    );

    // Fresh claim: the sender might still be alive, so a retry neither sends nor gives up.
    const early = await failureOf(attempt(activities(), request, 2));
    expect({ type: early.type, nonRetryable: early.nonRetryable }).toEqual({
      type: 'EMAIL_SEND_IN_PROGRESS',
      nonRetryable: false,
    });
    expect(sink.to(user.email)).toHaveLength(0);

    await ageClaim(queued.id, 61);
    await attempt(activities(), request, 3);
    const [email, ...more] = sink.to(user.email);
    expect(more).toEqual([]);
    expect(email?.messageId).toBe(queued.message_id);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('recovers a claim whose sender died after the server accepted it: the resend repeats the Message-ID', async () => {
    const user = await newUser();
    const request = input(user.id);
    const smtpSender = createSmtpEmailSender(smtp());
    // Hands the email to the server, then never returns: the process died before recording SENT.
    const dying: EmailSender = {
      send: async (email) => {
        await smtpSender.send(email);
        await new Promise<never>(() => undefined);
      },
      close: () => smtpSender.close(),
    };
    void attempt(activities({ sender: dying }), request);
    await until(() => sink.to(user.email).length === 1, 'the first copy');
    const claimed = await onlyOutbox(user.id);
    expect(claimed).toMatchObject({ status: 'SENDING', attempts: 1 });

    await ageClaim(claimed.id, 61);
    await attempt(activities(), request, 2);

    const copies = sink.to(user.email);
    expect(copies).toHaveLength(2);
    // The one duplicate this design can produce, and how a mail system downstream recognises it.
    expect(copies.map((m) => m.messageId)).toEqual([claimed.message_id, claimed.message_id]);
    expect(copies[0]?.text).toBe(copies[1]?.text);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(logs.some((l) => l.level === 'WARN' && l.message.includes('resending'))).toBe(true);
  });

  it('keeps the inbox message and queues no email when the recipient has no address', async () => {
    const user = await newUser(false);
    const request = input(user.id, { role: 'SPONSOR' });
    await attempt(activities(), request);
    await attempt(activities(), request, 2);

    expect(await notificationsFor(user.id)).toHaveLength(1);
    expect(await outboxFor(user.id)).toEqual([]);
    expect(sink.to(user.email)).toHaveLength(0);
    const inbox = await store.inbox(user.id, { unreadOnly: false, page: 1, pageSize: 10 });
    expect(inbox.unread).toBe(1);
  });

  it('leaves the email PENDING when email is disabled (no SMTP_HOST), and stores the inbox message', async () => {
    const user = await newUser();
    await attempt(activities({}, null), input(user.id));
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await notificationsFor(user.id)).toHaveLength(1);
  });

  it('marks a permanent refusal (5xx) FAILED, fails without retry, and keeps the address out of logs', async () => {
    const user = await newUser();
    sink.refuse(user.email, 550, `5.1.1 <${user.email}>: mailbox unavailable`);
    const request = input(user.id);

    const failure = await failureOf(attempt(activities(), request));
    expect({ type: failure.type, nonRetryable: failure.nonRetryable }).toEqual({
      type: 'EMAIL_REJECTED',
      nonRetryable: true,
    });
    const failed = await onlyOutbox(user.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.last_error).toContain('550');

    // Idempotent: asking again gives the same answer and sends nothing.
    const again = await failureOf(attempt(activities(), request, 2));
    expect(again.type).toBe('EMAIL_REJECTED');
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await notificationsFor(user.id)).toHaveLength(1);

    const text = JSON.stringify(
      [logs, failure.message, again.message, failed.last_error],
      (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    );
    expect(text).not.toContain(user.email);
  });

  it('treats a transient refusal (4xx) as retryable, and the retry sends with the same Message-ID', async () => {
    const user = await newUser();
    sink.refuse(user.email, 451, '4.3.0 try again later', 1);
    const request = input(user.id);

    const failure = await failureOf(attempt(activities(), request));
    expect({ type: failure.type, nonRetryable: failure.nonRetryable }).toEqual({
      type: 'EMAIL_TRANSIENT',
      nonRetryable: false,
    });
    const released = await onlyOutbox(user.id);
    expect(released).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(released.last_error).toContain('451');

    await attempt(activities(), request, 2);
    const [email, ...more] = sink.to(user.email);
    expect(more).toEqual([]);
    expect(email?.messageId).toBe(released.message_id);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
  });

  it('treats an unreachable SMTP server as retryable and leaves the email PENDING', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const user = await newUser();
    const failure = await failureOf(attempt(activities({}, smtp(closedPort)), input(user.id)));
    expect({ type: failure.type, nonRetryable: failure.nonRetryable }).toEqual({
      type: 'EMAIL_TRANSIENT',
      nonRetryable: false,
    });
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'PENDING', attempts: 1 });
  });

  it('refuses, as a last guard, to send a stored message that is not discreet', async () => {
    const user = await newUser();
    const caseId = randomUUID();
    const outboxId = randomUUID();
    const dedupeKey = `${caseId}:DECISION:APPLICANT:${user.id}`;
    // As if a template regression had stored it: the sender must still refuse.
    await store.record({
      recipient: user.id,
      caseId,
      reason: 'DECISION',
      subject: 'Your DV clearance',
      body: 'Your developed vetting was granted.',
      dedupeKey,
      email: { outboxId, toAddress: user.email, messageId: `<${outboxId}@example.org>` },
    });

    const failure = await failureOf(attempt(activities(), input(user.id, { caseId })));
    expect({ type: failure.type, nonRetryable: failure.nonRetryable }).toEqual({
      type: 'DISCRETION_VIOLATION',
      nonRetryable: true,
    });
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'FAILED' });
  });

  it('refuses malformed input without writing anything', async () => {
    const user = await newUser();
    const failure = await failureOf(
      attempt(activities(), input(user.id, { caseId: 'not-a-uuid', reason: 'x y' })),
    );
    expect({ type: failure.type, nonRetryable: failure.nonRetryable }).toEqual({
      type: 'INVALID_NOTIFICATION',
      nonRetryable: true,
    });
    expect(await notificationsFor(user.id)).toEqual([]);
  });
});
