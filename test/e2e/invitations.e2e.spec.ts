// Sponsor invitations over HTTP with a real worker: a sponsor invites, the invited applicant applies with the
// invitation id and the two are linked; nobody else can use or see it; the sponsor can withdraw it.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { testDatabaseUrl } from '../support/env';
import { eligibleApplication } from '../support/fixtures';
import { newApplicant } from '../support/principals';
import { until } from '../support/until';

const api = new ApiHarness();
let db: DataSource;

beforeAll(async () => {
  await api.start();
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await api.stop();
});

interface InvitationBody {
  invitationId: string;
  sponsorId: string;
  applicantId: string;
  status: string;
  caseId: string | null;
}

function newSponsor(): Principal {
  return { subject: `sponsor-${randomUUID()}`, roles: ['SPONSOR'] };
}

async function invite(sponsor: Principal, applicant: Principal): Promise<InvitationBody> {
  const res = await api.as(sponsor).post('/invitations', { applicantId: applicant.subject });
  expect(res.status).toBe(201);
  const body = res.body as InvitationBody;
  expect(body).toMatchObject({ sponsorId: sponsor.subject, applicantId: applicant.subject, status: 'OPEN' });
  return body;
}

function apply(
  applicant: Principal,
  invitationId: string,
  key?: string,
  // No sponsorId of its own: the invitation supplies it.
  application: object = eligibleApplication({ sponsorId: null }),
) {
  const body = { ...application, invitationId };
  return api.as(applicant).post('/applications', body, key ? { 'Idempotency-Key': key } : {});
}

async function casesOf(applicant: Principal): Promise<number> {
  const rows: { n: string }[] = await db.query(
    `SELECT count(*) AS n FROM application_intake i JOIN vetting_case c ON c.id = i.case_id
      WHERE c.applicant_id = $1`,
    [applicant.subject],
  );
  return Number(rows[0]?.n ?? 0);
}

