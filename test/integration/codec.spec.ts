import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Payload, PayloadCodec, UpdateDefinition } from '@temporalio/common';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { Worker as ReplayWorker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseWorker } from '../../apps/worker/src/case-worker';
import { ENCODING_ENCRYPTED, FAILURE_CONVERTER_PATH, isEncrypted } from '../../libs/codec/src';
import { DEFAULT_STAGE_DURATIONS_MS } from '../../libs/config/src/app-config';
import type { CaseSnapshot, VettingCaseInput } from '../../libs/contracts/src';
import {
  awaitScreeningUpdate,
  caseWorkflowId,
  COMMAND_UPDATES,
  getCaseQuery,
} from '../../libs/contracts/src';
import type { CaseCommand } from '../../libs/domain/src';
import { DEFAULT_ELIGIBILITY_POLICY } from '../../libs/domain/src/eligibility';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { dataConverter, workerConfig, workflowBundle } from '../support/case-harness';
import { temporalAddress, testDatabaseUrl } from '../support/env';
import { eligibleApplication } from '../support/fixtures';

const HISTORIES = path.resolve(__dirname, '../histories');

/** Every payload in a history (or any proto JSON), with its encoding. */
function payloadEncodings(json: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const metadata = record.metadata as Record<string, unknown> | undefined;
    if (metadata && typeof metadata.encoding === 'string') {
      found.push(Buffer.from(metadata.encoding, 'base64').toString('utf8'));
    }
    Object.values(record).forEach(visit);
  };
  visit(JSON.parse(json));
  return found;
}

describe('payload encryption and the histories recorded before it', () => {
  // v1 histories were recorded before payload encryption existed; later ones are encrypted already.
  const files = readdirSync(HISTORIES).filter((f) => f.startsWith('v1-') && f.endsWith('.json'));

  it.each(files)('replays %s (plain payloads) through the production data converter', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
    expect(payloadEncodings(historyToJSON(history))).not.toContain(ENCODING_ENCRYPTED);
    await expect(
      ReplayWorker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter },
        history,
        file.replace(/\.json$/, ''),
      ),
    ).resolves.toBeUndefined();
  });

  it('needs the pass-through: a codec that decrypts everything cannot replay them', async () => {
    const strict: PayloadCodec = {
      encode: (payloads: Payload[]) => Promise.resolve(payloads),
      decode: (payloads: Payload[]) =>
        payloads.every(isEncrypted) ? Promise.resolve(payloads) : Promise.reject(new Error('not encrypted')),
    };
    const file = files.find((f) => f.includes('granted')) ?? files[0] ?? '';
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')));
    await expect(
      ReplayWorker.runReplayHistory(
        {
          workflowBundle: await workflowBundle(),
          dataConverter: { payloadCodecs: [strict], failureConverterPath: FAILURE_CONVERTER_PATH },
        },
        history,
        'strict',
      ),
    ).rejects.toThrow();
  });
});

describe('a case started before encryption was switched on', () => {
  const taskQueue = `codec-${randomUUID()}`;
  let plain: TestWorkflowEnvironment;
  let encrypted: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  async function startWorker(env: TestWorkflowEnvironment, encrypt: boolean): Promise<void> {
    worker = await createCaseWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      dataSource,
      config: workerConfig,
      workflowBundle: await workflowBundle(),
      // An empty converter is the SDK default: what the worker ran with before this change.
      dataConverter: encrypt ? dataConverter : {},
    });
    running = worker.run();
  }

  async function stopWorker(): Promise<void> {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    worker = undefined;
  }

  function act(env: TestWorkflowEnvironment, caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
    const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
    return env.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
  }

  beforeAll(async () => {
    plain = await TestWorkflowEnvironment.createFromExistingServer({ address: temporalAddress() });
    encrypted = await TestWorkflowEnvironment.createFromExistingServer({
      address: temporalAddress(),
      client: { dataConverter },
    });
    dataSource = createDataSource(testDatabaseUrl());
    await dataSource.initialize();
  });

  afterAll(async () => {
    await stopWorker();
    await dataSource?.destroy();
    await plain?.teardown();
    await encrypted?.teardown();
  });

  it('keeps running under the encrypting worker, and only what comes after is encrypted', async () => {
    await startWorker(plain, false);
    const caseId = randomUUID();
    const input: VettingCaseInput = {
      caseId,
      application: eligibleApplication({ givenName: 'Plainly' }),
      policy: DEFAULT_ELIGIBILITY_POLICY,
      stageDurationsMs: DEFAULT_STAGE_DURATIONS_MS,
      receivedAt: new Date().toISOString(),
    };
    const started = await plain.client.workflow.start('vettingCaseWorkflow', {
      workflowId: caseWorkflowId(caseId),
      taskQueue,
      args: [input],
    });
    await started.executeUpdate(awaitScreeningUpdate);
    await act(plain, caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: 'officer-1' });
    const before = await plain.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    expect(payloadEncodings(historyToJSON(before))).not.toContain(ENCODING_ENCRYPTED);

    await stopWorker();
    await startWorker(encrypted, true);
    const accepted = await act(encrypted, caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: 'officer-1' });
    expect(accepted.stage).toBe('RECORD_CHECKS');
    const handle = encrypted.client.workflow.getHandle(caseWorkflowId(caseId));
    await expect(handle.query(getCaseQuery)).resolves.toMatchObject({
      stage: 'RECORD_CHECKS',
      assignee: 'officer-1',
    });

    const after = await encrypted.connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: caseWorkflowId(caseId) },
    });
    const plainCount = payloadEncodings(historyToJSON(before)).length;
    const encodings = payloadEncodings(historyToJSON(after.history ?? {}));
    expect(encodings.slice(0, plainCount)).not.toContain(ENCODING_ENCRYPTED);
    expect(encodings.length).toBeGreaterThan(plainCount);
    expect(encodings.slice(plainCount)).toEqual(
      Array(encodings.length - plainCount).fill(ENCODING_ENCRYPTED),
    );
  });
});
