import type { DataSource } from 'typeorm';
import type { AppealStatus, Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { insertAppealRow } from '../support/appeal-rows';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { testDatabaseUrl } from '../support/env';
import { adjudicator, newApplicant, sponsor } from '../support/principals';
import { until } from '../support/until';

/**
 * Appeals and complaints over HTTP (issue 12), on the real dev server and worker, with the 28-day panel window,
 * the 7-day acknowledgement and the complaint target a few seconds long: a withdrawal appealed, dismissed
 * internally, its panel secretary named and reminded, restored on the panel's recommendation; a registration of
 * intent after the window; a recruit's complaint answered.
 */
const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  AFTERCARE_YEAR_MS: String(10 * 60_000),
  APPRAISAL_REMINDER_MS: '200000',
  APPRAISAL_OVERDUE_MS: '400000',
  APPEAL_PANEL_WINDOW_MS: '6000',
  // Long enough for a panel secretary to be named after the registration, before the clock marks it overdue.
  APPEAL_ACKNOWLEDGE_MS: '5000',
  APPEAL_STATEMENT_MS: '120000',
  COMPLAINT_RESPONSE_MS: '2000',
});
const dv = new DvFlow(api);

/** An adjudicator with no part in any case here: may hear appeals. */
const appealOfficer: Principal = { subject: 'appeal-officer-1', roles: ['SENIOR_ADJUDICATOR'] };
/** Puts the department's case to the panel. */
const department: Principal = { subject: 'department-adjudicator-1', roles: ['SENIOR_ADJUDICATOR'] };
const secretary: Principal = { subject: 'panel-secretary-1', roles: ['PANEL_SECRETARY'] };
/** Named the appeal's panel secretary by the first: the one the clock reminds. */
const namedSecretary: Principal = { subject: 'panel-secretary-2', roles: ['PANEL_SECRETARY'] };
const withdrawer: Principal = { subject: 'withdrawing-adjudicator-1', roles: ['SENIOR_ADJUDICATOR'] };

interface ErrorBody {
  error: string;
  message: string;
  details?: { fields?: { field: string }[] };
}
interface InboxBody {
  items: { reason: string; subject: string; body: string; caseId: string | null }[];
}

/** The reasons of the notices in someone's inbox about one appeal. */
const noticesAbout = async (who: Principal, appealId: string): Promise<InboxBody['items']> =>
  ((await api.as(who).get('/inbox')).body as InboxBody).items.filter((m) => m.caseId === appealId);
interface AppealBody {
  appealId: string;
  kind: string;
  status: string;
  outcome: string | null;
  panelWindowEndsAt?: string | null;
  effect?: { kind: string; done: boolean; clearanceId?: string; caseId?: string } | null;
}

const hearing = (outcome: 'UPHELD' | 'OVERTURNED') => ({
  outcome,
  reviewOfDecision: 'The decision followed from the findings.',
  reviewOfProcess: 'The process was followed.',
  reviewOfDisclosure: 'The disclosable reasons were given.',
  reasons: 'No new information.',
});

