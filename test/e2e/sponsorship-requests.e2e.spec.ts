// Sponsorship requests over HTTP with a real worker (issue 12): an application that names no invitation is held
// for the sponsor it names; only that sponsor sees and answers it; confirmed it is screened, declined it closes.
// The lapse on the clock is in test/workflow/sponsor-hold.workflow.spec.ts (seconds there, 30 days here).
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/domain/src';
import { ApiHarness } from '../support/api-harness';
import { eligibleApplication } from '../support/fixtures';
import { newApplicant } from '../support/principals';
import { until } from '../support/until';

const api = new ApiHarness({ APPLICATIONS_WITHOUT_INVITATION: 'HOLD' });
beforeAll(() => api.start(), 120_000);
afterAll(() => api.stop());

const newSponsor = (): Principal => ({ subject: `sponsor-${randomUUID()}`, roles: ['SPONSOR'] });

interface RequestList {
  items: { caseId: string; applicant: Record<string, string>; respondBy: string | null }[];
  total: number;
}

async function heldApplication(sponsor: Principal): Promise<{ applicant: Principal; caseId: string }> {
  const applicant = newApplicant();
  const res = await api.as(applicant).post('/applications', {
    ...eligibleApplication({ sponsorId: null }),
    sponsorReference: sponsor.subject,
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ status: 'WAITING_FOR_SPONSOR' });
  return { applicant, caseId: (res.body as { caseId: string }).caseId };
}

async function applicantStatus(applicant: Principal, caseId: string): Promise<Record<string, unknown>> {
  const res = await api.as(applicant).get(`/cases/${caseId}`);
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown>;
}

describe('sponsorship requests', () => {
  it('refuses an application that names neither an invitation nor a sponsor, or a malformed reference', async () => {
    const applicant = newApplicant();
    const none = await api.as(applicant).post('/applications', eligibleApplication({ sponsorId: null }));
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toMatch(/sponsorReference/);
    const bad = await api.as(applicant).post('/applications', {
      ...eligibleApplication({ sponsorId: null }),
      sponsorReference: 'a b<script>',
    });
    expect(bad.status).toBe(400);
  });

  it('shows the request only to the sponsor it names, who confirms it into vetting and then sponsors it', async () => {
    const sponsor = newSponsor();
    const stranger = newSponsor();
    const { applicant, caseId } = await heldApplication(sponsor);

    const listed = await api.as(sponsor).get('/sponsorship-requests?page=1&pageSize=10');
    expect(listed.status).toBe(200);
    const list = listed.body as RequestList;
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      caseId,
      applicant: { givenName: 'Test', familyName: 'Applicant' },
    });
    expect(list.items[0]?.respondBy).toBeTruthy();
    // Identifies the candidate, nothing from screening or vetting.
    expect(Object.keys(list.items[0]?.applicant ?? {}).sort()).toEqual([
      'email',
      'familyName',
      'givenName',
      'intendedStartDate',
    ]);

    // Another sponsor: nothing listed, and the case does not exist for them.
    expect(((await api.as(stranger).get('/sponsorship-requests')).body as RequestList).total).toBe(0);
    expect((await api.as(stranger).get(`/cases/${caseId}`)).status).toBe(404);
    expect((await api.as(stranger).post(`/cases/${caseId}/sponsorship-confirmation`, {})).status).toBe(404);
    expect(
      (await api.as(stranger).post(`/cases/${caseId}/sponsorship-decline`, { reason: 'not mine' })).status,
    ).toBe(404);
    // Bad paging is a 400.
    expect((await api.as(sponsor).get('/sponsorship-requests?pageSize=1000')).status).toBe(400);

    const confirmed = await api.as(sponsor).post(`/cases/${caseId}/sponsorship-confirmation`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: caseId, stage: 'ELIGIBILITY_SCREENING' });
    // Screened once confirmed: the applicant is asked for their questionnaire.
    await until('the case screened into the questionnaire', async () =>
      (await applicantStatus(applicant, caseId)).status === 'ACTION_NEEDED' ? true : undefined,
    );
    const sponsored = await api.as(sponsor).get('/sponsored-cases');
    expect((sponsored.body as { items: { id: string }[] }).items.map((c) => c.id)).toContain(caseId);
    expect(((await api.as(sponsor).get('/sponsorship-requests')).body as RequestList).total).toBe(0);
    // Answered once: a second answer finds the case gone on.
    expect((await api.as(sponsor).post(`/cases/${caseId}/sponsorship-confirmation`, {})).status).toBe(409);
    expect(
      (await api.as(sponsor).post(`/cases/${caseId}/sponsorship-decline`, { reason: 'changed mind' })).status,
    ).toBe(409);
  });

  it('closes the case when the sponsor declines, telling the applicant only that it cannot go ahead', async () => {
    const sponsor = newSponsor();
    const { applicant, caseId } = await heldApplication(sponsor);
    for (const body of [{}, { reason: '' }, { reason: 7 }]) {
      expect((await api.as(sponsor).post(`/cases/${caseId}/sponsorship-decline`, body)).status).toBe(400);
    }
    const declined = await api
      .as(sponsor)
      .post(`/cases/${caseId}/sponsorship-decline`, { reason: 'We have no such vacancy' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ stage: 'NOT_SPONSORED', status: 'CLOSED' });
    const seen = await until('the applicant told', async () => {
      const body = await applicantStatus(applicant, caseId);
      return body.status === 'DECISION_MADE' ? body : undefined;
    });
    expect(seen.message).toMatch(/sponsor you named did not confirm/);
    expect(JSON.stringify(seen)).not.toMatch(/vacancy/);
    // No longer theirs to see once declined.
    expect((await api.as(sponsor).get(`/cases/${caseId}`)).status).toBe(404);
  });

  it('lets the applicant withdraw while the request waits', async () => {
    const sponsor = newSponsor();
    const { applicant, caseId } = await heldApplication(sponsor);
    const res = await api.as(applicant).post(`/cases/${caseId}/withdrawal`, { reason: 'took another job' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'CLOSED' });
  });
});
