import { randomUUID } from 'node:crypto';
import { ensureLocalKeys } from '../../apps/api/src/auth/local-keys';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Principal } from '../../libs/domain/src';
import { errorMessage } from '../../scripts/lib/log';
import type { VettingCluster } from '../../scripts/lib/vetting-cluster';
import { startVettingCluster } from '../../scripts/lib/vetting-cluster';
import { FAST_CHECKS_ENV } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { admin, newApplicant } from '../support/principals';
import { completeBaselineDeclaration, completeQuestionnaire } from '../support/questionnaire-fixture';
import { SmtpSink } from '../support/smtp-sink';
import { until } from '../support/until';
import { ClusterClient } from './cluster-client';

// A real Temporal cluster (frontend, history, matching and worker as four processes on PostgreSQL), two API
// and two worker processes of ours as the least-privilege database role, and CLUSTER_TEST_CASES cases driven
// from application to grant by concurrent officers while a worker of ours, then Temporal's history service,
// are killed with SIGKILL and restarted. Every case must complete, exactly once in every respect.
const CASES = Number(process.env.CLUSTER_TEST_CASES ?? 200);
const CONCURRENCY = Number(process.env.CLUSTER_TEST_CONCURRENCY ?? 12);
const TEAM = 'dv-team-1';
const lead: Principal = { subject: 'lead-1', roles: ['TEAM_LEAD'], team: TEAM };
// The sponsor every application names (no invitation: held for this sponsor to confirm, the default policy).
const sponsor: Principal = { subject: 'sponsor-1', roles: ['SPONSOR'] };
// The team's officers among the local users, whom the API seeds into its staff directory (only officers of the
// case's team can be assigned).
const officers: Principal[] = [1, 2].map((n) => ({
  subject: `officer-${n}`,
  roles: ['VETTING_OFFICER'],
  team: TEAM,
}));
const adjudicators: Principal[] = [1, 2].map((n) => ({
  subject: `adjudicator-${n}`,
  roles: ['SENIOR_ADJUDICATOR'],
}));

const dataDir = resolve(__dirname, '..', '.tmp', `cluster-${process.pid}`);
const auth = {
  jwksFile: join(dataDir, 'auth', 'jwks.json'),
  issuer: 'vetting-cluster',
  audience: 'vetting-api',
};
const sink = new SmtpSink();
let cluster: VettingCluster;
let client: ClusterClient;
const log = (line: string): void => console.log(`[cluster-test] ${line}`);

beforeAll(
  async () => {
    await sink.start();
    // The signing keys exist before the APIs start, so they trust exactly the keys the test signs with.
    await ensureLocalKeys(auth.jwksFile);
    cluster = await startVettingCluster({
      dataDir,
      postgresPort: 0,
      adminDatabaseUrl: process.env.CLUSTER_ADMIN_DATABASE_URL,
      temporalPort: 0,
      apiPorts: [0, 0],
      workers: 2,
      runFrom: 'ts-node',
      appEnv: {
        ...FAST_CHECKS_ENV,
        LOG_FORMAT: 'json',
        TEMPORAL_TASK_QUEUE: `cluster-${randomUUID()}`,
        AUTH_JWKS_FILE: auth.jwksFile,
        AUTH_ISSUER: auth.issuer,
        AUTH_AUDIENCE: auth.audience,
        DEFAULT_TEAM: TEAM,
        UPDATE_TIMEOUT_MS: '10000',
        RATE_LIMIT_PER_MINUTE: '1000000',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
      },
      log,
      // Our processes' and Temporal's own lines only when asked: a few hundred cases make a lot of them.
      output: (source, line) => {
        if (process.env.CLUSTER_TEST_VERBOSE) console.log(`[${source}] ${line}`);
      },
    });
    client = new ClusterClient(
      cluster.apis.map((a) => a.url),
      auth,
    );
  },
  40 * 60 * 1000,
);