/** A clearance granted through the DV stages and then withdrawn by `withdrawer`. */
async function withdrawnClearance(): Promise<{ holder: Principal; clearanceId: string }> {
  const { caseId, applicant } = await dv.newCase(undefined, sponsor);
  await dv.toDecision(caseId, applicant);
  await dv.expectOk(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
  // The clearance-held workflow is running once its first snapshot is in.
  const clearanceId = await dv.heldClearanceId(applicant, 30_000);
  const withdrawn = await api.as(withdrawer).post(`/clearances/${clearanceId}/withdrawal`, {
    disclosableReasons: 'Undeclared foreign contact',
    closedReasons: 'Information from a partner agency',
  });
  expect(withdrawn.status).toBe(200);
  return { holder: applicant, clearanceId };
}

/** The appeal as `who` reads it, once the appeal's workflow has written it. */
async function readAppeal(who: Principal, appealId: string, status?: string): Promise<AppealBody> {
  return until(
    `appeal ${status ?? 'stored'}`,
    async () => {
      const res = await api.as(who).get(`/appeals/${appealId}`);
      const body = res.body as AppealBody;
      return res.status === 200 && (!status || body.status === status) ? body : undefined;
    },
    30_000,
    200,
  );
}

/** The read-model, to see how an appeal is stored. */
let db: DataSource;

beforeAll(async () => {
  await api.start();
  // In the staff directory, as a panel secretary who has signed in is.
  await api.enrol(namedSecretary);
  db = createDataSource(testDatabaseUrl());
  await db.initialize();
}, 300_000);
afterAll(async () => {
  await db.destroy();
  await api.stop();
});

describe('a staff appeal against a withdrawal', () => {
  it('is dismissed internally, goes to the panel, and the panel restores the clearance', async () => {
    const { holder, clearanceId } = await withdrawnClearance();

    const stranger = newApplicant();
    const notTheirs = await api.as(stranger).post('/appeals', { kind: 'APPEAL', clearanceId, grounds: 'x' });
    expect([notTheirs.status, (notTheirs.body as ErrorBody).error]).toEqual([404, 'CLEARANCE_NOT_FOUND']);
    const both = await api
      .as(holder)
      .post('/appeals', { kind: 'APPEAL', clearanceId, caseId: clearanceId, grounds: 'x' });
    expect(both.status).toBe(400);
    const complaint = await api.as(holder).post('/appeals', { kind: 'COMPLAINT', clearanceId, grounds: 'x' });
    expect([complaint.status, (complaint.body as ErrorBody).error]).toEqual([409, 'NOT_ELIGIBLE']);

    const lodged = await api
      .as(holder)
      .post('/appeals', { kind: 'APPEAL', clearanceId, grounds: 'The contact was declared in 2019.' });
    expect(lodged.status).toBe(201);
    const { appealId } = lodged.body as AppealBody;
    expect(lodged.body).toMatchObject({ kind: 'APPEAL', status: 'RECEIVED', outcome: null });
    const again = await api.as(holder).post('/appeals', { kind: 'APPEAL', clearanceId, grounds: 'again' });
    expect([again.status, (again.body as ErrorBody).error]).toEqual([409, 'NOT_ELIGIBLE']);
    await readAppeal(holder, appealId);

    // Need-to-know: another applicant is told there is no such appeal; the holder sees coarse status only.
    expect((await api.as(stranger).get(`/appeals/${appealId}`)).status).toBe(404);
    const own = await api.as(holder).get(`/appeals/${appealId}`);
    expect(JSON.stringify(own.body)).not.toContain('declared in 2019');

    // The adjudicator who withdrew the clearance may not hear the appeal.
    const involved = await api.as(withdrawer).post(`/appeals/${appealId}/hearing`, hearing('UPHELD'));
    expect([involved.status, (involved.body as ErrorBody).error]).toEqual([409, 'FOUR_EYES_VIOLATION']);
    // ...which the staff view tells them before they try, naming who took part.
    const asWithdrawer = (await api.as(withdrawer).get(`/appeals/${appealId}`)).body as {
      priorInvolvement: string[];
      youMayNotHear: string | null;
    };
    expect(asWithdrawer.priorInvolvement).toEqual(
      expect.arrayContaining([withdrawer.subject, adjudicator.subject]),
    );
    expect(asWithdrawer.youMayNotHear).toMatch(/no prior involvement/);
    expect((await api.as(appealOfficer).get(`/appeals/${appealId}`)).body).toMatchObject({
      youMayNotHear: null,
    });
    const blank = await api.as(appealOfficer).post(`/appeals/${appealId}/hearing`, { outcome: 'UPHELD' });
    expect(blank.status).toBe(400);
    const early = await api.as(secretary).post(`/appeals/${appealId}/acknowledgement`);
    expect([early.status, (early.body as ErrorBody).error]).toEqual([409, 'ILLEGAL_TRANSITION']);

    const dismissed = await api.as(appealOfficer).post(`/appeals/${appealId}/hearing`, hearing('UPHELD'));
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'UPHELD', internal: { by: appealOfficer.subject } });
    const decided = await readAppeal(holder, appealId);
    expect(decided).toMatchObject({
      status: 'DECISION_MADE',
      panelWindowEndsAt: expect.any(String) as string,
    });

    const registered = await api.as(holder).post(`/appeals/${appealId}/panel-intent`);
    expect(registered.status).toBe(200);
    // Who the clock reminds: a panel secretary names one. Nobody else may, and only a panel secretary is named.
    const secretaryUrl = `/appeals/${appealId}/secretary`;
    const byAdjudicator = await api
      .as(appealOfficer)
      .post(secretaryUrl, { secretaryId: appealOfficer.subject });
    expect(byAdjudicator.status).toBe(403);
    expect((await api.as(holder).post(secretaryUrl, { secretaryId: namedSecretary.subject })).status).toBe(
      403,
    );
    const notASecretary = await api.as(secretary).post(secretaryUrl, { secretaryId: appealOfficer.subject });
    expect([notASecretary.status, (notASecretary.body as ErrorBody).error]).toEqual([422, 'INVALID_COMMAND']);
    expect(notASecretary.body).toMatchObject({ details: { fields: [{ field: 'secretaryId' }] } });
    const malformed = await api.as(secretary).post(secretaryUrl, { secretaryId: '<b>someone</b>' });
    expect(malformed.status).toBe(400);
    // The queue's "Named secretary" filter: none named yet, so under "none" and not under anyone's "me".
    const queued = async (who: Principal, query = ''): Promise<boolean> => {
      const res = await api.as(who).get(`/appeals${query}`);
      expect(res.status).toBe(200);
      return (res.body as { items: { appealId: string }[] }).items.some((a) => a.appealId === appealId);
    };
    expect(await queued(secretary, '?secretary=none')).toBe(true);
    expect(await queued(namedSecretary, '?secretary=me')).toBe(false);
    for (const query of [
      '?secretary=%3Cb%3Esomeone%3C%2Fb%3E',
      '?secretary=',
      '?secretary=me&secretary=none',
      '?other=1',
    ]) {
      const bad = await api.as(secretary).get(`/appeals${query}`);
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      if (query !== '?other=1') expect(JSON.stringify(bad.body)).toContain('secretary');
    }
    // Who may be named: panel secretaries with no part in the case (the caller too); never the withdrawer.
    const candidatesUrl = `/appeals/${appealId}/secretary-candidates`;
    const candidateIds = async (): Promise<string[]> => {
      const res = await api.as(secretary).get(candidatesUrl);
      expect(res.status).toBe(200);
      return (res.body as { items: { userId: string }[] }).items.map((c) => c.userId);
    };
    expect(await candidateIds()).toEqual(expect.arrayContaining([secretary.subject, namedSecretary.subject]));
    expect(await candidateIds()).not.toContain(withdrawer.subject);
    expect((await api.as(appealOfficer).get(candidatesUrl)).status).toBe(403);
    expect((await api.as(holder).get(candidatesUrl)).status).toBe(403);
    const named = await api.as(secretary).post(secretaryUrl, { secretaryId: namedSecretary.subject });
    expect(named.status).toBe(200);
    // Named now: no longer offered (naming them again is refused).
    expect(await candidateIds()).not.toContain(namedSecretary.subject);
    expect(named.body).toMatchObject({ panel: { secretaryId: namedSecretary.subject } });
    // Named now: under the named secretary's "me" only, and still in everyone's unfiltered queue.
    expect(await queued(namedSecretary, '?secretary=me')).toBe(true);
    expect(await queued(secretary, '?secretary=me')).toBe(false);
    expect(await queued(secretary, '?secretary=none')).toBe(false);
    expect(await queued(secretary)).toBe(true);
    expect(await queued(appealOfficer, '?secretary=none')).toBe(false);
    const twice = await api.as(secretary).post(secretaryUrl, { secretaryId: namedSecretary.subject });
    expect([twice.status, (twice.body as ErrorBody).error]).toEqual([409, 'ILLEGAL_TRANSITION']);
    // Not acknowledged within the (5 s) policy: the clock marks it overdue for the panel's queue...
    await until(
      'the acknowledgement overdue',
      async () => {
        const res = await api.as(secretary).get(`/appeals/${appealId}`);
        const panel = (res.body as { panel: { acknowledgementOverdue: boolean } | null }).panel;
        return panel?.acknowledgementOverdue ? true : undefined;
      },
      30_000,
      250,
    );
    // ...and reminds the named secretary by a discreet notice (told first that they were named).
    const told = await until(
      'the named secretary reminded',
      async () => {
        const items = await noticesAbout(namedSecretary, appealId);
        return items.some((m) => m.reason === 'REMINDER') ? items : undefined;
      },
      30_000,
      250,
    );
    expect(told.map((m) => m.reason).sort()).toEqual(['PANEL_SECRETARY_NAMED', 'REMINDER']);
    // Discreet: the words say there is an update, never what about.
    for (const m of told) expect(`${m.subject}\n${m.body}`).not.toMatch(/appeal|panel|withdraw|clearance/i);
    expect(await noticesAbout(secretary, appealId)).toEqual([]);
    // Any panel secretary may act; the one named stays named.
    const acked = await api.as(secretary).post(`/appeals/${appealId}/acknowledgement`);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({
      panel: { secretaryId: namedSecretary.subject },
      staffNames: { [namedSecretary.subject]: expect.any(String) as string },
    });
    expect((await readAppeal(holder, appealId)).status).toBe('ACTION_NEEDED');

    const noReason = await api
      .as(secretary)
      .post(`/appeals/${appealId}/extensions`, { side: 'DEPARTMENT', dueAt: '2099-01-01T00:00:00Z' });
    expect(noReason.status).toBe(400);
    const extended = await api.as(secretary).post(`/appeals/${appealId}/extensions`, {
      side: 'DEPARTMENT',
      dueAt: '2099-01-01T00:00:00Z',
      reason: 'Partner agency papers requested',
    });
    expect(extended.status).toBe(200);
    const tooSoon = await api
      .as(secretary)
      .post(`/appeals/${appealId}/recommendation`, { recommendation: 'SET_ASIDE', reasons: 'r' });
    expect([tooSoon.status, (tooSoon.body as ErrorBody).error]).toEqual([409, 'ILLEGAL_TRANSITION']);

    expect(
      (await api.as(holder).post(`/appeals/${appealId}/statements`, { statement: 'My case.' })).status,
    ).toBe(200);
    expect(
      (await api.as(department).post(`/appeals/${appealId}/statements`, { statement: 'Our case.' })).status,
    ).toBe(200);
    const recommended = await api.as(secretary).post(`/appeals/${appealId}/recommendation`, {
      recommendation: 'CLEARANCE_GRANTED_OR_RESTORED',
      reasons: 'The contact had been declared.',
    });
    expect(recommended.status).toBe(200);
    expect(recommended.body).toMatchObject({ status: 'PANEL_DECIDED' });

    // The system carries the recommendation out: the clearance is valid again and followed by aftercare.
    const restored = await until(
      'the clearance restored',
      async () => {
        const res = await api.as(holder).get(`/clearances/${clearanceId}`);
        return (res.body as { status: string }).status === 'VALID' ? (res.body as object) : undefined;
      },
      30_000,
      250,
    );
    expect(restored).toMatchObject({ status: 'VALID', endedAt: null });
    const done = await until(
      'the outcome carried out',
      async () => {
        const res = await api.as(secretary).get(`/appeals/${appealId}`);
        return (res.body as AppealBody).effect?.done ? (res.body as object) : undefined;
      },
      30_000,
      250,
    );
    expect(done).toMatchObject({ effect: { kind: 'RESTORE_CLEARANCE', done: true } });
    const change = await api.as(holder).post(`/clearances/${clearanceId}/changes`, {
      kind: 'NEW_PARTNER',
      occurredOn: '2026-01-02',
      summary: 'x',
    });
    expect(change.status).toBe(200);
    expect(await readAppeal(holder, appealId)).toMatchObject({ status: 'DECISION_MADE' });

    // Its history, one row per event, for staff only: the appellant and the clock under no staff id.
    const history = await api.as(secretary).get(`/appeals/${appealId}/events`);
    expect(history.status).toBe(200);
    const events = (
      history.body as {
        items: { action: string; actorRole: string; actorId: string | null; side: string | null }[];
      }
    ).items;
    expect(events.map((e) => e.action)).toEqual([
      'UPHOLD',
      'REGISTER_INTENT',
      'NAME_SECRETARY',
      'ACKNOWLEDGEMENT_OVERDUE',
      'ACKNOWLEDGE',
      'EXTEND_DEADLINE',
      'SUBMIT_STATEMENT',
      'SUBMIT_STATEMENT',
      'RECORD_RECOMMENDATION',
    ]);
    expect(events[0]).toMatchObject({ actorRole: 'APPEAL_OFFICER', actorId: appealOfficer.subject });
    expect(
      events.filter((e) => e.actorRole === 'APPELLANT' || e.actorRole === 'SYSTEM').map((e) => e.actorId),
    ).toEqual([null, null, null]);
    // Whose statement each statement event is about.
    expect(events.filter((e) => e.side !== null).map((e) => [e.action, e.side])).toEqual([
      ['EXTEND_DEADLINE', 'DEPARTMENT'],
      ['SUBMIT_STATEMENT', 'APPELLANT'],
      ['SUBMIT_STATEMENT', 'DEPARTMENT'],
    ]);
    expect((await api.as(holder).get(`/appeals/${appealId}/events`)).status).toBe(403);
  }, 300_000);

  it('refuses a registration of intent after the window with a clear 409', async () => {
    const { holder, clearanceId } = await withdrawnClearance();
    const lodged = await api.as(holder).post('/appeals', { kind: 'APPEAL', clearanceId, grounds: 'Wrong.' });
    const { appealId } = lodged.body as AppealBody;
    await readAppeal(holder, appealId);
    expect((await api.as(appealOfficer).post(`/appeals/${appealId}/hearing`, hearing('UPHELD'))).status).toBe(
      200,
    );
    // The window (6 s here, 28 days by policy) passes; the clock closes the appeal.
    await readAppeal(appealOfficer, appealId, 'CLOSED');
    const late = await api.as(holder).post(`/appeals/${appealId}/panel-intent`);
    expect([late.status, (late.body as ErrorBody).error]).toEqual([409, 'APPEAL_WINDOW_CLOSED']);
    expect((late.body as ErrorBody).message).toMatch(/window to register intent .* closed/);
    expect((await readAppeal(holder, appealId)).status).toBe('CLOSED');
  }, 300_000);
});

