import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseCommand, Rejection } from '../../libs/domain/src';
import {
  caseWorkflowId,
  clearanceHeldWorkflowId,
  COMMAND_UPDATES,
  getCaseQuery,
  REJECTION_FAILURE_TYPE,
} from '../../libs/contracts/src';
import type { CaseSnapshot, ClearanceHeldInput } from '../../libs/contracts/src';
import type { UpdateDefinition } from '@temporalio/common';
import type { clearanceHeldWorkflow, vettingCaseWorkflow } from '../../workflows';
import { CaseHarness } from '../support/case-harness';
import {
  eligibleApplication,
  ineligibleApplication,
  residencyExceptionApplication,
} from '../support/fixtures';
import {
  RENEWAL_OFFICER,
  grantRenewal,
  renewalToRecommendation,
  startRenewalCase,
} from '../support/renewal-case';

const harness = new CaseHarness();
beforeAll(() => harness.setUp());
afterAll(() => harness.tearDown());

const OFFICER = 'officer-1';
const ADJUDICATOR = 'adjudicator-1';

function act(caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

async function rejectionOf(promise: Promise<unknown>): Promise<Rejection> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(REJECTION_FAILURE_TYPE);
    return (cause as ApplicationFailure).details?.[0] as Rejection;
  }
  throw new Error('expected the update to be rejected');
}

async function driveToDecision(caseId: string): Promise<void> {
  await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
  await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
  await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'RECORD_CHECKS', outcome: 'all clear' });
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
}

