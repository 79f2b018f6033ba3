import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { ENCODING_ENCRYPTED } from '../../libs/codec/src';
import { DEFAULT_STAGE_DURATIONS_MS } from '../../libs/config/src/app-config';
import { caseWorkflowId } from '../../libs/contracts/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { createAppLogger } from '../../libs/config/src';
import session from 'express-session';
import type { SessionData } from 'express-session';
import { Pool } from 'pg';
import { sessionStore } from '../../apps/web/src/session/session.middleware';
import { fieldCipher } from '../support/field-cipher';
import { signedHeaders } from '../../libs/providers/src';
import { DEFAULT_ELIGIBILITY_POLICY } from '../../libs/domain/src/eligibility';
import type { vettingCaseWorkflow } from '../../workflows';
import { dataConverter } from '../support/case-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { completeQuestionnaire } from '../support/questionnaire-fixture';
import { RetrySafeConnection } from '../../apps/api/src/temporal/retry-safe-connection';
import { ApiHarness } from '../support/api-harness';
import { temporalAddress, temporalNamespace } from '../support/env';
import { eligibleApplication, ineligibleApplication } from '../support/fixtures';
import { adjudicator, admin, lead, newApplicant, officer } from '../support/principals';
import type { PrivateDatabase } from '../support/private-database';
import { createPrivateDatabase } from '../support/private-database';
import { FAST_EMAIL_DISPATCH_ENV } from '../support/smtp-harness';
import { SmtpSink } from '../support/smtp-sink';
import { until } from '../support/until';

/**
 * Personal data must never reach Temporal in the clear: not in history, memo or search attributes, not in the
 * worker's logs, not in the server's own database. A canary applicant goes through the real API, worker and
 * dev server, and then everything Temporal holds is searched, raw, for the canary's details.
 */

// Random per run, so a server reused across runs (TEMPORAL_ADDRESS) cannot answer for an earlier run.
const tag = Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');
const CANARY = {
  givenName: `Wilhelmina${tag}`,
  familyName: `Quenneville-${tag}`,
  email: `w.quenneville.${tag}@canary-mail.example`,
  dateOfBirth: `19${randomInt(50, 90)}-${pad(randomInt(1, 13))}-${pad(randomInt(1, 29))}`,
  withdrawalReason: `canary-reason-${tag}`,
  // Officers' free text, carried on the case row itself (issue 10 item 6): an item returned to the applicant,
  // and on a second case a task note, the recommendation and the decision.
  returnedItem: `canary-returned-item-${tag}`,
  taskNote: `canary-task-note-${tag}`,
  recommendationReason: `canary-assessment-${tag}`,
  decisionReason: `canary-decision-reason-${tag}`,
  // A condition of the clearance the decision grants (the decision, the clearance and its snapshot).
  conditionDetail: `canary-condition-${tag}`,
  // What a record-check provider said about the subject (record_check.detail).
  checkDetail: `canary-check-detail-${tag}`,
  // A signed-in web session (web_session.sess): the bearer token, the person's name, an access reason and a
  // refused form's values.
  sessionToken: `canary-session-token-${tag}`,
  sessionName: `Ottoline Canary-${tag}`,
  accessReason: `canary-access-reason-${tag}`,
  formAnswer: `canary-form-answer-${tag}`,
};
const NEEDLES = Object.values(CANARY);

/**
 * A poll-mode record-check partner for THIRD_PARTY on a local port: it accepts every request and answers
 * every poll TRACE with the canary's detail, signed over the nonce of the request it answers.
 */
const PARTNER_SECRET = 'canary-partner-shared-secret-01';
const partner = createServer((req: IncomingMessage, res: ServerResponse) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const url = req.url ?? '';
    const reply = (status: number, body: object): void => {
      const text = JSON.stringify(body);
      const nonce = req.headers['x-provider-nonce'] as string;
      res.writeHead(status, {
        'content-type': 'application/json',
        ...signedHeaders(PARTNER_SECRET, text, { nonce }),
      });
      res.end(text);
    };
    if (url === '/checks' && req.method === 'POST') {
      const { checkId } = JSON.parse(Buffer.concat(chunks).toString()) as { checkId: string };
      reply(202, { providerRef: `C-${checkId}`, mode: 'poll' });
    } else if (url.startsWith('/checks/') && req.method === 'GET') {
      reply(200, { status: 'DONE', outcome: 'TRACE', detail: `one record matched; ${CANARY.checkDetail}` });
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});

