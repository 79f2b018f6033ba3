// The provider callback webhook in the real API, with the real worker process running a record check against
// a partner on a local port (the HTTP provider adapter in callback mode), real Temporal and real PostgreSQL.
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  newProviderNonce,
  providerTimestamp,
  signedHeaders,
  signProviderMessage,
  verifyProviderSignature,
} from '../../libs/providers/src';
import { codecKeyringFromEnv, createDataConverter } from '../../libs/codec/src';
import { getRecordCheckQuery, recordCheckInputs, recordCheckWorkflowId } from '../../libs/contracts/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import type { recordCheckWorkflow } from '../../workflows';
import { RetrySafeConnection } from '../../apps/api/src/temporal/retry-safe-connection';
import { ApiHarness } from '../support/api-harness';
import { temporalAddress, testDatabaseUrl } from '../support/env';

const SECRET = 'e2e-partner-shared-secret-0001';
const POLLER_SECRET = 'e2e-poller-shared-secret-0002';
const WINDOW_SECONDS = 60;
const EXPIRED_NONCE = `expired-${randomUUID()}`;

/** Whether a request we received carries our worker's signature (timestamp, nonce, body), as a partner checks. */
function signedByUs(req: IncomingMessage, secret: string, signedOver: Buffer): boolean {
  return verifyProviderSignature(
    secret,
    {
      timestamp: req.headers['x-provider-timestamp'] as string,
      nonce: req.headers['x-provider-nonce'] as string,
      body: signedOver,
    },
    req.headers['x-provider-signature'] as string,
  );
}

/** A partner's answer, signed over the nonce of the request it answers (or, when forging, not). */
function answer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  signing: { secret: string } | 'unsigned',
): void {
  const text = JSON.stringify(body);
  const nonce = req.headers['x-provider-nonce'] as string;
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(signing === 'unsigned' ? {} : signedHeaders(signing.secret, text, { nonce })),
  });
  res.end(text);
}

/**
 * The partners' side on one local port. `/checks` is a callback-mode partner that accepts check requests
 * (verifying our signature) and hands out references. `/polled` is a poll-mode partner behind a hostile
 * network (issue 9 item 14): its first answer to a check request and its first polls are forged (unsigned,
 * or signed with a key that is not the partner's, and saying CLEAR); only then does the real partner answer.
 */
const requests: { checkId: string; signed: boolean }[] = [];
const polled: { providerRef: string; signed: boolean; forged: boolean }[] = [];
const FORGED_POLLS = 2;
let pollRequests = 0;
const partner: Server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const url = req.url ?? '';
    if (url === '/checks' && req.method === 'POST') {
      const { checkId } = JSON.parse(body.toString()) as { checkId: string };
      requests.push({ checkId, signed: signedByUs(req, SECRET, body) });
      answer(req, res, 202, { providerRef: `P-${checkId}`, mode: 'callback' }, { secret: SECRET });
    } else if (url === '/polled' && req.method === 'POST') {
      const { checkId } = JSON.parse(body.toString()) as { checkId: string };
      pollRequests += 1;
      if (pollRequests === 1) answer(req, res, 202, { providerRef: 'P-forged', mode: 'poll' }, 'unsigned');
      else answer(req, res, 202, { providerRef: `Q-${checkId}`, mode: 'poll' }, { secret: POLLER_SECRET });
    } else if (url.startsWith('/polled/') && req.method === 'GET') {
      const providerRef = decodeURIComponent(url.slice('/polled/'.length));
      const forged = polled.length < FORGED_POLLS;
      polled.push({ providerRef, signed: signedByUs(req, POLLER_SECRET, Buffer.from(providerRef)), forged });
      if (!forged) {
        answer(
          req,
          res,
          200,
          { status: 'DONE', outcome: 'TRACE', detail: 'a record matched' },
          {
            secret: POLLER_SECRET,
          },
        );
      } else if (polled.length === 1) {
        answer(req, res, 200, { status: 'DONE', outcome: 'CLEAR' }, 'unsigned');
      } else {
        answer(
          req,
          res,
          200,
          { status: 'DONE', outcome: 'CLEAR' },
          { secret: 'an-attackers-own-secret-000' },
        );
      }
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});

let api: ApiHarness;
let db: DataSource;
let connection: RetrySafeConnection;
let client: Client;

