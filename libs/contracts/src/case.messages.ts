import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseCommand, CaseCommandType } from '../../domain/src';
import type { CaseSnapshot } from './case.types';

type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

/** Officer and applicant actions. Each is an Update so an illegal one is refused before it enters history. */
export const assignOfficerUpdate = defineUpdate<CaseSnapshot, [CommandOf<'ASSIGN_OFFICER'>]>('assignOfficer');
/** Allow or decline a residency exception. */
export const decideResidencyExceptionUpdate = defineUpdate<
  CaseSnapshot,
  [CommandOf<'DECIDE_RESIDENCY_EXCEPTION'>]
>('decideResidencyException');
/** Accept the security questionnaire (starts record checks). */
export const acceptQuestionnaireUpdate = defineUpdate<CaseSnapshot, [CommandOf<'ACCEPT_QUESTIONNAIRE'>]>(
  'acceptQuestionnaire',
);
/** Return the questionnaire with the items to fix. */
export const returnQuestionnaireUpdate = defineUpdate<CaseSnapshot, [CommandOf<'RETURN_QUESTIONNAIRE'>]>(
  'returnQuestionnaire',
);
/** Complete the current working stage (record checks, investigation) with an outcome and notes. */
export const completeStageUpdate = defineUpdate<CaseSnapshot, [CommandOf<'COMPLETE_STAGE'>]>('completeStage');
/** Record the investigating officer's recommendation. */
export const recordRecommendationUpdate = defineUpdate<CaseSnapshot, [CommandOf<'RECORD_RECOMMENDATION'>]>(
  'recordRecommendation',
);
/** Record the senior adjudicator's decision (four-eyes enforced in the validator). */
export const recordDecisionUpdate = defineUpdate<CaseSnapshot, [CommandOf<'RECORD_DECISION'>]>(
  'recordDecision',
);
/** The applicant submits (or resubmits) the DV security questionnaire. */
export const submitQuestionnaireUpdate = defineUpdate<CaseSnapshot, [CommandOf<'SUBMIT_QUESTIONNAIRE'>]>(
  'submitQuestionnaire',
);
/** Open an investigation task (referee enquiry, interview, further enquiry, medical input). */
export const openTaskUpdate = defineUpdate<CaseSnapshot, [CommandOf<'OPEN_TASK'>]>('openTask');
/** Record progress on a task (contacted, interview scheduled or rescheduled, adjustments agreed). */
export const updateTaskUpdate = defineUpdate<CaseSnapshot, [CommandOf<'UPDATE_TASK'>]>('updateTask');
/** Close a task with its outcome. */
export const closeTaskUpdate = defineUpdate<CaseSnapshot, [CommandOf<'CLOSE_TASK'>]>('closeTask');
/** Waive a task, with the reason it is not needed. */
export const waiveTaskUpdate = defineUpdate<CaseSnapshot, [CommandOf<'WAIVE_TASK'>]>('waiveTask');
/** Replace a referee who cannot be reached or is unsuitable. */
export const substituteRefereeUpdate = defineUpdate<CaseSnapshot, [CommandOf<'SUBSTITUTE_REFEREE'>]>(
  'substituteReferee',
);
/** A senior adjudicator sends the recommendation back to investigation, with reasons. */
export const returnToInvestigationUpdate = defineUpdate<CaseSnapshot, [CommandOf<'RETURN_TO_INVESTIGATION'>]>(
  'returnToInvestigation',
);
/** Pause the vetting-owned clock while waiting on the applicant or a third party. */
export const pauseClockUpdate = defineUpdate<CaseSnapshot, [CommandOf<'PAUSE_CLOCK'>]>('pauseClock');
/** Resume the clock; the stage's due times move later by the time it was paused. */
export const resumeClockUpdate = defineUpdate<CaseSnapshot, [CommandOf<'RESUME_CLOCK'>]>('resumeClock');
/** Extend the current stage's deadline, with a reason. */
export const extendDeadlineUpdate = defineUpdate<CaseSnapshot, [CommandOf<'EXTEND_DEADLINE'>]>(
  'extendDeadline',
);
/** The applicant submits (or resubmits) the baseline (BPSS) declaration; it travels encrypted, like the questionnaire. */
export const submitBaselineUpdate = defineUpdate<CaseSnapshot, [CommandOf<'SUBMIT_BASELINE'>]>(
  'submitBaseline',
);
/** The assigned officer records the baseline outcome: pass, fail, or needs information. */
export const recordBaselineOutcomeUpdate = defineUpdate<CaseSnapshot, [CommandOf<'RECORD_BASELINE_OUTCOME'>]>(
  'recordBaselineOutcome',
);
/** Withdraw the application at the applicant's or sponsor's request. */
export const withdrawUpdate = defineUpdate<CaseSnapshot, [CommandOf<'WITHDRAW'>]>('withdraw');

/** The sponsor the application named confirms the post needs DV; the case goes on to eligibility screening. */
export const confirmSponsorshipUpdate = defineUpdate<CaseSnapshot, [CommandOf<'CONFIRM_SPONSORSHIP'>]>(
  'confirmSponsorship',
);
/** The sponsor the application named declines it, with a reason; the case closes NOT_SPONSORED. */
export const declineSponsorshipUpdate = defineUpdate<CaseSnapshot, [CommandOf<'DECLINE_SPONSORSHIP'>]>(
  'declineSponsorship',
);

/** Waits until screening has been recorded and returns the case; lets the API answer a submission with its outcome. */
export const awaitScreeningUpdate = defineUpdate<CaseSnapshot, []>('awaitScreening');

/** The workflow's current view of the case. */
export const getCaseQuery = defineQuery<CaseSnapshot>('getCase');

/** The update definition for each command type; the one place the API and the workflow agree on names. */
export const COMMAND_UPDATES = {
  ASSIGN_OFFICER: assignOfficerUpdate,
  DECIDE_RESIDENCY_EXCEPTION: decideResidencyExceptionUpdate,
  ACCEPT_QUESTIONNAIRE: acceptQuestionnaireUpdate,
  RETURN_QUESTIONNAIRE: returnQuestionnaireUpdate,
  COMPLETE_STAGE: completeStageUpdate,
  RECORD_RECOMMENDATION: recordRecommendationUpdate,
  RECORD_DECISION: recordDecisionUpdate,
  WITHDRAW: withdrawUpdate,
  SUBMIT_QUESTIONNAIRE: submitQuestionnaireUpdate,
  OPEN_TASK: openTaskUpdate,
  UPDATE_TASK: updateTaskUpdate,
  CLOSE_TASK: closeTaskUpdate,
  WAIVE_TASK: waiveTaskUpdate,
  SUBSTITUTE_REFEREE: substituteRefereeUpdate,
  RETURN_TO_INVESTIGATION: returnToInvestigationUpdate,
  PAUSE_CLOCK: pauseClockUpdate,
  RESUME_CLOCK: resumeClockUpdate,
  EXTEND_DEADLINE: extendDeadlineUpdate,
  SUBMIT_BASELINE: submitBaselineUpdate,
  RECORD_BASELINE_OUTCOME: recordBaselineOutcomeUpdate,
  CONFIRM_SPONSORSHIP: confirmSponsorshipUpdate,
  DECLINE_SPONSORSHIP: declineSponsorshipUpdate,
} as const satisfies Record<CaseCommandType, unknown>;
