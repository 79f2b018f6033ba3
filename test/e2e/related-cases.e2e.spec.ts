// The lists applicants and sponsors read their own cases through (GET /applications, GET /sponsored-cases):
// cases are seeded straight into the read-model, and each caller sees exactly the cases they are party to, in
// the view their relation gives (coarse status for applicants; stage, dates and outcome for sponsors).
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal, Stage } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { TEAM } from '../support/principals';
import { seedReadModelCase } from '../support/seed';

const api = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '100000' }, { worker: false });
let db: DataSource;

const applicant: Principal = { subject: `applicant-${randomUUID()}`, roles: ['APPLICANT'] };
const otherApplicant: Principal = { subject: `applicant-${randomUUID()}`, roles: ['APPLICANT'] };
const sponsor: Principal = { subject: `sponsor-${randomUUID()}`, roles: ['SPONSOR'] };
const otherSponsor: Principal = { subject: `sponsor-${randomUUID()}`, roles: ['SPONSOR'] };

const mine: string[] = [];
const othersCase = randomUUID();

async function seed(caseId: string, stage: Stage, applicantId: string, sponsorId: string): Promise<void> {
  await seedReadModelCase(db, caseId, { stage, assignee: 'officer-x', team: TEAM, sponsorId, applicantId });
}

interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
  // Oldest first, so the newest-first list reverses this order.
  for (const stage of ['WITHDRAWN', 'INVESTIGATION', 'QUESTIONNAIRE'] as const) {
    const id = randomUUID();
    mine.push(id);
    await seed(id, stage, applicant.subject, sponsor.subject);
    await db.query(`UPDATE vetting_case SET opened_at = now() - ($2 || ' days')::interval WHERE id = $1`, [
      id,
      String(10 - mine.length),
    ]);
  }
  // The withdrawn one is closed, as the workflow would have recorded it.
  await db.query(`UPDATE vetting_case SET status = 'CLOSED', closed_at = now() WHERE id = $1`, [mine[0]]);
  await seed(othersCase, 'DECISION', otherApplicant.subject, otherSponsor.subject);
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

describe('GET /applications (the applicant’s own)', () => {
  it('lists only the caller’s applications, newest first, in the coarse applicant vocabulary', async () => {
    const res = await api.as(applicant).get('/applications');
    expect(res.status).toBe(200);
    const body = res.body as Page<Record<string, unknown>>;
    expect(body.items.map((c) => c.id)).toEqual([...mine].reverse());
    expect(body.items.map((c) => c.status)).toEqual(['ACTION_NEEDED', 'IN_PROGRESS', 'CLOSED']);
    for (const item of body.items) {
      // Never the internal stage, the officer or any finding.
      expect(Object.keys(item).sort()).toEqual(expect.arrayContaining(['id', 'openedAt', 'status']));
      for (const hidden of ['stage', 'assignee', 'tasks', 'checks', 'decision', 'team', 'sponsorId']) {
        expect(item).not.toHaveProperty(hidden);
      }
    }
  });

  it('pages and filters by open or closed', async () => {
    const first = (await api.as(applicant).get('/applications?pageSize=2')).body as Page<{ id: string }>;
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(first.items).toHaveLength(2);
    const second = (await api.as(applicant).get('/applications?pageSize=2&page=2')).body as Page<{
      id: string;
    }>;
    expect(second.items.map((c) => c.id)).toEqual([mine[0]]);
    const closed = (await api.as(applicant).get('/applications?status=CLOSED')).body as Page<{ id: string }>;
    expect(closed.items.map((c) => c.id)).toEqual([mine[0]]);
  });

  it('shows another applicant nothing of these cases', async () => {
    const res = await api.as(otherApplicant).get('/applications');
    expect(res.status).toBe(200);
    expect((res.body as Page<{ id: string }>).items.map((c) => c.id)).toEqual([othersCase]);
    const stranger: Principal = { subject: `applicant-${randomUUID()}`, roles: ['APPLICANT'] };
    expect((await api.as(stranger).get('/applications')).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a bad page or status with 400 naming the field', async () => {
    for (const query of ['pageSize=0', 'pageSize=101', 'page=0', 'status=MAYBE', 'page=abc']) {
      const res = await api.as(applicant).get(`/applications?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const res = await api.as(applicant).get('/applications?status=MAYBE');
    expect(JSON.stringify(res.body)).toContain('status');
  });
});

describe('GET /sponsored-cases (the sponsor’s own)', () => {
  it('lists only the cases the caller sponsors: stage, dates and outcome, no findings', async () => {
    const res = await api.as(sponsor).get('/sponsored-cases');
    expect(res.status).toBe(200);
    const body = res.body as Page<Record<string, unknown>>;
    expect(body.total).toBe(3);
    expect(body.items.map((c) => c.id)).toEqual([...mine].reverse());
    expect(body.items.map((c) => c.stage)).toEqual(['QUESTIONNAIRE', 'INVESTIGATION', 'WITHDRAWN']);
    for (const item of body.items) {
      expect(Object.keys(item).sort()).toEqual(
        ['closedAt', 'id', 'openedAt', 'outcome', 'stage', 'stageEnteredAt', 'status'].sort(),
      );
    }
  });

  it('pages and filters by open or closed', async () => {
    const open = (await api.as(sponsor).get('/sponsored-cases?status=OPEN&pageSize=1&page=2')).body as Page<{
      id: string;
    }>;
    expect(open).toMatchObject({ page: 2, pageSize: 1, total: 2, totalPages: 2 });
    expect(open.items.map((c) => c.id)).toEqual([mine[1]]);
  });

  it('shows another sponsor only their own', async () => {
    const res = await api.as(otherSponsor).get('/sponsored-cases');
    expect((res.body as Page<{ id: string }>).items.map((c) => c.id)).toEqual([othersCase]);
  });

  it('is closed to the other roles', async () => {
    const hr: Principal = { subject: 'hr-x', roles: ['HR_ANALYST'] };
    expect((await api.as(hr).get('/sponsored-cases')).status).toBe(403);
    expect((await api.as(applicant).get('/sponsored-cases')).status).toBe(403);
    expect((await api.as(sponsor).get('/applications')).status).toBe(403);
  });

  it('refuses a bad page with 400', async () => {
    expect((await api.as(sponsor).get('/sponsored-cases?pageSize=500')).status).toBe(400);
  });
});