// A generous update timeout: on a loaded machine the withdrawal (which cancels four checks) took over 4 s.
const api = new ApiHarness(
  { ...FAST_CHECKS_ENV, UPDATE_TIMEOUT_MS: '20000' },
  { worker: true, captureApiLogs: true },
);
const dv = new DvFlow(api);
const temporalConnection = RetrySafeConnection.lazy({ address: temporalAddress() });
const connection = temporalConnection.connection;
const namespace = temporalNamespace();
// The worker emails through a real SMTP server, which refuses the canary's address (a failed-email path).
const mail = new SmtpSink();
let database: PrivateDatabase | undefined;
// PostgreSQL's files are scanned only if written since (less a margin for coarse file times).
const scanFrom = Date.now() - 2_000;
beforeAll(async () => {
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  await mail.start();
  // Its own database: the worker's email dispatcher claims every due email it can see.
  database = await createPrivateDatabase();
  Object.assign(api.env, {
    DATABASE_URL: database.runtimeUrl,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.port),
    ...FAST_EMAIL_DISPATCH_ENV,
    RECORD_CHECK_PROVIDERS: JSON.stringify({
      THIRD_PARTY: {
        url: `http://127.0.0.1:${(partner.address() as AddressInfo).port}/checks`,
        mode: 'poll',
        secret: PARTNER_SECRET,
        name: 'canary-partner',
      },
    }),
  });
  await api.start();
}, 120_000);
afterAll(async () => {
  await api.stop();
  await temporalConnection.close();
  await database?.drop();
  await mail.stop();
  partner.closeAllConnections();
  await new Promise((resolve) => partner.close(resolve));
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Where a needle hides in a byte dump: as UTF-8 (any case), UTF-16, or inside base64 at any of the three
 * alignments a longer base64 string could give it (payload bytes in proto JSON, gRPC metadata, logs).
 */
function encodingsOf(needle: string): { form: string; bytes: Buffer }[] {
  const raw = Buffer.from(needle, 'utf8');
  const forms = [
    { form: 'utf-8', bytes: raw },
    { form: 'utf-16le', bytes: Buffer.from(needle, 'utf16le') },
  ];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), raw]).toString('base64');
    // Keep only the base64 groups made entirely of the needle's bytes.
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor((offset + raw.length) / 3) * 4;
    forms.push({ form: `base64@${offset}`, bytes: Buffer.from(shifted.slice(start, end)) });
  }
  return forms;
}

/** Every canary that appears in the haystack, and in which form. */
function leaks(haystack: Buffer): string[] {
  const lower = Buffer.from(haystack.toString('latin1').toLowerCase(), 'latin1');
  return NEEDLES.flatMap((needle) =>
    encodingsOf(needle)
      .filter(({ form, bytes }) =>
        form === 'utf-8' ? lower.includes(Buffer.from(needle.toLowerCase())) : haystack.includes(bytes),
      )
      .map(({ form }) => `${needle} (${form})`),
  );
}

/** The whole history as the server returns it, every page, without any codec. */
async function rawHistory(workflowId: string): Promise<{ bytes: Buffer; json: string }> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  const pages: Buffer[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId },
      nextPageToken,
    });
    pages.push(
      Buffer.from(temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(page).finish()),
    );
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { bytes: Buffer.concat(pages), json: historyToJSON({ events }) };
}

/** The `encoding` of every payload in a proto JSON document. */
function payloadEncodings(json: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const metadata = (node as { metadata?: Record<string, unknown> }).metadata;
    if (metadata && typeof metadata.encoding === 'string') {
      found.push(Buffer.from(metadata.encoding, 'base64').toString('utf8'));
    }
    Object.values(node).forEach(visit);
  };
  visit(JSON.parse(json));
  return found;
}

