import type { Principal } from '../../libs/domain/src';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { adjudicator, officer, sponsor } from '../support/principals';
import { until } from '../support/until';

/**
 * Transfer to another sponsor (issue 12, an outcome of aftercare) over HTTP on the real dev server and worker:
 * the sponsor hands a clearance over, the new sponsor sees it and answers for it (down to reporting a leaver),
 * the old one no longer does; an officer may record a transfer too; bad requests are refused saying why.
 */
const api = new ApiHarness({ ...FAST_CHECKS_ENV });
const dv = new DvFlow(api);

const newSponsor: Principal = { subject: 'sponsor-transfer-new', roles: ['SPONSOR'] };
const thirdSponsor: Principal = { subject: 'sponsor-transfer-third', roles: ['SPONSOR'] };

interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string; problems: string[] }[] };
}

let holder: Principal;
let clearanceId: string;

beforeAll(async () => {
  await api.start();
  const started = await dv.newCase(undefined, sponsor);
  holder = started.applicant;
  await dv.toDecision(started.caseId, holder);
  await dv.expectOk(adjudicator, started.caseId, 'decision', { outcome: 'GRANTED' });
  clearanceId = await dv.heldClearanceId(holder, 30_000);
}, 300_000);
afterAll(() => api.stop());

const url = (path = ''): string => `/clearances/${clearanceId}${path}`;
const lookup = (who: Principal) => api.as(who).get(`/clearances/status?personId=${holder.subject}`);

describe('transfer to another sponsor', () => {
  it.each([
    ['nothing', {}, 'toSponsorId'],
    ['a reference with a space', { toSponsorId: 'has space', reason: 'r' }, 'toSponsorId'],
    ['a 201-character reference', { toSponsorId: 'x'.repeat(201), reason: 'r' }, 'toSponsorId'],
    ['no reason', { toSponsorId: newSponsor.subject }, 'reason'],
    ['a blank reason', { toSponsorId: newSponsor.subject, reason: '   ' }, 'reason'],
    ['a 2001-character reason', { toSponsorId: newSponsor.subject, reason: 'x'.repeat(2001) }, 'reason'],
  ])('refuses %s with 400 naming %s', async (_what, body, field) => {
    const res = await api.as(sponsor).post(url('/transfer'), body);
    expect(res.status).toBe(400);
    const error = res.body as ErrorBody;
    expect(error.details?.fields?.map((f) => f.field)).toContain(field);
  });

  it('refuses a transfer to the current sponsor or to the holder, saying why', async () => {
    const same = await api.as(sponsor).post(url('/transfer'), { toSponsorId: sponsor.subject, reason: 'r' });
    expect(same.status).toBe(400);
    expect((same.body as ErrorBody).message).toContain('already the sponsor');
    const own = await api.as(sponsor).post(url('/transfer'), { toSponsorId: holder.subject, reason: 'r' });
    expect(own.status).toBe(400);
    expect((own.body as ErrorBody).message).toContain('holder cannot sponsor');
  });

  it('does not let the holder or another sponsor transfer it (as if there were no clearance)', async () => {
    const body = { toSponsorId: thirdSponsor.subject, reason: 'r' };
    expect((await api.as(holder).post(url('/transfer'), body)).status).toBe(403);
    expect((await api.as(newSponsor).post(url('/transfer'), body)).status).toBe(404);
  });

  it('hands the clearance over: the new sponsor sees it and may look the holder up; the old one may not', async () => {
    expect((await api.as(newSponsor).get(url())).status).toBe(404);
    expect((await lookup(newSponsor)).status).toBe(403);
    const res = await api
      .as(sponsor)
      .post(
        url('/transfer'),
        { toSponsorId: newSponsor.subject, reason: 'moved to a post in another directorate' },
        { 'Idempotency-Key': 'transfer-1' },
      );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ clearanceId, status: 'VALID' });

    // The same request again finds the clearance no longer the caller's: answered as one they may not see,
    // and nothing changes (a second transfer is never made).
    const again = await api
      .as(sponsor)
      .post(
        url('/transfer'),
        { toSponsorId: newSponsor.subject, reason: 'moved to a post in another directorate' },
        { 'Idempotency-Key': 'transfer-1' },
      );
    expect(again.status).toBe(404);

    expect((await api.as(newSponsor).get(url())).status).toBe(200);
    expect((await api.as(sponsor).get(url())).status).toBe(404);
    expect(await lookup(newSponsor).then((r) => r.body as object)).toMatchObject({
      status: 'VALID',
      clearanceId,
    });
    expect((await lookup(sponsor)).status).toBe(403);
    const staff = await api.as(officer).get(url());
    expect(staff.body).toMatchObject({ sponsorId: newSponsor.subject });
  });

  it('tells the new sponsor discreetly that there is something to look at', async () => {
    const inbox = await until(
      'the new sponsor’s notice',
      async () => {
        const res = await api.as(newSponsor).get('/inbox');
        const items = (res.body as { items: { subject: string; body: string }[] }).items;
        return items.length > 0 ? items : undefined;
      },
      30_000,
      250,
    );
    // What may go out by e-mail says only that there is an update (the reason stays in the signed-in inbox).
    const text = JSON.stringify(inbox.map((m) => [m.subject, m.body]));
    expect(text).not.toContain(holder.subject);
    expect(text).not.toMatch(/clearance|vetting|transfer/i);
  });

  it('lets an officer record a transfer as an aftercare outcome', async () => {
    const res = await api.as(officer).post(url('/transfer'), {
      toSponsorId: thirdSponsor.subject,
      reason: 'old sponsor has left the department',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sponsorId: thirdSponsor.subject });
    expect((await api.as(newSponsor).get(url())).status).toBe(404);
  });

  it('leaves the new sponsor to answer for the holder: their leaver report lapses the clearance', async () => {
    expect((await api.as(newSponsor).post(url('/leaver'), { leftOn: '2026-11-30' })).status).toBe(404);
    const res = await api.as(thirdSponsor).post(url('/leaver'), { leftOn: '2026-11-30' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'LAPSED' });
    const ended = await api
      .as(thirdSponsor)
      .post(url('/transfer'), { toSponsorId: 'sponsor-z', reason: 'r' });
    expect(ended.status).toBe(409);
  });
});
