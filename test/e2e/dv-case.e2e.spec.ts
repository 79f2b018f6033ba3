import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { adjudicator, admin, lead, officer, sponsor } from '../support/principals';
import { completeQuestionnaire } from '../support/questionnaire-fixture';

const api = new ApiHarness(FAST_CHECKS_ENV);
const dv = new DvFlow(api);
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

describe('Developed Vetting stages over HTTP', () => {
  it('refuses to accept a questionnaire that was never submitted, and to submit one with problems', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.expectOk(lead, caseId, 'assignment', { officerId: officer.subject });
    // A new case passes baseline (BPSS) checks first; before that, accepting a questionnaire is out of stage.
    const outOfStage = await dv.act(officer, caseId, 'questionnaire/acceptance');
    expect(outOfStage.status).toBe(409);
    expect((outOfStage.body as { error: string }).error).toBe('ILLEGAL_TRANSITION');
    await dv.passBaseline(applicant, caseId);
    const early = await dv.act(officer, caseId, 'questionnaire/acceptance');
    expect(early.status).toBe(409);
    expect((early.body as { error: string }).error).toBe('QUESTIONNAIRE_NOT_SUBMITTED');

    const incomplete = { ...completeQuestionnaire(), referees: [] };
    expect((await api.as(applicant).put(`/cases/${caseId}/questionnaire/draft`, incomplete)).status).toBe(
      204,
    );
    const refused = await dv.act(applicant, caseId, 'questionnaire/submission');
    expect(refused.status).toBe(400);
    const fields = (refused.body as { details: { fields: { field: string }[] } }).details.fields.map(
      (f) => f.field,
    );
    expect(fields.some((f) => f.startsWith('referees'))).toBe(true);
  });

  it('returns the questionnaire with items to fix, keeps every version, and accepts the resubmission', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.expectOk(lead, caseId, 'assignment', { officerId: officer.subject });
    expect((await api.as(applicant).get(`/cases/${caseId}`)).body).toMatchObject({ status: 'ACTION_NEEDED' });
    await dv.submitQuestionnaire(applicant, caseId);
    // Submitted: the next move is the vetting team's, and the applicant is told so.
    expect((await api.as(applicant).get(`/cases/${caseId}`)).body).toMatchObject({ status: 'IN_PROGRESS' });
    await dv.expectOk(officer, caseId, 'questionnaire/return', {
      items: ['employment: say what you did in 2019'],
    });

    const own = await api.as(applicant).get(`/cases/${caseId}`);
    expect(own.body).toMatchObject({
      status: 'ACTION_NEEDED',
      itemsToFix: ['employment: say what you did in 2019'],
    });

    await dv.submitQuestionnaire(applicant, caseId);
    await dv.expectOk(officer, caseId, 'questionnaire/acceptance');
    const versions = await api.as(officer).get(`/cases/${caseId}/questionnaire/versions`);
    expect(versions.status).toBe(200);
    expect((versions.body as { items: { version: number }[] }).items.map((v) => v.version)).toEqual([1, 2]);

    const detail = await dv.inspect(caseId);
    expect(detail.questionnaire).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(detail.dvClockStartedAt).not.toBeNull();
    const returned = detail.history.find((e) => e.action === 'RETURN_QUESTIONNAIRE');
    expect(returned).toMatchObject({
      actor: officer.subject,
      payload: { items: ['employment: say what you did in 2019'] },
    });
  });

  it('runs all six record checks in parallel and moves on when every one is CLEAR', async () => {
    const { caseId, applicant } = await dv.newCase();
    const detail = await dv.toInvestigation(caseId, applicant);
    // The six DV checks, and the baseline (BPSS) check that ran before the questionnaire.
    expect(detail.checks).toHaveLength(7);
    expect(detail.checks.every((c) => c.status === 'RESOLVED' && c.outcome === 'CLEAR')).toBe(true);
    expect(detail.tasks.filter((t) => t.kind === 'CHECK_REVIEW')).toEqual([]);
    // One referee enquiry per referee in the questionnaire, and the subject interview.
    expect(detail.tasks.map((t) => t.kind).sort()).toEqual(['INTERVIEW', 'REFEREE', 'REFEREE']);
  });

  it('substitutes a referee, schedules the interview and completes investigation only when every task is settled', async () => {
    const { caseId, applicant } = await dv.newCase();
    const detail = await dv.toInvestigation(caseId, applicant);
    const referee = detail.tasks.find((t) => t.kind === 'REFEREE');
    const interview = detail.tasks.find((t) => t.kind === 'INTERVIEW');
    if (!referee || !interview) throw new Error('investigation tasks missing');

    await dv.expectOk(officer, caseId, `tasks/${referee.id}/substitution`, {
      title: 'Referee enquiry: substitute',
      details: { relationship: 'former manager' },
      reason: 'no reply after two chasers',
    });
    await dv.expectOk(officer, caseId, `tasks/${interview.id}/progress`, {
      details: {
        scheduledFor: '2027-02-01T10:00:00Z',
        adjustmentsRequested: 'step-free access',
        adjustmentsAgreed: true,
      },
    });
    const tooEarly = await dv.act(officer, caseId, 'stages/INVESTIGATION/completion', { outcome: 'done' });
    expect(tooEarly.status).toBe(409);
    expect((tooEarly.body as { error: string }).error).toBe('OPEN_TASKS_REMAIN');

    const tasks = (await dv.inspect(caseId)).tasks;
    expect(tasks.find((t) => t.id === referee.id)).toMatchObject({
      status: 'WAIVED',
      outcome: 'SUBSTITUTED',
    });
    expect(tasks.find((t) => t.replaces === referee.id)).toMatchObject({ kind: 'REFEREE', status: 'OPEN' });

    await dv.expectOk(officer, caseId, 'tasks', {
      kind: 'MEDICAL',
      title: 'GP report',
      details: { consent: true },
    });
    await dv.settleTasks(caseId);
    await dv.expectOk(officer, caseId, 'stages/INVESTIGATION/completion', { outcome: 'done' });
    expect((await dv.inspect(caseId)).stage).toBe('RECOMMENDATION');
  });

  it('lets an uninvolved adjudicator send the recommendation back to investigation', async () => {
    const { caseId, applicant } = await dv.newCase();
    await dv.toDecision(caseId, applicant);
    await dv.expectOk(adjudicator, caseId, 'recommendation/return', {
      reasons: ['clarify the overseas account'],
    });
    const detail = await dv.inspect(caseId);
    expect(detail.stage).toBe('INVESTIGATION');
    expect(detail.tasks.filter((t) => t.status === 'OPEN').map((t) => t.kind)).toEqual(['ENQUIRY']);
  });

  it('grants with conditions, records the clearance and lets the sponsor see only whether it is valid', async () => {
    const { caseId, applicant } = await dv.newCase(undefined, sponsor);
    await dv.toDecision(caseId, applicant);
    // Issue 9 item 7: a review date beyond the DV renewal period (2199 was accepted) or in the past is refused.
    for (const reviewDueDate of ['2199-01-01', '2001-01-01']) {
      const unbounded = await dv.act(adjudicator, caseId, 'decision', { outcome: 'GRANTED', reviewDueDate });
      expect(unbounded.status).toBe(400);
      expect(unbounded.body).toMatchObject({
        error: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'reviewDueDate' }] },
      });
    }
    expect((await dv.inspect(caseId)).stage).toBe('DECISION');
    const decided = await dv.act(adjudicator, caseId, 'decision', {
      outcome: 'GRANTED_WITH_CONDITIONS',
      conditions: [{ type: 'TRAVEL_RESTRICTION', detail: 'report travel to listed countries' }],
      reviewDueDate: '2030-06-30',
    });
    expect(decided.status).toBe(200);

    const lookup = await api.as(sponsor).get(`/clearances/status?personId=${applicant.subject}`);
    expect(lookup.body).toEqual({
      personId: applicant.subject,
      status: 'VALID',
      clearanceId: expect.any(String) as string,
    });
    // Issue 9 item 9: only the people they sponsor.
    const nobody = await api.as(sponsor).get('/clearances/status?personId=someone-never-vetted');
    expect(nobody.status).toBe(403);
    expect((await api.as(officer).get(`/clearances/status?personId=${applicant.subject}`)).status).toBe(403);
  });

  it('refuses with reasons split: the applicant sees only the disclosable ones, and everyone is told discreetly', async () => {
    const { caseId, applicant } = await dv.newCase(undefined, sponsor);
    await dv.toDecision(caseId, applicant);
    const refused = await dv.act(adjudicator, caseId, 'decision', {
      outcome: 'REFUSED',
      disclosableReasons: ['undeclared debts'],
      nonDisclosableReasons: ['information from a third party'],
    });
    expect(refused.status).toBe(200);

    const own = await api.as(applicant).get(`/cases/${caseId}`);
    expect(own.body).toEqual({
      id: caseId,
      status: 'DECISION_MADE',
      openedAt: expect.any(String) as string,
      outcome: 'NOT_GRANTED',
      message: 'Your security clearance has not been granted.',
      reasons: ['undeclared debts'],
    });
    const asSponsor = await api.as(sponsor).get(`/cases/${caseId}`);
    expect(JSON.stringify(asSponsor.body)).not.toContain('third party');
    const full = await dv.inspect(caseId);
    expect(full.decision).toMatchObject({
      disclosableReasons: ['undeclared debts'],
      nonDisclosableReasons: ['information from a third party'],
    });

    const sponsorInbox = await api.as(sponsor).get('/inbox?pageSize=100');
    const applicantInbox = await api.as(applicant).get('/inbox?pageSize=100');
    type Message = { caseId: string | null; subject: string; body: string; createdAt: string };
    const forCase = (res: { body: unknown }): Message[] =>
      (res.body as { items: Message[] }).items.filter((m) => m.caseId === caseId);
    const [toSponsor] = forCase(sponsorInbox);
    const [toApplicant] = forCase(applicantInbox);
    if (!toSponsor || !toApplicant) throw new Error('decision notices missing');
    expect(Date.parse(toSponsor.createdAt)).toBeLessThanOrEqual(Date.parse(toApplicant.createdAt));
    for (const message of [toSponsor, toApplicant]) {
      expect(`${message.subject} ${message.body}`).not.toMatch(
        /refus|grant|vetting|clearance|MI5|security service|DV\b/i,
      );
    }
    expect((await api.as(admin).get(`/clearances/status?personId=${applicant.subject}`)).body).toMatchObject({
      status: 'NONE',
    });
  });
});