describe('personal data out of Temporal (canary applicant)', () => {
  let caseId: string;
  let workflowId: string;
  let history: { bytes: Buffer; json: string };

  beforeAll(async () => {
    const applicant = newApplicant();
    const submitted = await api.as(applicant).post(
      '/applications',
      eligibleApplication({
        givenName: CANARY.givenName,
        familyName: CANARY.familyName,
        email: CANARY.email,
        dateOfBirth: CANARY.dateOfBirth,
      }),
    );
    expect(submitted.status).toBe(201);
    caseId = (submitted.body as { caseId: string }).caseId;
    workflowId = caseWorkflowId(caseId);
    const act = async (who: typeof officer, path: string, body: object = {}): Promise<void> => {
      const res = await api.as(who).post(`/cases/${caseId}/${path}`, body);
      expect(`${path}: ${res.status} ${res.status === 200 ? '' : JSON.stringify(res.body)}`).toBe(
        `${path}: 200 `,
      );
    };
    await act(lead, 'assignment', { officerId: officer.subject });
    // The questionnaire carries the most personal data of all; the canary is in it too.
    const questionnaire = completeQuestionnaire();
    questionnaire.identity = {
      ...questionnaire.identity,
      givenNames: CANARY.givenName,
      familyName: CANARY.familyName,
    };
    await dv.submitQuestionnaire(applicant, caseId, questionnaire);
    await act(officer, 'questionnaire/return', { items: [`identity: ${CANARY.returnedItem}`] });
    await dv.submitQuestionnaire(applicant, caseId, questionnaire);
    await act(officer, 'questionnaire/acceptance');
    await act(applicant, 'withdrawal', { reason: `moving abroad; ${CANARY.withdrawalReason}` });
    history = await rawHistory(workflowId);

    // Failure paths, whose logs once carried the canary in clear text. A rejected update:
    const again = await api
      .as(applicant)
      .post(`/cases/${caseId}/withdrawal`, { reason: `again; ${CANARY.withdrawalReason}` });
    expect(again.status).toBe(409);
    // A failed write: a case started behind the API's back with a value PostgreSQL refuses (a NUL in its team)
    // next to the canary's details, so the refused INSERT's parameters hold the (encrypted) application.
    const poisonedId = randomUUID();
    const client = new Client({ connection, namespace, dataConverter });
    await client.workflow.start<typeof vettingCaseWorkflow>('vettingCaseWorkflow', {
      workflowId: caseWorkflowId(poisonedId),
      taskQueue: api.env.TEMPORAL_TASK_QUEUE ?? '',
      args: [
        {
          caseId: poisonedId,
          application: eligibleApplication({
            givenName: CANARY.givenName,
            familyName: CANARY.familyName,
            email: CANARY.email,
            dateOfBirth: CANARY.dateOfBirth,
          }),
          policy: DEFAULT_ELIGIBILITY_POLICY,
          stageDurationsMs: DEFAULT_STAGE_DURATIONS_MS,
          receivedAt: new Date().toISOString(),
          team: 'poisoned\u0000team',
        },
      ],
    });
    await until('the refused write in the worker log', () =>
      /the database refused a value/.test(api.workerOutput()) && api.workerOutput().includes(poisonedId)
        ? true
        : undefined,
    );
    // A failed email: an applicant whose address is the canary's is told of an ineligible application, and the
    // mail server refuses the address for good, quoting it, as servers do.
    mail.refuse(CANARY.email, 550, `5.1.1 <${CANARY.email}>: mailbox unavailable`);
    const mailed = newApplicant();
    expect((await api.as(mailed).put('/me/contact', { email: CANARY.email })).status).toBe(200);
    expect((await api.as(mailed).post('/applications', ineligibleApplication())).status).toBe(201);
    await until('the refused email in the worker log', () =>
      /email rejected permanently/.test(api.workerOutput()) ? true : undefined,
    );
    expect(mail.to(CANARY.email)).toHaveLength(0);
  }, 90_000);

  // A second case, decided, whose officers' free text (a task note, the recommendation's assessment, the
  // decision's reasons) and a record check's detail (from the partner) carry the canary, all on the case's rows.
  let decidedId: string;
  beforeAll(async () => {
    const { caseId: id, applicant } = await dv.newCase();
    decidedId = id;
    await dv.toRecordChecks(id, applicant);
    // The partner's TRACE holds the stage on a review task; the officer's note on it carries the canary.
    const review = await until("the partner's TRACE as a review task", async () =>
      (await dv.inspect(id)).tasks.find((t) => t.kind === 'CHECK_REVIEW' && t.status === 'OPEN'),
    );
    await dv.expectOk(officer, id, `tasks/${review.id}/closure`, {
      outcome: 'reviewed',
      notes: `spent caution; ${CANARY.taskNote}`,
    });
    await dv.waitForStage(id, 'INVESTIGATION');
    await dv.settleTasks(id);
    await dv.expectOk(officer, id, 'stages/INVESTIGATION/completion', { outcome: 'investigation complete' });
    await dv.expectOk(officer, id, 'recommendation', {
      recommendation: 'GRANT',
      assessment: `debts declared and settled; ${CANARY.recommendationReason}`,
      risk: 'MEDIUM',
    });
    await dv.expectOk(adjudicator, id, 'decision', {
      outcome: 'GRANTED_WITH_CONDITIONS',
      conditions: [{ type: 'TRAVEL_RESTRICTION', detail: `notify travel; ${CANARY.conditionDetail}` }],
      nonDisclosableReasons: [`from a third party; ${CANARY.decisionReason}`],
    });
  }, 180_000);

  // A signed-in web session, written through the web service's own store (the browser side is test/web's).
  const sessionId = `canary-session-${randomUUID()}`;
  beforeAll(async () => {
    const pool = new Pool({ connectionString: database?.runtimeUrl ?? '', max: 1 });
    const store = sessionStore(
      pool,
      fieldCipher,
      createAppLogger({ format: 'json', service: 'web', level: 'silent' }),
    );
    try {
      const cookie = new session.Cookie();
      cookie.maxAge = 60 * 60 * 1000;
      const data: SessionData = {
        cookie,
        user: { subject: officer.subject, name: CANARY.sessionName, roles: ['VETTING_OFFICER'] },
        accessToken: CANARY.sessionToken,
        accessReasons: { [randomUUID()]: CANARY.accessReason },
        flash: { kind: 'error', text: 'There is a problem', values: { previousNames: CANARY.formAnswer } },
      };
      await new Promise<void>((resolve, reject) =>
        store.set(sessionId, data, (error?: unknown) =>
          error ? reject(new Error('the canary session was not stored', { cause: error })) : resolve(),
        ),
      );
    } finally {
      store.close();
      await pool.end();
    }
  });

  it('went through the workflow: the canary is in the history, encrypted', async () => {
    expect(history.json).toContain('WORKFLOW_EXECUTION_COMPLETED');
    // Temporal itself writes the patch marker (and its TemporalChangeVersion search attribute) as plain JSON:
    // they hold only the patch id, which the next assertion checks, so they are set aside here.
    const events = (JSON.parse(history.json) as { events: { eventType: string }[] }).events;
    const ownedBySdk = (e: { eventType: string }): boolean =>
      e.eventType === 'EVENT_TYPE_MARKER_RECORDED' ||
      e.eventType === 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES';
    const sdkJson = JSON.stringify(events.filter(ownedBySdk));
    expect(sdkJson).toContain(Buffer.from('{"id":"dv-in-depth-v2"').toString('base64').slice(0, 20));
    const encodings = payloadEncodings(JSON.stringify({ events: events.filter((e) => !ownedBySdk(e)) }));
    expect(encodings.length).toBeGreaterThan(5);
    expect(new Set(encodings)).toEqual(new Set([ENCODING_ENCRYPTED]));

    // Proves the data is there to find: decrypted through the codec endpoint, the canary appears.
    const started = (
      JSON.parse(history.json) as {
        events: { workflowExecutionStartedEventAttributes?: { input?: { payloads: unknown[] } } }[];
      }
    ).events[0]?.workflowExecutionStartedEventAttributes?.input;
    const decoded = await api.as(officer).post('/codec/decode', started ?? {}, { 'X-Namespace': namespace });
    expect(decoded.status).toBe(200);
    const plain = (decoded.body as { payloads: { data: string }[] }).payloads
      .map((p) => Buffer.from(p.data, 'base64').toString('utf8'))
      .join('');
    expect(plain).toContain(CANARY.givenName);
    expect(plain).toContain(CANARY.dateOfBirth);
  });

  it('keeps the canary out of the raw workflow history (bytes and proto JSON)', () => {
    expect(history.bytes.includes(Buffer.from('vettingCaseWorkflow'))).toBe(true);
    expect({ bytes: leaks(history.bytes), json: leaks(Buffer.from(history.json)) }).toEqual({
      bytes: [],
      json: [],
    });
  });

  it('keeps the canary out of the execution description, memo and search attributes', async () => {
    const described = await connection.workflowService.describeWorkflowExecution({
      namespace,
      execution: { workflowId },
    });
    const describedBytes = Buffer.from(
      temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish(),
    );
    expect(leaks(describedBytes)).toEqual([]);

    const listed = await until('the closed case in visibility', async () => {
      const res = await connection.workflowService.listWorkflowExecutions({
        namespace,
        query: `WorkflowId = '${workflowId}'`,
      });
      const [execution] = res.executions ?? [];
      return execution?.closeTime ? res : undefined;
    });
    const execution = listed.executions?.[0];
    expect(execution?.execution?.workflowId).toBe(workflowId);
    const memoAndAttributes = JSON.stringify({
      memo: execution?.memo?.fields ?? {},
      searchAttributes: execution?.searchAttributes?.indexedFields ?? {},
    });
    expect(leaks(Buffer.from(memoAndAttributes))).toEqual([]);
    const listedBytes = Buffer.from(
      temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse.encode(listed).finish(),
    );
    expect(leaks(listedBytes)).toEqual([]);
  });

  it("keeps the canary out of the API's logs", () => {
    const output = api.apiOutput();
    // The API does log this case (by its opaque id), so an empty or unrelated log cannot pass by accident.
    expect(output).toContain(caseId);
    for (const canary of [CANARY.givenName, CANARY.familyName, CANARY.email, CANARY.withdrawalReason]) {
      expect(output).not.toContain(canary);
    }
  });

  it("keeps the canary out of the worker's logs", () => {
    const output = api.workerOutput();
    expect(output).toContain(caseId);
    expect(leaks(Buffer.from(output))).toEqual([]);
  });

  const dbFile = process.env.TEMPORAL_DEV_SERVER_DB_FILE;
  // Only when the tests started the dev server themselves (not with TEMPORAL_ADDRESS): then it is ours to read.
  (dbFile ? it : it.skip)("keeps the canary out of the Temporal server's own database", async () => {
    const files = ['', '-wal', '-journal'].map((suffix) => `${dbFile}${suffix}`).filter((f) => existsSync(f));
    // Visibility is written after history; once the case is listed as closed, both are in SQLite.
    const dump = await until('the case in the SQLite file', () => {
      // SQLite removes its -journal file between transactions; a file gone since it was listed holds nothing.
      const bytes = Buffer.concat(files.map((f) => (existsSync(f) ? readFileSafely(f) : Buffer.alloc(0))));
      return Promise.resolve(bytes.includes(Buffer.from(workflowId)) ? bytes : undefined);
    });
    expect(dump.length).toBeGreaterThan(0);
    expect(leaks(dump)).toEqual([]);
  });

  const pgDataDir = process.env.TEST_POSTGRES_DATA_DIR;
  // Only when the tests started PostgreSQL themselves (not with TEST_DATABASE_URL): then its files are ours to read.
  (pgDataDir ? it : it.skip)(
    "keeps the canary out of PostgreSQL's files: tables, indexes, TOAST and the write-ahead log",
    async () => {
      const dataDir = pgDataDir ?? '';
      const db = createDataSource(database?.url ?? '');
      await db.initialize();
      try {
        // Everything the canary's cases wrote has arrived: the withdrawal, the kept questionnaire, the email,
        // the decision and the partner's detail.
        await until('the canary cases closed and the refused email recorded', async () => {
          const [row] = await db.query<
            { closed: number; versions: number; failed: number; details: number; clearances: number }[]
          >(
            `SELECT (SELECT count(*)::int FROM vetting_case WHERE id IN ($1, $2) AND status = 'CLOSED') AS closed,
                    (SELECT count(*)::int FROM questionnaire_version WHERE case_id = $1) AS versions,
                    (SELECT count(*)::int FROM email_outbox WHERE status = 'FAILED') AS failed,
                    (SELECT count(*)::int FROM record_check WHERE case_id = $2 AND detail IS NOT NULL) AS details,
                    (SELECT count(*)::int FROM clearance WHERE case_id = $2 AND snapshot IS NOT NULL) AS clearances`,
            [caseId, decidedId],
          );
          return row &&
            row.closed === 2 &&
            row.versions > 0 &&
            row.failed > 0 &&
            row.details > 0 &&
            row.clearances > 0
            ? true
            : undefined;
        });
        const [stored] = await db.query<{ application: string; email: string }[]>(
          `SELECT c.application, o.to_address AS email FROM vetting_case c, email_outbox o
           WHERE c.id = $1 AND o.status = 'FAILED'`,
          [caseId],
        );
        expect(stored?.application).toMatch(/^aesgcm:/);
        expect(stored?.email).toMatch(/^aesgcm:/);
        const [decided] = await db.query<Record<string, string>[]>(
          `SELECT c.questionnaire, c.tasks, c.recommendation, c.decision, r.detail,
                  l.conditions AS clearance_conditions, l.snapshot AS clearance_snapshot
           FROM vetting_case c, record_check r, clearance l
           WHERE c.id = $1 AND r.case_id = c.id AND r.check_type = 'THIRD_PARTY' AND l.case_id = c.id`,
          [decidedId],
        );
        expect(decided).toEqual({
          questionnaire: expect.stringMatching(/^aesgcm:/) as unknown,
          tasks: expect.stringMatching(/^aesgcm:/) as unknown,
          recommendation: expect.stringMatching(/^aesgcm:/) as unknown,
          decision: expect.stringMatching(/^aesgcm:/) as unknown,
          detail: expect.stringMatching(/^aesgcm:/) as unknown,
          clearance_conditions: expect.stringMatching(/^aesgcm:/) as unknown,
          clearance_snapshot: expect.stringMatching(/^aesgcm:/) as unknown,
        });
        // The officers' text is there to find: the API opens it for those who may read the case.
        const shown = JSON.stringify(await dv.inspect(decidedId));
        for (const text of [
          CANARY.taskNote,
          CANARY.recommendationReason,
          CANARY.decisionReason,
          CANARY.conditionDetail,
        ]) {
          expect(shown).toContain(text);
        }
        const [signedIn] = await db.query<{ sealed: string | null }[]>(
          `SELECT sess->>'sealed' AS sealed FROM web_session WHERE sid = $1`,
          [sessionId],
        );
        expect(signedIn?.sealed).toMatch(/^aesgcm:/);
        // Dirty pages to the data files, as a crash or a stolen disk would find them.
        await db.query('CHECKPOINT');
      } finally {
        await db.destroy();
      }
      // A file PostgreSQL has not written since before the canary existed cannot hold it.
      const files = filesUnder(dataDir).filter((file) => modifiedSince(file, scanFrom));
      let sawCase = false;
      let sawDecided = false;
      let sawSession = false;
      const found: string[] = [];
      for (const file of files) {
        const bytes = readFileSafely(file);
        if (bytes.includes(Buffer.from(workflowId))) sawCase = true;
        if (bytes.includes(Buffer.from(caseWorkflowId(decidedId)))) sawDecided = true;
        if (bytes.includes(Buffer.from(sessionId))) sawSession = true;
        found.push(...leaks(bytes).map((leak) => `${relative(dataDir, file)}: ${leak}`));
      }
      // The rows (a case's workflow id and a session's id are plain) did reach the files, so the scan looked in
      // the right place.
      expect({ sawCase, sawDecided, sawSession }).toEqual({
        sawCase: true,
        sawDecided: true,
        sawSession: true,
      });
      expect(found).toEqual([]);
    },
    120_000,
  );
});