beforeAll(async () => {
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  api = new ApiHarness({
    RATE_LIMIT_PER_MINUTE: '100000',
    PROVIDER_CALLBACK_MAX_AGE_SECONDS: String(WINDOW_SECONDS),
    RECORD_CHECK_PROVIDERS: JSON.stringify({
      SECURITY_SERVICE: { url: `${base}/checks`, mode: 'callback', secret: SECRET, name: 'partner' },
      THIRD_PARTY: { url: `${base}/polled`, mode: 'poll', secret: POLLER_SECRET, name: 'poller' },
    }),
  });
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  connection = await RetrySafeConnection.connect({ address: temporalAddress() });
  client = new Client({
    connection: connection.connection,
    dataConverter: createDataConverter(codecKeyringFromEnv()),
  });
  // A nonce from long ago, before any callback of this run: the first accepted callback clears it out.
  await db.query(
    `INSERT INTO provider_callback_nonce (provider, nonce, seen_at, expires_at)
     VALUES ('partner', $1, now() - interval '2 hours', now() - interval '1 hour')`,
    [EXPIRED_NONCE],
  );
}, 180_000);

afterAll(async () => {
  await connection?.close();
  await db?.destroy();
  await api?.stop();
  partner.closeAllConnections();
  await new Promise((resolve) => partner.close(resolve));
});

/** The signing headers for a callback, by default fresh and signed with the partner's secret. */
interface Signing {
  timestamp?: string;
  nonce?: string;
  secret?: string;
}

function signing(body: string, { timestamp, nonce, secret }: Signing = {}): Record<string, string> {
  const t = timestamp ?? providerTimestamp();
  const n = nonce ?? newProviderNonce();
  return {
    'X-Provider-Timestamp': t,
    'X-Provider-Nonce': n,
    'X-Provider-Signature': signProviderMessage(secret ?? SECRET, { timestamp: t, nonce: n, body }),
  };
}

function post(
  provider: string,
  body: string,
  headers: Record<string, string> | null,
  extra: Record<string, string> = {},
  query = '',
): Promise<request.Response> {
  return request(api.server)
    .post(`/providers/${provider}/callbacks${query}`)
    .set({ 'Content-Type': 'application/json', ...(headers ?? {}), ...extra })
    .send(body);
}

const signed = (body: string, options: Signing = {}): Record<string, string> => signing(body, options);

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

