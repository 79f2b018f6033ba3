import type { DecisionCondition, OfficerTaskKind, TaskDetails } from './case-tasks';
import type { EligibilityResult } from './eligibility/eligibility.types';
import type { OpenStage } from './stage-model';
import type { BaselineOutcome } from './baseline/baseline.types';

/** Recommendation an investigating officer makes to the adjudicator. */
export type Recommendation = 'GRANT' | 'GRANT_WITH_CONDITIONS' | 'REFUSE';
/** Final outcome recorded by a senior adjudicator. */
export type DecisionOutcome = 'GRANTED' | 'GRANTED_WITH_CONDITIONS' | 'REFUSED';
/** How the investigating officer rates the residual risk. */
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** Commands people issue against a case. `actor` is an opaque user id (the token subject), never a name. */
export type CaseCommand =
  | { type: 'ASSIGN_OFFICER'; actor: string; officerId: string; reason?: string }
  | { type: 'DECIDE_RESIDENCY_EXCEPTION'; actor: string; decision: 'ALLOW' | 'DECLINE'; notes: string }
  | { type: 'SUBMIT_QUESTIONNAIRE'; actor: string; content: Record<string, unknown> }
  | { type: 'ACCEPT_QUESTIONNAIRE'; actor: string; notes?: string }
  | { type: 'RETURN_QUESTIONNAIRE'; actor: string; items: string[]; notes?: string }
  | { type: 'COMPLETE_STAGE'; actor: string; stage: OpenStage; outcome: string; notes?: string }
  | { type: 'OPEN_TASK'; actor: string; kind: OfficerTaskKind; title: string; details: TaskDetails }
  | { type: 'UPDATE_TASK'; actor: string; taskId: string; details: TaskDetails; notes?: string }
  | { type: 'CLOSE_TASK'; actor: string; taskId: string; outcome: string; notes?: string }
  | { type: 'WAIVE_TASK'; actor: string; taskId: string; reason: string }
  | {
      type: 'SUBSTITUTE_REFEREE';
      actor: string;
      taskId: string;
      title: string;
      details: TaskDetails;
      reason: string;
    }
  | {
      type: 'RECORD_RECOMMENDATION';
      actor: string;
      recommendation: Recommendation;
      assessment: string;
      risk?: RiskLevel;
      conditions?: DecisionCondition[];
    }
  | { type: 'RETURN_TO_INVESTIGATION'; actor: string; reasons: string[] }
  | {
      type: 'RECORD_DECISION';
      actor: string;
      outcome: DecisionOutcome;
      conditions?: DecisionCondition[];
      /** ISO date; defaults to the policy's renewal interval from the grant. */
      reviewDueDate?: string;
      disclosableReasons?: string[];
      nonDisclosableReasons?: string[];
    }
  | { type: 'WITHDRAW'; actor: string; requestedBy: 'APPLICANT' | 'SPONSOR'; reason: string }
  | { type: 'PAUSE_CLOCK'; actor: string; waitingOn: 'APPLICANT' | 'THIRD_PARTY'; reason: string }
  | { type: 'RESUME_CLOCK'; actor: string; notes?: string }
  /** Moves the current stage's deadline later by `by` clock units (working days, or ms under a test policy). */
  | { type: 'EXTEND_DEADLINE'; actor: string; by: number; reason: string }
  /** The applicant's baseline (BPSS) declaration, validated by the API; personal data (sealed wherever kept). */
  | { type: 'SUBMIT_BASELINE'; actor: string; declaration: Record<string, unknown> }
  /** The assigned officer's outcome of the baseline checks; NEEDS_INFORMATION lists what is missing. */
  | {
      type: 'RECORD_BASELINE_OUTCOME';
      actor: string;
      outcome: BaselineOutcome;
      missingItems?: string[];
      notes?: string;
    }
  /** The sponsor the application named confirms the post needs DV and becomes the case's sponsor. */
  | { type: 'CONFIRM_SPONSORSHIP'; actor: string }
  /** The sponsor the application named declines it (the reason stays in the history, not with the applicant). */
  | { type: 'DECLINE_SPONSORSHIP'; actor: string; reason: string };

export type CaseCommandType = CaseCommand['type'];

/** The workflow's own actor id in the history (never a person). */
export const SYSTEM_ACTOR = 'system';

/**
 * Moves the workflow makes by itself. They go through the transition table like people's commands (a `SYSTEM`
 * row must allow them from the current stage), so the table says everything a case can do.
 */
export type SystemCommand =
  | {
      type: 'PASS_SCREENING' | 'FAIL_SCREENING' | 'REFER_RESIDENCY_EXCEPTION';
      actor: typeof SYSTEM_ACTOR;
      eligibility: EligibilityResult;
    }
  | { type: 'RECORD_CHECK_RESULT'; actor: typeof SYSTEM_ACTOR; checkType: string; outcome: string }
  | { type: 'COMPLETE_RECORD_CHECKS'; actor: typeof SYSTEM_ACTOR }
  /** A reminder, escalation or chaser from the stage clock; `key` is its once-only key. */
  | {
      type: 'SEND_REMINDER';
      actor: typeof SYSTEM_ACTOR;
      kind: string;
      key: string;
      taskId: string | null;
    }
  | { type: 'LAPSE'; actor: typeof SYSTEM_ACTOR; key: string }
  /** A renewal case withdrawn because the clearance it renews ended; `reason` says how (no personal data). */
  | { type: 'WITHDRAW_RENEWAL'; actor: typeof SYSTEM_ACTOR; reason: RenewedClearanceEnd };

/** Why a renewal case was withdrawn by the system: how the clearance it renews ended. */
export type RenewedClearanceEnd = 'CLEARANCE_WITHDRAWN' | 'CLEARANCE_LAPSED' | 'CLEARANCE_EXPIRED';

export type SystemCommandType = SystemCommand['type'];

/** True for a move the workflow makes by itself (the two sets of command types never overlap). */
export function isSystemCommand(command: CaseCommand | SystemCommand): command is SystemCommand {
  return SYSTEM_COMMAND_TYPES.includes(command.type as SystemCommandType);
}

const SYSTEM_COMMAND_TYPES: readonly SystemCommandType[] = [
  'PASS_SCREENING',
  'FAIL_SCREENING',
  'REFER_RESIDENCY_EXCEPTION',
  'RECORD_CHECK_RESULT',
  'COMPLETE_RECORD_CHECKS',
  'SEND_REMINDER',
  'LAPSE',
  'WITHDRAW_RENEWAL',
];