/** Every regular file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

function modifiedSince(file: string, since: number): boolean {
  try {
    return statSync(file).mtimeMs >= since;
  } catch {
    return false; // removed since it was listed (a recycled WAL segment, a temporary file)
  }
}

describe('the codec endpoint for the Temporal UI', () => {
  const UI_ORIGIN = 'http://localhost:8233';
  const plainPayload = {
    metadata: { encoding: Buffer.from('json/plain').toString('base64') },
    data: Buffer.from(JSON.stringify({ note: 'hello' })).toString('base64'),
  };

  it('encodes and decodes a round trip for an officer', async () => {
    const encoded = await api.as(officer).post('/codec/encode', { payloads: [plainPayload] });
    expect(encoded.status).toBe(200);
    const [cipher] = (encoded.body as { payloads: { metadata: Record<string, string>; data: string }[] })
      .payloads;
    expect(Buffer.from(cipher?.metadata.encoding ?? '', 'base64').toString()).toBe(ENCODING_ENCRYPTED);
    // Encoded over HTTP, the payload is bound to no case, so only an administrator saying why may decode it.
    const decoded = await api
      .as(admin)
      .post('/codec/decode', { payloads: [cipher] }, { 'X-Access-Reason': 'codec round trip' });
    expect(decoded.status).toBe(200);
    expect(decoded.body).toEqual({ payloads: [plainPayload] });
  });

  it('refuses callers without a token or an allowed role', async () => {
    const anonymous = await request(api.server)
      .post('/codec/decode')
      .send({ payloads: [plainPayload] });
    expect(anonymous.status).toBe(401);
    const applicant = await api.as(newApplicant()).post('/codec/decode', { payloads: [plainPayload] });
    expect(applicant.status).toBe(403);
  });

  it('answers 400 for a malformed body or another namespace, and 422 for a payload it cannot decrypt', async () => {
    const malformed = await api.as(officer).post('/codec/decode', { payloads: [{ data: 'not base64!' }] });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'VALIDATION_FAILED' });
    const shapeless = await api.as(officer).post('/codec/decode', { items: [] });
    expect(shapeless.status).toBe(400);
    const elsewhere = await api
      .as(officer)
      .post('/codec/decode', { payloads: [plainPayload] }, { 'X-Namespace': `not-${namespace}` });
    expect(elsewhere.status).toBe(400);

    const encoded = await api.as(officer).post('/codec/encode', { payloads: [plainPayload] });
    const [cipher] = (encoded.body as { payloads: { metadata: Record<string, string>; data: string }[] })
      .payloads;
    const bytes = Buffer.from(cipher?.data ?? '', 'base64');
    bytes[bytes.length - 1] ^= 0x01;
    const tampered = await api
      .as(admin)
      .post(
        '/codec/decode',
        { payloads: [{ ...cipher, data: bytes.toString('base64') }] },
        { 'X-Access-Reason': 'tamper test' },
      );
    expect(tampered.status).toBe(422);
  });

  it("answers the UI's CORS preflight for its origin only, without a token", async () => {
    const preflight = (origin: string): request.Test =>
      request(api.server)
        .options('/codec/decode')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,x-namespace,authorization');
    const ui = await preflight(UI_ORIGIN);
    expect(ui.status).toBe(204);
    expect(ui.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(ui.headers['access-control-allow-methods']).toContain('POST');
    expect(ui.headers['access-control-allow-headers']).toMatch(/X-Namespace/i);
    expect(ui.headers['access-control-allow-headers']).toMatch(/Authorization/i);

    const stranger = await preflight('https://evil.example');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();

    const actual = await api
      .as(officer)
      .post('/codec/decode', { payloads: [plainPayload] }, { Origin: UI_ORIGIN, 'X-Namespace': namespace });
    expect(actual.status).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  });
});

function readFileSafely(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}
