import type { DecisionCondition } from '../case-tasks';
import type { RenewedClearanceEnd } from '../case-commands';
import type { ClearanceStatus } from './clearance-model';
import { isEndedClearance } from './clearance-model';
import { managerAppraisalConcern, outstandingAppraisalParts } from './clearance-rules';
import type { ChangeCheck } from './change-checks';
import type {
  AppraisalParts,
  AppraisalStatus,
  ClearanceCommand,
  Renewal,
  ReviewOutcome,
  ReviewTask,
  ReviewTaskKind,
} from './clearance-rules';

/** A held clearance as the clearance-held workflow keeps it (and stores it as the read-model snapshot). */
export interface ClearanceState {
  clearanceId: string;
  caseId: string;
  holderId: string;
  sponsorId: string | null;
  level: 'DV';
  status: ClearanceStatus;
  grantedOn: string;
  renewalDue: string;
  conditions: DecisionCondition[];
  appraisal: { n: number; status: AppraisalStatus; dueAt: string; parts?: AppraisalParts } | null;
  /** The holder's line manager (a staff id), named by the sponsor; absent in older snapshots (read as none). */
  lineManagerId?: string | null;
  tasks: ReviewTask[];
  reviewers: string[];
  /** Disclosable reasons of a withdrawal (the closed ones are kept only in the event history). */
  withdrawal: { by: string; at: string; disclosableReasons: string } | null;
  /** The latest renewal case; absent in snapshots taken before renewal existed (read as none). */
  renewal?: Renewal | null;
  /**
   * When an officer's review referred it to a senior adjudicator, while that referral is open (null when none is);
   * absent in snapshots taken before referrals were kept (referralOpen reads the tasks then).
   */
  referredAt?: string | null;
  /** How many renewal reminders have gone out (each once, across continue-as-new); absent means none. */
  renewalReminders?: number;
  /** Sequence of the last recorded event; each event's key in the history. */
  seq: number;
  updatedAt: string;
  endedAt: string | null;
}

/** The clearance a grant produces, before anything has happened to it. */
export function grantedClearance(
  facts: Pick<
    ClearanceState,
    'clearanceId' | 'caseId' | 'holderId' | 'sponsorId' | 'grantedOn' | 'renewalDue' | 'conditions'
  >,
  at: string,
): ClearanceState {
  return {
    ...facts,
    level: 'DV',
    status: 'VALID',
    appraisal: null,
    tasks: [],
    reviewers: [],
    withdrawal: null,
    renewal: null,
    referredAt: null,
    renewalReminders: 0,
    seq: 0,
    updatedAt: at,
    endedAt: null,
  };
}

const TASK_OF: Partial<Record<ClearanceCommand['type'], ReviewTaskKind>> = {
  REPORT_CHANGE: 'CHANGE_OF_CIRCUMSTANCES',
  REPORT_INCIDENT: 'INCIDENT',
};

/**
 * Applies an accepted command (checkClearanceCommand said yes) and returns the new state, with the event's
 * sequence number. Change reports and incidents open a review task; an appraisal that raises a concern opens
 * one too; a review closes its task and makes the officer a reviewer (who may then not withdraw).
 */
