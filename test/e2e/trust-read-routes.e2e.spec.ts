// Issue 9's attacks on read routes (clearance lookup, dashboards, refusals), against the API on a seeded
// read-model: no worker is needed, because nothing here changes a case.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../libs/domain/src';
import { ClearanceStore } from '../../libs/persistence/src/clearance-store';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { admin, auditor, TEAM } from '../support/principals';
import { seedReadModelCase } from '../support/seed';
import { fieldCipher } from '../support/field-cipher';

const api = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '100000' }, { worker: false });
let db: DataSource;

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

interface AuditRow {
  actor: string;
  action: string;
  caseId: string | null;
  outcome: string;
}

async function auditRowsBy(actor: string): Promise<AuditRow[]> {
  const res = await api.as(auditor).get(`/audit?actor=${encodeURIComponent(actor)}&pageSize=200`);
  expect(res.status).toBe(200);
  return (res.body as { items: AuditRow[] }).items;
}

describe('issue 9 item 9: a sponsor may look up only the people they sponsor, and the target is audited', () => {
  const sponsorA: Principal = { subject: `sponsor-a-${randomUUID()}`, roles: ['SPONSOR'] };
  const sponsorB: Principal = { subject: `sponsor-b-${randomUUID()}`, roles: ['SPONSOR'] };
  const person = `applicant-${randomUUID()}`;
  const caseId = randomUUID();

  beforeAll(async () => {
    await seedReadModelCase(db, caseId, {
      stage: 'GRANTED',
      assignee: 'officer-x',
      team: TEAM,
      sponsorId: sponsorA.subject,
      applicantId: person,
    });
    await new ClearanceStore(db, fieldCipher).record({
      caseId,
      personId: person,
      level: 'DV',
      grantedOn: '2026-01-01',
      reviewDue: '2099-01-01',
      conditions: [],
    });
  });

  it('answers the sponsor of the person, and audits the lookup against the sponsored case', async () => {
    const res = await api.as(sponsorA).get(`/clearances/status?personId=${person}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      personId: person,
      status: 'VALID',
      clearanceId: expect.any(String) as string,
    });
    expect(await auditRowsBy(sponsorA.subject)).toEqual([
      expect.objectContaining({ action: 'CLEARANCE_LOOKUP', caseId, outcome: '200' }),
    ]);
  });

  it('refuses any other sponsor the same way whether or not the person holds a clearance', async () => {
    const held = await api.as(sponsorB).get(`/clearances/status?personId=${person}`);
    const never = await api.as(sponsorB).get(`/clearances/status?personId=someone-never-vetted`);
    expect(held.status).toBe(403);
    expect(never.status).toBe(403);
    expect(held.body).toEqual(never.body);
    expect(JSON.stringify(held.body)).not.toMatch(/VALID|EXPIRED|NONE/);
    const rows = await auditRowsBy(sponsorB.subject);
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['CLEARANCE_LOOKUP', 'DENIED:FORBIDDEN'],
      ['CLEARANCE_LOOKUP', 'DENIED:FORBIDDEN'],
    ]);
  });

  it('still lets an admin look anyone up', async () => {
    const res = await api.as(admin).get(`/clearances/status?personId=${person}`);
    expect(res.body).toEqual({
      personId: person,
      status: 'VALID',
      clearanceId: expect.any(String) as string,
    });
  });
});

describe('issue 9 item 16: outsiders cannot grow the audit chain with refused requests', () => {
  async function chainLength(): Promise<number> {
    const rows: { n: string }[] = await db.query('SELECT count(*) AS n FROM audit_log');
    return Number(rows[0]?.n);
  }

  it('logs, but does not chain, 60 refusals of callers with no valid token', async () => {
    const before = await chainLength();
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    for (let i = 0; i < 20; i += 1) {
      expect((await request(api.server).get('/cases')).status).toBe(401);
      expect((await request(api.server).get('/audit').set('Authorization', `Bearer ${forged}`)).status).toBe(
        401,
      );
      expect((await request(api.server).post('/providers/partner/callbacks').send({})).status).toBe(401);
    }
    expect(await chainLength()).toBe(before);
  });

  it('still chains an insider refused for their role', async () => {
    const insider: Principal = { subject: `officer-${randomUUID()}`, roles: ['VETTING_OFFICER'] };
    expect((await api.as(insider).get('/audit')).status).toBe(403);
    expect(await auditRowsBy(insider.subject)).toEqual([
      expect.objectContaining({ action: 'AUDIT_READ', outcome: 'DENIED:FORBIDDEN' }),
    ]);
  });
});

describe("issue 9 item 10: /dashboard/summary shows HR aggregates only, and a team lead only their team's", () => {
  const teamA = `team-a-${randomUUID()}`;
  const teamB = `team-b-${randomUUID()}`;
  const leadA: Principal = { subject: `lead-a-${randomUUID()}`, roles: ['TEAM_LEAD'], team: teamA };
  const hr: Principal = { subject: `hr-${randomUUID()}`, roles: ['HR_ANALYST'] };
  const caseA = randomUUID();

  interface Summary {
    team: string | null;
    openCases: number;
    oldestOpenCase: { id: string; stage: string } | null;
  }

  beforeAll(async () => {
    const seed = (caseId: string, team: string): Promise<void> =>
      seedReadModelCase(db, caseId, {
        stage: 'INVESTIGATION',
        assignee: 'officer-x',
        team,
        sponsorId: 'sponsor-x',
        applicantId: `applicant-${randomUUID()}`,
      });
    await seed(caseA, teamA);
    await seed(randomUUID(), teamB);
    await seed(randomUUID(), teamB);
  });

  it("gives a team lead their own team's figures and oldest case, nothing of another team", async () => {
    const res = await api.as(leadA).get('/dashboard/summary');
    expect(res.status).toBe(200);
    const summary = res.body as Summary;
    expect(summary).toMatchObject({ team: teamA, openCases: 1, oldestOpenCase: { id: caseA } });
  });

  it('gives an HR analyst every team’s aggregates but no case id or stage of any case', async () => {
    const res = await api.as(hr).get('/dashboard/summary');
    expect(res.status).toBe(200);
    const summary = res.body as Summary;
    expect(summary.team).toBeNull();
    expect(summary.openCases).toBeGreaterThanOrEqual(3);
    expect(summary.oldestOpenCase).toBeNull();
    expect(JSON.stringify(res.body)).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    );
  });

  it('issue 9 item 11: audits every dashboard read', async () => {
    await api.as(hr).get('/dashboard/summary');
    expect((await auditRowsBy(hr.subject)).map((r) => r.action)).toContain('DASHBOARD_READ');
    await api.as(hr).get('/dashboard/equal-opportunity');
    expect((await auditRowsBy(hr.subject)).map((r) => r.action)).toContain('EQUAL_OPPORTUNITY_READ');
  });
});
