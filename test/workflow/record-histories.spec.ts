import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { UpdateDefinition } from '@temporalio/common';
import type { AppealInput, CaseSnapshot, ClearanceHeldInput, DvPolicy } from '../../libs/contracts/src';
import {
  appealCommandUpdate,
  appealWorkflowId,
  caseWorkflowId,
  getAppealQuery,
  clearanceCommandUpdate,
  clearanceHeldWorkflowId,
  COMMAND_UPDATES,
  getCaseQuery,
  getClearanceQuery,
  renewalSuccessionAskedSignal,
} from '../../libs/contracts/src';
import type { AppealCommand, AppealState, AppealTiming, CaseCommand } from '../../libs/domain/src';
import { lodgedAppeal } from '../../libs/domain/src';
import type { AftercareTiming, ClearanceCommand, ClearanceState } from '../../libs/domain/src/clearance';
import type { ClockPolicy } from '../../libs/domain/src/clock';
import { DEFAULT_CLOCK_POLICY } from '../../libs/domain/src/clock';
import { DV_CHECK_TYPES } from '../../libs/domain/src/record-checks';
import { StaffDirectoryStore } from '../../libs/persistence/src/staff-directory-store';
import { CaseHarness, workerConfig } from '../support/case-harness';
import { until } from '../support/until';
import { grantRenewal, renewalToRecommendation, startRenewalCase } from '../support/renewal-case';
import { completeBaselineDeclaration, completeQuestionnaire } from '../support/questionnaire-fixture';
import {
  eligibleApplication,
  ineligibleApplication,
  residencyExceptionApplication,
} from '../support/fixtures';

/**
 * Not a test: the recorder behind `npm run history:record`. It runs representative cases on the real dev
 * server and writes their histories to test/histories/, which replay.spec.ts replays on every CI run.
 * Record again (and commit) only for histories of new behaviour; never overwrite old ones to make replay pass.
 */
const recording = process.env.RECORD_HISTORIES === '1';
const describeRecorder = recording ? describe : describe.skip;

const harness = new CaseHarness();
const OFFICER = 'officer-1';

function act(caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

async function save(name: string, caseId: string): Promise<void> {
  await saveRun(name, caseWorkflowId(caseId));
}

/** Writes one run's history (the latest run, or `runId`) under test/histories/. */
async function saveRun(name: string, workflowId: string, runId?: string): Promise<void> {
  const file = path.resolve(__dirname, '../histories', `${name}.json`);
  // Committed histories stand for cases already running in production: never replace one.
  if (existsSync(file)) throw new Error(`${file} exists; record new behaviour under a new name`);
  const handle = harness.client.workflow.getHandle(workflowId, runId);
  const history = await handle.fetchHistory();
  writeFileSync(file, historyToJSON(history));
}

const DV: DvPolicy = {
  checks: [...DV_CHECK_TYPES],
  checkTimeoutMs: 60_000,
  checkPollIntervalMs: 200,
  clearanceReviewYears: 7,
};

// A second-scale clock (the dev server fires timers about once a second), so recordings see every clock event.
const S = 1000;
const CLOCK_POLICY: ClockPolicy = {
  ...DEFAULT_CLOCK_POLICY,
  version: 'recorded-seconds',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: {
    ELIGIBILITY_SCREENING: { goal: 600 * S, deadline: 1200 * S, repeatEvery: 600 * S },
    QUESTIONNAIRE: { goal: 600 * S, deadline: 1200 * S, repeatEvery: 600 * S },
    RECORD_CHECKS: { goal: 2 * S, deadline: 4 * S, repeatEvery: 2 * S },
    INVESTIGATION: { goal: 3 * S, deadline: 600 * S, repeatEvery: 600 * S },
  },
  applicantChasers: { questionnaire: { chaseAt: [2 * S, 4 * S], lapseAt: 6 * S } },
  refereeChasers: { chaseAt: [2 * S], decideAt: 4 * S },
};
const CLOCK = { policy: CLOCK_POLICY, teamLeadId: 'lead-1' };

/** Starts a DV (v2) case for a given applicant. */
function startDvCase(applicantId: string) {
  return harness.startCase(eligibleApplication(), { dv: DV, applicantId, team: 'dv-team-1' });
}

async function waitForStage(caseId: string, stage: string): Promise<CaseSnapshot> {
  const handle = harness.client.workflow.getHandle(caseWorkflowId(caseId));
  for (let i = 0; i < 200; i += 1) {
    const snapshot = await handle.query(getCaseQuery);
    if (snapshot.stage === stage) return snapshot;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`case ${caseId} never reached ${stage}`);
}

async function dvToDecision(caseId: string, applicantId: string): Promise<void> {
  await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
  await act(caseId, {
    type: 'SUBMIT_QUESTIONNAIRE',
    actor: applicantId,
    content: { ...completeQuestionnaire() },
  });
  await act(caseId, { type: 'RETURN_QUESTIONNAIRE', actor: OFFICER, items: ['employment: explain 2019'] });
  await act(caseId, {
    type: 'SUBMIT_QUESTIONNAIRE',
    actor: applicantId,
    content: { ...completeQuestionnaire() },
  });
  await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
  const investigation = await waitForStage(caseId, 'INVESTIGATION');
  const referee = investigation.tasks.find((t) => t.kind === 'REFEREE');
  if (referee) {
    await act(caseId, {
      type: 'SUBSTITUTE_REFEREE',
      actor: OFFICER,
      taskId: referee.id,
      title: 'Referee enquiry: substitute',
      details: {},
      reason: 'no reply',
    });
  }
  for (const task of (await waitForStage(caseId, 'INVESTIGATION')).tasks.filter((t) => t.status === 'OPEN')) {
    await act(caseId, { type: 'CLOSE_TASK', actor: OFFICER, taskId: task.id, outcome: 'done' });
  }
  await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'INVESTIGATION', outcome: 'done' });
  await act(caseId, {
    type: 'RECORD_RECOMMENDATION',
    actor: OFFICER,
    recommendation: 'GRANT',
    assessment: 'low risk',
  });
}

