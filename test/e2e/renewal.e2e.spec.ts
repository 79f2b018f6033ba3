import type { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '../../apps/api/src/temporal/temporal.module';
import { clearanceHeldWorkflowId } from '../../libs/contracts/src';
import type { Principal } from '../../libs/domain/src';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { ApiHarness } from '../support/api-harness';
import { DvFlow, FAST_CHECKS_ENV } from '../support/dv-flow';
import { adjudicator, auditor, lead, officer, sponsor } from '../support/principals';
import { testDatabaseUrl } from '../support/env';
import { completeQuestionnaire } from '../support/questionnaire-fixture';
import { until } from '../support/until';

/**
 * Renewal of a DV clearance over HTTP (issue 12), on the real dev server and worker, with years 40 s long: a
 * clearance granted with a review date a year away (so it expires 40 s after the grant), its sponsor opening the
 * renewal case, the reminder ahead of the renewal date, the clearance held valid past that date while the renewal
 * is open, and the renewal driven through the DV stages to a grant that supersedes the clearance.
 */
const YEAR_MS = 40_000;
const api = new ApiHarness({
  ...FAST_CHECKS_ENV,
  AFTERCARE_YEAR_MS: String(YEAR_MS),
  APPRAISAL_REMINDER_MS: '6000',
  APPRAISAL_OVERDUE_MS: '12000',
  // One reminder, 25 s before the renewal date: 15 s after the grant.
  RENEWAL_REMINDERS_MS: '25000',
});
const dv = new DvFlow(api);

interface RenewalBody {
  caseId: string;
  status: string;
  successorId: string | null;
  successionAcceptedAt: string | null;
  closedAt: string | null;
}
interface ClearanceBody {
  clearanceId: string;
  status: string;
  grantedOn: string;
  renewalDue: string;
  renewal?: RenewalBody;
}
interface ErrorBody {
  error: string;
  details?: { clearanceStatus?: string };
}

const today = (): string => new Date().toISOString().slice(0, 10);
const inAYear = (): string => `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`;

let holder: Principal;
let firstCaseId: string;
let clearanceId: string;
let grantedAt: number;

beforeAll(async () => {
  await api.start();
  const started = await dv.newCase(undefined, sponsor);
  holder = started.applicant;
  firstCaseId = started.caseId;
  await dv.toDecision(firstCaseId, holder);
  await dv.expectOk(adjudicator, firstCaseId, 'decision', { outcome: 'GRANTED', reviewDueDate: inAYear() });
  grantedAt = Date.now();
  clearanceId = await dv.heldClearanceId(holder, 30_000);
}, 300_000);
afterAll(() => api.stop());

const url = (path = ''): string => `/clearances/${clearanceId}${path}`;
const read = async (who: Principal, id = clearanceId): Promise<ClearanceBody> =>
  (await api.as(who).get(`/clearances/${id}`)).body as ClearanceBody;

describe('renewal over HTTP', () => {
  let renewalCaseId: string;

  it('lets the sponsor open the renewal case, and refuses a second one with 409 and the holder with 403', async () => {
    const opened = await api.as(sponsor).post(url('/renewal'), {}, { 'Idempotency-Key': 'renewal-open-1' });
    expect(opened.status).toBe(200);
    const body = opened.body as ClearanceBody;
    expect(body).toMatchObject({
      status: 'VALID',
      renewal: { status: 'OPEN', successorId: null, successionAcceptedAt: null },
    });
    renewalCaseId = body.renewal?.caseId ?? '';

    // The same request again (same key) is the same update: no second case.
    const repeated = await api.as(sponsor).post(url('/renewal'), {}, { 'Idempotency-Key': 'renewal-open-1' });
    expect(repeated.status).toBe(200);
    expect((repeated.body as ClearanceBody).renewal?.caseId).toBe(renewalCaseId);

    const again = await api.as(officer).post(url('/renewal'), {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'ILLEGAL_TRANSITION', details: { clearanceStatus: 'VALID' } });
    expect((await api.as(holder).post(url('/renewal'), {})).status).toBe(403);
    expect(
      (await api.as({ subject: 'sponsor-elsewhere', roles: ['SPONSOR'] }).post(url('/renewal'), {})).status,
    ).toBe(404);
  });

  it('opens a renewal case of the holder, skipping screening, with the questionnaire pre-filled', async () => {
    const opened = await dv.waitForStage(renewalCaseId, 'QUESTIONNAIRE');
    expect(opened.history[0]).toMatchObject({ action: 'OPEN_CASE', payload: { renewalOf: clearanceId } });
    // Staff who see the case see the clearance it renews; a first application renews none.
    expect(opened.renewalOf).toBe(clearanceId);
    expect((await dv.inspect(firstCaseId)).renewalOf).toBeNull();
    // The holder is told it is the renewal of their clearance: in the case and in their list; the sponsor's view
    // stays as it was (stage, dates, outcome).
    const own = await api.as(holder).get(`/cases/${renewalCaseId}`);
    expect(own.body).toMatchObject({ id: renewalCaseId, renewalOf: clearanceId });
    const mine = (await api.as(holder).get('/applications')).body as {
      items: { id: string; renewalOf?: string }[];
    };
    expect(mine.items.find((c) => c.id === renewalCaseId)?.renewalOf).toBe(clearanceId);
    expect(mine.items.find((c) => c.id === firstCaseId)).not.toHaveProperty('renewalOf');
    expect((await api.as(sponsor).get(`/cases/${renewalCaseId}`)).body).not.toHaveProperty('renewalOf');
    // Pre-filled once the case is recorded, just after it opens.
    const draft = await until(
      'the pre-filled draft',
      async () => {
        const res = await api.as(holder).get(`/cases/${renewalCaseId}/questionnaire/draft`);
        return res.status === 200 && (res.body as { version: number }).version > 0 ? res : undefined;
      },
      30_000,
      250,
    );
    expect(draft.body).toMatchObject({ submittable: true });
    expect((draft.body as { content: object }).content).toEqual(
      JSON.parse(JSON.stringify(completeQuestionnaire())) as object,
    );
  });

  it('reminds the holder and the sponsor discreetly ahead of the renewal date', async () => {
    for (const who of [holder, sponsor]) {
      const reminder = await until(
        `the renewal reminder to ${who.subject}`,
        async () => {
          const inbox = await api.as(who).get('/inbox');
          const items = (inbox.body as { items: { reason: string; body: string; caseId: string | null }[] })
            .items;
          return items.find((m) => m.reason === 'RENEWAL_DUE');
        },
        45_000,
        500,
      );
      expect(reminder.body).not.toMatch(/renew|clearance|vetting/i);
    }
  });

  it('keeps the clearance valid past its renewal date while the renewal is open, then grants a renewed clearance', async () => {
    await dv.expectOk(lead, renewalCaseId, 'assignment', { officerId: officer.subject });
    // The holder submits the pre-filled questionnaire as it is.
    await dv.expectOk(holder, renewalCaseId, 'questionnaire/submission');
    await dv.expectOk(officer, renewalCaseId, 'questionnaire/acceptance');
    await dv.waitForStage(renewalCaseId, 'INVESTIGATION');
    await dv.settleTasks(renewalCaseId);
    await dv.expectOk(officer, renewalCaseId, 'stages/INVESTIGATION/completion', { outcome: 'done' });
    await dv.expectOk(officer, renewalCaseId, 'recommendation', {
      recommendation: 'GRANT',
      assessment: 'no change since the last vetting',
      risk: 'LOW',
    });

    // Past the (compressed) renewal date, the open renewal holds the clearance.
    const pastExpiry = grantedAt + YEAR_MS + 3_000 - Date.now();
    if (pastExpiry > 0) await new Promise((resolve) => setTimeout(resolve, pastExpiry));
    expect(await read(holder)).toMatchObject({ status: 'VALID', renewal: { status: 'OPEN' } });
    const lookup = await api.as(sponsor).get(`/clearances/status?personId=${holder.subject}`);
    expect(lookup.body).toEqual({
      personId: holder.subject,
      status: 'VALID',
      clearanceId,
      renewal: expect.objectContaining({ caseId: renewalCaseId, status: 'OPEN' }) as object,
    });

    await dv.expectOk(adjudicator, renewalCaseId, 'decision', { outcome: 'GRANTED' });
    const renewed = await until(
      'the clearance renewed',
      async () => {
        const c = await read(holder);
        return c.status === 'RENEWED' ? c : undefined;
      },
      30_000,
      250,
    );
    expect(renewed.renewal).toMatchObject({ caseId: renewalCaseId, status: 'GRANTED' });
    const successorId = renewed.renewal?.successorId ?? '';
    const successor = await until('the renewed clearance', () => read(holder, successorId), 30_000, 250);
    expect(successor).toMatchObject({ status: 'VALID', grantedOn: today() });
    expect(successor.renewalDue).toBe(`${Number(today().slice(0, 4)) + 7}${today().slice(4)}`);

    const after = await api.as(sponsor).get(`/clearances/status?personId=${holder.subject}`);
    expect(after.body).toEqual({ personId: holder.subject, status: 'VALID', clearanceId: successorId });
    const renewedCase = await dv.inspect(renewalCaseId);
    expect(renewedCase).toMatchObject({ stage: 'GRANTED' });

    // A renewed clearance cannot be renewed again: the successor is.
    const late = await api.as(sponsor).post(url('/renewal'), {});
    expect(late.status).toBe(409);
    expect((late.body as ErrorBody).details?.clearanceStatus).toBe('RENEWED');
  }, 240_000);

  it('shows when the clearance accepted its successor, to staff and the sponsor, and refuses its ends after', async () => {
    for (const who of [sponsor, officer, adjudicator]) {
      const { renewal } = await read(who);
      // Accepted (RENEWAL_SUCCESSION) before the case's outcome renewed it.
      expect(renewal?.successionAcceptedAt).toEqual(expect.any(String));
      expect(Date.parse(renewal?.successionAcceptedAt ?? '')).toBeLessThanOrEqual(
        Date.parse(renewal?.closedAt ?? ''),
      );
    }
    // The page's offer follows the rule; the API stays the judge: an end of the renewed clearance is 409.
    const leaver = await api.as(sponsor).post(url('/leaver'), { leftOn: today() });
    expect(leaver.status).toBe(409);
    expect(leaver.body).toMatchObject({
      error: 'ILLEGAL_TRANSITION',
      details: { clearanceStatus: 'RENEWED' },
    });
  });

  it('withdraws an open renewal case when its clearance lapses, so no grant can supersede the ended clearance', async () => {
    const successorId = (await read(holder)).renewal?.successorId ?? '';
    const opened = await api.as(officer).post(`/clearances/${successorId}/renewal`, {});
    expect(opened.status).toBe(200);
    const caseId = (opened.body as ClearanceBody).renewal?.caseId ?? '';
    // The case is recorded just after the clearance notes it: until then it reads as no case.
    const inQuestionnaire = async (): Promise<boolean | undefined> =>
      (await dv.inspect(caseId).catch(() => null))?.stage === 'QUESTIONNAIRE' || undefined;
    await until('the renewal case in its questionnaire', inQuestionnaire, 30_000, 250);

    const left = await api.as(sponsor).post(`/clearances/${successorId}/leaver`, { leftOn: today() });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ status: 'LAPSED', renewal: { caseId, status: 'CLOSED' } });
    // The system withdraws the case, giving the clearance's end as the reason.
    const withdrawn = await dv.waitForStage(caseId, 'WITHDRAWN', 30_000);
    expect(withdrawn.history.at(-1)).toMatchObject({
      action: 'WITHDRAW_RENEWAL',
      actor: 'system',
      payload: { reason: 'CLEARANCE_LAPSED' },
    });
    // Nothing is left to decide, and the lapsed clearance has no successor.
    expect(await read(holder, successorId)).toMatchObject({
      status: 'LAPSED',
      renewal: { caseId, status: 'CLOSED', successorId: null },
    });
  }, 120_000);

  it('grants a renewal whose clearance was withdrawn before it could be superseded: no successor, the parties told', async () => {
    // A clearance of its own (another holder, same sponsor), its renewal driven to the adjudicator.
    const started = await dv.newCase(undefined, sponsor);
    const other = started.applicant;
    await dv.toDecision(started.caseId, other);
    await dv.expectOk(adjudicator, started.caseId, 'decision', {
      outcome: 'GRANTED',
      reviewDueDate: inAYear(),
    });
    const endedId = await dv.heldClearanceId(other, 30_000);
    const opened = await api.as(sponsor).post(`/clearances/${endedId}/renewal`, {});
    expect(opened.status).toBe(200);
    const caseId = (opened.body as ClearanceBody).renewal?.caseId ?? '';
    // Recorded just after the clearance notes it: until then the case reads as none (and the draft as unfilled).
    await until(
      'the pre-filled draft',
      async () => {
        const res = await api.as(other).get(`/cases/${caseId}/questionnaire/draft`);
        return res.status === 200 && (res.body as { version: number }).version > 0 ? res : undefined;
      },
      30_000,
      250,
    );
    await dv.expectOk(lead, caseId, 'assignment', { officerId: officer.subject });
    await dv.expectOk(other, caseId, 'questionnaire/submission');
    await dv.expectOk(officer, caseId, 'questionnaire/acceptance');
    await dv.waitForStage(caseId, 'INVESTIGATION');
    await dv.settleTasks(caseId);
    await dv.expectOk(officer, caseId, 'stages/INVESTIGATION/completion', { outcome: 'done' });
    await dv.expectOk(officer, caseId, 'recommendation', {
      recommendation: 'GRANT',
      assessment: 'a',
      risk: 'LOW',
    });

    // The withdrawal has ended the clearance but not yet reached its renewal case (which it would withdraw): stood
    // in for, as the recorded history does, by closing the clearance's workflow and storing its end in the row.
    await api.app
      .get<symbol, Client>(TEMPORAL_CLIENT)
      .workflow.getHandle(clearanceHeldWorkflowId(endedId))
      .terminate('e2e: the clearance was withdrawn before its renewal case heard of it');
    const db = createDataSource(testDatabaseUrl());
    await db.initialize();
    try {
      await db.query(`UPDATE clearance SET status = 'WITHDRAWN' WHERE id = $1`, [endedId]);
      await dv.expectOk(adjudicator, caseId, 'decision', { outcome: 'GRANTED' });
      // The case asks the clearance, finds its workflow gone and records no successor: no clearance row.
      await dv.waitForStage(caseId, 'GRANTED', 30_000);
      const successors = await db.query<unknown[]>('SELECT 1 FROM clearance WHERE case_id = $1', [caseId]);
      expect(successors).toHaveLength(0);
    } finally {
      await db.destroy();
    }
    expect((await api.as(other).get('/clearances/mine')).body).toMatchObject({
      items: [{ clearanceId: endedId }],
    });
    // The holder and the sponsor are still told of the decision, discreetly.
    for (const who of [other, sponsor]) {
      const told = await until(
        `the decision notice to ${who.subject}`,
        async () => {
          const inbox = await api.as(who).get('/inbox');
          const items = (inbox.body as { items: { reason: string; caseId: string | null }[] }).items;
          return items.find((m) => m.reason === 'DECISION' && m.caseId === caseId);
        },
        30_000,
        250,
      );
      expect(told).toBeDefined();
    }
  }, 180_000);

  it('audits the renewal start against the case that granted the clearance', async () => {
    const audit = await api.as(auditor).get(`/audit?caseId=${firstCaseId}&pageSize=100`);
    const actions = (audit.body as { items: { action: string; outcome: string }[] }).items.map((e) => [
      e.action,
      e.outcome,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['CLEARANCE_ACTION:OPEN_RENEWAL', '200'],
        ['CLEARANCE_ACTION:OPEN_RENEWAL', 'FAILED:ILLEGAL_TRANSITION'],
      ]),
    );
  });
});
