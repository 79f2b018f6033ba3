import request from 'supertest';
import type { ApplicationInput } from '../../libs/contracts/src';
import { ApiHarness } from '../support/api-harness';
import { eligibleApplication, ineligibleApplication, residencyExceptionApplication } from '../support/fixtures';

const api = new ApiHarness();
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

const OFFICER = 'officer-7';
const ADJUDICATOR = 'adjudicator-3';

function submit(application: ApplicationInput, key?: string): request.Test {
  const req = request(api.server).post('/applications');
  if (key) void req.set('Idempotency-Key', key);
  return req.send(application);
}

async function newCase(application: ApplicationInput = eligibleApplication()): Promise<string> {
  const res = await submit(application);
  expect(res.status).toBe(201);
  return (res.body as { caseId: string }).caseId;
}

function action(caseId: string, pathSuffix: string, body: object, key?: string): request.Test {
  const req = request(api.server).post(`/cases/${caseId}/${pathSuffix}`).send(body);
  if (key) void req.set('Idempotency-Key', key);
  return req;
}

async function toInvestigation(caseId: string): Promise<void> {
  await action(caseId, 'assignment', { actor: 'lead-1', officerId: OFFICER }).expect(200);
  await action(caseId, 'questionnaire/acceptance', { actor: OFFICER }).expect(200);
  await action(caseId, 'stages/RECORD_CHECKS/completion', { actor: OFFICER, outcome: 'all clear' }).expect(200);
}

describe('a case over HTTP, with the real worker, Temporal and PostgreSQL', () => {
  it('goes from application to GRANTED and shows its whole history', async () => {
    const caseId = await newCase();
    await toInvestigation(caseId);
    await action(caseId, 'stages/INVESTIGATION/completion', { actor: OFFICER, outcome: 'no concerns' }).expect(200);
    await action(caseId, 'recommendation', { actor: OFFICER, recommendation: 'GRANT', assessment: 'low risk' }).expect(200);
    const decided = await action(caseId, 'decision', { actor: ADJUDICATOR, outcome: 'GRANTED' }).expect(200);
    expect(decided.body).toMatchObject({ stage: 'GRANTED', status: 'CLOSED' });

    const detail = await request(api.server).get(`/cases/${caseId}`).expect(200);
    const body = detail.body as { stage: string; history: { action: string }[]; allowedActions: string[] };
    expect(body.stage).toBe('GRANTED');
    expect(body.allowedActions).toEqual([]);
    expect(body.history.map((e) => e.action)).toEqual([
      'OPEN_CASE',
      'PASS_SCREENING',
      'ASSIGN_OFFICER',
      'ACCEPT_QUESTIONNAIRE',
      'COMPLETE_STAGE',
      'COMPLETE_STAGE',
      'RECORD_RECOMMENDATION',
      'RECORD_DECISION',
    ]);
  });

  it('closes an ineligible application at screening with its reasons', async () => {
    const res = await submit(ineligibleApplication()).expect(201);
    expect(res.body).toMatchObject({ stage: 'INELIGIBLE', status: 'CLOSED' });
    expect((res.body as { eligibility: { reasons: string[] } }).eligibility.reasons).toContain('NOT_BRITISH_CITIZEN');
  });

  it('lets an officer allow a residency exception', async () => {
    const res = await submit(residencyExceptionApplication()).expect(201);
    const caseId = (res.body as { caseId: string }).caseId;
    expect((res.body as { stage: string }).stage).toBe('RESIDENCY_EXCEPTION_REVIEW');
    await action(caseId, 'assignment', { actor: 'lead-1', officerId: OFFICER }).expect(200);
    const allowed = await action(caseId, 'residency-exception/decision', {
      actor: OFFICER,
      decision: 'ALLOW',
      notes: 'HM Forces posting; evidence seen',
    }).expect(200);
    expect((allowed.body as { stage: string }).stage).toBe('QUESTIONNAIRE');
  });

  it('withdraws a case during investigation', async () => {
    const caseId = await newCase();
    await toInvestigation(caseId);
    const res = await action(caseId, 'withdrawal', { actor: 'applicant', requestedBy: 'APPLICANT', reason: 'took another job' }).expect(200);
    expect(res.body).toMatchObject({ stage: 'WITHDRAWN', status: 'CLOSED' });
    const again = await action(caseId, 'withdrawal', { actor: 'applicant', requestedBy: 'APPLICANT', reason: 'again' }).expect(409);
    expect(again.body).toMatchObject({ error: 'CASE_CLOSED', details: { stage: 'WITHDRAWN', allowedActions: [] } });
  });

  it('answers an illegal action with 409, the stage and the allowed actions, and changes nothing', async () => {
    const caseId = await newCase();
    const before = await request(api.server).get(`/cases/${caseId}`).expect(200);
    const res = await action(caseId, 'decision', { actor: ADJUDICATOR, outcome: 'GRANTED' }).expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'ILLEGAL_TRANSITION',
      details: { stage: 'QUESTIONNAIRE', allowedActions: ['ACCEPT_QUESTIONNAIRE', 'RETURN_QUESTIONNAIRE', 'ASSIGN_OFFICER', 'WITHDRAW'] },
    });
    const after = await request(api.server).get(`/cases/${caseId}`).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses a decision by the officer who investigated (four eyes)', async () => {
    const caseId = await newCase();
    await toInvestigation(caseId);
    await action(caseId, 'stages/INVESTIGATION/completion', { actor: OFFICER, outcome: 'ok' }).expect(200);
    await action(caseId, 'recommendation', { actor: OFFICER, recommendation: 'GRANT', assessment: 'ok' }).expect(200);
    const res = await action(caseId, 'decision', { actor: OFFICER, outcome: 'GRANTED' }).expect(409);
    expect((res.body as { error: string }).error).toBe('FOUR_EYES_VIOLATION');
  });

  it('refuses an officer action from someone other than the assigned officer', async () => {
    const caseId = await newCase();
    await action(caseId, 'assignment', { actor: 'lead-1', officerId: OFFICER }).expect(200);
    const res = await action(caseId, 'questionnaire/acceptance', { actor: 'officer-other' }).expect(409);
    expect((res.body as { error: string }).error).toBe('NOT_ASSIGNED_OFFICER');
  });

  describe('duplicate submissions', () => {
    it('returns the same case for the same Idempotency-Key', async () => {
      const application = eligibleApplication();
      const first = await submit(application, 'dup-key-0001').expect(201);
      const second = await submit(application, 'dup-key-0001').expect(200);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect((second.body as { caseId: string }).caseId).toBe((first.body as { caseId: string }).caseId);
    });

    it('returns the open case when the same applicant applies again', async () => {
      const application = eligibleApplication();
      const first = await submit(application).expect(201);
      const second = await submit({ ...application, intendedStartDate: '2027-09-01' }).expect(200);
      expect((second.body as { caseId: string }).caseId).toBe((first.body as { caseId: string }).caseId);
      const list = await request(api.server).get('/cases?status=OPEN&pageSize=100').expect(200);
      const ids = (list.body as { items: { id: string }[] }).items.map((c) => c.id);
      expect(ids.filter((id) => id === (first.body as { caseId: string }).caseId)).toHaveLength(1);
    });

    it('refuses an Idempotency-Key reused for a different application', async () => {
      await submit(eligibleApplication(), 'dup-key-0002').expect(201);
      const res = await submit(eligibleApplication(), 'dup-key-0002').expect(422);
      expect((res.body as { error: string }).error).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('lets an applicant apply again once their case is closed', async () => {
      const application = ineligibleApplication();
      const first = await submit(application).expect(201);
      const second = await submit({ ...application, nationality: { status: 'BRITISH_BY_NATURALISATION', otherNationalities: [] } }).expect(201);
      expect((second.body as { caseId: string }).caseId).not.toBe((first.body as { caseId: string }).caseId);
    });
  });

  it('survives the worker being killed mid-case: 503 while it is down, then the action lands once', async () => {
    const caseId = await newCase();
    await action(caseId, 'assignment', { actor: 'lead-1', officerId: OFFICER }).expect(200);
    await api.killWorker();

    const started = Date.now();
    const down = await action(caseId, 'questionnaire/acceptance', { actor: OFFICER }, 'accept-after-crash-1').expect(503);
    expect((down.body as { error: string }).error).toBe('WORKER_UNAVAILABLE');
    expect(down.headers['retry-after']).toBe('5');
    expect(Date.now() - started).toBeLessThan(15_000);

    await api.startWorker();
    const retried = await action(caseId, 'questionnaire/acceptance', { actor: OFFICER }, 'accept-after-crash-1').expect(200);
    expect((retried.body as { stage: string }).stage).toBe('RECORD_CHECKS');
    const detail = await request(api.server).get(`/cases/${caseId}`).expect(200);
    const history = (detail.body as { history: { seq: number; action: string }[] }).history;
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(history.filter((e) => e.action === 'ACCEPT_QUESTIONNAIRE')).toHaveLength(1);
    expect(api.workerOutput()).toContain(caseId);
  });
});