afterAll(async () => {
  await cluster?.stop();
  await sink.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface CaseView {
  stage: string;
  tasks: { id: string; status: string }[];
  checks: { status: string }[];
}

async function read(caseId: string): Promise<CaseView | undefined> {
  const res = await client.request(admin, 'GET', `/cases/${caseId}`, undefined, {
    'X-Access-Reason': 'cluster test verification',
  });
  return res.status === 200 ? (res.body as CaseView) : undefined;
}

function waitForStage(caseId: string, stage: string): Promise<CaseView> {
  let last: string | undefined;
  return until(
    `case ${caseId} to reach ${stage}`,
    async () => {
      const view = await read(caseId);
      last = view?.stage;
      return view?.stage === stage ? view : undefined;
    },
    10 * 60 * 1000,
    500,
  ).catch((error: unknown) => {
    throw new Error(`${errorMessage(error)} (it is ${last ?? 'unreadable'})`);
  });
}

/** Progress counters the fault injection keys on. */
const progress = { assigned: 0, accepted: 0, granted: 0 };

async function driveCase(i: number): Promise<{ caseId: string; email: string }> {
  const applicant = newApplicant();
  const email = `applicant-${i}-${randomUUID().slice(0, 8)}@example.test`;
  const contact = await client.request(applicant, 'PUT', '/me/contact', { email });
  if (contact.status >= 300)
    throw new Error(`contact refused: ${contact.status} ${JSON.stringify(contact.body)}`);
  const application = { ...eligibleApplication(), sponsorReference: sponsor.subject };
  const submitted = await client.request(applicant, 'POST', '/applications', application, {
    'Idempotency-Key': `cluster-application-${randomUUID()}`,
  });
  if (![200, 201, 202].includes(submitted.status)) {
    throw new Error(`application refused: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  const caseId = (submitted.body as { caseId: string }).caseId;
  await waitForStage(caseId, 'AWAITING_SPONSOR');
  await client.act(sponsor, caseId, 'sponsorship-confirmation');
  await waitForStage(caseId, 'BASELINE_CHECKS');
  const officer = officers[i % officers.length] ?? lead;
  await client.act(lead, caseId, 'assignment', { officerId: officer.subject });
  progress.assigned += 1;
  // Baseline (BPSS) checks: the declaration, its basic criminal record check, the officer's pass.
  await client.act(applicant, caseId, 'baseline/submission', completeBaselineDeclaration());
  await until(
    `the baseline check on ${caseId}`,
    async () => {
      const view = await read(caseId);
      return view && view.checks.length > 0 && view.checks.every((c) => c.status === 'RESOLVED')
        ? true
        : undefined;
    },
    10 * 60 * 1000,
    500,
  );
  await client.act(officer, caseId, 'baseline/outcome', { outcome: 'PASS' });
  await waitForStage(caseId, 'QUESTIONNAIRE');
  const draft = await client.request(
    applicant,
    'PUT',
    `/cases/${caseId}/questionnaire/draft`,
    completeQuestionnaire(),
  );
  if (draft.status !== 204) throw new Error(`draft refused: ${draft.status} ${JSON.stringify(draft.body)}`);
  await client.act(applicant, caseId, 'questionnaire/submission');
  await client.act(officer, caseId, 'questionnaire/acceptance');
  progress.accepted += 1;
  const investigating = await waitForStage(caseId, 'INVESTIGATION');
  for (const task of investigating.tasks.filter((t) => t.status === 'OPEN')) {
    await client.act(officer, caseId, `tasks/${task.id}/closure`, { outcome: 'done', notes: 'no concerns' });
  }
  await client.act(officer, caseId, 'stages/INVESTIGATION/completion', { outcome: 'investigation complete' });
  await client.act(officer, caseId, 'recommendation', {
    recommendation: 'GRANT',
    assessment: 'low risk',
    risk: 'LOW',
  });
  await client.act(adjudicators[i % adjudicators.length], caseId, 'decision', {
    outcome: 'GRANTED',
  });
  await waitForStage(caseId, 'GRANTED');
  progress.granted += 1;
  return { caseId, email };
}

/** SIGKILL, a pause, and a restart; logged with the progress at that moment. */
async function crash(what: string, kill: () => Promise<void>, restart: () => Promise<void>): Promise<void> {
  log(`SIGKILL ${what} at ${JSON.stringify(progress)}`);
  await kill();
  await new Promise((r) => setTimeout(r, 5000));
  await restart();
  log(`${what} restarted at ${JSON.stringify(progress)}`);
}

describe(`a Temporal cluster with two APIs and two workers, ${CASES} cases, crashes on the way`, () => {
  const outcomes: { caseId: string; email: string }[] = [];

  it('completes every case while a worker and then the history service are killed and restarted', async () => {
    const startedAt = Date.now();
    let nextCase = 0;
    const failures: string[] = [];
    const officersAtWork = Array.from({ length: CONCURRENCY }, async () => {
      while (nextCase < CASES) {
        const i = nextCase++;
        try {
          outcomes.push(await driveCase(i));
        } catch (error) {
          failures.push(`case #${i}: ${errorMessage(error)}`);
        }
      }
    });
    const worker = cluster.workers[0];
    const history = cluster.temporal.services.history;
    if (!worker) throw new Error('no worker');
    // Independent of each other, so the history crash lands while cases are in flight even when the
    // worker's restart (bundling the workflow code) is slow.
    const workerCrash = (async () => {
      await until(
        'a third of the cases to be assigned',
        () => (progress.assigned >= CASES / 3 ? true : undefined),
        30 * 60_000,
        200,
      );
      await crash(
        'worker-1',
        () => worker.kill(),
        () => worker.restart(),
      );
    })();
    const historyCrash = (async () => {
      await until(
        'half of the questionnaires to be accepted',
        () => (progress.accepted >= CASES / 2 ? true : undefined),
        30 * 60_000,
        200,
      );
      await crash(
        'Temporal history',
        () => history.kill(),
        () => history.restart(),
      );
    })();
    const faults = Promise.all([workerCrash, historyCrash]);
    await Promise.all([...officersAtWork, faults]);
    log(
      `${outcomes.length}/${CASES} cases granted in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; ` +
        `${client.acknowledged.length} acknowledged actions; ${client.retries} retried attempts`,
    );
    expect(failures).toEqual([]);
    expect(outcomes).toHaveLength(CASES);
  });

  it('applied every acknowledged action exactly once, with no gap or duplicate in any case history', async () => {
    const db = new Client({ connectionString: cluster.ownerUrl });
    await db.connect();
    try {
      const ids = outcomes.map((o) => o.caseId);
      const cases = await db.query<{ id: string; stage: string; status: string }>(
        'SELECT id, stage, status FROM vetting_case WHERE id = ANY($1)',
        [ids],
      );
      expect(cases.rows.filter((c) => c.stage !== 'GRANTED' || c.status !== 'CLOSED')).toEqual([]);
      expect(cases.rows).toHaveLength(CASES);

      // Gapless sequences: seq runs 1..count in every case (the unique key rules out duplicates of a seq).
      const gaps = await db.query<{ case_id: string; n: string; max: number }>(
        `SELECT case_id, count(*) AS n, max(seq) AS max FROM case_event WHERE case_id = ANY($1)
          GROUP BY case_id HAVING count(*) <> max(seq) OR min(seq) <> 1`,
        [ids],
      );
      expect(gaps.rows).toEqual([]);

      // One event per action a person took: the same action with the same payload twice is a duplicate.
      const duplicates = await db.query<{ case_id: string; action: string; n: string }>(
        `SELECT case_id, action, count(*) AS n FROM case_event
          WHERE case_id = ANY($1) AND action IN ('ASSIGN_OFFICER', 'SUBMIT_QUESTIONNAIRE', 'ACCEPT_QUESTIONNAIRE',
                                                  'CLOSE_TASK', 'COMPLETE_STAGE', 'RECORD_RECOMMENDATION', 'RECORD_DECISION')
          GROUP BY case_id, action, payload HAVING count(*) > 1`,
        [ids],
      );
      expect(duplicates.rows).toEqual([]);
      const decisive = await db.query<{ action: string; n: string }>(
        `SELECT action, count(*) AS n FROM case_event
          WHERE case_id = ANY($1) AND action IN ('ASSIGN_OFFICER', 'ACCEPT_QUESTIONNAIRE', 'RECORD_RECOMMENDATION', 'RECORD_DECISION')
          GROUP BY action ORDER BY action`,
        [ids],
      );
      expect(Object.fromEntries(decisive.rows.map((r) => [r.action, Number(r.n)]))).toEqual({
        ACCEPT_QUESTIONNAIRE: CASES,
        ASSIGN_OFFICER: CASES,
        RECORD_DECISION: CASES,
        RECORD_RECOMMENDATION: CASES,
      });
      // Every acknowledged task closure is in the history (none lost), once (none doubled, checked above).
      const closures = client.acknowledged.filter((a) => a.path.endsWith('/closure'));
      const closed = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM case_event WHERE case_id = ANY($1) AND action = 'CLOSE_TASK'`,
        [ids],
      );
      expect(Number(closed.rows[0]?.n)).toBe(closures.length);

      // One clearance per granted case.
      const clearances = await db.query<{ case_id: string; n: string }>(
        'SELECT case_id, count(*) AS n FROM clearance WHERE case_id = ANY($1) GROUP BY case_id',
        [ids],
      );
      expect(clearances.rows).toHaveLength(CASES);
      expect(clearances.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    } finally {
      await db.end();
    }
  });

  it('sent every e-mail once: no repeated message, one decision notice per applicant', async () => {
    await until(
      'the decision e-mails',
      () => {
        const to = new Set(sink.received.flatMap((m) => m.to.map((a) => a.toLowerCase())));
        return outcomes.every((o) => to.has(o.email.toLowerCase())) ? true : undefined;
      },
      5 * 60_000,
      1000,
    );
    const messageIds = sink.received.map((m) => m.messageId);
    expect(messageIds.length - new Set(messageIds).size).toBe(0);
    for (const { email } of outcomes) {
      const toApplicant = sink.received.filter((m) =>
        m.to.some((a) => a.toLowerCase() === email.toLowerCase()),
      );
      expect({ email, messages: toApplicant.length }).toEqual({ email, messages: 1 });
    }
  });
});
