import { randomUUID } from 'node:crypto';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseSnapshot, ClearanceHeldInput } from '../../libs/contracts/src';
import {
  appealCommandUpdate,
  appealWorkflowId,
  caseWorkflowId,
  clearanceCommandUpdate,
  clearanceHeldWorkflowId,
  getAppealQuery,
  getClearanceQuery,
  renewalOutcomeSignal,
  renewalSuccessionAskedSignal,
} from '../../libs/contracts/src';
import type { AppealActorRef, AppealCommand, AppealState, AppealTiming } from '../../libs/domain/src/appeals';
import { lodgedAppeal } from '../../libs/domain/src/appeals';
import type { AftercareTiming, ClearanceCommand, ClearanceState } from '../../libs/domain/src/clearance';
import type { Role } from '../../libs/domain/src/roles';
import { grantedClearance } from '../../libs/domain/src/clearance';
import { grantRenewal, renewalToRecommendation, startRenewalCase } from '../support/renewal-case';
import { ClearanceStore } from '../../libs/persistence/src/clearance-store';
import { NotificationStore } from '../../libs/persistence/src/notification-store';
import { StaffDirectoryStore } from '../../libs/persistence/src/staff-directory-store';
import type { appealWorkflow, clearanceHeldWorkflow } from '../../workflows';
import { CaseHarness } from '../support/case-harness';
import { until } from '../support/until';
import type { temporal } from '@temporalio/proto';
import { fieldCipher } from '../support/field-cipher';

/**
 * The clearance-held workflow on the real dev server with second-scale appraisal years, real activities and a
 * real PostgreSQL: appraisals with reminders and overdue notices, changes of circumstances and reviews,
 * four-eyes withdrawal, a leaver's lapse, expiry at the renewal date, and continue-as-new each year.
 */
const harness = new CaseHarness();
let store: ClearanceStore;

// The dev server fires timers about once a second, so the years are seconds long.
const S = 1000;
const today = new Date().toISOString().slice(0, 10);
const yearsFromToday = (years: number): string => `${Number(today.slice(0, 4)) + years}${today.slice(4)}`;

interface Held {
  handle: WorkflowHandleWithFirstExecutionRunId<typeof clearanceHeldWorkflow>;
  input: ClearanceHeldInput;
}

/** `renewing`: the clearance starts with that renewal case open (and its id, holder as given). */
async function hold(
  timing: AftercareTiming,
  renewalYears = 7,
  renewing?: { clearanceId: string; holderId: string; caseId: string | null },
): Promise<Held> {
  const input: ClearanceHeldInput = {
    clearanceId: renewing?.clearanceId ?? randomUUID(),
    caseId: randomUUID(),
    holderId: renewing?.holderId ?? `holder-${randomUUID()}`,
    sponsorId: `sponsor-${randomUUID()}`,
    // Leap days aside, whole calendar years map onto whole compressed years.
    grantedOn: today.endsWith('-02-29') ? `${today.slice(0, 8)}28` : today,
    renewalDue: yearsFromToday(renewalYears),
    conditions: [],
    timing,
  };
  if (renewing) {
    const at = new Date().toISOString();
    const { caseId } = renewing;
    const renewal = caseId
      ? { caseId, status: 'OPEN' as const, openedAt: at, openedBy: 'VETTING_OFFICER' as const }
      : null;
    input.carried = {
      ...grantedClearance({ ...input, caseId: input.caseId }, at),
      renewal: renewal && { ...renewal, closedAt: null, successorId: null },
    };
  }
  const notices = new NotificationStore(harness.dataSource, fieldCipher);
  await notices.setContact(input.holderId, `${input.holderId}@example.org`);
  const handle = await harness.client.workflow.start<typeof clearanceHeldWorkflow>('clearanceHeldWorkflow', {
    workflowId: clearanceHeldWorkflowId(input.clearanceId),
    taskQueue: harness.taskQueue,
    args: [input],
  });
  await waitFor('the clearance row', async () => (await store.get(input.clearanceId)) !== null);
  return { handle, input };
}

const act = (held: Held, command: ClearanceCommand): Promise<ClearanceState> =>
  held.handle.executeUpdate(clearanceCommandUpdate, { args: [command] });

