import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseSnapshot, DvPolicy } from '../../libs/contracts/src';
import { COMMAND_UPDATES, caseWorkflowId, getCaseQuery } from '../../libs/contracts/src';
import type { CaseCommand } from '../../libs/domain/src';
import type { CaseHarness } from './case-harness';
import { eligibleApplication } from './fixtures';
import { completeQuestionnaire } from './questionnaire-fixture';
import { until } from './until';

/** A renewal case's policy: no record checks to wait for, and no aftercare, so its successor is a clearance row. */
export const RENEWAL_DV: DvPolicy = {
  checks: [],
  checkTimeoutMs: 60_000,
  checkPollIntervalMs: 200,
  clearanceReviewYears: 7,
};

/** The officer who investigates the renewal cases built here (and is told what concerns them). */
export const RENEWAL_OFFICER = 'officer-renewal';

/** One case command through its Update, straight to Temporal. */
export function caseAct(harness: CaseHarness, caseId: string, command: CaseCommand): Promise<CaseSnapshot> {
  const update = COMMAND_UPDATES[command.type] as UpdateDefinition<CaseSnapshot, [CaseCommand]>;
  return harness.client.workflow.getHandle(caseWorkflowId(caseId)).executeUpdate(update, { args: [command] });
}

/** Starts a renewal case (kind RENEWAL) of `clearanceId` for its holder; returns the case id. */
export async function startRenewalCase(
  harness: CaseHarness,
  renewed: { clearanceId: string; holderId: string; successionAnswerMs: number },
): Promise<string> {
  const { caseId } = await harness.startCase(eligibleApplication(), {
    dv: RENEWAL_DV,
    applicantId: renewed.holderId,
    team: 'dv-team-1',
    renewal: {
      clearanceId: renewed.clearanceId,
      previousCaseId: randomUUID(),
      successionAnswerMs: renewed.successionAnswerMs,
    },
  });
  return caseId;
}

/** Drives a renewal case from its questionnaire to the officer's recommendation to grant (the decision is next). */
export async function renewalToRecommendation(
  harness: CaseHarness,
  caseId: string,
  holderId: string,
): Promise<void> {
  const officer = RENEWAL_OFFICER;
  await caseAct(harness, caseId, { type: 'ASSIGN_OFFICER', actor: 'lead-1', officerId: officer });
  await caseAct(harness, caseId, {
    type: 'SUBMIT_QUESTIONNAIRE',
    actor: holderId,
    content: { ...completeQuestionnaire() },
  });
  await caseAct(harness, caseId, { type: 'ACCEPT_QUESTIONNAIRE', actor: officer });
  const stage = await until(
    'the investigation',
    async () => {
      const snapshot = await harness.client.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery);
      return snapshot.stage === 'INVESTIGATION' ? snapshot : undefined;
    },
    30_000,
  );
  for (const task of stage.tasks.filter((t) => t.status === 'OPEN'))
    await caseAct(harness, caseId, { type: 'CLOSE_TASK', actor: officer, taskId: task.id, outcome: 'done' });
  await caseAct(harness, caseId, {
    type: 'COMPLETE_STAGE',
    actor: officer,
    stage: 'INVESTIGATION',
    outcome: 'done',
  });
  await caseAct(harness, caseId, {
    type: 'RECORD_RECOMMENDATION',
    actor: officer,
    recommendation: 'GRANT',
    assessment: 'no change',
  });
}

/** The adjudicator grants the renewal case. */
export const grantRenewal = (harness: CaseHarness, caseId: string): Promise<CaseSnapshot> =>
  caseAct(harness, caseId, { type: 'RECORD_DECISION', actor: 'adjudicator-renewal', outcome: 'GRANTED' });
