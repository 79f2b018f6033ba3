import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiHarness } from '../support/api-harness';
import { officer } from '../support/principals';

// The API's own log: one JSON line per event, an access line per request, the request id on both.
const api = new ApiHarness({}, { worker: false, captureApiLogs: true });
beforeAll(() => api.start(), 60_000);
afterAll(() => api.stop());

type Line = Record<string, unknown> & { message?: string; requestId?: string };

function lines(): Line[] {
  return api.apiLog.map((l) => JSON.parse(l) as Line);
}

describe('request logging', () => {
  it('echoes a plain X-Request-Id and writes one access line with it, the case id and no token', async () => {
    const caseId = randomUUID();
    const requestId = `req-${randomUUID()}`;
    const token = await api.tokenFor(officer);
    const res = await request(api.server)
      .get(`/cases/${caseId}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Request-Id', requestId);
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe(requestId);
    const access = lines().filter((l) => l.requestId === requestId && l.message === 'request completed');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'info',
      service: 'api',
      caseId,
      req: { method: 'GET', path: `/cases/${caseId}` },
      res: { statusCode: 404 },
    });
    expect(access[0].time).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/));
    expect(api.apiOutput()).not.toContain(token);
  });

  it('replaces an X-Request-Id that is not a plain id, and makes one when there is none', async () => {
    const hostile = await request(api.server).get('/health').set('X-Request-Id', 'a b<script>');
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await request(api.server).get('/health');
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(hostile.headers['x-request-id']);
    expect(api.apiOutput()).not.toContain('<script>');
  });

  it('writes every line as a single JSON object', () => {
    expect(api.apiLog.length).toBeGreaterThan(0);
    for (const line of api.apiLog) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