/** The in-process worker's simulated provider: fast, and always CLEAR, so recordings are short and stable. */
function setUpWithClearChecks(): Promise<void> {
  // The harness read its worker's configuration from the environment when it was imported, so setting
  // SIMULATED_PROVIDER_* here would come too late (a TRACE then stalls a recording in record checks): the
  // configuration it hands the worker at start is set instead.
  Object.assign(workerConfig.recordChecks.simulated, {
    latencyMs: 100,
    outcomes: { CLEAR: 1, TRACE: 0, NEEDS_REVIEW: 0 },
  });
  return harness.setUp();
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A started DV case taken through its baseline declaration: assigned, declared, and waited on until its BPSS
 * record checks have all come back (the officer records the outcome).
 */
async function declaredAndChecked(caseId: string, applicantId: string): Promise<void> {
  await waitForStage(caseId, 'BASELINE_CHECKS');
  await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
  await act(caseId, {
    type: 'SUBMIT_BASELINE',
    actor: applicantId,
    declaration: { ...completeBaselineDeclaration() },
  });
  const handle = harness.client.workflow.getHandle(caseWorkflowId(caseId));
  for (let i = 0; i < 200; i += 1) {
    const { checks } = await handle.query(getCaseQuery);
    if (checks.length > 0 && checks.every((c) => c.status === 'RESOLVED')) return;
    await sleep(250);
  }
  throw new Error(`the BPSS check on ${caseId} never resolved`);
}

/** A started DV case through its baseline: declared, checked and passed, waiting on its questionnaire. */
async function baselinePassed(caseId: string, applicantId: string): Promise<void> {
  await declaredAndChecked(caseId, applicantId);
  await act(caseId, { type: 'RECORD_BASELINE_OUTCOME', actor: OFFICER, outcome: 'PASS' });
  await waitForStage(caseId, 'QUESTIONNAIRE');
}

/** Who acts on a recorded appeal besides the appellant, and the internal hearing's findings. */
const APPEAL_OFFICER = { subject: 'appeal-officer-recorded', as: 'APPEAL_OFFICER' as const };
const PANEL_SECRETARY = { subject: 'secretary-recorded', as: 'PANEL_SECRETARY' as const };
const DEPARTMENT = { subject: 'department-recorded', as: 'DEPARTMENT' as const };
const HEARING = { reviewOfDecision: 'd', reviewOfProcess: 'p', reviewOfDisclosure: 'x', reasons: 'r' };

/** Starts an appeal's workflow as lodged now; its handle, the appellant, and a way to act on it. */
async function startAppeal(
  facts: Parameters<typeof lodgedAppeal>[0],
  timing: AppealTiming,
  aftercare: AftercareTiming,
) {
  const state = lodgedAppeal(facts, timing, new Date().toISOString());
  const input: AppealInput = { state, timing, aftercare };
  const handle = await harness.client.workflow.start('appealWorkflow', {
    workflowId: appealWorkflowId(state.appealId),
    taskQueue: harness.taskQueue,
    args: [input],
  });
  const act = (command: AppealCommand): Promise<AppealState> =>
    handle.executeUpdate(appealCommandUpdate, { args: [command] });
  return { handle, act, appellant: { subject: facts.appellantId, as: 'APPELLANT' as const } };
}

describeRecorder('record workflow histories', () => {
  beforeAll(setUpWithClearChecks);
  afterAll(() => harness.tearDown());

  it('records a v3 DV case with a stage clock: chasers, referee decision task, reminders, then granted', async () => {
    const applicantId = 'applicant-recorded-v3-1';
    const { caseId } = await harness.startCase(eligibleApplication(), {
      dv: DV,
      applicantId,
      team: 'dv-team-1',
      // One chaser, and a lapse far enough away that a slow machine never reaches it.
      clock: {
        ...CLOCK,
        policy: {
          ...CLOCK_POLICY,
          applicantChasers: { questionnaire: { chaseAt: [2 * S], lapseAt: 600 * S } },
        },
      },
    });
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await sleep(3 * S); // the questionnaire chaser
    await act(caseId, {
      type: 'SUBMIT_QUESTIONNAIRE',
      actor: applicantId,
      content: { ...completeQuestionnaire() },
    });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await waitForStage(caseId, 'INVESTIGATION');
    await sleep(5 * S); // referee chasers, the referee decision tasks and the goal reminder
    await act(caseId, {
      type: 'PAUSE_CLOCK',
      actor: OFFICER,
      waitingOn: 'THIRD_PARTY',
      reason: 'referees away',
    });
    await act(caseId, { type: 'RESUME_CLOCK', actor: OFFICER });
    await act(caseId, { type: 'EXTEND_DEADLINE', actor: 'lead-1', by: 60 * S, reason: 'holiday' });
    for (const task of (await waitForStage(caseId, 'INVESTIGATION')).tasks.filter(
      (t) => t.status === 'OPEN',
    )) {
      await act(caseId, { type: 'CLOSE_TASK', actor: OFFICER, taskId: task.id, outcome: 'done' });
    }
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'INVESTIGATION', outcome: 'done' });
    await act(caseId, {
      type: 'RECORD_RECOMMENDATION',
      actor: OFFICER,
      recommendation: 'GRANT',
      assessment: 'low risk',
    });
    await act(caseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v3-dv-clock-granted', caseId);
  });

  it('records a v3 case escalated in record checks, then withdrawn', async () => {
    const { caseId } = await harness.startCase(eligibleApplication(), {
      applicantId: 'applicant-recorded-v3-2',
      team: 'dv-team-1',
      clock: CLOCK,
    });
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await sleep(7 * S); // goal reminder, deadline escalation, a repeat
    await act(caseId, { type: 'WITHDRAW', actor: 'sponsor-1', requestedBy: 'SPONSOR', reason: 'done' });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v3-clock-escalated-withdrawn', caseId);
  });

  it('records a v3 case that lapses when the questionnaire never comes', async () => {
    const { caseId } = await harness.startCase(eligibleApplication(), {
      applicantId: 'applicant-recorded-v3-3',
      team: 'dv-team-1',
      clock: CLOCK,
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v3-clock-lapsed', caseId);
  });

  it('records a v2 DV case granted with conditions after a send-back', async () => {
    const applicantId = 'applicant-recorded-1';
    const { caseId } = await startDvCase(applicantId);
    await dvToDecision(caseId, applicantId);
    await act(caseId, {
      type: 'RETURN_TO_INVESTIGATION',
      actor: 'adjudicator-1',
      reasons: ['clarify finances'],
    });
    const back = await waitForStage(caseId, 'INVESTIGATION');
    for (const task of back.tasks.filter((t) => t.status === 'OPEN')) {
      await act(caseId, { type: 'CLOSE_TASK', actor: OFFICER, taskId: task.id, outcome: 'clarified' });
    }
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'INVESTIGATION', outcome: 'done' });
    await act(caseId, {
      type: 'RECORD_RECOMMENDATION',
      actor: OFFICER,
      recommendation: 'GRANT',
      assessment: 'ok',
    });
    await act(caseId, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'GRANTED_WITH_CONDITIONS',
      conditions: [{ type: 'TRAVEL_RESTRICTION', detail: 'report travel' }],
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v2-granted-with-conditions', caseId);
  });

  it('records a v2 DV case refused with split reasons', async () => {
    const applicantId = 'applicant-recorded-2';
    const { caseId } = await startDvCase(applicantId);
    await dvToDecision(caseId, applicantId);
    await act(caseId, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'REFUSED',
      disclosableReasons: ['debts'],
      nonDisclosableReasons: ['third party'],
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v2-refused', caseId);
  });

  it('records a v2 DV case withdrawn while its checks run', async () => {
    const applicantId = 'applicant-recorded-3';
    const { caseId } = await startDvCase(applicantId);
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, {
      type: 'SUBMIT_QUESTIONNAIRE',
      actor: applicantId,
      content: { ...completeQuestionnaire() },
    });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await act(caseId, {
      type: 'WITHDRAW',
      actor: applicantId,
      requestedBy: 'APPLICANT',
      reason: 'changed mind',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v2-withdrawn-during-checks', caseId);
  });

  it('records a granted case', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, { type: 'RETURN_QUESTIONNAIRE', actor: OFFICER, items: ['employment: gap in 2019'] });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'RECORD_CHECKS', outcome: 'clear' });
    await act(caseId, {
      type: 'COMPLETE_STAGE',
      actor: OFFICER,
      stage: 'INVESTIGATION',
      outcome: 'no concerns',
    });
    await act(caseId, {
      type: 'RECORD_RECOMMENDATION',
      actor: OFFICER,
      recommendation: 'GRANT',
      assessment: 'low risk',
    });
    await act(caseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-granted', caseId);
  });

  it('records an ineligible case', async () => {
    const { caseId } = await harness.startCase(ineligibleApplication());
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-ineligible', caseId);
  });

  it('records a residency exception declined', async () => {
    const { caseId } = await harness.startCase(residencyExceptionApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, {
      type: 'DECIDE_RESIDENCY_EXCEPTION',
      actor: OFFICER,
      decision: 'DECLINE',
      notes: 'no evidence',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-residency-exception-declined', caseId);
  });

  it('records a withdrawal after a refused illegal action', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' }).catch(
      () => undefined,
    );
    await act(caseId, {
      type: 'WITHDRAW',
      actor: 'sponsor-1',
      requestedBy: 'SPONSOR',
      reason: 'offer withdrawn',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v1-withdrawn', caseId);
  });

  it('records a case still open in investigation', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'RECORD_CHECKS', outcome: 'clear' });
    await save('v1-open-in-investigation', caseId);
    await act(caseId, { type: 'WITHDRAW', actor: 'sponsor-1', requestedBy: 'SPONSOR', reason: 'cleanup' });
  });
});

/**
 * Held clearances (issue 12), recorded run by run: each appraisal year is one run of clearance-held, so a year
 * that continues-as-new and a year that ends in withdrawal or lapse each stand for clearances in production.
 * Record only these with `npm run history:record -- -t clearance-held`.
 */
