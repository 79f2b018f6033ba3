// The provider callback webhook in the real API, with the real worker process running a record check against
// a partner on a local port (the HTTP provider adapter in callback mode), real Temporal and real PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  signProviderMessage,
  verifyProviderSignature,
} from '../../activities/record-checks/provider-signature';
import { codecKeyringFromEnv, createDataConverter } from '../../libs/codec/src';
import { getRecordCheckQuery, recordCheckInputs, recordCheckWorkflowId } from '../../libs/contracts/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import type { recordCheckWorkflow } from '../../workflows';
import { ApiHarness } from '../support/api-harness';
import { temporalAddress, testDatabaseUrl } from '../support/env';

const SECRET = 'e2e-partner-shared-secret-0001';

/** The partner's side: accepts check requests (verifying our signature) and hands out references. */
const requests: { checkId: string; signed: boolean }[] = [];
const partner: Server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const { checkId } = JSON.parse(body.toString()) as { checkId: string };
    const signature = req.headers['x-provider-signature'];
    requests.push({ checkId, signed: verifyProviderSignature(SECRET, body, signature as string) });
    res.writeHead(202, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ providerRef: `P-${checkId}`, mode: 'callback' }));
  });
});

let api: ApiHarness;
let db: DataSource;
let connection: Connection;
let client: Client;

