import { ApiHarness } from '../support/api-harness';
import type { CaseDetail } from '../support/dv-flow';
import { DvFlow } from '../support/dv-flow';
import { admin, lead, officer, sponsor } from '../support/principals';
import { assignWithRefusedWrite } from '../support/refused-write';
import { until } from '../support/until';

/**
 * A refused write (issue 10 item 1: an activity failure no retry can cure) is shown to the officers who work the
 * case, in the case view, so they know the record is missing something: which step, when, and what it leaves
 * missing in words; never the refused value, the SQL or its parameters. Provoked as the fault tests do, with a
 * NUL sent behind the API's back into a column stored plain (test/support/refused-write.ts).
 */
const api = new ApiHarness();
const dv = new DvFlow(api);
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

type Alert = CaseDetail['alerts'][number];

it("shows the case's refused write to its officers, in words, and never the refused value", async () => {
  const { caseId, applicant } = await dv.newCase(undefined, sponsor);
  await dv.waitForStage(caseId, 'BASELINE_CHECKS');
  expect((await dv.inspect(caseId)).alerts).toEqual([]);
  await api.enrol(officer);

  // The assignment happens in the workflow; its read-model write is refused, so the row still has no officer.
  await assignWithRefusedWrite(caseId, officer.subject);
  const flagged = await until('the refused write on the case view', async () => {
    const detail = await dv.inspect(caseId);
    return detail.alerts.length > 0 ? detail : undefined;
  });
  expect(flagged.assignee).toBeNull();
  // The case goes on: the next write carries the whole snapshot, the assignment included.
  await dv.submitQuestionnaire(applicant, caseId);

  const res = await until('the case in its officer’s view', async () => {
    const seen = await api.as(officer).get(`/cases/${caseId}`);
    return seen.status === 200 ? seen : undefined;
  });
  const body = res.body as { questionnaire: { status: string }; alerts: Alert[] };
  expect(body.questionnaire.status).toBe('SUBMITTED');
  expect(body.alerts).toEqual([
    {
      activity: 'recordTransition',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      meaning: expect.stringContaining('could not be saved to the case record') as unknown,
      advice: expect.stringContaining('service support team') as unknown,
    },
  ]);
  // Nothing of the refused value, the SQL or its parameters.
  expect(JSON.stringify(body.alerts)).not.toMatch(/poisoned|\\u0000|SQLSTATE|22\d\d\d|INSERT|\$\d/);

  // The team lead who can see the case sees it too; the sponsor's and the applicant's views have no alerts.
  const asLead = await api.as(lead).get(`/cases/${caseId}`);
  expect((asLead.body as { alerts: Alert[] }).alerts).toHaveLength(1);
  for (const party of [sponsor, applicant]) {
    const view = await api.as(party).get(`/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body).not.toHaveProperty('alerts');
  }
}, 180_000);

interface RefusedWrite {
  id: string;
  caseId: string | null;
  activity: string;
  sqlstate: string;
  occurredAt: string;
  resolvedAt: string | null;
}

it('lets an administrator list and resolve a refused write, audited, which takes the alert off the case', async () => {
  const { caseId } = await dv.newCase(undefined, sponsor);
  await dv.waitForStage(caseId, 'BASELINE_CHECKS');
  await api.enrol(officer);
  await assignWithRefusedWrite(caseId, officer.subject);
  const open = await until('the refused write in the administrators’ list', async () => {
    const res = await api.as(admin).get('/refused-writes');
    expect(res.status).toBe(200);
    return (res.body as { items: RefusedWrite[] }).items.find((item) => item.caseId === caseId);
  });
  expect(open).toMatchObject({ activity: 'recordTransition', resolvedAt: null });
  expect(open.sqlstate).toMatch(/^[0-9A-Z]{5}$/);
  expect(JSON.stringify(open)).not.toMatch(/poisoned|\\u0000/);

  // Only administrators: an officer of the case may not close it.
  expect((await api.as(officer).post(`/refused-writes/${open.id}/resolution`, {})).status).toBe(403);
  expect((await api.as(admin).get('/refused-writes')).status).toBe(200);

  const resolved = await api.as(admin).post(`/refused-writes/${open.id}/resolution`, {});
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({
    id: open.id,
    caseId,
    resolvedAt: expect.stringMatching(/^\d{4}-/) as unknown,
  });
  expect((await dv.inspect(caseId)).alerts).toEqual([]);
  const listed = (await api.as(admin).get('/refused-writes')).body as { items: RefusedWrite[] };
  expect(listed.items.map((item) => item.id)).not.toContain(open.id);

  // Twice is a conflict; an unknown id is 404 and a malformed one 400.
  expect((await api.as(admin).post(`/refused-writes/${open.id}/resolution`, {})).status).toBe(409);
  expect((await api.as(admin).post('/refused-writes/999999999/resolution', {})).status).toBe(404);
  const malformed = await api.as(admin).post('/refused-writes/abc/resolution', {});
  expect(malformed.status).toBe(400);
  expect(malformed.body).toMatchObject({ error: 'VALIDATION_FAILED' });

  // Audited against the case whose alert it closed: the 200 and the 409.
  const audit = await api.as(admin).get(`/audit?caseId=${caseId}&action=REFUSED_WRITE_RESOLVE`);
  expect(audit.status).toBe(200);
  const outcomes = (audit.body as { items: { outcome: string; actor: string }[] }).items.map(
    (row) => row.outcome,
  );
  expect(outcomes.sort()).toEqual(['200', 'FAILED:409']);
}, 180_000);
