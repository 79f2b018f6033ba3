import { randomUUID } from 'node:crypto';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import type { ProviderAdapter, ProviderRegistry } from '../../activities/record-checks';
import { createSimulatedProvider, ProviderRejectedError } from '../../activities/record-checks';
import type { SimulatedProviderConfig } from '../../libs/config/src/app-config';
import type { CheckResultSignal, RecordCheckInput, RecordCheckState } from '../../libs/contracts/src';
import {
  checkResultSignal,
  defaultRecordChecks,
  getRecordCheckQuery,
  recordCheckInputs,
  recordCheckWorkflowId,
} from '../../libs/contracts/src';
import type { CheckOutcome, CheckType } from '../../libs/domain/src';
import { needsOfficerReview } from '../../libs/domain/src';
import type { recordCheckWorkflow } from '../../workflows';
import { CaseHarness } from '../support/case-harness';

function simulated(overrides: Partial<SimulatedProviderConfig>): ProviderRegistry {
  const provider = {
    name: 'simulated',
    adapter: createSimulatedProvider({
      latencyMs: 500,
      failureRate: 0,
      outcomes: { CLEAR: 1, TRACE: 0, NEEDS_REVIEW: 0 },
      seed: 1,
      force: {},
      outages: {},
      ...overrides,
    }),
  };
  return { forCheck: () => provider };
}

// A partner that calls back. FINANCIAL_REVIEW is slow to accept (so a callback can beat it), and it refuses
// every THIRD_PARTY request outright.
const callbackPartner: ProviderAdapter = {
  async requestCheck(request) {
    if (request.checkType === 'THIRD_PARTY')
      throw new ProviderRejectedError('subject reference not recognised');
    if (request.checkType === 'FINANCIAL_REVIEW') await new Promise((resolve) => setTimeout(resolve, 1500));
    return { providerRef: `cb-${request.checkId}`, mode: 'callback' };
  },
  pollCheck() {
    return Promise.reject(new ProviderRejectedError('this partner only calls back'));
  },
};

const plain = new CaseHarness({ recordCheckProviders: simulated({ latencyMs: 3000 }) });
const scripted = new CaseHarness({
  recordCheckProviders: simulated({
    latencyMs: 200,
    force: { CRIMINAL_RECORDS: 'TRACE' },
    outages: { CREDIT_REFERENCE: 2 },
  }),
});
const callbacks = new CaseHarness({
  recordCheckProviders: { forCheck: () => ({ name: 'test-partner', adapter: callbackPartner }) },
});
const harnesses = [plain, scripted, callbacks];

beforeAll(() => Promise.all(harnesses.map((h) => h.setUp())), 120_000);
afterAll(() => Promise.all(harnesses.map((h) => h.tearDown())));

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof recordCheckWorkflow>;

function start(
  harness: CaseHarness,
  checkType: CheckType,
  overrides: Partial<RecordCheckInput> = {},
  caseId: string = randomUUID(),
): Promise<Handle> {
  const [input] = recordCheckInputs(caseId, { timeoutMs: 60_000, pollIntervalMs: 200 }, [checkType]);
  return harness.client.workflow.start<typeof recordCheckWorkflow>('recordCheckWorkflow', {
    workflowId: recordCheckWorkflowId(caseId, checkType),
    taskQueue: harness.taskQueue,
    args: [{ ...input, ...overrides }],
  });
}

interface CheckRow {
  status: string;
  outcome: string | null;
  provider: string | null;
  provider_ref: string | null;
  mode: string | null;
  attempts: number;
  version: number;
  requested_at: Date | null;
  resolved_at: Date | null;
}

async function row(
  harness: CaseHarness,
  caseId: string,
  checkType: CheckType,
): Promise<CheckRow | undefined> {
  const rows = await harness.dataSource.query<CheckRow[]>(
    `SELECT status, outcome, provider, provider_ref, mode, attempts, version, requested_at, resolved_at
     FROM record_check WHERE case_id = $1 AND check_type = $2`,
    [caseId, checkType],
  );
  return rows[0];
}

async function callbackRows(
  harness: CaseHarness,
  caseId: string,
): Promise<{ id: string; disposition: string }[]> {
  return harness.dataSource.query(
    `SELECT id, disposition FROM provider_callback WHERE case_id = $1 ORDER BY received_at`,
    [caseId],
  );
}