beforeAll(async () => {
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/checks`;
  api = new ApiHarness({
    RATE_LIMIT_PER_MINUTE: '100000',
    RECORD_CHECK_PROVIDERS: JSON.stringify({
      SECURITY_SERVICE: { url, mode: 'callback', secret: SECRET, name: 'partner' },
    }),
  });
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  connection = await Connection.connect({ address: temporalAddress() });
  client = new Client({ connection, dataConverter: createDataConverter(codecKeyringFromEnv()) });
}, 180_000);

afterAll(async () => {
  await connection?.close();
  await db?.destroy();
  await api?.stop();
  partner.closeAllConnections();
  await new Promise((resolve) => partner.close(resolve));
});

function post(
  provider: string,
  body: string,
  signature: string | null,
  headers: Record<string, string> = {},
): Promise<request.Response> {
  const req = request(api.server)
    .post(`/providers/${provider}/callbacks`)
    .set({ 'Content-Type': 'application/json', ...headers });
  return (signature === null ? req : req.set('X-Provider-Signature', signature)).send(body);
}

const signed = (body: string): string => signProviderMessage(SECRET, body);

function callbackBody(caseId: string, providerRef: string, outcome = 'TRACE'): string {
  return JSON.stringify({
    providerRef,
    caseId,
    checkType: 'SECURITY_SERVICE',
    outcome,
    detail: 'one record matched',
  });
}

async function callbacksFor(
  caseId: string,
): Promise<{ id: string; disposition: string; provider: string }[]> {
  return db.query(
    `SELECT id, disposition, provider FROM provider_callback WHERE case_id = $1 ORDER BY received_at`,
    [caseId],
  );
}

async function audited(requestId: string): Promise<{ action: string; outcome: string; actor: string }[]> {
  return db.query(`SELECT action, outcome, actor FROM audit_log WHERE request_id = $1`, [requestId]);
}

describe('provider callback webhook', () => {
  it('refuses a bad or missing signature, or an unknown provider, with 401, and records each refusal', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-x');
    const wrong = await post('partner', body, signProviderMessage('not-the-partner-secret', body), {
      'X-Request-Id': `bad-sig-${caseId}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await post('partner', body, null)).status).toBe(401);
    expect((await post('partner', `${body} `, signed(body))).status).toBe(401);
    expect((await post('somebody-else', body, signed(body))).status).toBe(401);

    const rows = await callbacksFor(caseId);
    expect(rows.map((r) => [r.provider, r.disposition])).toEqual([
      ['partner', 'BAD_SIGNATURE'],
      ['partner', 'BAD_SIGNATURE'],
      ['partner', 'BAD_SIGNATURE'],
      ['somebody-else', 'BAD_SIGNATURE'],
    ]);
    expect(await audited(`bad-sig-${caseId}`)).toEqual([
      { action: 'PROVIDER_CALLBACK', outcome: 'DENIED:UNAUTHENTICATED', actor: 'anonymous' },
    ]);
  });

  it('accepts a signed callback for a case it does not know with 202, and records it as UNKNOWN_CASE', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-unknown');
    const res = await post('partner', body, signed(body));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ disposition: 'UNKNOWN_CASE' });
    expect(await callbacksFor(caseId)).toEqual([
      {
        id: (res.body as { callbackId: string }).callbackId,
        disposition: 'UNKNOWN_CASE',
        provider: 'partner',
      },
    ]);
  });

  it('refuses a signed but malformed body (400) or a check type the provider does not perform (403)', async () => {
    const caseId = randomUUID();
    const malformed = JSON.stringify({
      providerRef: 'P-1',
      caseId,
      checkType: 'SECURITY_SERVICE',
      outcome: 'MAYBE',
    });
    const bad = await post('partner', malformed, signed(malformed));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'VALIDATION_FAILED' });
    const other = JSON.stringify({
      providerRef: 'P-1',
      caseId,
      checkType: 'CREDIT_REFERENCE',
      outcome: 'CLEAR',
    });
    expect((await post('partner', other, signed(other))).status).toBe(403);
    expect((await callbacksFor(caseId)).map((r) => r.disposition)).toEqual(['INVALID', 'INVALID']);
  });

  it('delivers a good callback to the running check, then answers a late one as CASE_CLOSED', async () => {
    const caseId = randomUUID();
    const [input] = recordCheckInputs(caseId, { timeoutMs: 120_000, pollIntervalMs: 1000 }, [
      'SECURITY_SERVICE',
    ]);
    const handle = await client.workflow.start<typeof recordCheckWorkflow>('recordCheckWorkflow', {
      workflowId: recordCheckWorkflowId(caseId, 'SECURITY_SERVICE'),
      taskQueue: api.env.TEMPORAL_TASK_QUEUE ?? '',
      args: [input],
    });
    let state = await handle.query(getRecordCheckQuery);
    for (let i = 0; state.status === 'REQUESTING' && i < 200; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await handle.query(getRecordCheckQuery);
    }
    expect(state).toMatchObject({ status: 'AWAITING_RESULT', mode: 'callback', provider: 'partner' });
    expect(requests).toContainEqual({ checkId: input.checkId, signed: true });
    const providerRef = `P-${input.checkId}`;
    expect(state.providerRef).toBe(providerRef);

    const body = callbackBody(caseId, providerRef, 'TRACE');
    const delivered = await post('partner', body, signed(body), { 'X-Request-Id': `good-${caseId}` });
    expect(delivered.status).toBe(202);
    expect(delivered.body).toMatchObject({ disposition: 'DELIVERED' });
    await expect(handle.result()).resolves.toMatchObject({
      status: 'RESULT',
      outcome: 'TRACE',
      detail: 'one record matched',
      provider: 'partner',
      providerRef,
    });
    const [check] = await db.query<{ status: string; outcome: string }[]>(
      `SELECT status, outcome FROM record_check WHERE case_id = $1`,
      [caseId],
    );
    expect(check).toEqual({ status: 'RESULT', outcome: 'TRACE' });
    expect(await audited(`good-${caseId}`)).toEqual([
      { action: 'PROVIDER_CALLBACK', outcome: '202', actor: 'anonymous' },
    ]);

    const late = await post('partner', body, signed(body));
    expect(late.status).toBe(202);
    expect(late.body).toMatchObject({ disposition: 'CASE_CLOSED' });
    expect((await callbacksFor(caseId)).map((r) => r.disposition)).toEqual(['DELIVERED', 'CASE_CLOSED']);
  });
});
