import type { ApplicationInput } from '../../libs/contracts/src';
import type { Principal } from '../../libs/domain/src';
import { ApiHarness } from '../support/api-harness';
import { invitationFrom } from '../support/invite';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import {
  eligibleApplication,
  ineligibleApplication,
  residencyExceptionApplication,
} from '../support/fixtures';
import {
  adjudicator,
  admin,
  auditor,
  lead,
  newApplicant,
  officer,
  otherOfficer,
  sponsor,
  TEAM,
} from '../support/principals';

const api = new ApiHarness(FAST_CHECKS_ENV);
const dv = new DvFlow(api);
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

interface CaseBody {
  id: string;
  caseId: string;
  stage: string;
  status: string;
  eligibility: { reasons: string[] };
  history: { seq: number; action: string; actor: string }[];
  allowedActions: string[];
}
const body = (res: { body: unknown }): CaseBody => res.body as CaseBody;
const REASON = { 'X-Access-Reason': 'end-to-end test verification' };

async function submit(application: ApplicationInput, applicant: Principal = newApplicant(), key?: string) {
  return api.as(applicant).post('/applications', application, key ? { 'Idempotency-Key': key } : {});
}

async function newCase(
  application: ApplicationInput = eligibleApplication(),
): Promise<{ caseId: string; applicant: Principal }> {
  const applicant = newApplicant();
  const res = await submit(application, applicant);
  expect(res.status).toBe(201);
  return { caseId: body(res).caseId, applicant };
}

/** The full case, read by an admin (who must give a reason, and is audited for it). */
async function inspect(caseId: string): Promise<CaseBody> {
  const res = await api.as(admin).get(`/cases/${caseId}`, REASON);
  expect(res.status).toBe(200);
  return body(res);
}

function act(who: Principal, caseId: string, path: string, payload: object = {}, key?: string) {
  return api.as(who).post(`/cases/${caseId}/${path}`, payload, key ? { 'Idempotency-Key': key } : {});
}

async function toInvestigation(
  caseId: string,
  applicant: Principal,
  assignee: Principal = officer,
): Promise<void> {
  await dv.toInvestigation(caseId, applicant, assignee);
}

