// The audit trail wired into the real API: the real auth guard decides who may read it, and the principal it
// establishes is what the interceptor records.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiHarness } from '../support/api-harness';
import { admin, auditor, officer } from '../support/principals';

const harness = new ApiHarness({}, { worker: false });
beforeAll(() => harness.start());
afterAll(() => harness.stop());

interface AuditRow {
  actor: string;
  role: string | null;
  action: string;
  outcome: string;
  requestId: string;
}

describe('audit trail in the API', () => {
  it('lets auditors and admins read the trail and verify the chain', async () => {
    const page = await harness.as(auditor).get('/audit');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 50 });
    const verify = await harness.as(admin).get('/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('searches by action and days, and refuses a malformed filter with 400 naming it', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const found = await harness.as(auditor).get(`/audit?action=AUDIT_READ&from=${today}&to=${today}`);
    expect(found.status).toBe(200);
    for (const row of (found.body as { items: AuditRow[] }).items) expect(row.action).toBe('AUDIT_READ');
    for (const bad of ['action=case read', 'from=2026-02-30', 'to=yesterday', 'action=' + 'A'.repeat(101)]) {
      const res = await harness.as(auditor).get(`/audit?${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(JSON.stringify(res.body)).toContain(bad.split('=')[0] ?? '');
    }
  });

  it('keeps the trail from anyone else', async () => {
    expect((await harness.as(officer).get('/audit')).status).toBe(403);
    expect((await request(harness.server).get('/audit/verify')).status).toBe(401);
  });

  it('records the authenticated auditor, with their reason, for their own reads', async () => {
    const requestId = `req-${randomUUID()}`;
    const read = await harness
      .as(auditor)
      .get('/audit', { 'X-Request-Id': requestId, 'X-Access-Reason': 'quarterly review' });
    expect(read.status).toBe(200);

    const trail = await harness.as(admin).get(`/audit?actor=${auditor.subject}&pageSize=200`);
    const rows = (trail.body as { items: AuditRow[] }).items.filter((row) => row.requestId === requestId);
    expect(rows).toEqual([
      expect.objectContaining({
        actor: auditor.subject,
        role: 'AUDITOR',
        action: 'AUDIT_READ',
        reason: 'quarterly review',
        outcome: '200',
      }),
    ]);
  });
});
