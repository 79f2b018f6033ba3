import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AppealCommand, AppealRejection, AppealState, AppealTiming } from '../../domain/src/appeals';
import type { AftercareTiming } from '../../domain/src/clearance';

/** What starts an appeal workflow: the lodged appeal or complaint and the policy it runs on. */
export interface AppealInput {
  state: AppealState;
  /** Appeal windows and targets, fixed when lodged so a policy change never alters a running appeal. */
  timing: AppealTiming;
  /** Aftercare timing for a clearance the appeal restores (its clearance-held workflow starts again). */
  aftercare?: AftercareTiming;
}

/** Failure type of a refused appeal update; details[0] is an AppealRejection. */
export const APPEAL_REJECTED_FAILURE_TYPE = 'AppealCommandRejected';
export type { AppealRejection };

/** A person (appellant, appeal officer, department, panel secretary) acts on an appeal or complaint. */
export const appealCommandUpdate = defineUpdate<AppealState, [AppealCommand]>('appealCommand');
/** The appeal as the workflow holds it. */
export const getAppealQuery = defineQuery<AppealState>('getAppeal');

/** The appeal workflow's id: one per appeal. */
export function appealWorkflowId(appealId: string): string {
  return `appeal-${appealId}`;
}