describe('a case over HTTP, with the real worker, Temporal and PostgreSQL', () => {
  it('goes from application to GRANTED and shows its whole history, actors from the tokens', async () => {
    const { caseId, applicant } = await newCase();
    await dv.toDecision(caseId, applicant);
    const decided = await act(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ stage: 'GRANTED', status: 'CLOSED' });

    const detail = await inspect(caseId);
    expect(detail.stage).toBe('GRANTED');
    expect(detail.allowedActions).toEqual([]);
    const actions = detail.history.map((e) => e.action);
    const milestones = [
      'OPEN_CASE',
      'PASS_SCREENING',
      'ASSIGN_OFFICER',
      'SUBMIT_QUESTIONNAIRE',
      'ACCEPT_QUESTIONNAIRE',
      'COMPLETE_RECORD_CHECKS',
      'COMPLETE_STAGE',
      'RECORD_RECOMMENDATION',
      'RECORD_DECISION',
    ];
    expect(actions.filter((a) => milestones.includes(a))).toEqual(milestones);
    // The six DV checks, and the baseline's BPSS check before them.
    expect(actions.filter((a) => a === 'RECORD_CHECK_RESULT')).toHaveLength(7);
    const actorOf = (action: string): string | undefined =>
      detail.history.find((e) => e.action === action)?.actor;
    expect([actorOf('ASSIGN_OFFICER'), actorOf('SUBMIT_QUESTIONNAIRE'), actorOf('RECORD_DECISION')]).toEqual([
      lead.subject,
      applicant.subject,
      adjudicator.subject,
    ]);
    expect(detail.history.map((e) => e.seq)).toEqual(detail.history.map((_, i) => i + 1));
    const own = await api.as(applicant).get(`/cases/${caseId}`);
    expect(own.body).toEqual({
      id: caseId,
      status: 'DECISION_MADE',
      openedAt: expect.any(String) as string,
      outcome: 'GRANTED',
      message: 'Your security clearance has been granted.',
    });
  });

  it('audits every read and action on a case: who, role, what, why, outcome', async () => {
    const { caseId } = await newCase();
    expect((await act(lead, caseId, 'assignment', { officerId: officer.subject })).status).toBe(200);
    expect((await act(otherOfficer, caseId, 'questionnaire/acceptance')).status).toBe(404);
    await inspect(caseId);
    const res = await api.as(auditor).get(`/audit?caseId=${caseId}&pageSize=50`);
    expect(res.status).toBe(200);
    const rows = (
      res.body as {
        items: { actor: string; role: string; action: string; reason: string | null; outcome: string }[];
      }
    ).items;
    const trail = rows.map((r) => [r.action, r.actor, r.role, r.outcome, r.reason]).reverse();
    expect(trail).toEqual(
      expect.arrayContaining([
        ['CASE_ACTION:ASSIGN_OFFICER', lead.subject, 'TEAM_LEAD', '200', null],
        [
          'CASE_ACTION:ACCEPT_QUESTIONNAIRE',
          otherOfficer.subject,
          'VETTING_OFFICER',
          'FAILED:CASE_NOT_FOUND',
          null,
        ],
        ['CASE_READ', admin.subject, 'ADMIN', '200', REASON['X-Access-Reason']],
      ]),
    );
    const verify = await api.as(auditor).get('/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('closes an ineligible application at screening with its reasons', async () => {
    const applicant = newApplicant();
    const res = await submit(ineligibleApplication(), applicant);
    expect(res.status).toBe(201);
    expect(body(res).status).toBe('DECISION_MADE');
    // Told in words, with the published rule it did not meet, never the internal code.
    expect(res.body).toMatchObject({
      outcome: 'NOT_GRANTED',
      reasons: ['You need to be a British citizen.'],
    });
    const detail = await inspect(body(res).caseId);
    expect(detail).toMatchObject({ stage: 'INELIGIBLE', status: 'CLOSED' });
    expect(detail.eligibility.reasons).toContain('NOT_BRITISH_CITIZEN');
  });

  it('lets the assigned officer allow a residency exception', async () => {
    const { caseId } = await newCase(residencyExceptionApplication());
    expect((await inspect(caseId)).stage).toBe('RESIDENCY_EXCEPTION_REVIEW');
    expect((await act(lead, caseId, 'assignment', { officerId: officer.subject })).status).toBe(200);
    const allowed = await act(officer, caseId, 'residency-exception/decision', {
      decision: 'ALLOW',
      notes: 'HM Forces posting; evidence seen',
    });
    expect(allowed.status).toBe(200);
    // Allowed in, it goes on as any first application: to its baseline (BPSS) checks.
    expect(body(allowed).stage).toBe('BASELINE_CHECKS');
  });

  it('lets the applicant withdraw during investigation', async () => {
    const { caseId, applicant } = await newCase();
    await toInvestigation(caseId, applicant);
    const res = await act(applicant, caseId, 'withdrawal', { reason: 'took another job' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: caseId, status: 'CLOSED', openedAt: expect.any(String) as string });
    expect(await inspect(caseId)).toMatchObject({ stage: 'WITHDRAWN', status: 'CLOSED' });
    const again = await act(applicant, caseId, 'withdrawal', { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'CASE_CLOSED', details: { caseId } });
    // The applicant is never told the internal stage, even in a refusal.
    expect(JSON.stringify(again.body)).not.toContain('WITHDRAWN');
  });

  it('answers an illegal action with 409, the stage and the allowed actions, and changes nothing', async () => {
    const { caseId, applicant } = await newCase();
    await dv.toQuestionnaire(caseId, applicant);
    const before = await inspect(caseId);
    const res = await act(officer, caseId, 'recommendation', {
      recommendation: 'GRANT',
      assessment: 'too early',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'ILLEGAL_TRANSITION',
      details: {
        stage: 'QUESTIONNAIRE',
        allowedActions: [
          'SUBMIT_QUESTIONNAIRE',
          'ACCEPT_QUESTIONNAIRE',
          'RETURN_QUESTIONNAIRE',
          'ASSIGN_OFFICER',
          'PAUSE_CLOCK',
          'RESUME_CLOCK',
          'EXTEND_DEADLINE',
          'WITHDRAW',
        ],
      },
    });
    const after = await inspect(caseId);
    expect({ ...after, daysInStage: 0, ageDays: 0 }).toEqual({ ...before, daysInStage: 0, ageDays: 0 });
  });

  it('refuses a decision by an adjudicator who investigated the case (four eyes)', async () => {
    const dualRole: Principal = {
      subject: 'officer-adj-1',
      roles: ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR'],
      team: TEAM,
    };
    const { caseId, applicant } = await newCase();
    await dv.toDecision(caseId, applicant, dualRole);
    const res = await act(dualRole, caseId, 'decision', { outcome: 'GRANTED' });
    expect(res.status).toBe(409);
    expect((res.body as { error: string }).error).toBe('FOUR_EYES_VIOLATION');
    expect((await inspect(caseId)).stage).toBe('DECISION');
  });

  it('hides a case from an officer it is not assigned to (404, not 403)', async () => {
    const { caseId } = await newCase();
    expect((await act(lead, caseId, 'assignment', { officerId: officer.subject })).status).toBe(200);
    expect((await act(otherOfficer, caseId, 'questionnaire/acceptance')).status).toBe(404);
    expect((await api.as(otherOfficer).get(`/cases/${caseId}`)).status).toBe(404);
  });

  it('shows the sponsor stage and dates but no findings', async () => {
    const applicant = newApplicant();
    const invitationId = await invitationFrom(api, sponsor, applicant);
    const applied = await submit({ ...ineligibleApplication(), invitationId } as ApplicationInput, applicant);
    expect(applied.status).toBe(201);
    const caseId = body(applied).caseId;
    const res = await api.as(sponsor).get(`/cases/${caseId}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body as object).sort()).toEqual([
      'closedAt',
      'id',
      'openedAt',
      'outcome',
      'stage',
      'stageEnteredAt',
      'status',
    ]);
  });

  describe('duplicate submissions', () => {
    it('returns the same case for the same Idempotency-Key', async () => {
      const application = eligibleApplication();
      const applicant = newApplicant();
      const first = await submit(application, applicant, 'dup-key-0001');
      expect(first.status).toBe(201);
      const second = await submit(application, applicant, 'dup-key-0001');
      expect(second.status).toBe(200);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(body(second).caseId).toBe(body(first).caseId);
    });

    it('returns the open case when the same applicant applies again', async () => {
      const application = eligibleApplication();
      const applicant = newApplicant();
      const first = await submit(application, applicant);
      expect(first.status).toBe(201);
      const second = await submit({ ...application, intendedStartDate: '2027-09-01' }, applicant);
      expect(second.status).toBe(200);
      expect(body(second).caseId).toBe(body(first).caseId);
      const list = await api.as(admin).get('/cases?status=OPEN&pageSize=100');
      const ids = (list.body as { items: { id: string }[] }).items.map((c) => c.id);
      expect(ids.filter((id) => id === body(first).caseId)).toHaveLength(1);
    });

    it('refuses an Idempotency-Key reused for a different application', async () => {
      const applicant = newApplicant();
      expect((await submit(eligibleApplication(), applicant, 'dup-key-0002')).status).toBe(201);
      const res = await submit(eligibleApplication(), applicant, 'dup-key-0002');
      expect(res.status).toBe(422);
      expect((res.body as { error: string }).error).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('lets an applicant apply again once their case is closed', async () => {
      const application = ineligibleApplication();
      const applicant = newApplicant();
      const first = await submit(application, applicant);
      const second = await submit(
        { ...application, nationality: { status: 'BRITISH_BY_NATURALISATION', otherNationalities: [] } },
        applicant,
      );
      expect(second.status).toBe(201);
      expect(body(second).caseId).not.toBe(body(first).caseId);
    });
  });

  it('survives the worker being killed mid-case: 503 while it is down, then the action lands once', async () => {
    const { caseId, applicant } = await newCase();
    expect((await act(lead, caseId, 'assignment', { officerId: officer.subject })).status).toBe(200);
    await dv.submitQuestionnaire(applicant, caseId);
    await api.killWorker();

    const started = Date.now();
    const down = await act(officer, caseId, 'questionnaire/acceptance', {}, 'accept-after-crash-1');
    expect(down.status).toBe(503);
    expect((down.body as { error: string }).error).toBe('WORKER_UNAVAILABLE');
    // Honest: an update no worker accepted is not durable, so nothing is promised but the keyed retry.
    expect((down.body as { message: string }).message).toContain('has not been applied');
    expect(down.headers['retry-after']).toBe('5');
    expect(Date.now() - started).toBeLessThan(15_000);

    await api.startWorker();
    const retried = await act(officer, caseId, 'questionnaire/acceptance', {}, 'accept-after-crash-1');
    expect(retried.status).toBe(200);
    expect(body(retried).stage).toBe('RECORD_CHECKS');
    const history = (await dv.waitForStage(caseId, 'INVESTIGATION')).history;
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.filter((e) => e.action === 'ACCEPT_QUESTIONNAIRE')).toHaveLength(1);
    expect(history.filter((e) => e.action === 'RECORD_CHECK_RESULT')).toHaveLength(7); // six DV and BPSS
    expect(api.workerOutput()).toContain(caseId);
  });
});

describe('lists, dashboard, health and docs', () => {
  it("lists an officer's own queue, filtered and paged, oldest first", async () => {
    const mine: Principal = { subject: `officer-${Date.now()}`, roles: ['VETTING_OFFICER'], team: TEAM };
    await api.enrol(mine);
    const a = (await newCase()).caseId;
    const b = (await newCase()).caseId;
    for (const id of [a, b])
      expect((await act(lead, id, 'assignment', { officerId: mine.subject })).status).toBe(200);
    const page1 = await api.as(mine).get('/cases?pageSize=1');
    expect(page1.body).toMatchObject({ page: 1, pageSize: 1, total: 2, totalPages: 2 });
    expect((page1.body as { items: { id: string }[] }).items[0]?.id).toBe(a);
    const page2 = await api.as(mine).get('/cases?pageSize=1&page=2');
    expect((page2.body as { items: { id: string }[] }).items[0]?.id).toBe(b);
    const newest = await api.as(mine).get('/cases?sort=newest');
    expect((newest.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([b, a]);
    const byStage = await api.as(admin).get('/cases?stage=QUESTIONNAIRE&status=OPEN');
    for (const item of (byStage.body as { items: { stage: string }[] }).items)
      expect(item.stage).toBe('QUESTIONNAIRE');
    const unassigned = await api.as(lead).get('/cases?unassigned=true');
    for (const item of (unassigned.body as { items: { assignee: string | null }[] }).items)
      expect(item.assignee).toBeNull();
  });

  it('summarises open cases per stage with medians and the oldest case', async () => {
    await newCase();
    const res = await api.as({ subject: 'hr-1', roles: ['HR_ANALYST'] }).get('/dashboard/summary');
    expect(res.status).toBe(200);
    const summary = res.body as {
      openCases: number;
      stages: { stage: string; openCases: number; medianDaysInStage: number | null }[];
      oldestOpenCase: { id: string } | null;
    };
    expect(summary.openCases).toBeGreaterThan(0);
    expect(summary.stages.find((s) => s.stage === 'BASELINE_CHECKS')?.medianDaysInStage).toBe(0);
    // Issue 9 item 10: HR analysts see aggregates only, never a single case.
    expect(summary.oldestOpenCase).toBeNull();
    const admins = await api.as({ subject: 'admin-1', roles: ['ADMIN'] }).get('/dashboard/summary');
    expect((admins.body as typeof summary).oldestOpenCase).not.toBeNull();
  });

  it('reports PostgreSQL and Temporal health without a token', async () => {
    const res = await (await import('supertest')).default(api.server).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await (await import('supertest')).default(api.server).get('/docs/json');
    expect(res.status).toBe(200);
    const paths = Object.keys((res.body as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/applications', '/cases', '/cases/{id}', '/dashboard/summary', '/health']),
    );
  });
});