/** The refusal's code, from the failure the workflow raised in its validator. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    const details = (error.cause as { details?: unknown[] } | undefined)?.details;
    return (details?.[0] as { code: string }).code;
  }
  throw new Error('expected the update to be refused');
}

const holder = (held: Held) => ({ subject: held.input.holderId, as: 'HOLDER' as const });
const sponsor = (held: Held) => ({ subject: held.input.sponsorId ?? '', as: 'SPONSOR' as const });
const officer = { subject: 'officer-aftercare', as: 'VETTING_OFFICER' as const };
const adjudicator = (subject: string) => ({ subject, as: 'SENIOR_ADJUDICATOR' as const });

async function notices(clearanceId: string): Promise<{ recipient: string; reason: string }[]> {
  return harness.dataSource.query(
    `SELECT recipient, reason FROM notification WHERE case_id = $1 ORDER BY created_at, dedupe_key`,
    [clearanceId],
  );
}

/** Every run of a workflow, following continue-as-new from the first, with its history length. */
async function runs(workflowId: string, firstRunId: string): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: { events?: HistoryEvent[] | null } = await harness.client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    lengths.push(events.length);
    const last: HistoryEvent | undefined = events[events.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

/** Waits (a bound on behaviour, not a target) until `probe` says yes. */
const waitFor = (what: string, probe: () => Promise<boolean>): Promise<true> =>
  until(what, async () => ((await probe()) ? true : undefined), 30 * S);

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const LONG_YEAR: AftercareTiming = {
  yearMs: 600 * S,
  appraisalReminderMs: 60 * S,
  appraisalOverdueMs: 120 * S,
};

/**
 * A renewal case (kind RENEWAL) of a new clearance, taken to the adjudicator's decision, and the clearance's
 * workflow; `recorded: false` starts the clearance without the case as its open renewal (so an end never reaches it).
 */
async function renewalAwaitingDecision(
  recorded = true,
  timing: AftercareTiming = LONG_YEAR,
): Promise<{ held: Held; caseId: string }> {
  const holderId = `holder-${randomUUID()}`;
  const clearanceId = randomUUID();
  const caseId = await startRenewalCase(harness, { clearanceId, holderId, successionAnswerMs: 2 * S });
  const held = await hold(timing, 7, { clearanceId, holderId, caseId: recorded ? caseId : null });
  await renewalToRecommendation(harness, caseId, holderId);
  return { held, caseId };
}

const grant = (caseId: string): Promise<CaseSnapshot> => grantRenewal(harness, caseId);
const successorsOf = (caseId: string): Promise<unknown[]> =>
  harness.dataSource.query('SELECT id FROM clearance WHERE case_id = $1', [caseId]);
const withdrawal = (subject: string): ClearanceCommand => ({
  type: 'WITHDRAW',
  actor: adjudicator(subject),
  disclosableReasons: 'd',
  closedReasons: 'c',
});

beforeAll(async () => {
  await harness.setUp();
  store = new ClearanceStore(harness.dataSource, fieldCipher);
}, 60_000);
afterAll(() => harness.tearDown());

describe('clearance-held workflow', () => {
  it('runs a year of aftercare: appraisal with a concern and a change of circumstances become review tasks', async () => {
    const held = await hold({
      yearMs: 10 * S,
      appraisalReminderMs: 3 * S,
      appraisalOverdueMs: 6 * S,
      changeChecks: { timeoutMs: 20 * S, pollIntervalMs: 300 },
    });
    const { clearanceId } = held.input;
    expect(await store.get(clearanceId)).toMatchObject({ status: 'VALID', holderId: held.input.holderId });

    const changed = await act(held, {
      type: 'REPORT_CHANGE',
      actor: holder(held),
      kind: 'NEW_CO_RESIDENT',
      occurredOn: today,
      summary: 'a new lodger aged 30',
    });
    expect(changed.tasks).toMatchObject([{ kind: 'CHANGE_OF_CIRCUMSTANCES', status: 'OPEN' }]);
    // A co-resident re-runs the checks tied to associates, through the (simulated) provider adapter.
    expect(changed.tasks[0]?.checks?.map((c) => [c.checkType, c.status])).toEqual([
      ['THIRD_PARTY', 'RUNNING'],
      ['SECURITY_SERVICE', 'RUNNING'],
    ]);

    await waitFor(
      'appraisal 1 due',
      async () => (await held.handle.query(getClearanceQuery)).appraisal?.status === 'DUE',
    );
    const appraised = await act(held, {
      type: 'SUBMIT_APPRAISAL',
      actor: holder(held),
      n: 1,
      raisesConcern: true,
      summary: 'line manager notes unexplained absences',
    });
    expect(appraised.appraisal).toMatchObject({ n: 1, status: 'SUBMITTED' });
    expect(appraised.tasks.map((t) => t.kind)).toEqual(['CHANGE_OF_CIRCUMSTANCES', 'APPRAISAL_CONCERN']);

    // "No change" waits for the re-run checks' results.
    await waitFor('the re-run checks to come back', async () =>
      (await held.handle.query(getClearanceQuery)).tasks.every(
        (t) => !t.checks?.some((c) => c.status === 'RUNNING'),
      ),
    );
    const checked = (await held.handle.query(getClearanceQuery)).tasks[0]?.checks ?? [];
    expect(checked.map((c) => [c.checkType, c.status])).toEqual([
      ['THIRD_PARTY', 'RESULT'],
      ['SECURITY_SERVICE', 'RESULT'],
    ]);
    for (const task of appraised.tasks) {
      await act(held, {
        type: 'RECORD_REVIEW',
        actor: officer,
        taskId: task.taskId,
        outcome: 'NO_CHANGE',
        notes: 'ok',
      });
    }
    const row = await store.get(clearanceId);
    expect(row?.snapshot?.tasks.every((t) => t.status === 'CLOSED')).toBe(true);
    const actions = (await store.events(clearanceId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'CHANGE_CHECK_RESULT')).toHaveLength(2);
    expect(actions.filter((a) => a !== 'CHANGE_CHECK_RESULT')).toEqual([
      'REPORT_CHANGE',
      'APPRAISAL_DUE',
      'SUBMIT_APPRAISAL',
      'RECORD_REVIEW',
      'RECORD_REVIEW',
    ]);
    // A submitted appraisal is neither reminded nor overdue; the holder was told only that it fell due.
    await new Promise((resolve) => setTimeout(resolve, 7 * S));
    expect((await notices(clearanceId)).map((n) => n.reason)).toEqual(['APPRAISAL_DUE']);
    await held.handle.terminate('test over');
  });

  it('reminds the holder of an appraisal and tells the sponsor when it is overdue, once each', async () => {
    const held = await hold({ yearMs: 4 * S, appraisalReminderMs: 1 * S, appraisalOverdueMs: 2 * S });
    const { clearanceId } = held.input;
    await waitFor(
      'appraisal 1 overdue',
      async () => (await held.handle.query(getClearanceQuery)).appraisal?.status === 'OVERDUE',
    );
    await waitFor('three notices', async () => (await notices(clearanceId)).length === 3);
    expect(await notices(clearanceId)).toEqual([
      { recipient: held.input.holderId, reason: 'APPRAISAL_DUE' },
      { recipient: held.input.holderId, reason: 'REMINDER' },
      { recipient: held.input.sponsorId, reason: 'ESCALATION' },
    ]);
    // Still overdue: the holder may submit late.
    const late = await act(held, {
      type: 'SUBMIT_APPRAISAL',
      actor: holder(held),
      n: 1,
      raisesConcern: false,
      summary: 'late',
    });
    expect(late.appraisal?.status).toBe('SUBMITTED');
    await held.handle.terminate('test over');
  });

  it('is withdrawn only by an adjudicator who did not review it, and then ends', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    const reviewer = adjudicator('adjudicator-who-reviewed');
    const incident = await act(held, {
      type: 'REPORT_INCIDENT',
      actor: sponsor(held),
      summary: 'security breach',
    });
    const taskId = incident.tasks[0]?.taskId ?? '';
    await act(held, {
      type: 'RECORD_REVIEW',
      actor: { subject: reviewer.subject, as: 'VETTING_OFFICER' },
      taskId,
      outcome: 'REFER_TO_ADJUDICATOR',
      notes: 'serious',
    });
    const suspended = await act(held, {
      type: 'SUSPEND',
      actor: adjudicator('adjudicator-2'),
      reason: 'pending review',
    });
    expect(suspended.status).toBe('SUSPENDED');

    const withdraw = (actor: ReturnType<typeof adjudicator>): ClearanceCommand => ({
      type: 'WITHDRAW',
      actor,
      disclosableReasons: 'breach of security procedures',
      closedReasons: 'intelligence assessment',
    });
    expect(await refusal(act(held, withdraw(reviewer)))).toBe('FOUR_EYES_VIOLATION');
    const withdrawn = await act(held, withdraw(adjudicator('adjudicator-2')));
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawal: { by: 'adjudicator-2' } });
    expect(await held.handle.result()).toMatchObject({ status: 'WITHDRAWN' });
    expect(await store.get(held.input.clearanceId)).toMatchObject({ status: 'WITHDRAWN' });
    expect(await store.statusOf(held.input.holderId, today)).toBe('WITHDRAWN');
  });

  it("lapses when the sponsor reports a leaver, and refuses another sponsor's report", async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    const leaver = (subject: string): ClearanceCommand => ({
      type: 'REPORT_LEAVER',
      actor: { subject, as: 'SPONSOR' },
      leftOn: today,
    });
    expect(await refusal(act(held, leaver('sponsor-of-someone-else')))).toBe('CLEARANCE_NOT_FOUND');
    expect(await act(held, leaver(held.input.sponsorId ?? ''))).toMatchObject({ status: 'LAPSED' });
    expect(await held.handle.result()).toMatchObject({ status: 'LAPSED' });
    expect(await store.statusOf(held.input.holderId, today)).toBe('LAPSED');
    const report = {
      type: 'REPORT_CHANGE',
      actor: holder(held),
      kind: 'POLICE_CONTACT',
      occurredOn: today,
      summary: 'x',
    };
    // The run has closed: the update cannot reach it.
    await expect(act(held, report as ClearanceCommand)).rejects.toThrow();
  });

  it('renewal granted while the clearance is live: the clearance accepts the successor, which is recorded', async () => {
    const { held, caseId } = await renewalAwaitingDecision();
    await grant(caseId);
    expect(await held.handle.result()).toMatchObject({
      status: 'RENEWED',
      renewal: { caseId, status: 'GRANTED' },
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(await successorsOf(caseId)).toHaveLength(1);
    const actions = (await store.events(held.input.clearanceId)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['RENEWAL_SUCCESSION', 'RENEWAL_GRANTED']);
  });

  it('renewal granted after the clearance ended (the end never reached the case): no successor, no row', async () => {
    const { held, caseId } = await renewalAwaitingDecision(false);
    await act(held, withdrawal('adjudicator-ends'));
    await held.handle.result();
    // The clearance's workflow has closed: the case's request finds none, so the clearance has ended.
    expect((await grant(caseId)).stage).toBe('GRANTED');
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    expect(await successorsOf(caseId)).toHaveLength(0);
    expect(await store.get(held.input.clearanceId)).toMatchObject({ status: 'WITHDRAWN' });
  });

  it("the race: an end and a succession request in one task are decided in the clearance's own order", async () => {
    // Both clearances wait for a renewal case that is not started: the answers go nowhere, the state tells.
    const first = await hold(LONG_YEAR, 7, {
      clearanceId: randomUUID(),
      holderId: `holder-${randomUUID()}`,
      caseId: randomUUID(),
    });
    const second = await hold(LONG_YEAR, 7, {
      clearanceId: randomUUID(),
      holderId: `holder-${randomUUID()}`,
      caseId: randomUUID(),
    });
    const caseOf = async (h: Held): Promise<string> =>
      (await h.handle.query(getClearanceQuery)).renewal?.caseId ?? '';
    const [firstCase, secondCase] = [await caseOf(first), await caseOf(second)];

    // First: with no worker running, the request and a withdrawal queue up and reach the workflow in one task;
    // the request (a signal, in history) comes first, so the succession is accepted and the withdrawal refused.
    await harness.stopWorker();
    await first.handle.signal(renewalSuccessionAskedSignal, { caseId: firstCase });
    const refusedEnd = refusal(act(first, withdrawal('adjudicator-racing')));
    await harness.startWorker();
    expect(await refusedEnd).toBe('ILLEGAL_TRANSITION');
    const pending = await first.handle.query(getClearanceQuery);
    expect(pending).toMatchObject({ status: 'VALID', renewal: { caseId: firstCase, status: 'OPEN' } });
    expect(pending.renewal?.successionAcceptedAt).toEqual(expect.any(String));
    // A leaver is refused too (it is for the successor now); the grant's outcome then supersedes the clearance.
    const leaver: ClearanceCommand = { type: 'REPORT_LEAVER', actor: sponsor(first), leftOn: today };
    expect(await refusal(act(first, leaver))).toBe('ILLEGAL_TRANSITION');
    await first.handle.signal(renewalOutcomeSignal, {
      caseId: firstCase,
      outcome: 'GRANTED',
      successorId: null,
      decidedBy: 'adjudicator-renewal',
      disclosableReasons: '',
    });
    expect(await first.handle.result()).toMatchObject({ status: 'RENEWED' });

    // Second: the end is taken first, so the request that follows is refused and nothing is pending.
    await act(second, withdrawal('adjudicator-racing'));
    await second.handle.signal(renewalSuccessionAskedSignal, { caseId: secondCase }).catch(() => undefined);
    const ended = await second.handle.result();
    expect(ended).toMatchObject({ status: 'WITHDRAWN', renewal: { status: 'CLOSED' } });
    expect(ended.renewal?.successionAcceptedAt ?? null).toBeNull();
    const actions = (await store.events(second.input.clearanceId)).map((e) => e.action);
    expect(actions).not.toContain('RENEWAL_SUCCESSION');
  });

  it('an accepted succession whose outcome never comes lapses after the bound, and the clearance is usable again', async () => {
    // Renewal cases that are never started: the answers go nowhere and no outcome will come.
    const bounded: AftercareTiming = { ...LONG_YEAR, renewalSuccessionOutcomeWaitMs: 2 * S };
    const renewing = () => ({
      clearanceId: randomUUID(),
      holderId: `holder-${randomUUID()}`,
      caseId: randomUUID(),
    });
    const [lapsing, stored] = [await hold(bounded, 7, renewing()), await hold(bounded, 7, renewing())];
    const caseOf = async (h: Held): Promise<string> =>
      (await h.handle.query(getClearanceQuery)).renewal?.caseId ?? '';
    const [lapsingCase, storedCase] = [await caseOf(lapsing), await caseOf(stored)];
    // The second's case got as far as storing its successor, but its outcome was lost on the way.
    const successorId = randomUUID();
    await store.record({
      clearanceId: successorId,
      caseId: storedCase,
      personId: stored.input.holderId,
      sponsorId: stored.input.sponsorId,
      level: 'DV',
      grantedOn: today,
      reviewDue: yearsFromToday(7),
      conditions: [],
    });
    for (const [h, caseId] of [
      [lapsing, lapsingCase],
      [stored, storedCase],
    ] as const)
      await h.handle.signal(renewalSuccessionAskedSignal, { caseId });

    // No successor: the succession lapses (an event), the renewal stays open, and ends are taken again.
    await waitFor('the succession lapsed', async () =>
      (await store.events(lapsing.input.clearanceId)).some((e) => e.action === 'RENEWAL_SUCCESSION_LAPSED'),
    );
    const held = await lapsing.handle.query(getClearanceQuery);
    expect(held).toMatchObject({ status: 'VALID', renewal: { caseId: lapsingCase, status: 'OPEN' } });
    expect(held.renewal?.successionAcceptedAt).toBeNull();
    const actions = (await store.events(lapsing.input.clearanceId)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['RENEWAL_SUCCESSION', 'RENEWAL_SUCCESSION_LAPSED']);
    await act(lapsing, { type: 'REPORT_INCIDENT', actor: sponsor(lapsing), summary: 'a concern' });
    await act(lapsing, withdrawal('adjudicator-after-lapse'));
    expect(await lapsing.handle.result()).toMatchObject({ status: 'WITHDRAWN' });

    // A stored successor is the grant's word: the clearance is renewed to it, nothing lapses.
    expect(await stored.handle.result()).toMatchObject({
      status: 'RENEWED',
      renewal: { caseId: storedCase, status: 'GRANTED', successorId },
    });
    const storedActions = (await store.events(stored.input.clearanceId)).map((e) => e.action);
    expect(storedActions.slice(-2)).toEqual(['RENEWAL_SUCCESSION', 'RENEWAL_GRANTED']);
  });

  it('a succession confirmed within the bound renews the clearance and never lapses', async () => {
    const { held, caseId } = await renewalAwaitingDecision(true, {
      ...LONG_YEAR,
      renewalSuccessionOutcomeWaitMs: 5 * S,
    });
    await grant(caseId);
    expect(await held.handle.result()).toMatchObject({ status: 'RENEWED', renewal: { status: 'GRANTED' } });
    expect(await successorsOf(caseId)).toHaveLength(1);
    const actions = (await store.events(held.input.clearanceId)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['RENEWAL_SUCCESSION', 'RENEWAL_GRANTED']);
    expect(actions).not.toContain('RENEWAL_SUCCESSION_LAPSED');
  });

  it('continues as new each appraisal year, keeping every run short, and expires at the renewal date', async () => {
    const held = await hold({ yearMs: 3 * S, appraisalReminderMs: 1 * S, appraisalOverdueMs: 2 * S }, 4);
    const firstRunId = held.handle.firstExecutionRunId;
    const result = await held.handle.result();
    expect(result).toMatchObject({ status: 'EXPIRED', appraisal: { n: 3, status: 'OVERDUE' } });
    const lengths = await runs(held.handle.workflowId, firstRunId);
    // One run per appraisal year (years 1–3; the fourth anniversary is the renewal date).
    expect(lengths).toHaveLength(3);
    // A run's history is a year's events: bounded, not growing with the years held.
    for (const length of lengths) expect(length).toBeLessThan(120);
    expect(await store.get(held.input.clearanceId)).toMatchObject({ status: 'EXPIRED' });
    const actions = (await store.events(held.input.clearanceId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'APPRAISAL_DUE')).toHaveLength(3);
    expect(actions[actions.length - 1]).toBe('EXPIRE');
  });
});