describe('a staff appeal against a refusal', () => {
  /** A refused case for someone who holds a clearance (granted first), so they may appeal it. */
  async function refusedHolder(holder?: Principal): Promise<{ holder: Principal; caseId: string }> {
    if (!holder) {
      const granted = await dv.newCase(undefined, sponsor);
      await dv.toDecision(granted.caseId, granted.applicant);
      await dv.expectOk(adjudicator, granted.caseId, 'decision', { outcome: 'GRANTED' });
      await dv.heldClearanceId(granted.applicant, 30_000);
      holder = granted.applicant;
    }
    const { caseId } = await dv.newCase(undefined, sponsor, holder);
    await dv.toDecision(caseId, holder);
    await dv.expectOk(adjudicator, caseId, 'decision', {
      outcome: 'REFUSED',
      disclosableReasons: ['undeclared debts'],
      nonDisclosableReasons: ['information from a third party'],
    });
    return { holder, caseId };
  }

  /** The appeal once the system has carried its outcome out. */
  const carriedOut = (appealId: string): Promise<AppealBody> =>
    until(
      'the outcome carried out',
      async () => {
        const res = await api.as(secretary).get(`/appeals/${appealId}`);
        return (res.body as AppealBody).effect?.done ? (res.body as AppealBody) : undefined;
      },
      30_000,
      250,
    );

  let holder: Principal;

  it('overturned internally, grants a new clearance followed by aftercare', async () => {
    const refused = await refusedHolder();
    holder = refused.holder;
    const lodged = await api
      .as(holder)
      .post('/appeals', { kind: 'APPEAL', caseId: refused.caseId, grounds: 'The debts were repaid.' });
    expect(lodged.status).toBe(201);
    const { appealId } = lodged.body as AppealBody;
    await readAppeal(holder, appealId);
    const overturned = await api
      .as(appealOfficer)
      .post(`/appeals/${appealId}/hearing`, hearing('OVERTURNED'));
    expect(overturned.status).toBe(200);

    const done = await carriedOut(appealId);
    expect(done.effect).toMatchObject({ kind: 'GRANT_CLEARANCE', done: true });
    const clearanceId = done.effect?.clearanceId ?? '';
    const granted = await until(
      'the clearance granted on appeal',
      async () => {
        const res = await api.as(holder).get(`/clearances/${clearanceId}`);
        return res.status === 200 ? (res.body as { status: string; grantedOn: string }) : undefined;
      },
      30_000,
      250,
    );
    expect(granted).toMatchObject({ status: 'VALID', grantedOn: new Date().toISOString().slice(0, 10) });
    // Its aftercare runs: the holder can report a change on it, and the sponsor's lookup answers it.
    const change = await api.as(holder).post(`/clearances/${clearanceId}/changes`, {
      kind: 'FOREIGN_TRAVEL',
      occurredOn: '2026-01-02',
      summary: 'x',
    });
    expect(change.status).toBe(200);
    const lookup = await api.as(sponsor).get(`/clearances/status?personId=${holder.subject}`);
    expect(lookup.body).toMatchObject({ status: 'VALID', clearanceId });
  }, 300_000);

  it('sent by the panel for a vetting re-run, opens a new case for the appellant', async () => {
    const refused = await refusedHolder(holder);
    const lodged = await api
      .as(holder)
      .post('/appeals', { kind: 'APPEAL', caseId: refused.caseId, grounds: 'Facts were missed.' });
    expect(lodged.status).toBe(201);
    const { appealId } = lodged.body as AppealBody;
    await readAppeal(holder, appealId);
    expect((await api.as(appealOfficer).post(`/appeals/${appealId}/hearing`, hearing('UPHELD'))).status).toBe(
      200,
    );
    expect((await api.as(holder).post(`/appeals/${appealId}/panel-intent`)).status).toBe(200);
    expect((await api.as(secretary).post(`/appeals/${appealId}/acknowledgement`)).status).toBe(200);
    for (const [who, statement] of [
      [holder, 'My case.'],
      [department, 'Our case.'],
    ] as const) {
      expect((await api.as(who).post(`/appeals/${appealId}/statements`, { statement })).status).toBe(200);
    }
    const recommended = await api.as(secretary).post(`/appeals/${appealId}/recommendation`, {
      recommendation: 'VETTING_RERUN',
      reasons: 'The investigation did not consider the repayment.',
    });
    expect(recommended.status).toBe(200);

    const done = await carriedOut(appealId);
    expect(done.effect).toMatchObject({ kind: 'RERUN_VETTING', done: true });
    const rerunCaseId = done.effect?.caseId ?? '';
    expect(rerunCaseId).not.toBe(refused.caseId);
    // A case like any other for the appellant: screened, open, and theirs to read.
    // Its first snapshot may be written before screening has run: wait for the screened one.
    const opened = await until(
      'the re-run case recorded and screened',
      async () => {
        const detail = await dv.inspect(rerunCaseId).catch(() => null);
        return detail && detail.stage !== 'ELIGIBILITY_SCREENING' ? detail : undefined;
      },
      30_000,
      250,
    );
    expect(['INELIGIBLE', 'WITHDRAWN', 'LAPSED']).not.toContain(opened.stage);
    // The staff's view of the new case names the appeal that called for it.
    expect((opened as { rerunOfAppeal?: string | null }).rerunOfAppeal).toBe(appealId);
    const own = await api.as(holder).get(`/cases/${rerunCaseId}`);
    expect(own.status).toBe(200);
  }, 300_000);
});

