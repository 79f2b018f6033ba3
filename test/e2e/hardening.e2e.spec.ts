import request from 'supertest';
import { ApiHarness } from '../support/api-harness';
import { officer } from '../support/principals';

// A low rate limit and one trusted browser origin; no worker is needed for any of this.
const api = new ApiHarness(
  { RATE_LIMIT_PER_MINUTE: '8', CORS_ORIGINS: 'https://vetting-ui.example' },
  { worker: false },
);
beforeAll(() => api.start(), 60_000);
afterAll(() => api.stop());

describe('HTTP hardening', () => {
  it('sends security headers and never advertises the framework', async () => {
    const res = await request(api.server).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers CORS preflights only for configured origins', async () => {
    const trusted = await request(api.server)
      .options('/cases')
      .set('Origin', 'https://vetting-ui.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(trusted.headers['access-control-allow-origin']).toBe('https://vetting-ui.example');
    const stranger = await request(api.server)
      .options('/cases')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps error bodies free of stack traces and internals', async () => {
    const res = await request(api.server)
      .get('/cases/not-a-uuid')
      .set('Authorization', `Bearer ${await api.tokenFor(officer)}`);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body as object).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:|node_modules|stack/);
  });

  it('rate-limits a client that sends too many requests, with or without a token', async () => {
    const token = await api.tokenFor(officer);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await request(api.server).get('/cases').set('Authorization', `Bearer ${token}`)).status);
    }
    expect(statuses).toContain(429);
    const limited = await request(api.server).get('/cases').set('Authorization', 'Bearer not-a-token');
    expect(limited.status).toBe(429);
    expect((limited.body as { error: string }).error).toBe('RATE_LIMITED');
  });
});