/**
 * The appeal that may restore a withdrawn clearance (issue 12), before the independent panel, with second-scale
 * acknowledgement and statement deadlines: the clock reminds the appeal's named panel secretary, and its overdue
 * marks say whose statement of case it is; an appeal naming nobody keeps the marks only.
 */
describe('an appeal before the panel (the appeal workflow)', () => {
  const timing: AppealTiming = {
    panelWindowMs: 600 * S,
    acknowledgeWithinMs: 2 * S,
    statementWithinMs: 2 * S,
    complaintResponseMs: 600 * S,
  };

  async function appealBeforePanel(appellantId = `appellant-${randomUUID()}`): Promise<{
    handle: WorkflowHandle<typeof appealWorkflow>;
    appellant: AppealActorRef;
    act: (command: AppealCommand) => Promise<AppealState>;
  }> {
    const state = lodgedAppeal(
      {
        appealId: randomUUID(),
        kind: 'APPEAL',
        ground: 'WITHDRAWAL',
        appellantId,
        sponsorId: null,
        caseId: randomUUID(),
        clearanceId: randomUUID(),
        priorInvolvement: ['adjudicator-involved'],
        grounds: 'the contact was declared',
      },
      timing,
      new Date().toISOString(),
    );
    const handle = await harness.client.workflow.start<typeof appealWorkflow>('appealWorkflow', {
      workflowId: appealWorkflowId(state.appealId),
      taskQueue: harness.taskQueue,
      args: [{ state, timing }],
    });
    const act = (command: AppealCommand) => handle.executeUpdate(appealCommandUpdate, { args: [command] });
    const appellant = { subject: appellantId, as: 'APPELLANT' as const };
    const officer = { subject: 'appeal-officer-wf', as: 'APPEAL_OFFICER' as const };
    await act({
      type: 'UPHOLD',
      actor: officer,
      reviewOfDecision: 'd',
      reviewOfProcess: 'p',
      reviewOfDisclosure: 'x',
      reasons: 'r',
    });
    await act({ type: 'REGISTER_INTENT', actor: appellant });
    return { handle, appellant, act };
  }

  const secretaryA = { subject: 'secretary-wf-a', as: 'PANEL_SECRETARY' as const };
  const secretaryB = 'secretary-wf-b';

  it('reminds the named panel secretary of an overdue acknowledgement and statement, saying whose', async () => {
    const named = await appealBeforePanel();
    const name = (secretaryId: string): AppealCommand => ({
      type: 'NAME_SECRETARY',
      actor: secretaryA,
      secretaryId,
    });
    // Never the appellant nor anyone who took part; the validator refuses before anything is recorded.
    expect(await refusal(named.act(name(named.appellant.subject)))).toBe('FOUR_EYES_VIOLATION');
    expect(await refusal(named.act(name('adjudicator-involved')))).toBe('FOUR_EYES_VIOLATION');
    expect((await named.act(name(secretaryB))).panel?.secretaryId).toBe(secretaryB);
    const appealId = named.handle.workflowId.replace(/^appeal-/, '');

    await waitFor(
      'the acknowledgement overdue',
      async () => (await named.handle.query(getAppealQuery)).panel?.acknowledgementOverdue === true,
    );
    await waitFor('the reminder stored', async () =>
      (await notices(appealId)).some((n) => n.reason === 'REMINDER'),
    );
    // The one acknowledging is not named over the one named; the appellant's deadline is extended, the
    // department's passes.
    const acked = await named.act({ type: 'ACKNOWLEDGE', actor: secretaryA });
    expect(acked.panel?.secretaryId).toBe(secretaryB);
    await named.act({
      type: 'EXTEND_DEADLINE',
      actor: secretaryA,
      side: 'APPELLANT',
      dueAt: new Date(Date.now() + 600 * S).toISOString(),
      reason: 'papers',
    });
    await waitFor(
      "the department's statement overdue",
      async () => (await named.handle.query(getAppealQuery)).panel?.statements?.DEPARTMENT.overdue === true,
    );
    await waitFor(
      'the second reminder stored',
      async () => (await notices(appealId)).filter((n) => n.reason === 'REMINDER').length === 2,
    );
    const toSecretary = (await notices(appealId)).filter((n) => n.recipient === secretaryB);
    expect(toSecretary.map((n) => n.reason)).toEqual(['PANEL_SECRETARY_NAMED', 'REMINDER', 'REMINDER']);
    // The history says whose statement each event is about.
    const events: { action: string; side: string | null }[] = await harness.dataSource.query(
      `SELECT action, side FROM appeal_event WHERE appeal_id = $1 ORDER BY seq`,
      [appealId],
    );
    expect(events.filter((e) => e.side !== null)).toEqual([
      { action: 'EXTEND_DEADLINE', side: 'APPELLANT' },
      { action: 'STATEMENT_OVERDUE', side: 'DEPARTMENT' },
    ]);
    await named.handle.terminate('test over');
  });

  it('reminds the panel secretaries in the staff directory, discreetly, of an acknowledgement overdue with nobody named', async () => {
    // The run's database is shared: ids of this run's own, and assertions that hold whoever else is in it.
    const run = randomUUID().slice(0, 8);
    const secretaries = [`secretary-wf-group-${run}-1`, `secretary-wf-group-${run}-2`];
    const appellantId = `appellant-${run}`;
    const directory = new StaffDirectoryStore(harness.dataSource);
    const member = (userId: string, roles: Role[]) => ({ userId, displayName: userId, roles, team: null });
    await directory.seed([
      ...secretaries.map((id) => member(id, ['PANEL_SECRETARY'])),
      // A secretary who is the appellant, or had a part in the case, is never asked to run the panel's side.
      member(appellantId, ['PANEL_SECRETARY']),
      member('adjudicator-involved', ['SENIOR_ADJUDICATOR', 'PANEL_SECRETARY']),
      member(`officer-wf-group-${run}`, ['VETTING_OFFICER']),
    ]);
    const unnamed = await appealBeforePanel(appellantId);
    const appealId = unnamed.handle.workflowId.replace(/^appeal-/, '');
    await waitFor(
      'the acknowledgement overdue',
      async () => (await unnamed.handle.query(getAppealQuery)).panel?.acknowledgementOverdue === true,
    );
    const reminded = async (): Promise<string[]> =>
      (await notices(appealId)).filter((n) => n.reason === 'REMINDER').map((n) => n.recipient);
    await waitFor('the secretaries reminded', async () => {
      const sent = await reminded();
      return secretaries.every((id) => sent.includes(id));
    });
    // One each, only to panel secretaries, never the appellant nor anyone involved; the appellant hears of no
    // overdue mark.
    const recipients = await reminded();
    expect(new Set(recipients).size).toBe(recipients.length);
    const inRole = new Set(await directory.idsWithRole('PANEL_SECRETARY'));
    expect(recipients.filter((id) => !inRole.has(id))).toEqual([]);
    expect(recipients).not.toContain(appellantId);
    expect(recipients).not.toContain('adjudicator-involved');
    expect((await notices(appealId)).filter((n) => n.reason !== 'REMINDER')).toEqual([
      { recipient: appellantId, reason: 'UPDATE' },
    ]);
    // Discreet: the words say there is an update, never what about.
    const inbox = await new NotificationStore(harness.dataSource, fieldCipher).inbox(secretaries[0] ?? '', {
      unreadOnly: false,
      page: 1,
      pageSize: 10,
    });
    const message = inbox.items.find((m) => m.caseId === appealId);
    expect(message?.reason).toBe('REMINDER');
    expect(`${message?.subject}\n${message?.body}`).not.toMatch(
      /appeal|panel|acknowledg|withdraw|clearance/i,
    );
    await unnamed.handle.terminate('test over');
  });
});

