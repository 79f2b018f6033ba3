import { get } from 'node:http';
import request from 'supertest';
import { getFreePort } from '../../scripts/lib/free-port';
import { ApiHarness } from '../support/api-harness';
import { temporalAddress, testDatabaseUrl } from '../support/env';
import { eligibleApplication } from '../support/fixtures';
import { newApplicant, officer } from '../support/principals';
import { TcpProxy } from '../support/tcp-proxy';
import { until } from '../support/until';

/** GET on a management listener (metrics, the worker's health): status and body. */
function fetchPlain(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** The value of one sample line in Prometheus text format, or undefined. */
function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const line = metrics
    .split('\n')
    .find(
      (l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

// PostgreSQL and Temporal are reached through proxies the tests can cut, as an outage would.
const database = TcpProxy.forUrl(testDatabaseUrl());
const temporal = TcpProxy.forAddress(temporalAddress());
let apiMetricsPort = 0;
let workerMetricsPort = 0;
let workerHealthPort = 0;
let api: ApiHarness;

beforeAll(async () => {
  await Promise.all([database.start(), temporal.start()]);
  [apiMetricsPort, workerMetricsPort, workerHealthPort] = await Promise.all([
    getFreePort(),
    getFreePort(),
    getFreePort(),
  ]);
  api = new ApiHarness(
    {
      DATABASE_URL: database.url(testDatabaseUrl()),
      TEMPORAL_ADDRESS: temporal.address,
      METRICS_PORT: String(apiMetricsPort),
      BUSINESS_METRICS_TTL_MS: '0',
    },
    {
      worker: true,
      workerEnv: { METRICS_PORT: String(workerMetricsPort), HEALTH_PORT: String(workerHealthPort) },
    },
  );
  await api.start();
}, 400_000);

afterAll(async () => {
  database.reconnect();
  temporal.reconnect();
  await api?.stop();
  await Promise.all([database.stop(), temporal.stop()]);
});

afterEach(() => {
  database.reconnect();
  temporal.reconnect();
});

describe('API liveness and readiness', () => {
  it('is live and ready while PostgreSQL and Temporal answer, without a token', async () => {
    const live = await request(api.server).get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    const ready = await request(api.server).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('answers 503 naming Temporal when Temporal is unreachable, stays live, and recovers', async () => {
    temporal.disconnect();
    const ready = await request(api.server).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect(ready.body).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^not ready: temporal \((error|timeout)\) down$/) as unknown,
      info: { database: { status: 'up' } },
      error: { temporal: { status: 'down' } },
    });
    expect(JSON.stringify(ready.body)).not.toContain('127.0.0.1');
    // The old route reports the same.
    expect((await request(api.server).get('/health')).status).toBe(503);
    expect((await request(api.server).get('/health/live')).status).toBe(200);
    temporal.reconnect();
    await until(
      'the API to be ready again',
      async () => ((await request(api.server).get('/health/ready')).status === 200 ? true : undefined),
      20_000,
      250,
    );
  });

  it('answers 503 naming the database when PostgreSQL is unreachable, and recovers', async () => {
    database.disconnect();
    const ready = await request(api.server).get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      message: expect.stringMatching(/^not ready: database \((error|timeout)\) down$/) as unknown,
      info: { temporal: { status: 'up' } },
      error: { database: { status: 'down' } },
    });
    expect((await request(api.server).get('/health/live')).status).toBe(200);
    database.reconnect();
    await until(
      'the API to be ready again',
      async () => ((await request(api.server).get('/health/ready')).status === 200 ? true : undefined),
      20_000,
      250,
    );
  });
});

