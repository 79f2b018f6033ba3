// Issue 9, item 4: "commands that bypass the API". A plaintext `temporal workflow update execute` straight to the
// Temporal frontend was applied as the officer it named. With CODEC_REFUSE_PLAINTEXT (on by default in
// production) the worker decodes an unencrypted payload to a refusal marker and the workflow interceptors refuse
// the start, update or signal that carried it; commands encrypted with a configured key (the API's) still work.
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { DEFAULT_STAGE_DURATIONS_MS } from '../../libs/config/src/app-config';
import type { CaseSnapshot, VettingCaseInput } from '../../libs/contracts/src';
import {
  awaitScreeningUpdate,
  caseWorkflowId,
  COMMAND_UPDATES,
  getCaseQuery,
  UNENCRYPTED_COMMAND_FAILURE_TYPE,
} from '../../libs/contracts/src';
import type { CaseCommand } from '../../libs/domain/src';
import { DEFAULT_ELIGIBILITY_POLICY } from '../../libs/domain/src/eligibility';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { dataConverter, workerConfig, workflowBundle } from '../support/case-harness';
import { temporalAddress, testDatabaseUrl } from '../support/env';
import { eligibleApplication } from '../support/fixtures';

const taskQueue = `unencrypted-${randomUUID()}`;
let plain: TestWorkflowEnvironment;
let encrypted: TestWorkflowEnvironment;
let dataSource: DataSource;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  plain = await TestWorkflowEnvironment.createFromExistingServer({ address: temporalAddress() });
  encrypted = await TestWorkflowEnvironment.createFromExistingServer({
    address: temporalAddress(),
    client: { dataConverter },
  });
  dataSource = createDataSource(testDatabaseUrl());
  await dataSource.initialize();
  worker = await createCaseWorker({
    connection: encrypted.nativeConnection,
    namespace: 'default',
    taskQueue,
    dataSource,
    // As in production: the worker builds its converter from the configuration, refusing plaintext.
    config: { ...workerConfig, codec: { ...workerConfig.codec, refusePlaintext: true } },
    workflowBundle: await workflowBundle(),
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await dataSource?.destroy();
  await plain?.teardown();
  await encrypted?.teardown();
});

function caseInput(caseId: string): VettingCaseInput {
  return {
    caseId,
    application: eligibleApplication(),
    policy: DEFAULT_ELIGIBILITY_POLICY,
    stageDurationsMs: DEFAULT_STAGE_DURATIONS_MS,
    receivedAt: new Date().toISOString(),
  };
}

function update(env: TestWorkflowEnvironment, caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const definition = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return env.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(definition, { args: [command] });
}

async function storedEvents(caseId: string): Promise<number> {
  const rows: { n: number }[] = await dataSource.query(
    'SELECT count(*)::int AS n FROM case_event WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.n ?? 0;
}

it('refuses a plaintext update sent straight to Temporal, whatever actor it names, and keeps the case', async () => {
  const caseId = randomUUID();
  const handle = await encrypted.client.workflow.start('vettingCaseWorkflow', {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [caseInput(caseId)],
  });
  await handle.executeUpdate(awaitScreeningUpdate);

  // The refusal comes back encrypted, so the sender cannot even read it; the update was rejected all the same.
  await expect(
    update(plain, caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: 'intruder-1' }),
  ).rejects.toThrow();

  // The same command encrypted with the configured key (what the API sends) is applied.
  const assigned = await update(encrypted, caseId, {
    type: 'ASSIGN_OFFICER',
    actor: 'lead-1',
    officerId: 'officer-1',
  });
  expect(assigned.assignee).toBe('officer-1');
  const state = await handle.query(getCaseQuery);
  // The forged update never entered the history: one event for screening, one for the real assignment.
  expect(state).toMatchObject({ assignee: 'officer-1', lastEventSeq: assigned.lastEventSeq });
});

it('drops a plaintext signal without touching the case', async () => {
  const caseId = randomUUID();
  const handle = await encrypted.client.workflow.start('vettingCaseWorkflow', {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [caseInput(caseId)],
  });
  const screened = await handle.executeUpdate(awaitScreeningUpdate);
  await plain.client.workflow.getHandle(caseWorkflowId(caseId)).signal('checkResult', {
    checkType: 'CRIMINAL_RECORD',
    outcome: 'CLEAR',
  });
  // Updates are handled after the signal that came before them, so this reads the state after the signal.
  const after = await update(encrypted, caseId, {
    type: 'ASSIGN_OFFICER',
    actor: 'lead-1',
    officerId: 'officer-1',
  });
  expect(after.lastEventSeq).toBe(screened.lastEventSeq + 1);
});

it('fails a plaintext start before the workflow writes anything', async () => {
  const caseId = randomUUID();
  const started = await plain.client.workflow.start('vettingCaseWorkflow', {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [caseInput(caseId)],
  });
  // Read with the key: the failure is encrypted like every other.
  const outcome = encrypted.client.workflow.getHandle(started.workflowId).result();
  await expect(outcome).rejects.toBeInstanceOf(WorkflowFailedError);
  await expect(outcome).rejects.toMatchObject({ cause: { type: UNENCRYPTED_COMMAND_FAILURE_TYPE } });
  expect(await storedEvents(caseId)).toBe(0);
  const rows: unknown[] = await dataSource.query('SELECT 1 FROM vetting_case WHERE id = $1', [caseId]);
  expect(rows).toHaveLength(0);
});
