import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { LogEntry } from '@temporalio/worker';
import { DefaultLogger } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type {
  DispatchLogEntry,
  DispatchPass,
  EmailSender,
  NotifyCaseUpdateInput,
  NotifyStaffInRoleInput,
} from '../../activities/notifications';
import {
  createNotificationActivities,
  createSmtpEmailSender,
  EmailDispatcher,
} from '../../activities/notifications';
import type { NotificationConfig, SmtpConfig } from '../../libs/config/src/app-config';
import { discretionViolations } from '../../libs/domain/src/notifications';
import type { Role } from '../../libs/domain/src/roles';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { NotificationStore, outboxSlot } from '../../libs/persistence/src/notification-store';
import { DashboardReadModel } from '../../libs/persistence/src/read-model';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { SmtpSink } from '../support/smtp-sink';
import { TcpProxy } from '../support/tcp-proxy';
import { fieldCipher } from '../support/field-cipher';

const SIGN_IN = 'https://example.org/sign-in';
const FROM = 'Notifications <no-reply@example.org>';

const sink = new SmtpSink();
const logs: LogEntry[] = [];
const logger = new DefaultLogger('DEBUG', (entry) => logs.push(entry));
const dispatchLogs: DispatchLogEntry[] = [];
const dispatchLogger = {
  log: (entry: DispatchLogEntry) => void dispatchLogs.push(entry),
  warn: (entry: DispatchLogEntry) => void dispatchLogs.push({ ...entry, level: 'WARN' }),
  error: (entry: DispatchLogEntry) => void dispatchLogs.push({ ...entry, level: 'ERROR' }),
};
let database: PrivateDatabase;
let db: DataSource;
let store: NotificationStore;

beforeAll(async () => {
  await sink.start();
  // Its own database: each test drains the whole outbox, which must hold only this file's emails.
  database = await createPrivateDatabase();
  db = createDataSource(database.url);
  await db.initialize();
  store = new NotificationStore(db, fieldCipher);
});
afterAll(async () => {
  await db.destroy();
  await database.drop();
  await sink.stop();
});

function smtp(port = sink.port): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, user: null, pass: null, from: FROM };
}

function config(smtpConfig: SmtpConfig | null = smtp()): NotificationConfig {
  return {
    signInUrl: SIGN_IN,
    smtp: smtpConfig,
    resendAfterMs: 60_000,
    dispatch: { intervalMs: 50, batchSize: 10, retryInitialMs: 300, retryMaxMs: 1000 },
  };
}

function activities(smtpConfig: SmtpConfig | null = smtp()) {
  return createNotificationActivities({ store, config: config(smtpConfig) });
}

/** One activity attempt, in an activity context as the worker would run it. */
function attempt(acts: ReturnType<typeof activities>, input: NotifyCaseUpdateInput, n = 1): Promise<void> {
  return new MockActivityEnvironment({ attempt: n }, { logger }).run(acts.notifyCaseUpdate, input);
}

/** Stores the notice as the workflow's activity would (first attempt). */
function notify(input: NotifyCaseUpdateInput): Promise<void> {
  return attempt(activities(), input);
}

function dispatcher(overrides: { sender?: EmailSender; smtp?: SmtpConfig } = {}): EmailDispatcher {
  return new EmailDispatcher({
    store,
    config: config(overrides.smtp ?? smtp()),
    logger: dispatchLogger,
    ...(overrides.sender ? { sender: overrides.sender } : {}),
  });
}

/** Passes over the outbox until nothing due is left; returns what they did in total. */
async function drain(through: EmailDispatcher = dispatcher()): Promise<DispatchPass> {
  const total: DispatchPass = { claimed: 0, sent: 0, retrying: 0, failed: 0, unrecorded: 0 };
  for (;;) {
    const pass = await through.dispatchOnce();
    for (const key of Object.keys(total) as (keyof DispatchPass)[]) total[key] += pass[key];
    if (pass.claimed === 0) return total;
  }
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
  due_in_ms: number;
}