describe('worker liveness and readiness (HEALTH_PORT)', () => {
  it('is live and ready while it polls', async () => {
    expect(await fetchPlain(workerHealthPort, '/health/live')).toMatchObject({ status: 200 });
    const ready = await fetchPlain(workerHealthPort, '/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' }, worker: { status: 'up' } },
    });
  });

  it('answers 503 naming each dependency that is down, and recovers', async () => {
    temporal.disconnect();
    const noTemporal = await fetchPlain(workerHealthPort, '/health/ready');
    expect(noTemporal.status).toBe(503);
    expect(JSON.parse(noTemporal.body)).toMatchObject({
      error: { temporal: { status: 'down' } },
      info: { database: { status: 'up' } },
    });
    expect((await fetchPlain(workerHealthPort, '/health/live')).status).toBe(200);
    temporal.reconnect();
    database.disconnect();
    const noDatabase = await until(
      'the worker to report the database down',
      async () => {
        const res = await fetchPlain(workerHealthPort, '/health/ready');
        const body = JSON.parse(res.body) as { error: Record<string, unknown> };
        return res.status === 503 && body.error.database ? body : undefined;
      },
      20_000,
      250,
    );
    expect(noDatabase).toMatchObject({ error: { database: { status: 'down' } } });
    database.reconnect();
    await until(
      'the worker to be ready again',
      async () => ((await fetchPlain(workerHealthPort, '/health/ready')).status === 200 ? true : undefined),
      30_000,
      250,
    );
  });
});

describe('Prometheus metrics', () => {
  it('times API requests by route template and status, and shows business gauges from the read-model', async () => {
    const submitted = await api.as(newApplicant()).post('/applications', eligibleApplication());
    // 202 when the worker has not yet written the case (a loaded machine); the case is started either way.
    expect([201, 202]).toContain(submitted.status);
    const caseId = (submitted.body as { caseId: string }).caseId;
    expect((await api.as(officer).get(`/cases/${caseId}`)).status).toBe(404);
    expect((await api.as(officer).get('/cases/not-a-uuid')).status).toBe(400);
    await request(api.server).get(`/no/such/route/${caseId}`);

    // BUSINESS_METRICS_TTL_MS=0: every scrape reads the read-model, so the new case shows once written.
    const body = await until(
      'the new case in the open-cases gauge',
      async () => {
        const res = await fetchPlain(apiMetricsPort, '/metrics');
        expect(res.status).toBe(200);
        const open = sample(res.body, 'vetting_open_cases', { stage: 'BASELINE_CHECKS' }) ?? 0;
        return open >= 1 ? res.body : undefined;
      },
      60_000,
      500,
    );
    const labels = { method: 'GET', route: '/cases/:id' };
    expect(
      sample(body, 'http_server_request_duration_seconds_count', { ...labels, status_code: '404' }),
    ).toBe(1);
    expect(
      sample(body, 'http_server_request_duration_seconds_count', { ...labels, status_code: '400' }),
    ).toBe(1);
    const post = { method: 'POST', route: '/applications' };
    expect(
      (sample(body, 'http_server_request_duration_seconds_count', { ...post, status_code: '201' }) ?? 0) +
        (sample(body, 'http_server_request_duration_seconds_count', { ...post, status_code: '202' }) ?? 0),
    ).toBe(1);
    // Concrete paths never become labels: no case id in the output at all.
    expect(body).not.toContain(caseId);
    expect(sample(body, 'http_server_request_duration_seconds_count', { route: 'unmatched' })).toBe(1);
    expect(body).toContain('# TYPE vetting_sla_breached_cases gauge');
    expect(body).toContain('# TYPE vetting_reminders_sent_total counter');
    expect(body).toContain('# TYPE vetting_record_checks gauge');
    expect(body).toContain('# TYPE vetting_refused_writes gauge');
    expect(body).toContain('# TYPE vetting_unsent_emails gauge');
    expect(sample(body, 'vetting_unsent_emails', { status: 'FAILED' })).toBeGreaterThanOrEqual(0);
    expect(body).toContain('# TYPE vetting_oldest_unsent_email_seconds gauge');
    expect(body).toContain('process_cpu_seconds_total');
    expect((await fetchPlain(apiMetricsPort, '/elsewhere')).status).toBe(404);
  });

  it("serves the Temporal SDK's worker metrics from the worker", async () => {
    const metrics = await until(
      'worker metrics',
      async () => {
        const res = await fetchPlain(workerMetricsPort, '/metrics');
        // The SDK exports a latency series once the worker has run a workflow task (this file's cases do).
        return res.status === 200 && /^temporal_workflow_task_execution_latency/m.test(res.body)
          ? res.body
          : undefined;
      },
      60_000,
      500,
    );
    expect(metrics).toMatch(/^temporal_workflow_task_execution_latency/m);
  });
});