async function nonceRows(nonce: string): Promise<number> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM provider_callback_nonce WHERE nonce = $1`, [nonce]);
  return rows.length;
}

async function audited(requestId: string): Promise<{ action: string; outcome: string; actor: string }[]> {
  return db.query(`SELECT action, outcome, actor FROM audit_log WHERE request_id = $1`, [requestId]);
}

describe('provider callback webhook', () => {
  it('issue 9 items 15 and 16: an unsigned or badly signed call writes no row and no attacker-chosen audit case id (401, nothing chained)', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-x');
    const wrong = await post('partner', body, signed(body, { secret: 'not-the-partner-secret' }), {
      'X-Request-Id': `bad-sig-${caseId}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await post('partner', body, null)).status).toBe(401);
    expect((await post('partner', `${body} `, signed(body))).status).toBe(401);
    expect((await post('somebody-else', body, signed(body))).status).toBe(401);

    // An unsigned caller chose these fields (and the case id in the query string): none of it is kept.
    const forged = await post(
      `partner`,
      body,
      null,
      { 'X-Request-Id': `forged-${caseId}` },
      `?caseId=${caseId}`,
    );
    expect(forged.status).toBe(401);
    expect(await callbacksFor(caseId)).toEqual([]);
    expect(await audited(`bad-sig-${caseId}`)).toEqual([]);
    expect(await audited(`forged-${caseId}`)).toEqual([]);
    const anyCase: unknown[] = await db.query(`SELECT 1 FROM audit_log WHERE case_id = $1`, [caseId]);
    expect(anyCase).toEqual([]);
    // Not even a nonce: an unsigned caller cannot fill the replay table either.
    const nonce = newProviderNonce();
    const unsignedWithNonce = await post('partner', body, {
      'X-Provider-Timestamp': providerTimestamp(),
      'X-Provider-Nonce': nonce,
      'X-Provider-Signature': `sha256=${'0'.repeat(64)}`,
    });
    expect(unsignedWithNonce.status).toBe(401);
    expect(await nonceRows(nonce)).toBe(0);
  });

  it('issue 9 item 15: a signature without its timestamp and nonce (the old format) is refused', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-old');
    const old = createHmac('sha256', SECRET).update(body).digest('hex');
    expect((await post('partner', body, { 'X-Provider-Signature': `sha256=${old}` })).status).toBe(401);
    const headers = signed(body);
    const without = (name: string): Record<string, string> =>
      Object.fromEntries(Object.entries(headers).filter(([header]) => header !== name));
    expect((await post('partner', body, without('X-Provider-Nonce'))).status).toBe(401);
    expect((await post('partner', body, without('X-Provider-Timestamp'))).status).toBe(401);
    expect(await callbacksFor(caseId)).toEqual([]);
  });

  it('issue 9 item 15: a replayed callback is refused (401) and recorded once', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-replayed');
    const headers = signed(body);
    const first = await post('partner', body, headers);
    expect(first.status).toBe(202);
    const replay = await post('partner', body, headers, { 'X-Request-Id': `replay-${caseId}` });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((replay.body as { message: string }).message).toMatch(/X-Provider-Nonce was used before/);
    expect((await callbacksFor(caseId)).map((r) => r.disposition)).toEqual(['UNKNOWN_CASE']);
    // The replay names no case in the audit trail: it is an outsider's refusal, logged and not chained.
    expect(await audited(`replay-${caseId}`)).toEqual([]);
    // The same nonce stays refused even under a fresh timestamp and a valid signature over both.
    const resigned = await post('partner', body, signed(body, { nonce: headers['X-Provider-Nonce'] }));
    expect(resigned.status).toBe(401);
    // A provider retrying properly (a new nonce, the current time) is taken.
    expect((await post('partner', body, signed(body))).status).toBe(202);
  });

  it('issue 9 item 15: two racing copies of one callback cannot both pass', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-race');
    const headers = signed(body);
    const answers = await Promise.all([1, 2, 3, 4].map(() => post('partner', body, headers)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 401, 401, 401]);
    expect(await callbacksFor(caseId)).toHaveLength(1);
    expect(await nonceRows(headers['X-Provider-Nonce'] ?? '')).toBe(1);
  });

  it('issue 9 item 15: a stale timestamp is refused (401), in the past or in the future, and nothing is recorded', async () => {
    const caseId = randomUUID();
    const body = callbackBody(caseId, 'P-stale');
    const now = Math.floor(Date.now() / 1000);
    const stale = await post('partner', body, signed(body, { timestamp: String(now - WINDOW_SECONDS - 5) }), {
      'X-Request-Id': `stale-${caseId}`,
    });
    expect(stale.status).toBe(401);
    expect((stale.body as { message: string }).message).toMatch(
      /X-Provider-Timestamp is more than 60 seconds/,
    );
    const future = await post('partner', body, signed(body, { timestamp: String(now + WINDOW_SECONDS + 5) }));
    expect(future.status).toBe(401);
    expect(await callbacksFor(caseId)).toEqual([]);
    expect(await audited(`stale-${caseId}`)).toEqual([]);
    // Inside the window (a provider whose clock is a little off) it is taken.
    const late = await post('partner', body, signed(body, { timestamp: String(now - WINDOW_SECONDS + 10) }));
    expect(late.status).toBe(202);
  });

  it('issue 9 item 15: deletes nonces whose timestamp has left the window', async () => {
    const body = callbackBody(randomUUID(), 'P-cleanup');
    expect((await post('partner', body, signed(body))).status).toBe(202);
    expect(await nonceRows(EXPIRED_NONCE)).toBe(0);
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
    const goodHeaders = signed(body);
    const delivered = await post('partner', body, goodHeaders, { 'X-Request-Id': `good-${caseId}` });
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

    // The delivered callback, replayed word for word: refused before it can be signalled again.
    expect((await post('partner', body, goodHeaders)).status).toBe(401);
    const late = await post('partner', body, signed(body));
    expect(late.status).toBe(202);
    expect(late.body).toMatchObject({ disposition: 'CASE_CLOSED' });
    expect((await callbacksFor(caseId)).map((r) => r.disposition)).toEqual(['DELIVERED', 'CASE_CLOSED']);
  });

  it('issue 9 item 14: a forged or unsigned provider answer is never applied to the check', async () => {
    const caseId = randomUUID();
    const [input] = recordCheckInputs(caseId, { timeoutMs: 120_000, pollIntervalMs: 500 }, ['THIRD_PARTY']);
    const handle = await client.workflow.start<typeof recordCheckWorkflow>('recordCheckWorkflow', {
      workflowId: recordCheckWorkflowId(caseId, 'THIRD_PARTY'),
      taskQueue: api.env.TEMPORAL_TASK_QUEUE ?? '',
      args: [input],
    });
    const providerRef = `Q-${input.checkId}`;
    // The unsigned acceptance (P-forged) was not taken: the request was retried and the signed one was.
    // The forged CLEAR answers to the polls were not taken either: the real partner's TRACE was.
    await expect(handle.result()).resolves.toMatchObject({
      status: 'RESULT',
      outcome: 'TRACE',
      provider: 'poller',
      providerRef,
    });
    expect(pollRequests).toBeGreaterThanOrEqual(2);
    expect(polled.every((p) => p.providerRef === providerRef && p.signed)).toBe(true);
    expect(polled.filter((p) => p.forged)).toHaveLength(FORGED_POLLS);
    const [check] = await db.query<{ status: string; outcome: string; provider_ref: string }[]>(
      `SELECT status, outcome, provider_ref FROM record_check WHERE case_id = $1`,
      [caseId],
    );
    expect(check).toEqual({ status: 'RESULT', outcome: 'TRACE', provider_ref: providerRef });
  }, 60_000);
});
