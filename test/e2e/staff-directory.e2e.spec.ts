// Issue 9 item 6, conflict of interest: a team lead assigned a case's applicant as its officer, and a typo
// (`offcer-1`) was accepted as an officer. Assignment now goes only to an existing vetting officer of the case's
// team in the staff directory, never to a party to the case. Real API, worker, Temporal and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TEMPORAL_CLIENT } from '../../apps/api/src/temporal/temporal.module';
import { assignOfficerUpdate, caseWorkflowId } from '../../libs/contracts/src';
import type { Principal } from '../../libs/domain/src';
import { StaffDirectoryService } from '../../apps/api/src/staff/staff-directory.service';
import { ApiHarness } from '../support/api-harness';
import { DvFlow } from '../support/dv-flow';
import { eligibleApplication } from '../support/fixtures';
import { admin, auditor, hrAnalyst, lead, officer, otherOfficer, sponsor, TEAM } from '../support/principals';

const api = new ApiHarness({ RATE_LIMIT_PER_MINUTE: '100000' });
const dv = new DvFlow(api);
beforeAll(() => api.start(), 240_000);
afterAll(() => api.stop());

interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}
interface StaffPage {
  items: { userId: string; displayName: string; roles: string[]; team: string | null; updatedAt: string }[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

function assign(caseId: string, officerId: string, by: Principal = lead) {
  // An admin acts outside any queue, so says why.
  const reason = by === admin ? { 'X-Access-Reason': 'reassigning for the end-to-end test' } : undefined;
  return api.as(by).post(`/cases/${caseId}/assignment`, { officerId }, reason);
}

async function assigneeOf(caseId: string): Promise<string | null> {
  return (await dv.inspect(caseId)).assignee;
}

describe('issue 9 item 6: assignment only to an existing officer of the case team, never a party to it', () => {
  it('refuses a team lead assigning the applicant as officer on their own case, even an officer of the team', async () => {
    // The applicant is also a vetting officer of the team, and in the staff directory as one.
    const applicantOfficer: Principal = {
      subject: `applicant-officer-${randomUUID()}`,
      roles: ['APPLICANT', 'VETTING_OFFICER'],
      team: TEAM,
    };
    const res = await api.as(applicantOfficer).post('/applications', eligibleApplication());
    expect(res.status).toBe(201);
    const { caseId } = res.body as { caseId: string };

    const refused = await assign(caseId, applicantOfficer.subject);
    expect(refused.status).toBe(422);
    expect(refused.body as ErrorBody).toMatchObject({
      error: 'INVALID_COMMAND',
      message: 'the officer is the applicant on this case',
      details: { fields: [{ field: 'officerId', problems: ['the officer is the applicant on this case'] }] },
    });
    expect(await assigneeOf(caseId)).toBeNull();
  });

  it('refuses the sponsor as officer on the case they sponsor', async () => {
    const sponsorOfficer: Principal = { ...sponsor, subject: `sponsor-officer-${randomUUID()}` };
    const { caseId } = await dv.newCase(eligibleApplication(), sponsorOfficer);
    await api.enrol({ subject: sponsorOfficer.subject, roles: ['SPONSOR', 'VETTING_OFFICER'], team: TEAM });
    const refused = await assign(caseId, sponsorOfficer.subject);
    expect(refused.status).toBe(422);
    expect((refused.body as ErrorBody).message).toBe('the officer is the sponsor of this case');
    expect(await assigneeOf(caseId)).toBeNull();
  });

  it('refuses a typo (offcer-1) with 422 "no such officer", and assigns nobody', async () => {
    const { caseId } = await dv.newCase();
    const refused = await assign(caseId, 'offcer-1');
    expect(refused.status).toBe(422);
    expect(refused.body as ErrorBody).toMatchObject({
      error: 'INVALID_COMMAND',
      message: 'no such officer: offcer-1 is not in the staff directory',
    });
    expect(await assigneeOf(caseId)).toBeNull();
  });

  it("refuses another team's officer, and a member of staff who is not an officer", async () => {
    const elsewhere: Principal = {
      subject: `officer-elsewhere-${randomUUID()}`,
      roles: ['VETTING_OFFICER'],
      team: 'dv-team-2',
    };
    await api.enrol(elsewhere);
    const { caseId } = await dv.newCase();
    const otherTeam = await assign(caseId, elsewhere.subject);
    expect(otherTeam.status).toBe(422);
    expect((otherTeam.body as ErrorBody).message).toBe(
      `${elsewhere.subject} is not an officer of this case's team (${TEAM})`,
    );
    const notAnOfficer = await assign(caseId, hrAnalyst.subject);
    expect(notAnOfficer.status).toBe(422);
    expect((notAnOfficer.body as ErrorBody).message).toBe(`${hrAnalyst.subject} is not a vetting officer`);
    expect(await assigneeOf(caseId)).toBeNull();
  });

  it('assigns an existing officer of the case team (a team lead or an admin)', async () => {
    const { caseId } = await dv.newCase();
    expect((await assign(caseId, officer.subject)).status).toBe(200);
    expect(await assigneeOf(caseId)).toBe(officer.subject);
    expect((await assign(caseId, otherOfficer.subject, admin)).status).toBe(200);
    expect(await assigneeOf(caseId)).toBe(otherOfficer.subject);
  });

  it('names the staff a case refers to in the case view (the officer, the lead who assigned), and nobody else', async () => {
    const named: Principal = {
      subject: `officer-named-${randomUUID()}`,
      roles: ['VETTING_OFFICER'],
      team: TEAM,
    };
    await api.app.get(StaffDirectoryService).seen(named, 'Nadia Named');
    const { caseId, applicant } = await dv.newCase(eligibleApplication(), sponsor);
    expect((await assign(caseId, named.subject)).status).toBe(200);
    const view = (await api.as(named).get(`/cases/${caseId}`)).body as {
      history: { actor: string }[];
      staffNames: Record<string, string>;
    };
    expect(view.staffNames[named.subject]).toBe('Nadia Named');
    expect(view.staffNames[lead.subject]).toBe('Leah Davies');
    // Only people the case names: not the applicant or sponsor (not staff), not the rest of the directory.
    const referenced = new Set([named.subject, ...view.history.map((e) => e.actor)]);
    for (const id of Object.keys(view.staffNames)) expect(referenced).toContain(id);
    expect(view.staffNames).not.toHaveProperty(applicant.subject);
    expect(view.staffNames).not.toHaveProperty(otherOfficer.subject);
    // A queue page names its assigned officers only.
    const queue = (await api.as(lead).get('/cases?status=OPEN&pageSize=100')).body as {
      items: { assignee: string | null }[];
      staffNames: Record<string, string>;
    };
    expect(queue.staffNames[named.subject]).toBe('Nadia Named');
    const assignees = new Set(queue.items.map((c) => c.assignee));
    for (const id of Object.keys(queue.staffNames)) expect(assignees).toContain(id);
    // The sponsor's and the applicant's views name nobody.
    expect((await api.as(sponsor).get(`/cases/${caseId}`)).body).not.toHaveProperty('staffNames');
    expect((await api.as(applicant).get(`/cases/${caseId}`)).body).not.toHaveProperty('staffNames');
  });

  it('refuses an officer who has since lost the role in the identity provider', async () => {
    const leaver: Principal = {
      subject: `officer-leaver-${randomUUID()}`,
      roles: ['VETTING_OFFICER'],
      team: TEAM,
    };
    await api.enrol(leaver);
    // Their next request carries no staff role: the directory follows the claims.
    expect(
      (await api.as({ subject: leaver.subject, roles: ['APPLICANT'] }).get('/applications')).status,
    ).toBe(200);
    const { caseId } = await dv.newCase();
    const refused = await assign(caseId, leaver.subject);
    expect(refused.status).toBe(422);
    expect((refused.body as ErrorBody).message).toBe(`${leaver.subject} is not a vetting officer`);
  });

  it('refuses the applicant as officer even for a command sent straight to the workflow', async () => {
    const { caseId, applicant } = await dv.newCase();
    const temporal = api.app.get<Client>(TEMPORAL_CLIENT);
    const handle = temporal.workflow.getHandle(caseWorkflowId(caseId));
    const attempt = handle.executeUpdate(assignOfficerUpdate, {
      args: [{ type: 'ASSIGN_OFFICER', actor: lead.subject, officerId: applicant.subject }],
    });
    const error: unknown = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).message).toBe('the officer is the applicant on this case');
    expect(await assigneeOf(caseId)).toBeNull();
  });
});