describe('lists, dashboard, health and docs', () => {
  it('filters and pages the case list, oldest first', async () => {
    const lead = `lead-${Date.now()}`;
    const a = await newCase();
    const b = await newCase();
    for (const id of [a, b]) await action(id, 'assignment', { actor: lead, officerId: `${lead}-officer` }).expect(200);
    const page1 = await request(api.server).get(`/cases?assignee=${lead}-officer&pageSize=1`).expect(200);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 1, total: 2, totalPages: 2 });
    expect((page1.body as { items: { id: string }[] }).items[0]?.id).toBe(a);
    const page2 = await request(api.server).get(`/cases?assignee=${lead}-officer&pageSize=1&page=2`).expect(200);
    expect((page2.body as { items: { id: string }[] }).items[0]?.id).toBe(b);
    const newest = await request(api.server).get(`/cases?assignee=${lead}-officer&sort=newest`).expect(200);
    expect((newest.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([b, a]);
    const byStage = await request(api.server).get('/cases?stage=QUESTIONNAIRE&status=OPEN').expect(200);
    for (const item of (byStage.body as { items: { stage: string }[] }).items) expect(item.stage).toBe('QUESTIONNAIRE');
  });

  it('summarises open cases per stage with medians and the oldest case', async () => {
    await newCase();
    const res = await request(api.server).get('/dashboard/summary').expect(200);
    const body = res.body as {
      openCases: number;
      stages: { stage: string; openCases: number; medianDaysInStage: number | null }[];
      oldestOpenCase: { id: string } | null;
    };
    expect(body.openCases).toBeGreaterThan(0);
    expect(body.stages.map((s) => s.stage)).toContain('QUESTIONNAIRE');
    expect(body.stages.find((s) => s.stage === 'QUESTIONNAIRE')?.medianDaysInStage).toBe(0);
    expect(body.oldestOpenCase).not.toBeNull();
  });

  it('reports PostgreSQL and Temporal health', async () => {
    const res = await request(api.server).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(api.server).get('/docs/json').expect(200);
    const paths = Object.keys((res.body as { paths: object }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/applications', '/cases', '/cases/{id}', '/dashboard/summary', '/health']));
  });
});