describe("a recruit's complaint", () => {
  it('is the only route for a refused recruit, and is answered with an outcome', async () => {
    const { caseId, applicant } = await dv.newCase(undefined, sponsor);
    await dv.toDecision(caseId, applicant);
    await dv.expectOk(adjudicator, caseId, 'decision', {
      outcome: 'REFUSED',
      disclosableReasons: ['undeclared debts'],
      nonDisclosableReasons: ['information from a third party'],
    });
    const appeal = await api.as(applicant).post('/appeals', { kind: 'APPEAL', caseId, grounds: 'Unfair.' });
    expect([appeal.status, (appeal.body as ErrorBody).error]).toEqual([409, 'NOT_ELIGIBLE']);
    expect((appeal.body as ErrorBody).message).toMatch(/complaint/);

    const lodged = await api
      .as(applicant)
      .post('/appeals', { kind: 'COMPLAINT', caseId, grounds: 'Unfair.' });
    expect(lodged.status).toBe(201);
    const { appealId } = lodged.body as AppealBody;
    await readAppeal(applicant, appealId);
    // Past its (2 s) target response time, the staff queue shows it overdue.
    await until(
      'the complaint overdue',
      async () => {
        const res = await api.as(appealOfficer).get('/appeals');
        const items = (res.body as { items: { appealId: string; complaint: { overdue: boolean } | null }[] })
          .items;
        return items.find((a) => a.appealId === appealId)?.complaint?.overdue ? true : undefined;
      },
      30_000,
      250,
    );
    const noPanel = await api.as(applicant).post(`/appeals/${appealId}/panel-intent`);
    expect([noPanel.status, (noPanel.body as ErrorBody).error]).toEqual([409, 'ILLEGAL_TRANSITION']);
    const byDecider = await api
      .as(adjudicator)
      .post(`/appeals/${appealId}/complaint-response`, { outcome: 'NOT_UPHELD', response: 'r' });
    expect([byDecider.status, (byDecider.body as ErrorBody).error]).toEqual([409, 'FOUR_EYES_VIOLATION']);
    const answered = await api.as(appealOfficer).post(`/appeals/${appealId}/complaint-response`, {
      outcome: 'NOT_UPHELD',
      response: 'The application was handled correctly.',
    });
    expect(answered.status).toBe(200);
    const seen = await readAppeal(applicant, appealId, 'DECISION_MADE');
    // The appellant reads the written response and what it was about; never who answered or the outcome code.
    expect(seen).toMatchObject({
      kind: 'COMPLAINT',
      ground: 'REFUSAL',
      caseId,
      clearanceId: null,
      outcome: expect.stringMatching(/answered/) as string,
      response: 'The application was handled correctly.',
    });
    expect(JSON.stringify(seen)).not.toMatch(/NOT_UPHELD|appeal-officer|answeredBy/);
    const file = await api.as(appealOfficer).get(`/appeals/${appealId}`);
    expect((file.body as { complaint: { response: string } }).complaint.response).toBe(
      'The application was handled correctly.',
    );
    // Stored sealed: the response is not in the read-model's row as plain text.
    const stored: { snapshot: string }[] = await db.query(`SELECT snapshot FROM appeal WHERE id = $1`, [
      appealId,
    ]);
    expect(stored[0]?.snapshot).not.toContain('handled correctly');
    const mine = await api.as(applicant).get('/appeals/mine');
    expect((mine.body as { items: AppealBody[] }).items.map((a) => a.appealId)).toEqual([appealId]);
  }, 300_000);
});