async function notificationsFor(recipient: string): Promise<{ id: string; dedupe_key: string }[]> {
  return db.query(`SELECT id, dedupe_key FROM notification WHERE recipient = $1`, [recipient]);
}

/** The recipient's outbox rows, with the address decrypted after checking it is stored encrypted. */
async function outboxFor(recipient: string): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = await db.query(
    `SELECT o.id, o.status, o.attempts, o.last_error, o.message_id, o.sent_at, o.to_address,
            (extract(epoch FROM o.next_attempt_at - now()) * 1000)::int AS due_in_ms
     FROM email_outbox o JOIN notification n ON n.id = o.notification_id WHERE n.recipient = $1`,
    [recipient],
  );
  return rows.map((row) => {
    expect(row.to_address).toMatch(/^aesgcm:/);
    return { ...row, to_address: fieldCipher.open(row.to_address, outboxSlot(row.id)) };
  });
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

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
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

/** A port with a listener that only counts connections (and drops them): who talks to "SMTP" here? */
async function countingPort(): Promise<{
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// Each test starts with nothing due in the outbox, so a pass claims only what that test queued.
beforeEach(async () => {
  await drain();
});

describe('notifyCaseUpdate stores the notice and queues its email, and never talks to the mail server', () => {
  it('stores a discreet inbox message and a PENDING email with a fixed Message-ID, without connecting to SMTP', async () => {
    const mailServer = await countingPort();
    try {
      const user = await newUser();
      const request = input(user.id);
      const started = Date.now();
      await attempt(activities(smtp(mailServer.port)), request);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(mailServer.connections()).toBe(0);

      const outbox = await onlyOutbox(user.id);
      expect(outbox).toMatchObject({
        status: 'PENDING',
        attempts: 0,
        last_error: null,
        to_address: user.email,
      });
      expect(outbox.message_id).toBe(`<${outbox.id}@example.org>`);
      expect(outbox.due_in_ms).toBeLessThanOrEqual(0);
      const inbox = await store.inbox(user.id, { unreadOnly: true, page: 1, pageSize: 10 });
      expect(inbox.items).toEqual([
        expect.objectContaining({
          caseId: request.caseId,
          reason: 'DECISION',
          subject: 'You have a new message',
        }),
      ]);
      expect(sink.to(user.email)).toHaveLength(0);
    } finally {
      await mailServer.close();
    }
  });

  it('stores one notification and one email however often the activity is retried', async () => {
    const user = await newUser();
    const request = input(user.id);
    await attempt(activities(), request, 1);
    await attempt(activities(), request, 2);
    await drain();
    await attempt(activities(), request, 3); // a retry after the email went: nothing new is queued
    await drain();

    expect(sink.to(user.email)).toHaveLength(1);
    expect(await notificationsFor(user.id)).toHaveLength(1);
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
    await drain();

    expect((await notificationsFor(user.id)).map((n) => n.dedupe_key).sort()).toEqual(
      [
        `${caseId}:DECISION:APPLICANT:${user.id}`,
        `${caseId}:REMINDER:APPLICANT:${user.id}`,
        `${caseId}:chaser:day-7`,
        `${caseId}:chaser:day-14`,
      ].sort(),
    );
    expect(
      sink
        .to(user.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      'Reminder: you have a message waiting',
      'Reminder: you have a message waiting',
      'Reminder: you have a message waiting',
      'You have a new message',
    ]);
  });

  it('keeps the inbox message and queues no email when the recipient has no address', async () => {
    const user = await newUser(false);
    const request = input(user.id, { role: 'SPONSOR' });
    await attempt(activities(), request);
    await attempt(activities(), request, 2);

    expect(await notificationsFor(user.id)).toHaveLength(1);
    expect(await outboxFor(user.id)).toEqual([]);
    const inbox = await store.inbox(user.id, { unreadOnly: false, page: 1, pageSize: 10 });
    expect(inbox.unread).toBe(1);
  });

  it('queues the email PENDING when email is disabled (no SMTP_HOST); a dispatcher with SMTP sends it later', async () => {
    const user = await newUser();
    await attempt(activities(null), input(user.id));
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(() => new EmailDispatcher({ store, config: config(null), logger: dispatchLogger })).toThrow(
      /SMTP_HOST/,
    );

    await drain();
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 1 });
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

describe('notifyStaffInRole tells each member of a staff role, as the directory has them', () => {
  it('stores one notice per member but those left out, however often retried, and refuses bad input', async () => {
    // No addresses on file: inbox only, so the outbox the dispatcher tests drain stays theirs.
    const [a, b, left] = await Promise.all([newUser(false), newUser(false), newUser(false)]);
    const members = [a.id, b.id, left.id];
    const roster = {
      idsWithRole: (role: Role) => Promise.resolve(role === 'PANEL_SECRETARY' ? members : []),
    };
    const acts = createNotificationActivities({ store, config: config(null), roster });
    const group: NotifyStaffInRoleInput = {
      caseId: randomUUID(),
      staffRole: 'PANEL_SECRETARY',
      role: 'PANEL_SECRETARY',
      reason: 'REMINDER',
      dedupeKey: `group-${randomUUID()}`,
      exclude: [left.id],
    };
    const run = (n: number, over: Partial<NotifyStaffInRoleInput> = {}, with_ = acts) =>
      new MockActivityEnvironment({ attempt: n }, { logger }).run(with_.notifyStaffInRole, {
        ...group,
        ...over,
      });

    expect(await run(1)).toEqual({ notified: 2 });
    expect(await run(2)).toEqual({ notified: 2 });
    expect(await notificationsFor(a.id)).toEqual([
      { id: expect.any(String) as string, dedupe_key: `${group.dedupeKey}:${a.id}` },
    ]);
    expect(await notificationsFor(b.id)).toHaveLength(1);
    expect(await notificationsFor(left.id)).toEqual([]);

    for (const bad of [{ staffRole: 'NOBODY' as Role }, { dedupeKey: '' }, { caseId: 'not-a-uuid' }]) {
      const failure = await failureOf(run(1, { ...bad, dedupeKey: bad.dedupeKey ?? `bad-${randomUUID()}` }));
      expect([failure.type, failure.nonRetryable]).toEqual(['INVALID_NOTIFICATION', true]);
    }
    // Without the staff directory nobody can be resolved: refused, not guessed.
    const blind = createNotificationActivities({ store, config: config(null) });
    const failure = await failureOf(run(1, { dedupeKey: `blind-${randomUUID()}` }, blind));
    expect(failure.type).toBe('INVALID_NOTIFICATION');
    expect(await notificationsFor(a.id)).toHaveLength(1);
  });
});

describe('the outbox dispatcher against PostgreSQL and a real SMTP server', () => {
  it('emails a queued notice once, discreetly, with the outbox id as its Message-ID', async () => {
    const user = await newUser();
    await notify(input(user.id));
    await drain();

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
  });

  it('sends each email once when several dispatchers (worker processes) pass over the outbox together', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => newUser()));
    for (const user of users) await notify(input(user.id));
    const small = (): EmailDispatcher =>
      new EmailDispatcher({
        store,
        config: { ...config(), dispatch: { ...config().dispatch, batchSize: 2 } },
        logger: dispatchLogger,
      });
    await Promise.all([drain(small()), drain(small()), drain(small())]);

    for (const user of users) {
      expect({ user: user.id, emails: sink.to(user.email).length }).toEqual({ user: user.id, emails: 1 });
      expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 1 });
    }
  });

  it('delivers by itself once started, and a stop waits for the send in flight', async () => {
    const smtpSender = createSmtpEmailSender(smtp());
    let releaseSend: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (releaseSend = resolve));
    // Hands the email over only when the test says so, so the stop can be seen waiting for it.
    const slow: EmailSender = {
      send: async (email) => {
        await held;
        await smtpSender.send(email);
      },
      close: () => smtpSender.close(),
    };
    const running = dispatcher({ sender: slow });
    running.start();
    const user = await newUser();
    await notify(input(user.id));
    await until(async () => (await onlyOutbox(user.id)).status === 'SENDING', 'the claim');

    const stopped = running.stop();
    let stopResolved = false;
    void stopped.then(() => (stopResolved = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopResolved).toBe(false);
    releaseSend();
    await stopped;
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 1 });

    // Stopped means stopped: nothing queued afterwards is sent by it.
    const later = await newUser();
    await notify(input(later.id));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await onlyOutbox(later.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('keeps polling through a database outage, and sends what was queued once the database is back', async () => {
    const proxy = await TcpProxy.forUrl(database.url).start();
    const throughProxy = createDataSource(proxy.url(database.url));
    await throughProxy.initialize();
    const running = new EmailDispatcher({
      store: new NotificationStore(throughProxy, fieldCipher),
      config: config(),
      logger: dispatchLogger,
    });
    try {
      proxy.disconnect();
      running.start();
      await until(
        () => dispatchLogs.some((l) => l.message === 'email outbox pass failed; will try again'),
        'a failed pass',
      );
      const user = await newUser();
      await notify(input(user.id));
      expect(sink.to(user.email)).toHaveLength(0);

      proxy.reconnect();
      // The running dispatcher records SENT just after the server accepts the email, so wait for both.
      await until(() => sink.to(user.email).length === 1, 'the email, once the database is back');
      await until(async () => (await onlyOutbox(user.id)).status === 'SENT', 'the email recorded as sent');
      expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 1 });
      // Logged without the SQL or its parameters.
      const failed = dispatchLogs.find((l) => l.message === 'email outbox pass failed; will try again');
      expect(JSON.stringify(failed)).not.toMatch(/SELECT|UPDATE|email_outbox/);
    } finally {
      await running.stop();
      await throughProxy.destroy();
      await proxy.stop();
    }
  });

  it('recovers a claim whose sender died before sending: once stale, a pass sends it with the stored Message-ID', async () => {
    const user = await newUser();
    await notify(input(user.id));
    const queued = await onlyOutbox(user.id);
    // Leave it as a sender that died right after claiming would.
    await db.query(
      `UPDATE email_outbox SET status = 'SENDING', attempts = 1, claimed_at = now() WHERE id = $1`,
      [queued.id],
    );

    // Fresh claim: the sender might still be alive, so a pass leaves it alone.
    await drain();
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENDING', attempts: 1 });

    await ageClaim(queued.id, 61);
    await drain();
    const [email, ...more] = sink.to(user.email);
    expect(more).toEqual([]);
    expect(email?.messageId).toBe(queued.message_id);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('recovers a claim whose sender died after the server accepted it: the resend repeats the Message-ID', async () => {
    const user = await newUser();
    await notify(input(user.id));
    const smtpSender = createSmtpEmailSender(smtp());
    // Hands the email to the server, then never returns: the process died before recording SENT.
    const dying: EmailSender = {
      send: async (email) => {
        await smtpSender.send(email);
        await new Promise<never>(() => undefined);
      },
      close: () => smtpSender.close(),
    };
    void dispatcher({ sender: dying }).dispatchOnce();
    await until(() => sink.to(user.email).length === 1, 'the first copy');
    const claimed = await onlyOutbox(user.id);
    expect(claimed).toMatchObject({ status: 'SENDING', attempts: 1 });

    await ageClaim(claimed.id, 61);
    await drain();

    const copies = sink.to(user.email);
    expect(copies).toHaveLength(2);
    // The one duplicate this design can produce, and how a mail system downstream recognises it.
    expect(copies.map((m) => m.messageId)).toEqual([claimed.message_id, claimed.message_id]);
    expect(copies[0]?.text).toBe(copies[1]?.text);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(
      dispatchLogs.some(
        (l) => l.level === 'WARN' && l.message.includes('resending') && l.outboxId === claimed.id,
      ),
    ).toBe(true);
  });

  it('marks a permanent refusal (5xx) FAILED, never tries it again, and keeps the address out of logs', async () => {
    const user = await newUser();
    sink.refuse(user.email, 550, `5.1.1 <${user.email}>: mailbox unavailable`);
    const failedEmails = async (): Promise<number> =>
      (await new DashboardReadModel(db).businessSnapshot(2000)).unsentEmails.find(
        (e) => e.status === 'FAILED',
      )?.count ?? 0;
    const failedBefore = await failedEmails();
    await notify(input(user.id));

    expect(await drain()).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    const failed = await onlyOutbox(user.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.last_error).toContain('550');
    expect(failed.last_error).not.toContain(user.email);

    expect(await drain()).toMatchObject({ claimed: 0 });
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await notificationsFor(user.id)).toHaveLength(1);
    // What the vetting_unsent_emails{status="FAILED"} gauge reads.
    expect(await failedEmails()).toBe(failedBefore + 1);

    const logged = dispatchLogs.filter((l) => l.outboxId === failed.id);
    expect(logged.map((l) => l.message)).toContain('email rejected permanently; the inbox message stands');
    const text = JSON.stringify([logs, dispatchLogs], (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(text).not.toContain(user.email);
  });

  it('gives a transient refusal (4xx) back with a backoff, then sends it with the same Message-ID', async () => {
    const user = await newUser();
    sink.refuse(user.email, 451, '4.3.0 try again later', 1);
    await notify(input(user.id));

    expect(await drain()).toMatchObject({ claimed: 1, retrying: 1 });
    const released = await onlyOutbox(user.id);
    expect(released).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(released.last_error).toContain('451');
    // Not due at once: the first retry waits EMAIL_RETRY_INITIAL_MS (300 ms here).
    expect(released.due_in_ms).toBeGreaterThan(100);
    expect(await drain()).toMatchObject({ claimed: 0 });

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await drain()).toMatchObject({ claimed: 1, sent: 1 });
    const [email, ...more] = sink.to(user.email);
    expect(more).toEqual([]);
    expect(email?.messageId).toBe(released.message_id);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
  });

  it('keeps an email PENDING while the SMTP server is unreachable, backing off longer after each attempt', async () => {
    const user = await newUser();
    await notify(input(user.id));
    const down = dispatcher({ smtp: smtp(await closedPort()) });

    expect(await drain(down)).toMatchObject({ claimed: 1, retrying: 1 });
    const first = await onlyOutbox(user.id);
    expect(first).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(first.last_error).toMatch(/ECONNREFUSED|connect/i);
    await db.query(`UPDATE email_outbox SET next_attempt_at = now() WHERE id = $1`, [first.id]);
    expect(await drain(down)).toMatchObject({ claimed: 1, retrying: 1 });
    const second = await onlyOutbox(user.id);
    expect(second).toMatchObject({ status: 'PENDING', attempts: 2 });
    // 300 ms after the first attempt, 600 ms after the second.
    expect(second.due_in_ms).toBeGreaterThan(first.due_in_ms + 150);

    // The server is back: the email goes out once, when due.
    await db.query(`UPDATE email_outbox SET next_attempt_at = now() WHERE id = $1`, [first.id]);
    await drain();
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'SENT', attempts: 3 });
  });

  it('refuses, as a last guard, to send a stored message that is not discreet', async () => {
    const user = await newUser();
    const caseId = randomUUID();
    const outboxId = randomUUID();
    // As if a template regression had stored it: the sender must still refuse.
    await store.record({
      recipient: user.id,
      caseId,
      reason: 'DECISION',
      subject: 'Your DV clearance',
      body: 'Your developed vetting was granted.',
      dedupeKey: `${caseId}:DECISION:APPLICANT:${user.id}`,
      email: { outboxId, toAddress: user.email, messageId: `<${outboxId}@example.org>` },
    });

    expect(await drain()).toMatchObject({ claimed: 1, failed: 1 });
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await onlyOutbox(user.id)).toMatchObject({ status: 'FAILED' });
    expect(
      dispatchLogs.some(
        (l) => l.level === 'ERROR' && l.outboxId === outboxId && /discretion/.test(l.message),
      ),
    ).toBe(true);
  });
});