describeRecorder('record sponsor-hold histories', () => {
  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  const held = (
    applicantId: string,
    confirmWithinMs: number,
    remindBeforeLapseMs?: number,
  ): Promise<{ caseId: string }> =>
    harness.startCase(eligibleApplication(), {
      dv: DV,
      applicantId,
      team: 'dv-team-1',
      clock: CLOCK,
      sponsorHold: { requestedSponsorId: 'sponsor-1', confirmWithinMs, remindBeforeLapseMs },
    });

  it('records a held case the sponsor confirms, screened into the questionnaire, then withdrawn', async () => {
    const applicantId = 'applicant-recorded-hold-1';
    const { caseId } = await held(applicantId, 600 * S);
    await act(caseId, { type: 'CONFIRM_SPONSORSHIP', actor: 'sponsor-1' });
    await waitForStage(caseId, 'QUESTIONNAIRE');
    await act(caseId, {
      type: 'WITHDRAW',
      actor: 'sponsor-1',
      requestedBy: 'SPONSOR',
      reason: 'post filled',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v5-sponsor-hold-confirmed-withdrawn', caseId);
  });

  it('records a held case the sponsor declines', async () => {
    const { caseId } = await held('applicant-recorded-hold-2', 600 * S);
    await act(caseId, { type: 'DECLINE_SPONSORSHIP', actor: 'sponsor-1', reason: 'no such post' });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v5-sponsor-hold-declined', caseId);
  });

  it('records a held case that lapses unanswered', async () => {
    const { caseId } = await held('applicant-recorded-hold-3', 2 * S);
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v5-sponsor-hold-lapsed', caseId);
  });

  it('records a held case whose sponsor is reminded, then confirms it late', async () => {
    const { caseId } = await held('applicant-recorded-hold-4', 6 * S, 4 * S);
    await until('the reminder', async () => {
      const rows = await harness.dataSource.query<{ reason: string }[]>(
        `SELECT reason FROM notification WHERE case_id = $1 AND reason = 'REMINDER'`,
        [caseId],
      );
      return rows.length > 0 ? true : undefined;
    });
    await act(caseId, { type: 'CONFIRM_SPONSORSHIP', actor: 'sponsor-1' });
    // A first DV case now starts with baseline (BPSS) checks.
    await waitForStage(caseId, 'BASELINE_CHECKS');
    await act(caseId, {
      type: 'WITHDRAW',
      actor: 'sponsor-1',
      requestedBy: 'SPONSOR',
      reason: 'post filled',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v7-sponsor-hold-reminded-confirmed-withdrawn', caseId);
  });

  it('records a held case whose sponsor is reminded and never answers: it lapses', async () => {
    const { caseId } = await held('applicant-recorded-hold-5', 3 * S, 1 * S);
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v7-sponsor-hold-reminded-lapsed', caseId);
  });
});

describeRecorder('record baseline (BPSS) histories', () => {
  beforeAll(setUpWithClearChecks);
  afterAll(() => harness.tearDown());

  // The baseline declaration chased after 2 s and lapsed after 4 s; every stage clock far away.
  const BASELINE_CLOCK = {
    teamLeadId: 'lead-1',
    policy: {
      ...CLOCK_POLICY,
      version: 'recorded-baseline-seconds',
      stages: {
        ...CLOCK_POLICY.stages,
        BASELINE_CHECKS: { goal: 600 * S, deadline: 1200 * S, repeatEvery: 600 * S },
      },
      applicantChasers: {
        ...CLOCK_POLICY.applicantChasers,
        baseline: { chaseAt: [2 * S], lapseAt: 4 * S },
      },
    },
  };
  const declaration = (): Record<string, unknown> => ({ ...completeBaselineDeclaration() });

  async function startedAndDeclared(applicantId: string, clock?: typeof BASELINE_CLOCK) {
    const { caseId } = await harness.startCase(eligibleApplication(), {
      dv: DV,
      applicantId,
      team: 'dv-team-1',
      ...(clock ? { clock } : {}),
    });
    await declaredAndChecked(caseId, applicantId);
    return caseId;
  }

  it('records a baseline asked for more information, declared again, passed, then withdrawn', async () => {
    const applicantId = 'applicant-recorded-baseline-1';
    const caseId = await startedAndDeclared(applicantId);
    await act(caseId, {
      type: 'RECORD_BASELINE_OUTCOME',
      actor: OFFICER,
      outcome: 'NEEDS_INFORMATION',
      missingItems: ['A share code for your right to work'],
    });
    await act(caseId, { type: 'SUBMIT_BASELINE', actor: applicantId, declaration: declaration() });
    await act(caseId, { type: 'RECORD_BASELINE_OUTCOME', actor: OFFICER, outcome: 'PASS' });
    await waitForStage(caseId, 'QUESTIONNAIRE');
    await act(caseId, { type: 'WITHDRAW', actor: applicantId, requestedBy: 'APPLICANT', reason: 'moved on' });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v6-baseline-needs-information-passed-withdrawn', caseId);
  });

  it('records a baseline failed', async () => {
    const caseId = await startedAndDeclared('applicant-recorded-baseline-2');
    await act(caseId, {
      type: 'RECORD_BASELINE_OUTCOME',
      actor: OFFICER,
      outcome: 'FAIL',
      notes: 'identity document reported stolen',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v6-baseline-failed', caseId);
  });

  it('records a baseline declaration chased and never sent: the case lapses', async () => {
    const { caseId } = await harness.startCase(eligibleApplication(), {
      dv: DV,
      applicantId: 'applicant-recorded-baseline-3',
      team: 'dv-team-1',
      clock: BASELINE_CLOCK,
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    await save('v6-baseline-lapsed', caseId);
  });
});

describeRecorder('record clearance-held histories', () => {
  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  const today = new Date().toISOString().slice(0, 10);
  let n = 0;
  async function hold(timing: AftercareTiming) {
    n += 1;
    const input: ClearanceHeldInput = {
      clearanceId: `00000000-0000-4000-8000-00000000000${n}`,
      caseId: `00000000-0000-4000-9000-00000000000${n}`,
      holderId: `holder-recorded-${n}`,
      sponsorId: `sponsor-recorded-${n}`,
      grantedOn: today.endsWith('-02-29') ? `${today.slice(0, 8)}28` : today,
      renewalDue: `${Number(today.slice(0, 4)) + 7}${today.slice(4, 8)}28`,
      conditions: [],
      timing,
    };
    const handle = await harness.client.workflow.start('clearanceHeldWorkflow', {
      workflowId: clearanceHeldWorkflowId(input.clearanceId),
      taskQueue: harness.taskQueue,
      args: [input],
    });
    // Grants write the clearance row before starting the workflow; here the workflow writes it itself, so act
    // only once it has (an event stored before its clearance row would be refused by the foreign key).
    await until('the clearance row', async () => {
      const rows = await harness.dataSource.query<unknown[]>(`SELECT 1 FROM clearance WHERE id = $1`, [
        input.clearanceId,
      ]);
      return rows.length > 0 ? true : undefined;
    });
    const act = (command: ClearanceCommand): Promise<ClearanceState> =>
      handle.executeUpdate(clearanceCommandUpdate, { args: [command] });
    const holder = { subject: input.holderId, as: 'HOLDER' as const };
    const sponsor = { subject: input.sponsorId ?? '', as: 'SPONSOR' as const };
    return { input, handle, act, holder, sponsor };
  }
  const officer = { subject: 'officer-recorded', as: 'VETTING_OFFICER' as const };

  async function waitForChangeChecks(handle: {
    query: (q: typeof getClearanceQuery) => Promise<ClearanceState>;
  }) {
    for (let i = 0; i < 150; i += 1) {
      const { tasks } = await handle.query(getClearanceQuery);
      if (tasks.every((t) => !t.checks?.some((c) => c.status === 'RUNNING'))) return;
      await sleep(200);
    }
    throw new Error('the re-run checks did not come back');
  }

  // Record only this one with `npm run history:record -- -t "checks are re-run"` (the simulated provider's
  // latency as set on the command line, e.g. SIMULATED_PROVIDER_LATENCY_MS=100).
  it('records a clearance-held change whose checks are re-run: police contact, result, review, leaver', async () => {
    const held = await hold({
      yearMs: 60 * S,
      appraisalReminderMs: 10 * S,
      appraisalOverdueMs: 20 * S,
      changeChecks: { timeoutMs: 30 * S, pollIntervalMs: 300 },
    });
    await held.act({
      type: 'REPORT_CHANGE',
      actor: held.holder,
      kind: 'POLICE_CONTACT',
      occurredOn: today,
      summary: 'recorded police contact',
    });
    await waitForChangeChecks(held.handle);
    const { tasks } = await held.handle.query(getClearanceQuery);
    expect(tasks[0]?.checks).toMatchObject([{ checkType: 'CRIMINAL_RECORDS', status: 'RESULT' }]);
    await held.act({
      type: 'RECORD_REVIEW',
      actor: officer,
      taskId: tasks[0]?.taskId ?? '',
      outcome: 'NO_CHANGE',
      notes: 'ok',
    });
    await held.act({ type: 'REPORT_LEAVER', actor: held.sponsor, leftOn: today });
    await held.handle.result();
    await saveRun('clearance-v4-change-checks', held.handle.workflowId);
  });

  it('records a clearance-held year: change, appraisal with a concern, reviews, four eyes, withdrawn', async () => {
    const held = await hold({ yearMs: 4 * S, appraisalReminderMs: 1 * S, appraisalOverdueMs: 2 * S });
    const changed = await held.act({
      type: 'REPORT_CHANGE',
      actor: held.holder,
      kind: 'NEW_PARTNER',
      occurredOn: today,
      summary: 'recorded change',
    });
    for (let i = 0; i < 100; i += 1) {
      if ((await held.handle.query(getClearanceQuery)).appraisal) break;
      await sleep(200);
    }
    const appraised = await held.act({
      type: 'SUBMIT_APPRAISAL',
      actor: held.holder,
      n: 1,
      raisesConcern: true,
      summary: 'recorded concern',
    });
    // Since checks are re-run for a change report, "no change" waits for them (nothing to wait for before).
    await waitForChangeChecks(held.handle);
    for (const task of appraised.tasks.filter((t) => t.status === 'OPEN')) {
      await held.act({
        type: 'RECORD_REVIEW',
        actor: officer,
        taskId: task.taskId,
        outcome: 'NO_CHANGE',
        notes: 'ok',
      });
    }
    expect(changed.tasks).toHaveLength(1);
    // Refused by the validator (the reviewer may not withdraw): leaves nothing in the history.
    await held
      .act({
        type: 'WITHDRAW',
        actor: { subject: officer.subject, as: 'SENIOR_ADJUDICATOR' },
        disclosableReasons: 'd',
        closedReasons: 'c',
      })
      .catch(() => undefined);
    await held.act({
      type: 'WITHDRAW',
      actor: { subject: 'adjudicator-recorded', as: 'SENIOR_ADJUDICATOR' },
      disclosableReasons: 'recorded disclosable',
      closedReasons: 'recorded closed',
    });
    await held.handle.result();
    await saveRun('clearance-v1-withdrawn', held.handle.workflowId);
  });

  it('records a clearance-held year that is reminded, goes overdue and continues as new', async () => {
    const held = await hold({ yearMs: 3 * S, appraisalReminderMs: 1 * S, appraisalOverdueMs: 2 * S });
    // The first run ends when the second year's appraisal falls due; the next run carries on.
    for (let i = 0; i < 100; i += 1) {
      const state = await held.handle.query(getClearanceQuery);
      if (state.appraisal && state.appraisal.n >= 2) break;
      await sleep(200);
    }
    await saveRun('clearance-v1-year-continued', held.handle.workflowId, held.handle.firstExecutionRunId);
    await held.handle.terminate('recorded');
  });

  it('records a clearance-held year: incident, suspended, restored, then the sponsor reports a leaver', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    await held.act({ type: 'REPORT_INCIDENT', actor: held.sponsor, summary: 'recorded incident' });
    const adjudicator = { subject: 'adjudicator-recorded', as: 'SENIOR_ADJUDICATOR' as const };
    await held.act({ type: 'SUSPEND', actor: adjudicator, reason: 'recorded suspension' });
    await held.act({ type: 'RESTORE', actor: adjudicator, reason: 'recorded restoration' });
    await held.act({ type: 'REPORT_LEAVER', actor: held.sponsor, leftOn: today });
    await held.handle.result();
    await saveRun('clearance-v1-lapsed', held.handle.workflowId);
  });

  it('records a two-part appraisal year: line manager named, holder first, manager reminded, concern reviewed', async () => {
    const held = await hold({ yearMs: 8 * S, appraisalReminderMs: 2 * S, appraisalOverdueMs: 6 * S });
    const manager = { subject: 'manager-recorded', as: 'LINE_MANAGER' as const };
    await held.act({ type: 'NAME_LINE_MANAGER', actor: held.sponsor, lineManagerId: manager.subject });
    const due = async (): Promise<ClearanceState> => {
      for (let i = 0; i < 100; i += 1) {
        const state = await held.handle.query(getClearanceQuery);
        if (state.appraisal?.n === 1 && state.appraisal.status !== 'SUBMITTED') return state;
        await sleep(200);
      }
      throw new Error('appraisal 1 never fell due');
    };
    await due();
    await held.act({
      type: 'SUBMIT_APPRAISAL',
      actor: held.holder,
      n: 1,
      raisesConcern: false,
      summary: 'recorded holder part',
    });
    // The reminder goes to the line manager alone, whose part is still awaited.
    await sleep(3 * S);
    const appraised = await held.act({
      type: 'SUBMIT_MANAGER_APPRAISAL',
      actor: manager,
      n: 1,
      conductConfirmed: true,
      raisesConcern: true,
      concernDetails: 'recorded concern',
    });
    for (const task of appraised.tasks.filter((t) => t.status === 'OPEN')) {
      await held.act({
        type: 'RECORD_REVIEW',
        actor: officer,
        taskId: task.taskId,
        outcome: 'NO_CHANGE',
        notes: 'ok',
      });
    }
    for (let i = 0; i < 100; i += 1) {
      const state = await held.handle.query(getClearanceQuery);
      if (state.appraisal && state.appraisal.n >= 2) break;
      await sleep(200);
    }
    await saveRun(
      'clearance-v5-two-part-appraisal-continued',
      held.handle.workflowId,
      held.handle.firstExecutionRunId,
    );
    await held.handle.terminate('recorded');
  });

  it('records a line manager named and then changed, each told at once, then the leaver', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    await held.act({ type: 'NAME_LINE_MANAGER', actor: held.sponsor, lineManagerId: 'manager-recorded' });
    await held.act({ type: 'NAME_LINE_MANAGER', actor: held.sponsor, lineManagerId: 'manager-recorded-2' });
    await held.act({ type: 'REPORT_LEAVER', actor: held.sponsor, leftOn: today });
    await held.handle.result();
    await saveRun('clearance-v6-line-manager-named-notice', held.handle.workflowId);
  });

  it('records a line manager replaced, the former one told (line-manager-replaced-notice), then the leaver', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    await held.act({ type: 'NAME_LINE_MANAGER', actor: held.sponsor, lineManagerId: 'manager-recorded' });
    await held.act({ type: 'NAME_LINE_MANAGER', actor: held.sponsor, lineManagerId: 'manager-recorded-2' });
    await held.act({ type: 'REPORT_LEAVER', actor: held.sponsor, leftOn: today });
    await held.handle.result();
    await saveRun('clearance-v7-line-manager-replaced-notice', held.handle.workflowId);
  });

  it('records a review that changes the conditions, a transfer to another sponsor, and their leaver', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    const changed = await held.act({
      type: 'REPORT_CHANGE',
      actor: held.holder,
      kind: 'FINANCIAL_CHANGE',
      occurredOn: today,
      summary: 'recorded change',
    });
    await held.act({
      type: 'RECORD_REVIEW',
      actor: officer,
      taskId: changed.tasks[0]?.taskId ?? 'task-1',
      outcome: 'CONDITIONS_CHANGED',
      notes: 'recorded notes',
      conditions: [{ type: 'PERIODIC_FINANCIAL_REPORTING', detail: 'recorded condition' }],
    });
    const newSponsor = { subject: 'sponsor-recorded-new', as: 'SPONSOR' as const };
    await held.act({
      type: 'TRANSFER_SPONSOR',
      actor: held.sponsor,
      toSponsorId: newSponsor.subject,
      reason: 'recorded transfer',
    });
    await held.act({ type: 'REPORT_LEAVER', actor: newSponsor, leftOn: today });
    await held.handle.result();
    await saveRun('clearance-v4-conditions-changed-transferred-lapsed', held.handle.workflowId);
  });

  // Record only this one with `npm run history:record -- -t "left valid"`.
  it('records a review task taken, reassigned and referred by its assignee, the referral left valid, then the leaver', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    // An incident's task re-runs no checks, so the history holds the assignment and the referral alone.
    const reported = await held.act({
      type: 'REPORT_INCIDENT',
      actor: held.sponsor,
      summary: 'recorded incident',
    });
    const taskId = reported.tasks[0]?.taskId ?? 'task-1';
    const colleague = { subject: 'officer-recorded-2', as: 'VETTING_OFFICER' as const };
    await held.act({ type: 'ASSIGN_REVIEW', actor: officer, taskId, officerId: officer.subject });
    await held.act({
      type: 'ASSIGN_REVIEW',
      actor: { subject: 'lead-recorded', as: 'TEAM_LEAD' },
      taskId,
      officerId: colleague.subject,
    });
    await held.act({
      type: 'RECORD_REVIEW',
      actor: colleague,
      taskId,
      outcome: 'REFER_TO_ADJUDICATOR',
      notes: 'recorded referral',
    });
    const left = await held.act({
      type: 'CLOSE_REFERRAL',
      actor: { subject: 'adjudicator-recorded', as: 'SENIOR_ADJUDICATOR' },
      reason: 'recorded: no risk found',
    });
    expect(left).toMatchObject({ status: 'VALID', referredAt: null });
    expect(left.tasks[0]).toMatchObject({ assignee: colleague.subject, reviewedBy: colleague.subject });
    await held.act({ type: 'REPORT_LEAVER', actor: held.sponsor, leftOn: today });
    await held.handle.result();
    // clearance-v7-review-assigned-referral-left-valid was recorded before the assignee's notice; since
    // patched('review-assigned-notice') this run also sends the reassigned officer REVIEW_TASK_ASSIGNED.
    await saveRun('clearance-v8-review-assigned-notice-referral-left-valid', held.handle.workflowId);
  });

  // Record only this one with `npm run history:record -- -t "reassigned away"`.
  it('records a review task reassigned away from the officer who took it, who is told, then the leaver', async () => {
    const held = await hold({ yearMs: 60 * S, appraisalReminderMs: 10 * S, appraisalOverdueMs: 20 * S });
    const reported = await held.act({
      type: 'REPORT_INCIDENT',
      actor: held.sponsor,
      summary: 'recorded incident',
    });
    const taskId = reported.tasks[0]?.taskId ?? 'task-1';
    const lead = { subject: 'lead-recorded', as: 'TEAM_LEAD' as const };
    await held.act({ type: 'ASSIGN_REVIEW', actor: officer, taskId, officerId: officer.subject });
    // Since patched('review-unassigned-notice') the officer it is taken from is told (REVIEW_TASK_UNASSIGNED),
    // beside the assignee's REVIEW_TASK_ASSIGNED.
    const moved = await held.act({
      type: 'ASSIGN_REVIEW',
      actor: lead,
      taskId,
      officerId: 'officer-recorded-2',
    });
    expect(moved.tasks[0]).toMatchObject({ assignee: 'officer-recorded-2' });
    await held.act({ type: 'REPORT_LEAVER', actor: held.sponsor, leftOn: today });
    await held.handle.result();
    await saveRun('clearance-v9-review-unassigned-notice', held.handle.workflowId);
  });
});

/**
 * Renewal (issue 12): a DV grant whose clearance-held workflow reminds ahead of the renewal date and opens the
 * renewal case itself, the renewal case (kind RENEWAL) driven to a grant, and the clearance ending RENEWED.
 * Record only these with `npm run history:record -- -t renewal`.
 */
describeRecorder('record renewal histories', () => {
  beforeAll(setUpWithClearChecks);
  afterAll(() => harness.tearDown());

  const today = new Date().toISOString().slice(0, 10);
  const renewalOfficer = { subject: 'officer-renewal', as: 'VETTING_OFFICER' as const };

  /** A DV grant followed by aftercare with a review date a year away (so it expires a compressed year later). */
  async function grantHeld(applicantId: string, aftercare: AftercareTiming) {
    const { caseId } = await harness.startCase(eligibleApplication(), {
      dv: { ...DV, aftercare },
      applicantId,
      team: 'dv-team-1',
    });
    // A first DV case starts with its baseline (BPSS) checks; its renewal will not.
    await baselinePassed(caseId, applicantId);
    await dvToDecision(caseId, applicantId);
    await act(caseId, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'GRANTED',
      reviewDueDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    });
    const rows: { id: string }[] = await harness.dataSource.query(
      'SELECT id FROM clearance WHERE case_id = $1',
      [caseId],
    );
    return harness.client.workflow.getHandle(clearanceHeldWorkflowId(rows[0]?.id ?? ''));
  }

  /** The renewal case the clearance recorded, once its workflow has started and reached the questionnaire. */
  async function renewalCaseOf(held: { query: (q: typeof getClearanceQuery) => Promise<ClearanceState> }) {
    let renewalCaseId = '';
    for (let i = 0; i < 100 && !renewalCaseId; i += 1) {
      renewalCaseId = (await held.query(getClearanceQuery)).renewal?.caseId ?? '';
      if (!renewalCaseId) await sleep(200);
    }
    // The renewal is recorded before its case starts: wait for the case itself.
    for (let i = 0; i < 100; i += 1) {
      const started = await harness.client.workflow
        .getHandle(caseWorkflowId(renewalCaseId))
        .describe()
        .then(() => true)
        .catch(() => false);
      if (started) break;
      await sleep(200);
    }
    await waitForStage(renewalCaseId, 'QUESTIONNAIRE');
    return renewalCaseId;
  }

  /** Drives a renewal case from the questionnaire to the adjudicator's decision. */
  async function renewalToDecision(renewalCaseId: string, applicantId: string): Promise<void> {
    await act(renewalCaseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(renewalCaseId, {
      type: 'SUBMIT_QUESTIONNAIRE',
      actor: applicantId,
      content: { ...completeQuestionnaire() },
    });
    await act(renewalCaseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    for (const task of (await waitForStage(renewalCaseId, 'INVESTIGATION')).tasks) {
      if (task.status === 'OPEN')
        await act(renewalCaseId, { type: 'CLOSE_TASK', actor: OFFICER, taskId: task.id, outcome: 'done' });
    }
    await act(renewalCaseId, {
      type: 'COMPLETE_STAGE',
      actor: OFFICER,
      stage: 'INVESTIGATION',
      outcome: 'done',
    });
    await act(renewalCaseId, {
      type: 'RECORD_RECOMMENDATION',
      actor: OFFICER,
      recommendation: 'GRANT',
      assessment: 'no change',
    });
  }

  it('records a renewal opened by the reminder, pre-filled, granted, and the clearance renewed', async () => {
    const applicantId = 'applicant-renewal-recorded';
    // One-minute years: the clearance expires a minute after the grant, and the single reminder (58 s ahead)
    // falls two seconds after it.
    const held = await grantHeld(applicantId, {
      yearMs: 60 * S,
      appraisalReminderMs: 10 * S,
      appraisalOverdueMs: 20 * S,
      renewalReminderMs: [58 * S],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    await act(renewalCaseId, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'GRANTED',
    });
    const renewed = (await held.result()) as ClearanceState;
    expect(renewed.status).toBe('RENEWED');
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    await saveRun('clearance-v2-renewed', held.workflowId);
    await save('v4-renewal-granted', renewalCaseId);
  });

  // Record only these with `npm run history:record -- -t "renewal outcome"`.
  const NO_REMINDERS: AftercareTiming = {
    yearMs: 60 * S,
    appraisalReminderMs: 10 * S,
    appraisalOverdueMs: 20 * S,
    renewalReminderMs: [],
  };

  it('records a renewal outcome: refused, and the clearance withdrawn with its reasons', async () => {
    const applicantId = 'applicant-renewal-refused';
    const held = await grantHeld(applicantId, NO_REMINDERS);
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    await act(renewalCaseId, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'REFUSED',
      disclosableReasons: ['recorded disclosable reason'],
      nonDisclosableReasons: ['recorded closed reason'],
    });
    expect(((await held.result()) as ClearanceState).status).toBe('WITHDRAWN');
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    await saveRun('clearance-v3-renewal-refused', held.workflowId);
    await save('v4-renewal-refused', renewalCaseId);
  });

  // Record only these two with `npm run history:record -- -t "live check"`.
  it('records a renewal outcome, live check: granted while the clearance is live, the successor recorded', async () => {
    const applicantId = 'applicant-renewal-live';
    // A year far enough away that the clearance is still live at the grant.
    const held = await grantHeld(applicantId, { ...NO_REMINDERS, yearMs: 600 * S });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    await act(renewalCaseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    expect(await held.result()).toMatchObject({ status: 'RENEWED', renewal: { status: 'GRANTED' } });
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    // The worker's renewal policy has no aftercare, so the successor is a clearance row with no workflow.
    const successors = await harness.dataSource.query<unknown[]>(
      'SELECT 1 FROM clearance WHERE case_id = $1',
      [renewalCaseId],
    );
    expect(successors).toHaveLength(1);
    await save('v8-renewal-granted-live-successor', renewalCaseId);
  });

  it('records a renewal outcome, live check: granted for a clearance that has ended, no successor recorded', async () => {
    const applicantId = 'applicant-renewal-ended';
    const held = await grantHeld(applicantId, { ...NO_REMINDERS, yearMs: 600 * S });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    // The race the live check guards against: the clearance's end is stored but has not yet reached the case
    // (which it would withdraw). Stood in for by stopping the clearance's workflow and storing its end directly.
    const { clearanceId } = await held.query(getClearanceQuery);
    await held.terminate('recorded: the clearance ended before its renewal case heard of it');
    await harness.dataSource.query(`UPDATE clearance SET status = 'LAPSED' WHERE id = $1`, [clearanceId]);
    await act(renewalCaseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    const successors = await harness.dataSource.query<unknown[]>(
      'SELECT 1 FROM clearance WHERE case_id = $1',
      [renewalCaseId],
    );
    expect(successors).toHaveLength(0);
    await save('v8-renewal-granted-ended-no-successor', renewalCaseId);
  });

  // Record only these two with `npm run history:record -- -t "succession asked"`: after
  // patched('renewal-succession-asked') the granted case asks the clearance-held workflow for its successor.
  it('records a renewal, succession asked: granted while live, the clearance accepts, the successor recorded', async () => {
    const applicantId = 'applicant-renewal-succession';
    const held = await grantHeld(applicantId, { ...NO_REMINDERS, yearMs: 600 * S });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    await act(renewalCaseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    expect(await held.result()).toMatchObject({
      status: 'RENEWED',
      renewal: { status: 'GRANTED', successionAcceptedAt: expect.any(String) as string },
    });
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    const successors = await harness.dataSource.query<unknown[]>(
      'SELECT 1 FROM clearance WHERE case_id = $1',
      [renewalCaseId],
    );
    expect(successors).toHaveLength(1);
    await saveRun('clearance-v9-renewal-succession-accepted', held.workflowId);
    await save('v9-renewal-succession-accepted', renewalCaseId);
  });

  it('records a renewal, succession asked: granted once the clearance workflow has closed, no successor', async () => {
    const applicantId = 'applicant-renewal-succession-closed';
    const held = await grantHeld(applicantId, { ...NO_REMINDERS, yearMs: 600 * S });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    // The clearance's workflow is gone before the grant (its end stood in for by stopping it): the request
    // cannot be delivered, which the case takes as the clearance having ended.
    await held.terminate('recorded: the clearance workflow closed before its renewal was granted');
    await act(renewalCaseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    const successors = await harness.dataSource.query<unknown[]>(
      'SELECT 1 FROM clearance WHERE case_id = $1',
      [renewalCaseId],
    );
    expect(successors).toHaveLength(0);
    await save('v9-renewal-succession-clearance-closed', renewalCaseId);
  });

  // Record only these with `npm run history:record -- -t "succession bounded"`: after
  // patched('renewal-succession-outcome-wait') an accepted succession waits for its outcome only so long, and
  // after patched('renewal-succession-unanswered-notice') an unanswered request tells the case's officer.
  it('records a renewal, succession bounded: accepted, no outcome in time, no successor, the succession lapses', async () => {
    const applicantId = 'applicant-renewal-succession-lapsed';
    const held = await grantHeld(applicantId, {
      ...NO_REMINDERS,
      yearMs: 600 * S,
      renewalSuccessionOutcomeWaitMs: 2 * S,
    });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    // The case's request stood in for (it is not decided, so no outcome can follow): the clearance accepts.
    await held.signal(renewalSuccessionAskedSignal, { caseId: renewalCaseId });
    for (let i = 0; i < 100; i += 1) {
      const { renewal } = await held.query(getClearanceQuery);
      if (renewal?.successionAcceptedAt === null) break;
      await sleep(200);
    }
    expect((await held.query(getClearanceQuery)).renewal).toMatchObject({
      status: 'OPEN',
      successionAcceptedAt: null,
    });
    // Held as before: a withdrawal is taken again (and withdraws the renewal case).
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [
        {
          type: 'WITHDRAW',
          actor: { subject: 'adjudicator-recorded', as: 'SENIOR_ADJUDICATOR' },
          disclosableReasons: 'recorded disclosable',
          closedReasons: 'recorded closed',
        },
      ],
    });
    expect(((await held.result()) as ClearanceState).status).toBe('WITHDRAWN');
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    await saveRun('clearance-v10-renewal-succession-lapsed', held.workflowId);
  });

  it('records a renewal, succession bounded: accepted, the outcome in time, the clearance renewed', async () => {
    const applicantId = 'applicant-renewal-succession-confirmed';
    const held = await grantHeld(applicantId, {
      ...NO_REMINDERS,
      yearMs: 600 * S,
      renewalSuccessionOutcomeWaitMs: 300 * S,
    });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await renewalToDecision(renewalCaseId, applicantId);
    await act(renewalCaseId, { type: 'RECORD_DECISION', actor: 'adjudicator-1', outcome: 'GRANTED' });
    expect(await held.result()).toMatchObject({ status: 'RENEWED', renewal: { status: 'GRANTED' } });
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    await saveRun('clearance-v10-renewal-succession-confirmed', held.workflowId);
  });

  it("records a renewal, succession bounded: the clearance never answers, the case's officer told", async () => {
    const clearanceId = '00000000-0000-4000-8000-0000000000a1';
    const holderId = 'applicant-renewal-succession-unanswered';
    // The clearance's workflow exists (the asks are delivered) but nobody polls its task queue.
    const silent = await harness.client.workflow.start('clearanceHeldWorkflow', {
      workflowId: clearanceHeldWorkflowId(clearanceId),
      taskQueue: 'recorded-nobody-polls',
      args: [
        {
          clearanceId,
          caseId: '00000000-0000-4000-9000-0000000000a1',
          holderId,
          sponsorId: null,
          grantedOn: today,
          renewalDue: `${Number(today.slice(0, 4)) + 7}${today.slice(4, 8)}28`,
          conditions: [],
          timing: NO_REMINDERS,
        } satisfies ClearanceHeldInput,
      ],
    });
    const renewalCaseId = await startRenewalCase(harness, { clearanceId, holderId, successionAnswerMs: S });
    await renewalToRecommendation(harness, renewalCaseId, holderId);
    await grantRenewal(harness, renewalCaseId);
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    await silent.terminate('recorded: never answered');
    const told = await harness.dataSource.query<unknown[]>(
      `SELECT 1 FROM notification WHERE case_id = $1 AND reason = 'RENEWAL_SUCCESSION_UNANSWERED'`,
      [renewalCaseId],
    );
    expect(told).toHaveLength(1);
    await save('v10-renewal-succession-unanswered', renewalCaseId);
  });

  it('records a renewal outcome: closed undecided (the holder withdraws), and the clearance expires', async () => {
    const applicantId = 'applicant-renewal-undecided';
    const held = await grantHeld(applicantId, { ...NO_REMINDERS, yearMs: 30 * S });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await act(renewalCaseId, {
      type: 'WITHDRAW',
      actor: applicantId,
      requestedBy: 'APPLICANT',
      reason: 'recorded: leaving the post',
    });
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    const ended = (await held.result()) as ClearanceState;
    expect(ended).toMatchObject({ status: 'EXPIRED', renewal: { status: 'CLOSED' } });
    await saveRun('clearance-v3-renewal-closed-expired', held.workflowId);
    await save('v4-renewal-withdrawn', renewalCaseId);
  });

  it('records a renewal outcome: the clearance withdrawn while its renewal is open, the case withdrawn by the system', async () => {
    const applicantId = 'applicant-renewal-orphaned';
    const held = await grantHeld(applicantId, NO_REMINDERS);
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [{ type: 'OPEN_RENEWAL', actor: renewalOfficer }],
    });
    const renewalCaseId = await renewalCaseOf(held);
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [
        {
          type: 'WITHDRAW',
          actor: { subject: 'adjudicator-recorded', as: 'SENIOR_ADJUDICATOR' },
          disclosableReasons: 'recorded disclosable',
          closedReasons: 'recorded closed',
        },
      ],
    });
    expect(((await held.result()) as ClearanceState).renewal?.status).toBe('CLOSED');
    await harness.client.workflow.getHandle(caseWorkflowId(renewalCaseId)).result();
    expect((await waitForStage(renewalCaseId, 'WITHDRAWN')).stage).toBe('WITHDRAWN');
    await saveRun('clearance-v3-renewal-orphaned', held.workflowId);
    await save('v5-renewal-orphaned-withdrawn', renewalCaseId);
  });
});

/**
 * Appeals and complaints (issue 12): a complaint answered after its target passed, an appeal whose panel window
 * closed, one decided by the panel, and one overturned internally that restores a withdrawn clearance.
 * Record only these with `npm run history:record -- -t appeal`.
 */
describeRecorder('record appeal histories', () => {
  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  const timing: AppealTiming = {
    panelWindowMs: 2 * S,
    acknowledgeWithinMs: 1 * S,
    statementWithinMs: 600 * S,
    complaintResponseMs: 1 * S,
  };
  const aftercare: AftercareTiming = {
    yearMs: 600 * S,
    appraisalReminderMs: 60 * S,
    appraisalOverdueMs: 120 * S,
  };
  let n = 0;

  async function lodge(kind: 'APPEAL' | 'COMPLAINT', clearanceId: string | null = null) {
    n += 1;
    const appeal = await startAppeal(
      {
        appealId: `00000000-0000-4000-a000-00000000000${n}`,
        kind,
        ground: clearanceId ? 'WITHDRAWAL' : 'REFUSAL',
        appellantId: `appellant-recorded-${n}`,
        sponsorId: null,
        caseId: `00000000-0000-4000-b000-00000000000${n}`,
        clearanceId,
        priorInvolvement: ['adjudicator-recorded'],
        grounds: 'recorded grounds',
      },
      timing,
      aftercare,
    );
    const until = async (done: (s: AppealState) => boolean): Promise<void> => {
      for (let i = 0; i < 100; i += 1) {
        if (done(await appeal.handle.query(getAppealQuery))) return;
        await sleep(200);
      }
    };
    return { ...appeal, until };
  }

  it('records a complaint answered after its target response time', async () => {
    const c = await lodge('COMPLAINT');
    await c.until((s) => s.complaint?.overdue === true);
    await c.act({
      type: 'ANSWER_COMPLAINT',
      actor: APPEAL_OFFICER,
      outcome: 'NOT_UPHELD',
      response: 'recorded',
    });
    await c.handle.result();
    await saveRun('appeal-v1-complaint-answered', c.handle.workflowId);
  });

  it('records an appeal upheld whose panel window closed', async () => {
    const a = await lodge('APPEAL');
    await a.act({ type: 'REGISTER_INTENT', actor: a.appellant }).catch(() => undefined);
    await a.act({ type: 'UPHOLD', actor: APPEAL_OFFICER, ...HEARING });
    await a.handle.result();
    await saveRun('appeal-v1-window-closed', a.handle.workflowId);
  });

  it('records an appeal decided by the panel after an extension', async () => {
    const a = await lodge('APPEAL');
    await a.act({ type: 'UPHOLD', actor: APPEAL_OFFICER, ...HEARING });
    await a.act({ type: 'REGISTER_INTENT', actor: a.appellant });
    await a.until((s) => s.panel?.acknowledgementOverdue === true);
    const acked = await a.act({ type: 'ACKNOWLEDGE', actor: PANEL_SECRETARY });
    const due = Date.parse(acked.panel?.statements?.DEPARTMENT.dueAt ?? '') + 60 * S;
    await a.act({
      type: 'EXTEND_DEADLINE',
      actor: PANEL_SECRETARY,
      side: 'DEPARTMENT',
      dueAt: new Date(due).toISOString(),
      reason: 'recorded reason',
    });
    await a.act({ type: 'SUBMIT_STATEMENT', actor: a.appellant, statement: 'recorded' });
    await a.act({ type: 'SUBMIT_STATEMENT', actor: DEPARTMENT, statement: 'recorded' });
    await a.act({
      type: 'RECORD_RECOMMENDATION',
      actor: PANEL_SECRETARY,
      recommendation: 'DECISION_STANDS',
      reasons: 'recorded',
    });
    await a.handle.result();
    await saveRun('appeal-v1-panel-decided', a.handle.workflowId);
  });

  it('records an appeal whose named panel secretary is reminded: acknowledgement and a statement overdue', async () => {
    // Record only this one with `npm run history:record -- -t "panel secretary is reminded"`.
    const quick: AppealTiming = { ...timing, acknowledgeWithinMs: 1 * S, statementWithinMs: 2 * S };
    const a = await startAppeal(
      {
        appealId: '00000000-0000-4000-a000-0000000000c1',
        kind: 'APPEAL',
        ground: 'REFUSAL',
        appellantId: 'appellant-recorded-c1',
        sponsorId: null,
        caseId: '00000000-0000-4000-b000-0000000000c1',
        clearanceId: null,
        priorInvolvement: ['adjudicator-recorded'],
        grounds: 'recorded grounds',
      },
      quick,
      aftercare,
    );
    const until = async (done: (s: AppealState) => boolean): Promise<void> => {
      for (let i = 0; i < 100; i += 1) {
        if (done(await a.handle.query(getAppealQuery))) return;
        await sleep(200);
      }
      throw new Error('the appeal did not get there');
    };
    await a.act({ type: 'UPHOLD', actor: APPEAL_OFFICER, ...HEARING });
    await a.act({ type: 'REGISTER_INTENT', actor: a.appellant });
    await a.act({ type: 'NAME_SECRETARY', actor: PANEL_SECRETARY, secretaryId: 'secretary-recorded-2' });
    await until((s) => s.panel?.acknowledgementOverdue === true);
    const acked = await a.act({ type: 'ACKNOWLEDGE', actor: PANEL_SECRETARY });
    expect(acked.panel?.secretaryId).toBe('secretary-recorded-2');
    await a.act({
      type: 'EXTEND_DEADLINE',
      actor: PANEL_SECRETARY,
      side: 'APPELLANT',
      dueAt: new Date(Date.now() + 600 * S).toISOString(),
      reason: 'recorded reason',
    });
    await until((s) => s.panel?.statements?.DEPARTMENT.overdue === true);
    await a.act({ type: 'SUBMIT_STATEMENT', actor: a.appellant, statement: 'recorded' });
    await a.act({
      type: 'RECORD_RECOMMENDATION',
      actor: PANEL_SECRETARY,
      recommendation: 'DECISION_STANDS',
      reasons: 'recorded',
    });
    await a.handle.result();
    const reminders: unknown[] = await harness.dataSource.query(
      `SELECT reason FROM notification WHERE case_id = $1 AND recipient = 'secretary-recorded-2'`,
      ['00000000-0000-4000-a000-0000000000c1'],
    );
    expect(reminders).toHaveLength(3);
    await saveRun('appeal-v3-panel-secretary-reminded', a.handle.workflowId);
  });

  it('records an appeal naming no secretary whose panel secretaries are reminded as a group', async () => {
    // Record only this one with `npm run history:record -- -t "panel secretaries are reminded as a group"`.
    const appealId = '00000000-0000-4000-a000-0000000000c2';
    await new StaffDirectoryStore(harness.dataSource).seed(
      ['secretary-recorded-group-1', 'secretary-recorded-group-2'].map((userId) => ({
        userId,
        displayName: userId,
        roles: ['PANEL_SECRETARY' as const],
        team: null,
      })),
    );
    const quick: AppealTiming = { ...timing, acknowledgeWithinMs: 1 * S };
    const a = await startAppeal(
      {
        appealId,
        kind: 'APPEAL',
        ground: 'REFUSAL',
        appellantId: 'appellant-recorded-c2',
        sponsorId: null,
        caseId: '00000000-0000-4000-b000-0000000000c2',
        clearanceId: null,
        priorInvolvement: ['adjudicator-recorded'],
        grounds: 'recorded grounds',
      },
      quick,
      aftercare,
    );
    await a.act({ type: 'UPHOLD', actor: APPEAL_OFFICER, ...HEARING });
    await a.act({ type: 'REGISTER_INTENT', actor: a.appellant });
    const reminded = async (): Promise<unknown[]> =>
      harness.dataSource.query(
        `SELECT recipient FROM notification WHERE case_id = $1 AND reason = 'REMINDER'
            AND recipient LIKE 'secretary-recorded-group-%'`,
        [appealId],
      );
    for (let i = 0; i < 100 && (await reminded()).length < 2; i += 1) await sleep(200);
    expect(await reminded()).toHaveLength(2);
    // The first to acknowledge becomes the named one; the appeal goes on as any other.
    const acked = await a.act({ type: 'ACKNOWLEDGE', actor: PANEL_SECRETARY });
    expect(acked.panel?.secretaryId).toBe(PANEL_SECRETARY.subject);
    await a.act({ type: 'SUBMIT_STATEMENT', actor: a.appellant, statement: 'recorded' });
    await a.act({ type: 'SUBMIT_STATEMENT', actor: DEPARTMENT, statement: 'recorded' });
    await a.act({
      type: 'RECORD_RECOMMENDATION',
      actor: PANEL_SECRETARY,
      recommendation: 'DECISION_STANDS',
      reasons: 'recorded',
    });
    await a.handle.result();
    await saveRun('appeal-v4-panel-secretaries-reminded', a.handle.workflowId);
  });

  /** The lead reminders stored for an appeal so far (their dedupe keys say which deadline). */
  const leadReminders = (appealId: string, deadline: string): Promise<{ recipient: string }[]> =>
    harness.dataSource.query(
      `SELECT recipient FROM notification WHERE case_id = $1 AND dedupe_key LIKE $2 ORDER BY created_at`,
      [appealId, `${appealId}:lead-${deadline}-%`],
    );
  async function untilReminded(appealId: string, deadline: string, count: number): Promise<void> {
    for (let i = 0; i < 100 && (await leadReminders(appealId, deadline)).length < count; i += 1)
      await sleep(200);
    // At least: a group reminder goes to everyone the directory has in the role.
    expect((await leadReminders(appealId, deadline)).length).toBeGreaterThanOrEqual(count);
  }
  const seedAdjudicators = (ids: string[]) =>
    new StaffDirectoryStore(harness.dataSource).seed(
      ids.map((userId) => ({
        userId,
        displayName: userId,
        roles: ['SENIOR_ADJUDICATOR' as const],
        team: null,
      })),
    );

  it('records an appeal whose deadlines are reminded ahead: intent, statements, an extension moving one', async () => {
    // Record only this one with `npm run history:record -- -t "deadlines are reminded ahead"`.
    const appealId = '00000000-0000-4000-a000-0000000000d1';
    await seedAdjudicators(['adjudicator-recorded-lead-1']);
    // The acknowledgement runs within the lead time: no lead reminder of it.
    const lead: AppealTiming = {
      panelWindowMs: 6 * S,
      acknowledgeWithinMs: 1 * S,
      statementWithinMs: 6 * S,
      complaintResponseMs: 600 * S,
      reminderLeadMs: 3 * S,
    };
    const a = await startAppeal(
      {
        appealId,
        kind: 'APPEAL',
        ground: 'REFUSAL',
        appellantId: 'appellant-recorded-d1',
        sponsorId: null,
        caseId: '00000000-0000-4000-b000-0000000000d1',
        clearanceId: null,
        priorInvolvement: ['adjudicator-recorded'],
        grounds: 'recorded grounds',
      },
      lead,
      aftercare,
    );
    await a.act({ type: 'UPHOLD', actor: APPEAL_OFFICER, ...HEARING });
    await untilReminded(appealId, 'PANEL_WINDOW', 1);
    await a.act({ type: 'REGISTER_INTENT', actor: a.appellant });
    await a.act({ type: 'ACKNOWLEDGE', actor: PANEL_SECRETARY });
    await untilReminded(appealId, 'STATEMENT-APPELLANT', 1);
    await untilReminded(appealId, 'STATEMENT-DEPARTMENT', 1);
    await a.act({ type: 'SUBMIT_STATEMENT', actor: DEPARTMENT, statement: 'recorded' });
    await a.act({
      type: 'EXTEND_DEADLINE',
      actor: PANEL_SECRETARY,
      side: 'APPELLANT',
      dueAt: new Date(Date.now() + 6 * S).toISOString(),
      reason: 'recorded',
    });
    await untilReminded(appealId, 'STATEMENT-APPELLANT', 2);
    await a.act({ type: 'SUBMIT_STATEMENT', actor: a.appellant, statement: 'recorded' });
    await a.act({
      type: 'RECORD_RECOMMENDATION',
      actor: PANEL_SECRETARY,
      recommendation: 'DECISION_STANDS',
      reasons: 'recorded',
    });
    await a.handle.result();
    expect(await leadReminders(appealId, 'ACKNOWLEDGEMENT')).toEqual([]);
    await saveRun('appeal-v5-deadlines-reminded-ahead', a.handle.workflowId);
  });

  it('records a complaint whose handlers are reminded ahead of its response target, then answered', async () => {
    // Record only this one with `npm run history:record -- -t "handlers are reminded ahead"`.
    const appealId = '00000000-0000-4000-a000-0000000000d2';
    await seedAdjudicators(['adjudicator-recorded-lead-2', 'adjudicator-recorded']);
    const a = await startAppeal(
      {
        appealId,
        kind: 'COMPLAINT',
        ground: 'REFUSAL',
        appellantId: 'appellant-recorded-d2',
        sponsorId: null,
        caseId: '00000000-0000-4000-b000-0000000000d2',
        clearanceId: null,
        priorInvolvement: ['adjudicator-recorded'],
        grounds: 'recorded grounds',
      },
      { ...timing, complaintResponseMs: 4 * S, reminderLeadMs: 2 * S },
      aftercare,
    );
    await untilReminded(appealId, 'COMPLAINT_RESPONSE', 1);
    await a.act({ type: 'ANSWER_COMPLAINT', actor: APPEAL_OFFICER, outcome: 'UPHELD', response: 'recorded' });
    await a.handle.result();
    // Never the one with a part in the case.
    expect(await leadReminders(appealId, 'COMPLAINT_RESPONSE')).not.toContainEqual({
      recipient: 'adjudicator-recorded',
    });
    await saveRun('appeal-v5-complaint-reminded-ahead', a.handle.workflowId);
  });

  it('records an appeal overturned internally that restores a withdrawn clearance', async () => {
    const clearanceId = '00000000-0000-4000-8000-0000000000a1';
    const today = new Date().toISOString().slice(0, 10);
    const held = await harness.client.workflow.start('clearanceHeldWorkflow', {
      workflowId: clearanceHeldWorkflowId(clearanceId),
      taskQueue: harness.taskQueue,
      args: [
        {
          clearanceId,
          caseId: '00000000-0000-4000-9000-0000000000a1',
          holderId: 'appellant-recorded-4',
          sponsorId: null,
          grantedOn: today,
          renewalDue: `${Number(today.slice(0, 4)) + 7}-01-28`,
          conditions: [],
          timing: aftercare,
        } satisfies ClearanceHeldInput,
      ],
    });
    await held.executeUpdate(clearanceCommandUpdate, {
      args: [
        {
          type: 'WITHDRAW',
          actor: { subject: 'adjudicator-recorded', as: 'SENIOR_ADJUDICATOR' },
          disclosableReasons: 'recorded',
          closedReasons: 'recorded',
        },
      ],
    });
    await held.result();
    const a = await lodge('APPEAL', clearanceId);
    await a.act({ type: 'OVERTURN', actor: APPEAL_OFFICER, ...HEARING });
    await a.handle.result();
    await saveRun('appeal-v1-overturned-restored', a.handle.workflowId);
    await harness.client.workflow.getHandle(clearanceHeldWorkflowId(clearanceId)).terminate('recorded');
  });
});

/**
 * A refusal's appeal carried out by the system (issue 12): staff whose DV case was refused appeal; an internal
 * overturn grants the clearance (its aftercare starts), and a panel's "vetting re-run" opens a new case from the
 * refused case's application. Both need a real refused case in the database, so each drives one to its decision.
 * Record only these with `npm run history:record -- -t "refusal appeal"`.
 */
describeRecorder('record refusal appeal histories', () => {
  beforeAll(setUpWithClearChecks);
  afterAll(() => harness.tearDown());

  const timing: AppealTiming = {
    panelWindowMs: 600 * S,
    acknowledgeWithinMs: 600 * S,
    statementWithinMs: 600 * S,
    complaintResponseMs: 600 * S,
  };
  const aftercare: AftercareTiming = {
    yearMs: 600 * S,
    appraisalReminderMs: 60 * S,
    appraisalOverdueMs: 120 * S,
  };

  /** A DV case for `applicantId` driven through its baseline checks and the DV stages to a refusal; its id. */
  async function refusedCase(applicantId: string): Promise<string> {
    const { caseId } = await startDvCase(applicantId);
    await baselinePassed(caseId, applicantId);
    await dvToDecision(caseId, applicantId);
    await act(caseId, {
      type: 'RECORD_DECISION',
      actor: 'adjudicator-1',
      outcome: 'REFUSED',
      disclosableReasons: ['recorded disclosable reason'],
      nonDisclosableReasons: ['recorded closed reason'],
    });
    await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
    return caseId;
  }

  /** The staff appeal against that refusal, lodged and running. */
  function appealAgainst(caseId: string, appellantId: string, appealId: string) {
    return startAppeal(
      {
        appealId,
        kind: 'APPEAL',
        ground: 'REFUSAL',
        appellantId,
        sponsorId: null,
        caseId,
        clearanceId: null,
        priorInvolvement: ['adjudicator-1', OFFICER],
        grounds: 'recorded grounds',
      },
      timing,
      aftercare,
    );
  }

  it('records a refusal overturned internally that grants the clearance', async () => {
    const applicantId = 'applicant-appeal-granted';
    const caseId = await refusedCase(applicantId);
    const a = await appealAgainst(caseId, applicantId, '00000000-0000-4000-a000-0000000000b1');
    await a.act({ type: 'OVERTURN', actor: APPEAL_OFFICER, ...HEARING });
    const done = (await a.handle.result()) as AppealState;
    const clearanceId = done.effect?.clearanceId ?? '';
    expect(done.effect).toMatchObject({ kind: 'GRANT_CLEARANCE', done: true });
    await saveRun('appeal-v2-refusal-overturned-granted', a.handle.workflowId);
    await harness.client.workflow.getHandle(clearanceHeldWorkflowId(clearanceId)).terminate('recorded');
  });

  it('records a refusal the panel sends back for vetting to be run again', async () => {
    const applicantId = 'applicant-appeal-rerun';
    const caseId = await refusedCase(applicantId);
    const a = await appealAgainst(caseId, applicantId, '00000000-0000-4000-a000-0000000000b2');
    await a.act({ type: 'UPHOLD', actor: APPEAL_OFFICER, ...HEARING });
    await a.act({ type: 'REGISTER_INTENT', actor: a.appellant });
    await a.act({ type: 'ACKNOWLEDGE', actor: PANEL_SECRETARY });
    await a.act({ type: 'SUBMIT_STATEMENT', actor: a.appellant, statement: 'recorded' });
    await a.act({ type: 'SUBMIT_STATEMENT', actor: DEPARTMENT, statement: 'recorded' });
    await a.act({
      type: 'RECORD_RECOMMENDATION',
      actor: PANEL_SECRETARY,
      recommendation: 'VETTING_RERUN',
      reasons: 'recorded',
    });
    const done = (await a.handle.result()) as AppealState;
    expect(done.effect).toMatchObject({ kind: 'RERUN_VETTING', done: true });
    await saveRun('appeal-v2-refusal-panel-rerun', a.handle.workflowId);
    await harness.client.workflow.getHandle(caseWorkflowId(done.effect?.caseId ?? '')).terminate('recorded');
  });
});
