// Issue 10.2, reproduced: while the mail server was down, a retrying email held up every later write of its
// case (officer actions answered 503, the read-model stopped, no further notices were stored). Here the real
// worker process sends through a proxy the test cuts, while a case's stage clock chases its applicant.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { eligibleApplication } from '../support/fixtures';
import { lead, newApplicant, officer } from '../support/principals';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { FAST_EMAIL_DISPATCH_ENV } from '../support/smtp-harness';
import { SmtpSink } from '../support/smtp-sink';
import { TcpProxy } from '../support/tcp-proxy';
import { until } from '../support/until';

const S = 1000;
const HOUR = 3600 * S;
/** Three questionnaire chasers a few seconds apart (the dev server fires timers about once a second). */
const POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'email-outage-e2e',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: {
    ELIGIBILITY_SCREENING: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    RESIDENCY_EXCEPTION_REVIEW: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    QUESTIONNAIRE: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    RECORD_CHECKS: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    INVESTIGATION: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    RECOMMENDATION: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
    DECISION: { goal: HOUR, deadline: 2 * HOUR, repeatEvery: HOUR },
  },
  applicantChasers: {
    questionnaire: { chaseAt: [2 * S, 8 * S, 14 * S], lapseAt: 10 * HOUR },
    invitation: { chaseAt: [HOUR], lapseAt: 2 * HOUR },
  },
  refereeChasers: { chaseAt: [HOUR], decideAt: 2 * HOUR },
};

const sink = new SmtpSink();
let mailServer: TcpProxy;
let api: ApiHarness;
let database: PrivateDatabase;
let db: DataSource;

beforeAll(async () => {
  await sink.start();
  mailServer = await new TcpProxy('127.0.0.1', sink.port).start();
  // Its own database: the worker's email dispatcher claims every due email it can see.
  database = await createPrivateDatabase();
  api = new ApiHarness({
    DATABASE_URL: database.runtimeUrl,
    CLOCK_POLICY: JSON.stringify(POLICY),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mailServer.port),
    SMTP_FROM: 'no-reply@example.org',
    ...FAST_EMAIL_DISPATCH_ENV,
  });
  await api.start();
  db = createDataSource(database.url);
  await db.initialize();
}, 240_000);
afterAll(async () => {
  await api?.stop();
  await db?.destroy();
  await database?.drop();
  await mailServer?.stop();
  await sink.stop();
});

interface QueuedEmail {
  dedupe_key: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string;
}

/** The applicant's notices for the case and their emails, oldest first. */
function emailsFor(caseId: string, recipient: string): Promise<QueuedEmail[]> {
  return db.query<QueuedEmail[]>(
    `SELECT n.dedupe_key, o.status, o.attempts, o.last_error, o.message_id
       FROM notification n JOIN email_outbox o ON o.notification_id = n.id
      WHERE n.case_id = $1 AND n.recipient = $2 ORDER BY n.created_at, n.dedupe_key`,
    [caseId, recipient],
  );
}

describe('a mail-server outage', () => {
  it('delays only the emails: the case goes on, and each email is sent exactly once when the server is back', async () => {
    mailServer.disconnect();
    const applicant = newApplicant();
    const address = `outage-${randomUUID()}@example.org`;
    expect((await api.as(applicant).put('/me/contact', { email: address })).status).toBe(200);
    const submitted = await api.as(applicant).post('/applications', eligibleApplication());
    expect(submitted.status).toBe(201);
    const caseId = (submitted.body as { caseId: string }).caseId;

    // The first chaser is stored, and the dispatcher has tried to send it and failed: the server is down.
    await until(
      'the first chaser, failing to send',
      async () => {
        const [first] = await emailsFor(caseId, applicant.subject);
        return first && first.attempts >= 1 && first.status === 'PENDING' && first.last_error
          ? first
          : undefined;
      },
      60_000,
    );

    // An officer action on the same case answers at once (it used to wait UPDATE_TIMEOUT_MS and answer 503).
    const started = Date.now();
    const assigned = await api.as(lead).post(`/cases/${caseId}/assignment`, { officerId: officer.subject });
    const took = Date.now() - started;
    expect({
      status: assigned.status,
      body: assigned.status === 200 ? null : (assigned.body as unknown),
    }).toEqual({ status: 200, body: null });
    // A blocked write chain answered 503 after UPDATE_TIMEOUT_MS (10 s); a busy machine may be slow, not that slow.
    expect(took).toBeLessThan(8_000);
    const [stored] = await db.query<{ assignee: string | null }[]>(
      `SELECT assignee FROM vetting_case WHERE id = $1`,
      [caseId],
    );
    expect(stored?.assignee).toBe(officer.subject);

    // Later notices are still stored while the server is down; none is sent.
    const queued = await until(
      'all three chasers queued',
      async () => {
        const rows = await emailsFor(caseId, applicant.subject);
        return rows.length === 3 ? rows : undefined;
      },
      60_000,
    );
    // Each is waiting to retry, or claimed by a pass that is about to fail: none has gone.
    expect(queued.filter((row) => row.status !== 'PENDING' && row.status !== 'SENDING')).toEqual([]);
    expect(sink.to(address)).toHaveLength(0);

    // The server is back: each email goes out once, with its own Message-ID.
    mailServer.reconnect();
    await until('the three emails', () => (sink.to(address).length >= 3 ? true : undefined), 30_000);
    // Longer than the longest backoff (EMAIL_RETRY_MAX_MS, 500 ms here) and several dispatcher passes.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const received = sink.to(address);
    expect(received).toHaveLength(3);
    const sent = await emailsFor(caseId, applicant.subject);
    expect(sent.map((row) => row.status)).toEqual(['SENT', 'SENT', 'SENT']);
    expect(received.map((m) => m.messageId).sort()).toEqual(sent.map((row) => row.message_id).sort());

    // What the worker logged about the failures named no address.
    expect(api.workerOutput()).toContain('email not sent; will retry');
    expect(api.workerOutput()).not.toContain(address);
  }, 180_000);
});