describe("the staff's work list", () => {
  /** Rows written straight into the read-model (plain-JSON snapshots, as rows from before encryption read). */
  const run = `${Date.now().toString(36)}`;
  const mine: Principal = { subject: `worklist-secretary-${run}`, roles: ['PANEL_SECRETARY'] };
  const other = `worklist-other-${run}`;
  const officer: Principal = { subject: `worklist-officer-${run}`, roles: ['SENIOR_ADJUDICATOR'] };
  const ids: string[] = [];
  interface PageBody {
    items: { appealId: string; kind: string; status: string }[];
    page: number;
    pageSize: number;
    total: number;
    totalPages: number;
  }

  /** Stores an appeal as the workflow would, lodged `n` minutes after the first, with its panel secretary. */
  async function stored(
    minute: number,
    kind: 'APPEAL' | 'COMPLAINT',
    secretaryId: string | null,
    extra: { status?: AppealStatus; sponsorId?: string } = {},
  ): Promise<string> {
    const appellantId = `worklist-appellant-${run}-${minute}`;
    const appealId = await insertAppealRow(db, { minute, kind, appellantId, secretaryId, ...extra });
    ids.push(appealId);
    return appealId;
  }

  const list = async (who: Principal, query: string): Promise<PageBody> => {
    const res = await api.as(who).get(`/appeals?${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body as PageBody;
  };

  let a1 = '';
  let c2 = '';
  let a3 = '';
  let c4 = '';
  let a5 = '';
  beforeAll(async () => {
    a1 = await stored(1, 'APPEAL', mine.subject);
    c2 = await stored(2, 'COMPLAINT', mine.subject);
    a3 = await stored(3, 'APPEAL', mine.subject);
    c4 = await stored(4, 'COMPLAINT', mine.subject);
    a5 = await stored(5, 'APPEAL', mine.subject);
    // Finished, and one the caller sponsored: never in their list.
    await stored(6, 'APPEAL', mine.subject, { status: 'OVERTURNED' });
    await stored(7, 'APPEAL', mine.subject, { sponsorId: mine.subject });
    await stored(8, 'COMPLAINT', other);
  });
  afterAll(async () => {
    await db.query(`DELETE FROM appeal WHERE id = ANY($1)`, [ids]);
  });

  it('filters by named secretary, kind and status, and pages oldest first, in SQL', async () => {
    const first = await list(mine, 'secretary=me&pageSize=2');
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 5, totalPages: 3 });
    expect(first.items.map((a) => a.appealId)).toEqual([a1, c2]);
    expect((await list(mine, 'secretary=me&pageSize=2&page=3')).items.map((a) => a.appealId)).toEqual([a5]);
    // Past the last page: nothing, with the same count.
    expect(await list(mine, 'secretary=me&pageSize=2&page=4')).toMatchObject({ items: [], total: 5 });
    // The same list by the secretary's id, as another member of staff asks for it.
    const byId = await list(officer, `secretary=${mine.subject}&pageSize=100`);
    // The one the caller sponsored is the officer's to see, not theirs.
    expect(byId.total).toBe(6);
    const complaints = await list(mine, 'secretary=me&kind=COMPLAINT');
    expect(complaints.items.map((a) => a.appealId)).toEqual([c2, c4]);
    expect((await list(mine, 'secretary=me&kind=APPEAL')).items.map((a) => a.appealId)).toEqual([a1, a3, a5]);
    expect((await list(mine, 'secretary=me&status=COMPLAINT_OPEN')).total).toBe(2);
    // A finished one only when asked for by its status.
    expect((await list(mine, 'secretary=me&status=OVERTURNED')).total).toBe(1);
    expect((await list(officer, `secretary=${other}`)).items).toHaveLength(1);
    // None named: none of these (each is named).
    const none = await list(officer, 'secretary=none&pageSize=100');
    expect(none.items.filter((a) => ids.includes(a.appealId))).toEqual([]);
  });

  it('refuses a bad filter or page with a 400 that names it', async () => {
    for (const [query, field] of [
      ['kind=APPEALS', 'kind'],
      ['status=OPEN', 'status'],
      ['page=0', 'page'],
      ['page=x', 'page'],
      ['pageSize=101', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['secretary=a%20b', 'secretary'],
    ]) {
      const res = await api.as(mine).get(`/appeals?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect((res.body as ErrorBody).message).toContain(field);
    }
  });

  it('is refused to roles that do not work appeals', async () => {
    const officerOnly: Principal = { subject: `worklist-io-${run}`, roles: ['VETTING_OFFICER'] };
    for (const who of [newApplicant(), sponsor, officerOnly]) {
      expect({ who: who.roles, status: (await api.as(who).get('/appeals')).status }).toEqual({
        who: who.roles,
        status: 403,
      });
    }
  });
});