export function applyClearanceCommand(
  state: ClearanceState,
  command: ClearanceCommand,
  to: ClearanceStatus,
  at: string,
  dueAt?: string,
): ClearanceState {
  const seq = state.seq + 1;
  const next: ClearanceState = {
    ...state,
    status: to,
    tasks: state.tasks.map((t) => (t.checks ? { ...t, checks: t.checks.map((c) => ({ ...c })) } : { ...t })),
    reviewers: [...state.reviewers],
    appraisal: state.appraisal
      ? {
          ...state.appraisal,
          ...(state.appraisal.parts ? { parts: { ...state.appraisal.parts } } : {}),
        }
      : null,
    renewal: state.renewal ? { ...state.renewal } : null,
    seq,
    updatedAt: at,
  };
  const openTask = (kind: ReviewTaskKind): void => {
    const checks =
      command.type === 'REPORT_CHANGE' && command.checks && command.checks.length > 0
        ? command.checks.map((c): ChangeCheck => ({
            checkType: c.checkType,
            runId: c.runId,
            status: 'RUNNING',
            outcome: null,
            startedAt: at,
            resolvedAt: null,
          }))
        : null;
    next.tasks.push({
      taskId: `task-${seq}`,
      kind,
      openedAt: at,
      status: 'OPEN',
      outcome: null,
      reviewedBy: null,
      // Only when checks run, so the snapshots of tasks without them stay as they were.
      ...(checks ? { checks } : {}),
    });
  };
  const kind = TASK_OF[command.type];
  if (kind) openTask(kind);
  switch (command.type) {
    case 'SUBMIT_APPRAISAL':
      // A year without parts (before the line manager's) is complete with the holder's submission.
      if (next.appraisal && !next.appraisal.parts) next.appraisal.status = 'SUBMITTED';
      if (next.appraisal?.parts) next.appraisal.parts.holder = at;
      completeAppraisal(next);
      if (command.raisesConcern) openTask('APPRAISAL_CONCERN');
      break;
    case 'SUBMIT_MANAGER_APPRAISAL':
      if (next.appraisal?.parts) next.appraisal.parts.lineManager = at;
      completeAppraisal(next);
      if (managerAppraisalConcern(command)) openTask('APPRAISAL_CONCERN');
      break;
    case 'NAME_LINE_MANAGER':
      next.lineManagerId = command.lineManagerId;
      break;
    case 'RECORD_REVIEW':
      closeTask(next.tasks, command.taskId, command.outcome, command.actor.subject);
      // The review's conditions replace the clearance's (the validator allows them only with CONDITIONS_CHANGED).
      if (command.conditions) next.conditions = command.conditions.map((c) => ({ ...c }));
      if (!next.reviewers.includes(command.actor.subject)) next.reviewers.push(command.actor.subject);
      // A referral keeps the first instant while one is open, as the referral queue does.
      if (command.outcome === 'REFER_TO_ADJUDICATOR') next.referredAt = state.referredAt ?? at;
      break;
    case 'RESTORE':
    case 'CLOSE_REFERRAL':
      // Restored or left valid, the adjudicator has decided: the referral is over (the reason stays in the event).
      next.referredAt = null;
      break;
    case 'ASSIGN_REVIEW': {
      const task = next.tasks.find((t) => t.taskId === command.taskId);
      if (task) task.assignee = command.officerId;
      break;
    }
    case 'WITHDRAW':
      next.withdrawal = { by: command.actor.subject, at, disclosableReasons: command.disclosableReasons };
      break;
    case 'APPRAISAL_DUE':
      next.appraisal = {
        n: command.n,
        status: 'DUE',
        dueAt: dueAt ?? at,
        ...(command.twoPart ? { parts: { holder: null, lineManager: null } } : {}),
      };
      break;
    case 'APPRAISAL_OVERDUE':
      if (next.appraisal) next.appraisal.status = 'OVERDUE';
      break;
    case 'RENEWAL_REMINDER':
      next.renewalReminders = Math.max(state.renewalReminders ?? 0, command.n);
      break;
    case 'OPEN_RENEWAL':
      next.renewal = {
        caseId: command.caseId ?? '',
        status: 'OPEN',
        openedAt: at,
        openedBy: command.actor.as,
        closedAt: null,
        successorId: null,
      };
      break;
    case 'RENEWAL_GRANTED':
      if (next.renewal)
        Object.assign(next.renewal, { status: 'GRANTED', closedAt: at, successorId: command.successorId });
      break;
    case 'RENEWAL_REFUSED':
      if (next.renewal) Object.assign(next.renewal, { status: 'REFUSED', closedAt: at });
      next.withdrawal = { by: command.decidedBy, at, disclosableReasons: command.disclosableReasons };
      break;
    case 'RENEWAL_CLOSED':
      if (next.renewal) Object.assign(next.renewal, { status: 'CLOSED', closedAt: at });
      break;
    case 'RENEWAL_SUCCESSION':
      if (next.renewal) next.renewal.successionAcceptedAt = at;
      break;
    case 'RENEWAL_SUCCESSION_LAPSED':
      // Back to a renewal merely open: ends are taken again, and the case may still ask (and be accepted) anew.
      if (next.renewal) next.renewal.successionAcceptedAt = null;
      break;
    case 'TRANSFER_SPONSOR':
      // The reason stays in the sealed event; the new sponsor sees the clearance, the old one no longer does.
      next.sponsorId = command.toSponsorId;
      break;
    case 'CHANGE_CHECK_RESULT': {
      const task = next.tasks.find((t) => t.taskId === command.taskId);
      const check = task?.checks?.find((c) => c.runId === command.runId);
      if (check) Object.assign(check, { status: command.status, outcome: command.outcome, resolvedAt: at });
      break;
    }
    default:
      break;
  }
  if (isEndedClearance(to)) {
    next.endedAt = at;
    if (next.referredAt) next.referredAt = null;
    // Ended by anything but the renewal's own outcome (withdrawn, lapsed, expired): the renewal closes with it.
    if (next.renewal?.status === 'OPEN') Object.assign(next.renewal, { status: 'CLOSED', closedAt: at });
  }
  return next;
}

const END_REASON: Partial<Record<ClearanceStatus, RenewedClearanceEnd>> = {
  WITHDRAWN: 'CLEARANCE_WITHDRAWN',
  LAPSED: 'CLEARANCE_LAPSED',
  EXPIRED: 'CLEARANCE_EXPIRED',
};

/**
 * The renewal case a change leaves with nothing to renew: the clearance ended (withdrawn, lapsed, expired) while
 * that case was open. The system withdraws it, giving how the clearance ended as the reason; null otherwise.
 */
export function renewalOrphanedBy(
  before: Pick<ClearanceState, 'status' | 'renewal'>,
  after: Pick<ClearanceState, 'status' | 'renewal'>,
): { caseId: string; reason: RenewedClearanceEnd } | null {
  const reason = END_REASON[after.status];
  if (!reason || isEndedClearance(before.status) || before.renewal?.status !== 'OPEN') return null;
  if (after.renewal?.caseId !== before.renewal.caseId || after.renewal.status !== 'CLOSED') return null;
  return { caseId: before.renewal.caseId, reason };
}

/** Marks this year's appraisal SUBMITTED once no part of it is outstanding. */
function completeAppraisal(state: ClearanceState): void {
  if (!state.appraisal) return;
  const left = outstandingAppraisalParts(state);
  if (!left.holder && !left.lineManager) state.appraisal.status = 'SUBMITTED';
}

function closeTask(tasks: ReviewTask[], taskId: string, outcome: ReviewOutcome, by: string): void {
  const task = tasks.find((t) => t.taskId === taskId);
  if (!task) return;
  task.status = 'CLOSED';
  task.outcome = outcome;
  task.reviewedBy = by;
}