/**
 * Lead-time reminders (issue 12): with second-scale deadlines and a lead time of a few seconds, whoever has to
 * act by a deadline is reminded ahead of it, discreetly; an extension moves the reminder, a deadline that opens
 * within the lead time gets none, and a step already done none either.
 */
describe('an appeal reminding ahead of its deadlines (the appeal workflow)', () => {
  interface LeadNotice {
    recipient: string;
    dedupe_key: string;
    created_at: Date;
  }
  /** The appeal's lead reminders (their dedupe keys say which deadline), oldest first. */
  const leadNotices = (appealId: string): Promise<LeadNotice[]> =>
    harness.dataSource.query(
      `SELECT recipient, dedupe_key, created_at FROM notification
        WHERE case_id = $1 AND dedupe_key LIKE $2 ORDER BY created_at, dedupe_key`,
      [appealId, `${appealId}:lead-%`],
    );
  const about = (deadline: string) => (n: LeadNotice) => n.dedupe_key.includes(`:lead-${deadline}-`);

  async function lodge(
    kind: 'APPEAL' | 'COMPLAINT',
    timing: AppealTiming,
    appellantId: string,
    priorInvolvement: string[] = [],
  ): Promise<{ appealId: string; act: (command: AppealCommand) => Promise<AppealState> }> {
    const state = lodgedAppeal(
      {
        appealId: randomUUID(),
        kind,
        ground: kind === 'APPEAL' ? 'WITHDRAWAL' : 'REFUSAL',
        appellantId,
        sponsorId: null,
        caseId: randomUUID(),
        clearanceId: kind === 'APPEAL' ? randomUUID() : null,
        priorInvolvement,
        grounds: 'the contact was declared',
      },
      timing,
      new Date().toISOString(),
    );
    const handle = await harness.client.workflow.start<typeof appealWorkflow>('appealWorkflow', {
      workflowId: appealWorkflowId(state.appealId),
      taskQueue: harness.taskQueue,
      args: [{ state, timing }],
    });
    return {
      appealId: state.appealId,
      act: (command) => handle.executeUpdate(appealCommandUpdate, { args: [command] }),
    };
  }

  it('reminds the appellant ahead of the intent and statement deadlines; an extension moves it; none once done', async () => {
    const appellantId = `appellant-lead-${randomUUID()}`;
    const appellant = { subject: appellantId, as: 'APPELLANT' as const };
    const secretary = { subject: 'secretary-lead', as: 'PANEL_SECRETARY' as const };
    // The acknowledgement runs 2 s, within the 4 s lead time: it gets no lead reminder.
    const appeal = await lodge(
      'APPEAL',
      {
        panelWindowMs: 8 * S,
        acknowledgeWithinMs: 2 * S,
        statementWithinMs: 8 * S,
        complaintResponseMs: 600 * S,
        reminderLeadMs: 4 * S,
      },
      appellantId,
    );
    const upheld = await appeal.act({
      type: 'UPHOLD',
      actor: { subject: 'appeal-officer-lead', as: 'APPEAL_OFFICER' },
      reviewOfDecision: 'd',
      reviewOfProcess: 'p',
      reviewOfDisclosure: 'x',
      reasons: 'r',
    });
    await waitFor('the intent reminder', async () =>
      (await leadNotices(appeal.appealId)).some(about('PANEL_WINDOW')),
    );
    const [intent] = (await leadNotices(appeal.appealId)).filter(about('PANEL_WINDOW'));
    // Ahead of the deadline, while intent may still be registered, and to the appellant alone.
    expect(intent?.recipient).toBe(appellantId);
    expect(intent?.created_at.getTime()).toBeLessThan(Date.parse(upheld.panelWindowEndsAt ?? ''));
    await appeal.act({ type: 'REGISTER_INTENT', actor: appellant });
    const acked = await appeal.act({ type: 'ACKNOWLEDGE', actor: secretary });
    // The department puts its case at once: its deadline is met, so nobody is reminded of it.
    await appeal.act({
      type: 'SUBMIT_STATEMENT',
      actor: { subject: 'adjudicator-lead', as: 'DEPARTMENT' },
      statement: 'the department',
    });
    await waitFor('the statement reminder', async () =>
      (await leadNotices(appeal.appealId)).some(about('STATEMENT-APPELLANT')),
    );
    const firstDue = Date.parse(acked.panel?.statements?.APPELLANT.dueAt ?? '');
    const [statement] = (await leadNotices(appeal.appealId)).filter(about('STATEMENT-APPELLANT'));
    expect(statement?.recipient).toBe(appellantId);
    expect(statement?.created_at.getTime()).toBeLessThan(firstDue);

    // Extended by 10 s from now: the reminder moves to 4 s before the new deadline.
    const extendedAt = Date.now();
    const extended = await appeal.act({
      type: 'EXTEND_DEADLINE',
      actor: secretary,
      side: 'APPELLANT',
      dueAt: new Date(extendedAt + 10 * S).toISOString(),
      reason: 'papers',
    });
    await waitFor(
      'the moved statement reminder',
      async () => (await leadNotices(appeal.appealId)).filter(about('STATEMENT-APPELLANT')).length === 2,
    );
    const moved = (await leadNotices(appeal.appealId)).filter(about('STATEMENT-APPELLANT'))[1];
    expect(moved?.recipient).toBe(appellantId);
    expect(moved?.created_at.getTime()).toBeGreaterThanOrEqual(extendedAt + 5 * S);
    expect(moved?.created_at.getTime()).toBeLessThan(
      Date.parse(extended.panel?.statements?.APPELLANT.dueAt ?? ''),
    );
    expect((await appeal.act({ type: 'SUBMIT_STATEMENT', actor: appellant, statement: 'mine' })).status).toBe(
      'PANEL_ACKNOWLEDGED',
    );

    // One each: intent, the statement, the moved statement; never the acknowledgement (it opened within the
    // lead time) nor the department's (it was in); the words discreet.
    const all = await leadNotices(appeal.appealId);
    expect(all.filter(about('ACKNOWLEDGEMENT'))).toEqual([]);
    expect(all.filter(about('STATEMENT-DEPARTMENT'))).toEqual([]);
    expect(all.map((n) => n.recipient)).toEqual([appellantId, appellantId, appellantId]);
    const inbox = await new NotificationStore(harness.dataSource, fieldCipher).inbox(appellantId, {
      unreadOnly: false,
      page: 1,
      pageSize: 20,
    });
    const reminders = inbox.items.filter((m) => m.caseId === appeal.appealId && m.reason === 'REMINDER');
    expect(reminders).toHaveLength(3);
    for (const m of reminders)
      expect(`${m.subject}\n${m.body}`).not.toMatch(/appeal|panel|statement|deadline|withdraw|clearance/i);
    await harness.client.workflow.getHandle(appealWorkflowId(appeal.appealId)).terminate('test over');
  });

  it("reminds the named panel secretary ahead of the acknowledgement, and senior adjudicators of the department's statement", async () => {
    const run = randomUUID().slice(0, 8);
    const adjudicators = [`adjudicator-dept-${run}-1`, `adjudicator-dept-${run}-2`];
    const appellantId = `appellant-dept-${run}`;
    const secretaryId = `secretary-lead-${run}`;
    const secretary = { subject: secretaryId, as: 'PANEL_SECRETARY' as const };
    const directory = new StaffDirectoryStore(harness.dataSource);
    await directory.seed([
      ...adjudicators.map((userId) => ({
        userId,
        displayName: userId,
        roles: ['SENIOR_ADJUDICATOR' as const],
        team: null,
      })),
      { userId: secretaryId, displayName: secretaryId, roles: ['PANEL_SECRETARY'], team: null },
    ]);
    const appeal = await lodge(
      'APPEAL',
      {
        panelWindowMs: 600 * S,
        acknowledgeWithinMs: 6 * S,
        statementWithinMs: 6 * S,
        complaintResponseMs: 600 * S,
        reminderLeadMs: 3 * S,
      },
      appellantId,
      ['adjudicator-involved'],
    );
    await appeal.act({
      type: 'UPHOLD',
      actor: { subject: 'appeal-officer-lead', as: 'APPEAL_OFFICER' },
      reviewOfDecision: 'd',
      reviewOfProcess: 'p',
      reviewOfDisclosure: 'x',
      reasons: 'r',
    });
    await appeal.act({ type: 'REGISTER_INTENT', actor: { subject: appellantId, as: 'APPELLANT' } });
    await appeal.act({ type: 'NAME_SECRETARY', actor: secretary, secretaryId });
    await waitFor('the acknowledgement reminder', async () =>
      (await leadNotices(appeal.appealId)).some(about('ACKNOWLEDGEMENT')),
    );
    // The named one only: no group reminder while someone is named.
    expect(
      (await leadNotices(appeal.appealId)).filter(about('ACKNOWLEDGEMENT')).map((n) => n.recipient),
    ).toEqual([secretaryId]);
    await appeal.act({ type: 'ACKNOWLEDGE', actor: secretary });
    await waitFor('the department reminded', async () => {
      const sent = (await leadNotices(appeal.appealId))
        .filter(about('STATEMENT-DEPARTMENT'))
        .map((n) => n.recipient);
      return adjudicators.every((id) => sent.includes(id));
    });
    const department = (await leadNotices(appeal.appealId)).filter(about('STATEMENT-DEPARTMENT'));
    const inRole = new Set(await directory.idsWithRole('SENIOR_ADJUDICATOR'));
    expect(department.filter((n) => !inRole.has(n.recipient))).toEqual([]);
    expect(department.map((n) => n.recipient)).not.toContain(appellantId);
    expect(department.every((n) => n.dedupe_key.includes(':DEPARTMENT:'))).toBe(true);
    await harness.client.workflow.getHandle(appealWorkflowId(appeal.appealId)).terminate('test over');
  });

  it("reminds the independent senior adjudicators ahead of a complaint's response target", async () => {
    const run = randomUUID().slice(0, 8);
    const adjudicators = [`adjudicator-lead-${run}-1`, `adjudicator-lead-${run}-2`];
    const involved = `adjudicator-lead-${run}-involved`;
    const appellantId = `recruit-lead-${run}`;
    const directory = new StaffDirectoryStore(harness.dataSource);
    const member = (userId: string, roles: Role[]) => ({ userId, displayName: userId, roles, team: null });
    await directory.seed([
      ...adjudicators.map((id) => member(id, ['SENIOR_ADJUDICATOR'])),
      member(involved, ['SENIOR_ADJUDICATOR']),
      member(`secretary-lead-${run}`, ['PANEL_SECRETARY']),
    ]);
    const complaint = await lodge(
      'COMPLAINT',
      {
        panelWindowMs: 600 * S,
        acknowledgeWithinMs: 600 * S,
        statementWithinMs: 600 * S,
        complaintResponseMs: 6 * S,
        reminderLeadMs: 3 * S,
      },
      appellantId,
      [involved],
    );
    await waitFor('the adjudicators reminded', async () => {
      const sent = (await leadNotices(complaint.appealId)).map((n) => n.recipient);
      return adjudicators.every((id) => sent.includes(id));
    });
    const reminded = await leadNotices(complaint.appealId);
    const respondBy = Date.parse(
      (await harness.client.workflow.getHandle(appealWorkflowId(complaint.appealId)).query(getAppealQuery))
        .complaint?.respondBy ?? '',
    );
    // Before the target, one each, as the complaint's handler, only senior adjudicators with no part in it.
    expect(reminded.every((n) => n.created_at.getTime() < respondBy)).toBe(true);
    expect(reminded.every((n) => n.dedupe_key.includes(':lead-COMPLAINT_RESPONSE-'))).toBe(true);
    expect(reminded.every((n) => n.dedupe_key.includes(':APPEAL_OFFICER:'))).toBe(true);
    const recipients = reminded.map((n) => n.recipient);
    expect(new Set(recipients).size).toBe(recipients.length);
    const inRole = new Set(await directory.idsWithRole('SENIOR_ADJUDICATOR'));
    expect(recipients.filter((id) => !inRole.has(id))).toEqual([]);
    expect(recipients).not.toContain(involved);
    expect(recipients).not.toContain(appellantId);
    await harness.client.workflow.getHandle(appealWorkflowId(complaint.appealId)).terminate('test over');
  });
});