describe('GET /staff', () => {
  it("gives a team lead their own team's officers by name, paged like the other lists", async () => {
    const res = await api.as(lead).get('/staff?role=VETTING_OFFICER&pageSize=100');
    expect(res.status).toBe(200);
    const page = res.body as StaffPage;
    expect(page).toMatchObject({ page: 1, pageSize: 100 });
    expect(page.totalPages).toBe(Math.ceil(page.total / 100));
    expect(page.items.map((m) => m.userId)).toEqual(expect.arrayContaining([officer.subject, 'officer-1']));
    for (const member of page.items) {
      expect(member.team).toBe(TEAM);
      expect(member.roles).toContain('VETTING_OFFICER');
    }
    const names = page.items.map((m) => m.displayName);
    expect(names).toEqual([...names].sort());
    // The local users of the embedded default, with their names.
    expect(page.items.find((m) => m.userId === 'officer-1')?.displayName).toBe('Olivia Hughes');
  });

  it("refuses a team lead another team's staff (403), and lets an admin filter by any team", async () => {
    expect((await api.as(lead).get('/staff?team=dv-team-2')).status).toBe(403);
    const res = await api.as(admin).get('/staff?team=dv-team-2&role=VETTING_OFFICER');
    expect(res.status).toBe(200);
    const items = (res.body as StaffPage).items;
    expect(items.map((m) => m.userId)).toContain('officer-3');
    for (const member of items) expect(member.team).toBe('dv-team-2');
  });

  it('pages: a page size of one gives one member and the total', async () => {
    const first = (await api.as(admin).get('/staff?pageSize=1')).body as StaffPage;
    const second = (await api.as(admin).get('/staff?pageSize=1&page=2')).body as StaffPage;
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThan(1);
    expect(second.items[0]?.userId).not.toBe(first.items[0]?.userId);
  });

  it('keeps the directory from the token claims: a new officer appears on first request, a team change follows', async () => {
    const newcomer: Principal = {
      subject: `officer-new-${randomUUID()}`,
      roles: ['VETTING_OFFICER'],
      team: TEAM,
    };
    const listed = async (): Promise<string | null | undefined> => {
      const items = ((await api.as(admin).get('/staff?role=VETTING_OFFICER&pageSize=100')).body as StaffPage)
        .items;
      return items.find((m) => m.userId === newcomer.subject)?.team;
    };
    expect(await listed()).toBeUndefined();
    expect((await api.as(newcomer).get('/cases')).status).toBe(200);
    expect(await listed()).toBe(TEAM);
    expect((await api.as({ ...newcomer, team: 'dv-team-2' }).get('/cases')).status).toBe(200);
    expect(await listed()).toBe('dv-team-2');
  });

  it('never lists applicants or sponsors, nor a party role a member of staff also holds', async () => {
    const items = ((await api.as(admin).get('/staff?pageSize=100')).body as StaffPage).items;
    for (const member of items) {
      expect(member.roles).not.toContain('APPLICANT');
      expect(member.roles).not.toContain('SPONSOR');
    }
  });

  it('refuses an unknown role or a malformed team with 400 naming the field', async () => {
    const role = await api.as(admin).get('/staff?role=APPLICANT');
    expect(role.status).toBe(400);
    expect(JSON.stringify(role.body)).toContain('role');
    const team = await api.as(admin).get(`/staff?team=${encodeURIComponent("x' OR 1=1")}`);
    expect(team.status).toBe(400);
  });

  it('is audited as STAFF_READ', async () => {
    expect((await api.as(lead).get('/staff')).status).toBe(200);
    const trail = await api.as(auditor).get(`/audit?actor=${lead.subject}&pageSize=200`);
    const actions = (trail.body as { items: { action: string }[] }).items.map((r) => r.action);
    expect(actions).toContain('STAFF_READ');
  });
});
