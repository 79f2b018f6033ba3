// Issue 12: an aftercare action sent while no worker runs says so honestly (503 WORKER_UNAVAILABLE within
// UPDATE_TIMEOUT_MS, nothing applied, nothing queued), and the same request retried with its Idempotency-Key once
// a worker is back is applied exactly once. The clearance's workflow is started on the test's task queue before
// any worker polls it, as a clearance whose worker crashed would be.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '../../apps/api/src/temporal/temporal.module';
import type { ClearanceHeldInput } from '../../libs/contracts/src';
import { clearanceHeldWorkflowId } from '../../libs/contracts/src';
import { grantedClearance } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ClearanceStore } from '../../libs/persistence/src/clearance-store';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { newApplicant } from '../support/principals';
import { fieldCipher } from '../support/field-cipher';

const UPDATE_TIMEOUT_MS = 3_000;
// Reading and auditing the clearance in PostgreSQL comes on top of the budget; a loaded CI machine is slow.
const HTTP_SLACK_MS = 3_000;

const api = new ApiHarness({ UPDATE_TIMEOUT_MS: String(UPDATE_TIMEOUT_MS) }, { worker: false });
const holder = newApplicant();
const sponsor = { subject: `sponsor-${randomUUID()}`, roles: ['SPONSOR' as const] };
const clearanceId = randomUUID();

beforeAll(async () => {
  await api.start();
  const today = new Date().toISOString().slice(0, 10);
  const input: ClearanceHeldInput = {
    clearanceId,
    caseId: randomUUID(),
    holderId: holder.subject,
    sponsorId: sponsor.subject,
    grantedOn: today,
    renewalDue: `${Number(today.slice(0, 4)) + 7}-01-01`,
    conditions: [],
    // Years long enough that nothing but the test's action happens.
    timing: { yearMs: 600_000, appraisalReminderMs: 60_000, appraisalOverdueMs: 120_000 },
  };
  // The row the grant writes, as the case workflow leaves it before aftercare has run.
  const db = createDataSource(testDatabaseUrl());
  await db.initialize();
  const store = new ClearanceStore(db, fieldCipher);
  await store.record({
    clearanceId,
    caseId: input.caseId,
    personId: holder.subject,
    sponsorId: sponsor.subject,
    level: 'DV',
    grantedOn: input.grantedOn,
    reviewDue: input.renewalDue,
    conditions: [],
  });
  await store.storeSnapshot(grantedClearance(input, new Date().toISOString()));
  await db.destroy();
  await api.app.get<symbol, Client>(TEMPORAL_CLIENT).workflow.start('clearanceHeldWorkflow', {
    workflowId: clearanceHeldWorkflowId(clearanceId),
    taskQueue: api.env.TEMPORAL_TASK_QUEUE ?? '',
    args: [input],
  });
}, 120_000);
afterAll(() => api.stop());

it('answers 503 WORKER_UNAVAILABLE while no worker runs, and applies a keyed retry once when one is back', async () => {
  const report = () =>
    api
      .as(sponsor)
      .post(
        `/clearances/${clearanceId}/incidents`,
        { summary: 'badge lent to a visitor' },
        { 'Idempotency-Key': 'incident-1' },
      );
  const started = Date.now();
  const down = await report();
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ error: 'WORKER_UNAVAILABLE', details: { clearanceId } });
  expect((down.body as { message: string }).message).toContain('has not been applied');
  expect(down.headers['retry-after']).toBe('5');
  expect(Date.now() - started).toBeLessThan(UPDATE_TIMEOUT_MS + HTTP_SLACK_MS);

  await api.startWorker();
  // A fresh worker's first workflow task can outlast the short budget: the client retries with the same key,
  // as the 503 told it to, and every retry is the same update.
  let retried = await report();
  for (let i = 0; i < 10 && retried.status === 503; i += 1) retried = await report();
  expect(retried.status).toBe(200);
  expect(retried.body).toMatchObject({ clearanceId, status: 'VALID' });
  // The same key again is the same update: answered, not applied a second time.
  const again = await report();
  expect(again.status).toBe(200);
  const reviewer = { subject: `officer-${randomUUID()}`, roles: ['VETTING_OFFICER' as const] };
  const seen = await api.as(reviewer).get(`/clearances/${clearanceId}`);
  expect((seen.body as { tasks: { kind: string }[] }).tasks.map((t) => t.kind)).toEqual(['INCIDENT']);
}, 240_000);
