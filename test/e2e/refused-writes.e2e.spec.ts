import { ApiHarness } from '../support/api-harness';
import type { CaseDetail } from '../support/dv-flow';
import { DvFlow } from '../support/dv-flow';
import { lead, officer, sponsor } from '../support/principals';
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
  await dv.waitForStage(caseId, 'QUESTIONNAIRE');
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