describe('vetting case workflow', () => {
  it('screens an eligible application into the questionnaire stage and records both events', async () => {
    const { caseId, stage, status } = await harness.startCase(eligibleApplication());
    expect({ stage, status }).toEqual({ stage: 'QUESTIONNAIRE', status: 'OPEN' });
    const history = await harness.history(caseId);
    expect(history.map((e) => [e.seq, e.action, e.from_stage, e.to_stage])).toEqual([
      [1, 'OPEN_CASE', null, 'ELIGIBILITY_SCREENING'],
      [2, 'PASS_SCREENING', 'ELIGIBILITY_SCREENING', 'QUESTIONNAIRE'],
    ]);
  });

  it('closes an ineligible application at screening and completes the workflow', async () => {
    const { caseId, stage, status } = await harness.startCase(ineligibleApplication());
    expect({ stage, status }).toEqual({ stage: 'INELIGIBLE', status: 'CLOSED' });
    const result = await harness.client.workflow
      .getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId))
      .result();
    expect(result).toMatchObject({ caseId, stage: 'INELIGIBLE' });
  });

  it('tells the sponsor first, then the applicant, discreetly, when an application is ineligible', async () => {
    const applicantId = `applicant-${randomUUID()}`;
    const sponsorId = `sponsor-${randomUUID()}`;
    const { caseId, stage } = await harness.startCase(
      { ...ineligibleApplication(), sponsorId },
      { applicantId },
    );
    expect(stage).toBe('INELIGIBLE');
    await harness.client.workflow.getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId)).result();
    const notices = await harness.dataSource.query<{ recipient: string; reason: string; subject: string }[]>(
      `SELECT recipient, reason, subject FROM notification WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
    expect(notices.map((n) => [n.recipient, n.reason])).toEqual([
      [sponsorId, 'DECISION'],
      [applicantId, 'DECISION'],
    ]);
    // The same wording as every notice: no outcome, no agency, no stage.
    expect(notices.every((n) => n.subject === 'You have a new message')).toBe(true);
  });

  it('tells the applicant when an officer declines their residency exception', async () => {
    const applicantId = `applicant-${randomUUID()}`;
    // A sponsor comes only from an invitation; started directly on Temporal here, the case names one itself.
    const application = { ...residencyExceptionApplication(), sponsorId: 'sponsor-1' };
    const { caseId } = await harness.startCase(application, { applicantId });
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    const declined = await act(caseId, {
      type: 'DECIDE_RESIDENCY_EXCEPTION',
      actor: OFFICER,
      decision: 'DECLINE',
      notes: 'no listed reason applies',
    });
    expect(declined.stage).toBe('INELIGIBLE');
    const notices = await harness.dataSource.query<{ recipient: string }[]>(
      `SELECT recipient FROM notification WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
    expect(notices.map((n) => n.recipient)).toEqual(['sponsor-1', applicantId]);
  });

  it('carries a case from questionnaire to GRANTED with a four-eyes decision', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await driveToDecision(caseId);
    const decided = await act(caseId, { type: 'RECORD_DECISION', actor: ADJUDICATOR, outcome: 'GRANTED' });
    expect(decided).toMatchObject({ stage: 'GRANTED', status: 'CLOSED', outcome: 'GRANTED' });
    await harness.client.workflow.getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId)).result();
    const history = await harness.history(caseId);
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.at(-1)).toMatchObject({
      action: 'RECORD_DECISION',
      actor: ADJUDICATOR,
      to_stage: 'GRANTED',
    });
  });

  it('refuses an illegal action with the stage and allowed actions, and changes nothing', async () => {
    const { caseId, lastEventSeq } = await harness.startCase(eligibleApplication());
    const rejection = await rejectionOf(
      act(caseId, { type: 'RECORD_DECISION', actor: ADJUDICATOR, outcome: 'GRANTED' }),
    );
    expect(rejection).toMatchObject({ code: 'ILLEGAL_TRANSITION', stage: 'QUESTIONNAIRE' });
    expect(rejection.allowedActions).toContain('ACCEPT_QUESTIONNAIRE');
    expect((await harness.stored(caseId)).lastEventSeq).toBe(lastEventSeq);
    const live = await harness.client.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery);
    expect(live.lastEventSeq).toBe(lastEventSeq);
  });

  it('refuses a decision by the investigating officer', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await driveToDecision(caseId);
    const rejection = await rejectionOf(
      act(caseId, { type: 'RECORD_DECISION', actor: OFFICER, outcome: 'GRANTED' }),
    );
    expect(rejection.code).toBe('FOUR_EYES_VIOLATION');
    expect((await harness.stored(caseId)).stage).toBe('DECISION');
  });

  it('issue 9 item 7: refuses a decision whose reviewDueDate is beyond the renewal period or in the past, even sent straight to Temporal', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await driveToDecision(caseId);
    for (const reviewDueDate of ['2199-01-01', '2000-01-01']) {
      const rejection = await rejectionOf(
        act(caseId, { type: 'RECORD_DECISION', actor: ADJUDICATOR, outcome: 'GRANTED', reviewDueDate }),
      );
      expect(rejection).toMatchObject({ code: 'INVALID_COMMAND', stage: 'DECISION' });
      expect(rejection.message).toMatch(/^reviewDueDate must/);
    }
    expect((await harness.stored(caseId)).stage).toBe('DECISION');
  });

  it('sends a residency shortfall with a listed reason to an officer, who may allow it', async () => {
    const { caseId, stage } = await harness.startCase(residencyExceptionApplication());
    expect(stage).toBe('RESIDENCY_EXCEPTION_REVIEW');
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    const allowed = await act(caseId, {
      type: 'DECIDE_RESIDENCY_EXCEPTION',
      actor: OFFICER,
      decision: 'ALLOW',
      notes: 'HM Forces posting, evidence seen',
    });
    expect(allowed.stage).toBe('QUESTIONNAIRE');
  });

  it('withdraws a case during investigation and ends the workflow', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await act(caseId, { type: 'COMPLETE_STAGE', actor: OFFICER, stage: 'RECORD_CHECKS', outcome: 'clear' });
    const withdrawn = await act(caseId, {
      type: 'WITHDRAW',
      actor: 'sponsor-1',
      requestedBy: 'SPONSOR',
      reason: 'offer withdrawn',
    });
    expect(withdrawn).toMatchObject({ stage: 'WITHDRAWN', status: 'CLOSED' });
    const result = await harness.client.workflow
      .getHandle<typeof vettingCaseWorkflow>(caseWorkflowId(caseId))
      .result();
    expect(result.stage).toBe('WITHDRAWN');
  });

  it('applies a retried update with the same id once', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    const handle = harness.client.workflow.getHandle(caseWorkflowId(caseId));
    const command: Extract<CaseCommand, { type: 'ASSIGN_OFFICER' }> = {
      type: 'ASSIGN_OFFICER',
      actor: 'lead-1',
      officerId: OFFICER,
    };
    const update = COMMAND_UPDATES.ASSIGN_OFFICER;
    await handle.executeUpdate(update, { args: [command], updateId: 'req-1' });
    await handle.executeUpdate(update, { args: [command], updateId: 'req-1' });
    const history = await harness.history(caseId);
    expect(history.filter((e) => e.action === 'ASSIGN_OFFICER')).toHaveLength(1);
  });

  it('keeps a case through a worker restart: the queued action applies once, nothing lost or doubled', async () => {
    const { caseId } = await harness.startCase(eligibleApplication());
    await act(caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: OFFICER });
    await harness.stopWorker();
    const pending = act(caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: OFFICER });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await harness.startWorker();
    const accepted = await pending;
    expect(accepted.stage).toBe('RECORD_CHECKS');
    const history = await harness.history(caseId);
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(history.map((e) => e.action)).toEqual([
      'OPEN_CASE',
      'PASS_SCREENING',
      'ASSIGN_OFFICER',
      'ACCEPT_QUESTIONNAIRE',
    ]);
  });
  it("tells the case's officer discreetly when the renewed clearance never answers the succession request", async () => {
    const clearanceId = randomUUID();
    const holderId = `holder-${randomUUID()}`;
    // The clearance's workflow is there (so the asks are delivered) but no worker polls its task queue: it
    // never answers.
    const silent: ClearanceHeldInput = {
      clearanceId,
      caseId: randomUUID(),
      holderId,
      sponsorId: null,
      grantedOn: '2020-01-01',
      renewalDue: '2027-01-01',
      conditions: [],
      timing: { yearMs: null, appraisalReminderMs: 1000, appraisalOverdueMs: 2000 },
    };
    const held = await harness.client.workflow.start<typeof clearanceHeldWorkflow>('clearanceHeldWorkflow', {
      workflowId: clearanceHeldWorkflowId(clearanceId),
      taskQueue: `nobody-polls-${randomUUID()}`,
      args: [silent],
    });
    try {
      const caseId = await startRenewalCase(harness, { clearanceId, holderId, successionAnswerMs: 1000 });
      await renewalToRecommendation(harness, caseId, holderId);
      expect((await grantRenewal(harness, caseId)).stage).toBe('GRANTED');
      await harness.client.workflow.getHandle(caseWorkflowId(caseId)).result();
      // Asked three times, never answered: no successor, and the officer is told (once, nothing personal).
      const clearances: unknown[] = await harness.dataSource.query(
        'SELECT id FROM clearance WHERE case_id = $1',
        [caseId],
      );
      expect(clearances).toHaveLength(0);
      const notices: { recipient: string; reason: string; subject: string; body: string }[] =
        await harness.dataSource.query(
          'SELECT recipient, reason, subject, body FROM notification WHERE case_id = $1',
          [caseId],
        );
      const unanswered = notices.filter((n) => n.reason === 'RENEWAL_SUCCESSION_UNANSWERED');
      expect(unanswered.map((n) => n.recipient)).toEqual([RENEWAL_OFFICER]);
      for (const personal of [holderId, clearanceId, caseId])
        expect(`${unanswered[0]?.subject} ${unanswered[0]?.body}`).not.toContain(personal);
    } finally {
      await held.terminate('test over');
    }
  });
});