describe('sponsor invitations', () => {
  it('links the invited applicant’s application to the invitation, and to the sponsor', async () => {
    const sponsor = newSponsor();
    const applicant = newApplicant();
    const { invitationId } = await invite(sponsor, applicant);

    expect((await api.as(sponsor).get(`/invitations/${invitationId}`)).status).toBe(200);
    expect((await api.as(applicant).get(`/invitations/${invitationId}`)).status).toBe(200);
    expect((await api.as(newSponsor()).get(`/invitations/${invitationId}`)).status).toBe(404);
    expect((await api.as(newApplicant()).get(`/invitations/${invitationId}`)).status).toBe(404);

    const key = `invite-${randomUUID()}`;
    const application = eligibleApplication({ sponsorId: null });
    const applied = await apply(applicant, invitationId, key, application);
    expect(applied.status).toBe(201);
    const caseId = (applied.body as { caseId: string }).caseId;

    const read = await api.as(applicant).get(`/invitations/${invitationId}`);
    expect(read.body).toMatchObject({ status: 'ACCEPTED', caseId });
    // The sponsor of the invitation is the sponsor of the case.
    expect((await api.as(sponsor).get(`/cases/${caseId}`)).status).toBe(200);

    // The same submission again answers with the same case; the invitation stays as it was.
    const replayed = await apply(applicant, invitationId, key, application);
    expect(replayed.status).toBe(200);
    expect((replayed.body as { caseId: string }).caseId).toBe(caseId);
  });

  it("issue 9.5: cannot attach an invitation to another person's case by submitting their details", async () => {
    const victim = newApplicant();
    const victimApplication = eligibleApplication({ sponsorId: null });
    const victimApplied = await api.as(victim).post('/applications', victimApplication);
    expect(victimApplied.status).toBe(201);
    const victimCase = (victimApplied.body as { caseId: string }).caseId;

    const sponsor = newSponsor();
    const attacker = newApplicant();
    const { invitationId } = await invite(sponsor, attacker);
    const applied = await apply(attacker, invitationId, undefined, victimApplication);
    expect(applied.status).toBe(201);
    const attackerCase = (applied.body as { caseId: string }).caseId;
    expect(attackerCase).not.toBe(victimCase);
    const invitation = await api.as(attacker).get(`/invitations/${invitationId}`);
    expect(invitation.body).toMatchObject({ status: 'ACCEPTED', caseId: attackerCase });
    // The sponsor of the attacker's invitation gained nothing on the victim's case.
    expect((await api.as(sponsor).get(`/cases/${victimCase}`)).status).toBe(404);
  });

  it('refuses an invitation to another applicant, or one already used, before any case exists', async () => {
    const sponsor = newSponsor();
    const invited = newApplicant();
    const intruder = newApplicant();
    const { invitationId } = await invite(sponsor, invited);

    const stolen = await apply(intruder, invitationId);
    expect(stolen.status).toBe(404);
    expect(stolen.body).toMatchObject({ message: `no invitation with id ${invitationId}` });
    expect(await casesOf(intruder)).toBe(0);

    expect((await apply(invited, invitationId)).status).toBe(201);
    // Used: even its own applicant cannot bring a second application under it.
    const again = await apply(invited, invitationId, `second-${randomUUID()}`);
    expect(again.status).toBe(409);
    expect(await casesOf(invited)).toBe(1);
    const unknown = await apply(newApplicant(), randomUUID());
    expect(unknown.status).toBe(404);
  });

  it('lets only its sponsor withdraw it; withdrawing again changes nothing, and it can no longer be used', async () => {
    const sponsor = newSponsor();
    const applicant = newApplicant();
    const { invitationId } = await invite(sponsor, applicant);

    expect((await api.as(newSponsor()).post(`/invitations/${invitationId}/withdrawal`)).status).toBe(404);
    const withdrawn = await api.as(sponsor).post(`/invitations/${invitationId}/withdrawal`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', caseId: null });

    // Idempotent: a repeated withdrawal (a double click, a retried request) answers the same invitation.
    const twice = await api.as(sponsor).post(`/invitations/${invitationId}/withdrawal`);
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(withdrawn.body);
    const audited: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM audit_log WHERE actor = $1 AND action = 'INVITATION_WITHDRAW'`,
      [sponsor.subject],
    );
    expect(Number(audited[0]?.n)).toBe(2);
    const late = await apply(applicant, invitationId);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ message: expect.stringMatching(/withdrawn/) as unknown });
    expect(await casesOf(applicant)).toBe(0);
  });

  it('lists the sponsor’s own invitations, newest first, paged, by status; refuses an accepted one’s withdrawal', async () => {
    const sponsor = newSponsor();
    const [first, second, third] = [newApplicant(), newApplicant(), newApplicant()];
    const a = await invite(sponsor, first);
    const b = await invite(sponsor, second);
    const c = await invite(sponsor, third);
    await invite(newSponsor(), newApplicant()); // someone else's: never listed
    expect((await api.as(sponsor).post(`/invitations/${b.invitationId}/withdrawal`)).status).toBe(200);
    expect((await apply(first, a.invitationId)).status).toBe(201);
    const accepted = await until('the acceptance to be stored', async () => {
      const res = await api.as(sponsor).get(`/invitations/${a.invitationId}`);
      const body = res.body as InvitationBody;
      return body.status === 'ACCEPTED' ? body : undefined;
    });
    expect(accepted).toMatchObject({ caseId: expect.any(String) as unknown });
    // Accepted: too late to withdraw (409), and it stays accepted.
    const late = await api.as(sponsor).post(`/invitations/${a.invitationId}/withdrawal`);
    expect(late.status).toBe(409);
    expect((late.body as { message: string }).message).toMatch(/accepted/);

    const all = await api.as(sponsor).get('/invitations');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, total: 3, totalPages: 1 });
    const items = (all.body as { items: InvitationBody[] }).items;
    expect(items.map((i) => [i.invitationId, i.status])).toEqual([
      [c.invitationId, 'OPEN'],
      [b.invitationId, 'WITHDRAWN'],
      [a.invitationId, 'ACCEPTED'],
    ]);
    const page2 = await api.as(sponsor).get('/invitations?pageSize=2&page=2');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: 3, totalPages: 2 });
    expect((page2.body as { items: InvitationBody[] }).items.map((i) => i.invitationId)).toEqual([
      a.invitationId,
    ]);
    const open = await api.as(sponsor).get('/invitations?status=OPEN');
    expect((open.body as { items: InvitationBody[] }).items.map((i) => i.invitationId)).toEqual([
      c.invitationId,
    ]);
    const bad = await api.as(sponsor).get('/invitations?status=SENT&pageSize=101');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/status/);
    expect((await api.as(first).get('/invitations')).status).toBe(403);
  });

  it('checks its input', async () => {
    expect((await api.as(newSponsor()).post('/invitations', {})).status).toBe(400);
    expect((await api.as(newSponsor()).get('/invitations/not-a-uuid')).status).toBe(400);
    const bad = await api.as(newApplicant()).post('/applications', {
      ...eligibleApplication(),
      invitationId: 'nope',
    });
    expect(bad.status).toBe(400);
  });
});