async function awaiting(handle: Handle): Promise<RecordCheckState> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await handle.query(getRecordCheckQuery);
    if (state.status !== 'REQUESTING') return state;
    if (Date.now() > deadline) throw new Error('the check never got past REQUESTING');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function result(providerRef: string, outcome: CheckOutcome, detail: string | null = null): CheckResultSignal {
  return {
    callbackId: randomUUID(),
    provider: 'test-partner',
    providerRef,
    outcome,
    detail,
    receivedAt: new Date().toISOString(),
  };
}

const caseIdOf = (handle: Handle): string =>
  handle.workflowId.slice('vetting-check-'.length, 'vetting-check-'.length + 36);

describe('record check workflow with the simulated provider (poll mode)', () => {
  it('runs the six default checks to CLEAR and records each as a RESULT', async () => {
    const caseId = randomUUID();
    const handles = await Promise.all(defaultRecordChecks().map((type) => start(plain, type, {}, caseId)));
    const results = await Promise.all(handles.map((h) => h.result()));
    expect(results.map((r) => [r.checkType, r.status, r.outcome])).toEqual(
      defaultRecordChecks().map((type) => [type, 'RESULT', 'CLEAR']),
    );
    expect(results.some(needsOfficerReview)).toBe(false);
    for (const type of defaultRecordChecks()) {
      expect(await row(plain, caseId, type)).toMatchObject({
        status: 'RESULT',
        outcome: 'CLEAR',
        provider: 'simulated',
        mode: 'poll',
        attempts: 1,
        version: 3,
      });
    }
    expect(handles[0]?.workflowId).toBe(`vetting-check-${caseId}-departmental_records`);
  });

  it('returns a forced TRACE, which needs an officer', async () => {
    const handle = await start(scripted, 'CRIMINAL_RECORDS');
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'RESULT', outcome: 'TRACE', provider: 'simulated' });
    expect(outcome.detail).toEqual(expect.any(String));
    expect(needsOfficerReview(outcome)).toBe(true);
    expect(await row(scripted, caseIdOf(handle), 'CRIMINAL_RECORDS')).toMatchObject({
      status: 'RESULT',
      outcome: 'TRACE',
    });
  });

  it('rides out a provider outage: two unavailable attempts, retried with backoff, then a result', async () => {
    const handle = await start(scripted, 'CREDIT_REFERENCE');
    const started = Date.now();
    await expect(handle.result()).resolves.toMatchObject({ status: 'RESULT', outcome: 'CLEAR' });
    // Backoff of 1 s then 2 s before the third attempt.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(await row(scripted, caseIdOf(handle), 'CREDIT_REFERENCE')).toMatchObject({
      status: 'RESULT',
      attempts: 3,
    });
  });

  it('times out a check whose provider is still unavailable when the check timeout passes', async () => {
    const handle = await start(scripted, 'CREDIT_REFERENCE', { timeoutMs: 1500 });
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'TIMED_OUT', outcome: null, providerRef: null });
    expect(needsOfficerReview(outcome)).toBe(true);
    expect(await row(scripted, caseIdOf(handle), 'CREDIT_REFERENCE')).toMatchObject({ status: 'TIMED_OUT' });
  });

  it('times out a check whose provider accepted it but never answered in time', async () => {
    const handle = await start(plain, 'FINANCIAL_REVIEW', { timeoutMs: 700 });
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'TIMED_OUT', outcome: null, provider: 'simulated' });
    expect(outcome.providerRef).toMatch(/^sim\./);
    const stored = await row(plain, caseIdOf(handle), 'FINANCIAL_REVIEW');
    expect(stored).toMatchObject({ status: 'TIMED_OUT', outcome: null });
    expect(stored?.resolved_at).toBeInstanceOf(Date);
  });

  it('continues as new during a long wait, keeping its reference, deadline and record', async () => {
    const handle = await start(plain, 'SECURITY_SERVICE', { pollsPerRun: 1 });
    const first = await awaiting(handle);
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'RESULT', outcome: 'CLEAR', providerRef: first.providerRef });
    // The dev server fires timers about a second apart, so the first poll is well inside the 3 s latency.
    const latest = await plain.client.workflow.getHandle(handle.workflowId).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    expect(await row(plain, caseIdOf(handle), 'SECURITY_SERVICE')).toMatchObject({
      status: 'RESULT',
      attempts: 1,
    });
  });
});

