// Issue 10, item 3: while Temporal itself is down an action must say so (not WORKER_UNAVAILABLE), answer within
// UPDATE_TIMEOUT_MS, and not pretend the action is queued; the same request retried with its Idempotency-Key once
// Temporal is back is applied exactly once. Temporal is the run's real dev server behind a TCP proxy that the
// test cuts, so the API and its worker lose it the way a crash or a partition would look to them.
import request from 'supertest';
import { ApiHarness } from '../support/api-harness';
import { CuttableProxy } from '../support/cuttable-proxy';
import { FAST_CHECKS_ENV } from '../support/dv-flow';
import { temporalAddress } from '../support/env';
import { eligibleApplication } from '../support/fixtures';
import { admin, lead, newApplicant, officer } from '../support/principals';

const UPDATE_TIMEOUT_MS = 4_000;
// The HTTP request also reads and audits the case in PostgreSQL before and after Temporal; on a loaded CI
// machine that can take a moment, so the bound checked is the budget plus this.
const HTTP_SLACK_MS = 3_000;

const proxy = new CuttableProxy(temporalAddress());
let api: ApiHarness;

beforeAll(async () => {
  await proxy.start();
  api = new ApiHarness({
    ...FAST_CHECKS_ENV,
    TEMPORAL_ADDRESS: proxy.address,
    UPDATE_TIMEOUT_MS: String(UPDATE_TIMEOUT_MS),
  });
  await api.start();
}, 120_000);
afterAll(async () => {
  proxy.restore();
  await api.stop();
  await proxy.stop();
});

interface ErrorBody {
  error: string;
  message: string;
}
interface CaseBody {
  caseId: string;
  assignee: string | null;
  history: { action: string }[];
}

async function newCase(): Promise<string> {
  const res = await api.as(newApplicant()).post('/applications', eligibleApplication());
  expect(res.status).toBe(201);
  return (res.body as CaseBody).caseId;
}

function assign(caseId: string, key: string) {
  return api
    .as(lead)
    .post(`/cases/${caseId}/assignment`, { officerId: officer.subject }, { 'Idempotency-Key': key });
}

it('says Temporal is down within UPDATE_TIMEOUT_MS, applies nothing, and applies a keyed retry once when it is back', async () => {
  const caseId = await newCase();
  proxy.cut();
  try {
    const started = Date.now();
    const down = await assign(caseId, `outage-${caseId}`);
    const tookMs = Date.now() - started;
    expect(down.status).toBe(503);
    const refusal = down.body as ErrorBody;
    expect(refusal.error).toBe('TEMPORAL_UNAVAILABLE');
    expect(refusal.message).toContain('has not been applied');
    expect(refusal.message).toContain('same Idempotency-Key');
    expect(tookMs).toBeLessThan(UPDATE_TIMEOUT_MS + HTTP_SLACK_MS);

    // Readiness names the dependency that is down.
    const ready = await request(api.server).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.body)).toContain('temporal');
  } finally {
    proxy.restore();
  }

  // Back: the same key applies the action, once (the worker reconnects on its own).
  let retried: request.Response | undefined;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    retried = await assign(caseId, `outage-${caseId}`);
    if (retried.status !== 503) break;
  }
  expect(retried?.status).toBe(200);
  expect((retried?.body as CaseBody).assignee).toBe(officer.subject);
  const again = await assign(caseId, `outage-${caseId}`);
  expect(again.status).toBe(200);

  const read = await api
    .as(admin)
    .get(`/cases/${caseId}`, { 'X-Access-Reason': 'end-to-end test verification' });
  expect(read.status).toBe(200);
  expect((read.body as CaseBody).history.filter((e) => e.action === 'ASSIGN_OFFICER')).toHaveLength(1);
});