describe('record check workflow with a provider that calls back', () => {
  it('applies the callback, records a duplicate without applying it, and refuses a signal after it ended', async () => {
    const handle = await start(callbacks, 'SECURITY_SERVICE');
    const state = await awaiting(handle);
    expect(state).toMatchObject({ status: 'AWAITING_RESULT', mode: 'callback', provider: 'test-partner' });
    const ref = state.providerRef ?? '';
    const caseId = caseIdOf(handle);

    const first = result(ref, 'TRACE', 'one match');
    const duplicate = result(ref, 'CLEAR');
    await handle.signal(checkResultSignal, first);
    await handle.signal(checkResultSignal, duplicate);
    await expect(handle.result()).resolves.toMatchObject({
      status: 'RESULT',
      outcome: 'TRACE',
      detail: 'one match',
    });
    expect(await row(callbacks, caseId, 'SECURITY_SERVICE')).toMatchObject({
      status: 'RESULT',
      outcome: 'TRACE',
      provider_ref: ref,
    });
    expect(await callbackRows(callbacks, caseId)).toEqual([
      { id: duplicate.callbackId, disposition: 'DUPLICATE' },
    ]);

    await expect(handle.signal(checkResultSignal, result(ref, 'CLEAR'))).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('ignores a callback for another reference (recorded as UNKNOWN_REF) and keeps waiting for its own', async () => {
    const handle = await start(callbacks, 'DEPARTMENTAL_RECORDS');
    const ref = (await awaiting(handle)).providerRef ?? '';
    const stray = result('someone-elses-ref', 'TRACE');
    await handle.signal(checkResultSignal, stray);
    await handle.signal(checkResultSignal, result(ref, 'NEEDS_REVIEW'));
    await expect(handle.result()).resolves.toMatchObject({ status: 'RESULT', outcome: 'NEEDS_REVIEW' });
    expect(await callbackRows(callbacks, caseIdOf(handle))).toEqual([
      { id: stray.callbackId, disposition: 'UNKNOWN_REF' },
    ]);
  });

  it('keeps a callback that arrives before the provider has accepted the request, and applies it then', async () => {
    const handle = await start(callbacks, 'FINANCIAL_REVIEW');
    const caseId = caseIdOf(handle);
    await handle.signal(checkResultSignal, result(`cb-${caseId}:FINANCIAL_REVIEW`, 'CLEAR'));
    expect((await handle.query(getRecordCheckQuery)).status).toBe('REQUESTING');
    await expect(handle.result()).resolves.toMatchObject({ status: 'RESULT', outcome: 'CLEAR' });
  });

  it('times out when no callback comes', async () => {
    const handle = await start(callbacks, 'CRIMINAL_RECORDS', { timeoutMs: 800 });
    await expect(handle.result()).resolves.toMatchObject({ status: 'TIMED_OUT', outcome: null });
  });

  it('ends FAILED, without retrying, when the provider refuses the request', async () => {
    const handle = await start(callbacks, 'THIRD_PARTY');
    const outcome = await handle.result();
    expect(outcome).toMatchObject({
      status: 'FAILED',
      outcome: null,
      detail: 'subject reference not recognised',
    });
    expect(needsOfficerReview(outcome)).toBe(true);
    expect(await row(callbacks, caseIdOf(handle), 'THIRD_PARTY')).toMatchObject({
      status: 'FAILED',
      attempts: 1,
    });
  });

  it('records CANCELLED and ends cancelled when the case closes (the parent cancels it)', async () => {
    const handle = await start(callbacks, 'CREDIT_REFERENCE');
    await awaiting(handle);
    await handle.cancel();
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    const stored = await row(callbacks, caseIdOf(handle), 'CREDIT_REFERENCE');
    expect(stored).toMatchObject({ status: 'CANCELLED', outcome: null });
    expect(stored?.resolved_at).toBeInstanceOf(Date);
  });
});
