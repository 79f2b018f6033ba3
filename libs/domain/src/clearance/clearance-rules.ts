import type { DecisionCondition } from '../case-tasks';
import { CONDITION_TYPES } from '../case-tasks';
import type { ClearanceAction, ClearanceActor, ClearanceStatus } from './clearance-model';
import {
  CLEARANCE_TRANSITIONS,
  clearanceTransition,
  clearanceTransitions,
  isEndedClearance,
} from './clearance-model';
import type { CheckOutcome, CheckTerminalStatus, CheckType } from '../record-checks';
import type { ChangeCheck } from './change-checks';
import { checksStillRunning } from './change-checks';

/** Life events a holder must report (DOMAIN.md stage 11; issue 12). */
export const CHANGE_KINDS = [
  'NEW_PARTNER',
  'NEW_CO_RESIDENT',
  'FINANCIAL_CHANGE',
  'POLICE_CONTACT',
  'NEW_NATIONALITY',
  'FOREIGN_TRAVEL',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What an officer concludes from an aftercare review. */
export const REVIEW_OUTCOMES = ['NO_CHANGE', 'CONDITIONS_CHANGED', 'REFER_TO_ADJUDICATOR'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Why an officer has an aftercare review task. */
export type ReviewTaskKind = 'CHANGE_OF_CIRCUMSTANCES' | 'APPRAISAL_CONCERN' | 'INCIDENT';

/** An aftercare review task for an officer. */
export interface ReviewTask {
  taskId: string;
  kind: ReviewTaskKind;
  openedAt: string;
  status: 'OPEN' | 'CLOSED';
  outcome: ReviewOutcome | null;
  reviewedBy: string | null;
  /**
   * The officer the task is assigned to (ASSIGN_REVIEW); absent or null while unassigned. Absent on tasks of
   * snapshots taken before assignment existed, and on tasks never assigned, so those snapshots stay as they were.
   */
  assignee?: string | null;
  /** Record checks re-run for a change report (absent on tasks opened before checks were re-run). */
  checks?: ChangeCheck[];
}

/** Where this year's appraisal stands. */
export type AppraisalStatus = 'DUE' | 'SUBMITTED' | 'OVERDUE';

/**
 * The two parts of an appraisal year that has them (years falling due after `patched('line-manager-appraisal')`):
 * when each part was submitted, null while outstanding. The year is complete (SUBMITTED) once the holder's part is
 * in and, when a line manager is named, the line manager's part too. Absent on older years, which the holder's
 * part alone completes.
 */
export interface AppraisalParts {
  holder: string | null;
  lineManager: string | null;
}

/** Where a renewal case of the clearance stands: open until the case is decided or closes without a decision. */
export type RenewalStatus = 'OPEN' | 'GRANTED' | 'REFUSED' | 'CLOSED';

/** The clearance's latest renewal case (the renewal is a vetting case of its own, kind RENEWAL). */
export interface Renewal {
  caseId: string;
  status: RenewalStatus;
  openedAt: string;
  openedBy: ClearanceActor;
  closedAt: string | null;
  /** The clearance a granted renewal produced, which supersedes this one. */
  successorId: string | null;
  /**
   * When this clearance accepted the granted case's request to record a successor (RENEWAL_SUCCESSION); from
   * then on it is being superseded and ends only as RENEWED. Absent or null until then, and on older state.
   */
  successionAcceptedAt?: string | null;
}

/** The facts about a held clearance the rules need. */
export interface ClearanceFacts {
  status: ClearanceStatus;
  holderId: string;
  sponsorId: string | null;
  /** The appraisal currently open, if one has fallen due and not yet been closed by the next year. */
  appraisal: { n: number; status: AppraisalStatus; parts?: AppraisalParts } | null;
  /** The holder's line manager, named by the sponsor; absent or null while none is named. */
  lineManagerId?: string | null;
  tasks: readonly ReviewTask[];
  /** Officers who recorded an aftercare review; none of them may withdraw the clearance (four eyes). */
  reviewers: readonly string[];
  /** The latest renewal case; absent on clearances recorded before renewal existed. */
  renewal?: Pick<Renewal, 'caseId' | 'status' | 'successionAcceptedAt'> | null;
  /**
   * When an officer's review referred the clearance to a senior adjudicator, while that referral is open; null
   * when none is. Absent on state carried over from runs before referrals were kept (see referralOpen).
   */
  referredAt?: string | null;
}

/** Who is asking: their opaque subject and the capacity they act in. */
export interface ClearanceActorRef {
  subject: string;
  as: ClearanceActor;
}

/** A command on a held clearance. Free text is kept short and travels only in encrypted payloads. */
export type ClearanceCommand =
  | {
      type: 'REPORT_CHANGE';
      actor: ClearanceActorRef;
      kind: ChangeKind;
      occurredOn: string;
      summary: string;
      /** The checks the report re-runs, chosen by the workflow (changeChecks); a caller's are ignored. */
      checks?: { checkType: CheckType; runId: string }[];
    }
  | { type: 'SUBMIT_APPRAISAL'; actor: ClearanceActorRef; n: number; raisesConcern: boolean; summary: string }
  | {
      /** The line manager's part of the appraisal: `concernDetails` is required when either answer is a concern. */
      type: 'SUBMIT_MANAGER_APPRAISAL';
      actor: ClearanceActorRef;
      n: number;
      /** The holder's conduct this year has been consistent with holding the clearance. */
      conductConfirmed: boolean;
      raisesConcern: boolean;
      concernDetails?: string;
    }
  /** The sponsor names (or changes) the holder's line manager: a member of staff with the LINE_MANAGER role. */
  | { type: 'NAME_LINE_MANAGER'; actor: ClearanceActorRef; lineManagerId: string }
  | { type: 'REPORT_INCIDENT'; actor: ClearanceActorRef; summary: string }
  | { type: 'REPORT_LEAVER'; actor: ClearanceActorRef; leftOn: string }
  | {
      type: 'RECORD_REVIEW';
      actor: ClearanceActorRef;
      taskId: string;
      outcome: ReviewOutcome;
      notes: string;
      /**
       * With CONDITIONS_CHANGED: the clearance's conditions from now on (all of them; empty lifts every one).
       * Absent, the outcome is recorded and the conditions stay as they were (reviews recorded before this field).
       */
      conditions?: DecisionCondition[];
    }
  /**
   * Assigns an open review task to an officer: an officer takes an unassigned one themself; a team lead assigns
   * or reassigns it to an officer of their team (the API checks the staff directory; the rules see only ids).
   */
  | { type: 'ASSIGN_REVIEW'; actor: ClearanceActorRef; taskId: string; officerId: string }
  | { type: 'SUSPEND'; actor: ClearanceActorRef; reason: string }
  | { type: 'RESTORE'; actor: ClearanceActorRef; reason: string }
  | { type: 'WITHDRAW'; actor: ClearanceActorRef; disclosableReasons: string; closedReasons: string }
  /** The adjudicator leaves a referred clearance valid; the reason stays in the sealed event, for the team. */
  | { type: 'CLOSE_REFERRAL'; actor: ClearanceActorRef; reason: string }
  /** `twoPart`: the year has a holder's and a line manager's part (set by the workflow behind its patch). */
  | { type: 'APPRAISAL_DUE'; actor: ClearanceActorRef; n: number; twoPart?: boolean }
  | { type: 'APPRAISAL_REMINDER'; actor: ClearanceActorRef; n: number }
  | { type: 'APPRAISAL_OVERDUE'; actor: ClearanceActorRef; n: number }
  | { type: 'EXPIRE'; actor: ClearanceActorRef }
  | { type: 'RENEWAL_REMINDER'; actor: ClearanceActorRef; n: number }
  /** `caseId` is the renewal case's id, chosen by the workflow (a caller's is ignored). */
  | { type: 'OPEN_RENEWAL'; actor: ClearanceActorRef; caseId?: string }
  | { type: 'RENEWAL_GRANTED'; actor: ClearanceActorRef; caseId: string; successorId: string | null }
  | {
      type: 'RENEWAL_REFUSED';
      actor: ClearanceActorRef;
      caseId: string;
      decidedBy: string;
      disclosableReasons: string;
    }
  | { type: 'RENEWAL_CLOSED'; actor: ClearanceActorRef; caseId: string }
  /** The renewal case `caseId`, granted, asks to record its successor (the clearance's answer is final). */
  | { type: 'RENEWAL_SUCCESSION'; actor: ClearanceActorRef; caseId: string }
  /** The accepted succession of renewal case `caseId` had no outcome in time and no successor: it is let go. */
  | { type: 'RENEWAL_SUCCESSION_LAPSED'; actor: ClearanceActorRef; caseId: string }
  /** The clearance goes to another sponsor (`toSponsorId`, their opaque id), who answers for it from now on. */
  | { type: 'TRANSFER_SPONSOR'; actor: ClearanceActorRef; toSponsorId: string; reason: string }
  | {
      type: 'CHANGE_CHECK_RESULT';
      actor: ClearanceActorRef;
      taskId: string;
      runId: string;
      checkType: CheckType;
      status: CheckTerminalStatus;
      outcome: CheckOutcome | null;
    };

/** Why a clearance command was refused. */
export type ClearanceRejectionCode =
  | 'CLEARANCE_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'FOUR_EYES_VIOLATION'
  | 'TASK_NOT_FOUND'
  | 'INVALID_COMMAND'
  | 'NOT_ASSIGNED_OFFICER';

/** A refused clearance command, with the status and what it would accept instead. */
export interface ClearanceRejection {
  code: ClearanceRejectionCode;
  message: string;
  status: ClearanceStatus;
  allowedActions: ClearanceAction[];
}

export type ClearanceVerdict =
  { ok: true; from: ClearanceStatus; to: ClearanceStatus } | { ok: false; rejection: ClearanceRejection };

const MAX_TEXT = 2000;
/** As many conditions as a decision may set (RecordDecisionDto). */
const MAX_CONDITIONS = 20;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A staff id as identity providers issue them: opaque, short, no spaces or markup. */
const STAFF_ID = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/;
/** A sponsor's opaque id, as a sponsor reference is written (SubmitApplicationDto's sponsorReference). */
export const SPONSOR_ID_PATTERN = /^[A-Za-z0-9._:@|-]{1,200}$/;

/** Why an action has no row in a live status, where the generic "not allowed now" would leave people guessing. */
const NOT_NOW: Partial<Record<ClearanceAction, string>> = {
  CLOSE_REFERRAL: 'not for a suspended clearance: restore it or withdraw it instead',
};

function reject(facts: ClearanceFacts, code: ClearanceRejectionCode, message: string): ClearanceVerdict {
  return {
    ok: false,
    rejection: { code, message, status: facts.status, allowedActions: clearanceActionsNow(facts) },
  };
}

const blank = (s: string): boolean => s.trim().length === 0;

/** Shape problems a caller can fix (the API's DTOs check the same; this guards the workflow itself). */
function shapeProblem(c: ClearanceCommand): string | null {
  const texts: [string, string][] = [];
  switch (c.type) {
    case 'REPORT_CHANGE':
      if (!ISO_DATE.test(c.occurredOn)) return 'occurredOn must be a date (YYYY-MM-DD)';
      texts.push(['summary', c.summary]);
      break;
    case 'SUBMIT_APPRAISAL':
      texts.push(['summary', c.summary]);
      break;
    case 'SUBMIT_MANAGER_APPRAISAL':
      if (managerAppraisalConcern(c)) {
        if (c.concernDetails === undefined) return 'concernDetails is required when there is a concern';
        texts.push(['concernDetails', c.concernDetails]);
      } else if (c.concernDetails !== undefined && !blank(c.concernDetails)) {
        return 'concernDetails may be given only with a concern';
      }
      break;
    case 'NAME_LINE_MANAGER':
      if (!STAFF_ID.test(c.lineManagerId)) return 'lineManagerId must be a staff id';
      break;
    case 'REPORT_INCIDENT':
      texts.push(['summary', c.summary]);
      break;
    case 'REPORT_LEAVER':
      if (!ISO_DATE.test(c.leftOn)) return 'leftOn must be a date (YYYY-MM-DD)';
      break;
    case 'ASSIGN_REVIEW':
      if (!STAFF_ID.test(c.officerId)) return 'officerId must be a staff id';
      break;
    case 'RECORD_REVIEW':
      texts.push(['notes', c.notes]);
      if (c.conditions !== undefined) {
        if (c.outcome !== 'CONDITIONS_CHANGED')
          return 'conditions may be given only with the outcome CONDITIONS_CHANGED';
        if (c.conditions.length > MAX_CONDITIONS) return `at most ${MAX_CONDITIONS} conditions`;
        for (const [i, condition] of c.conditions.entries()) {
          if (!(CONDITION_TYPES as readonly string[]).includes(condition.type))
            return `conditions[${i}].type must be one of ${CONDITION_TYPES.join(', ')}`;
          texts.push([`conditions[${i}].detail`, condition.detail]);
        }
      }
      break;
    case 'SUSPEND':
    case 'RESTORE':
    case 'CLOSE_REFERRAL':
      texts.push(['reason', c.reason]);
      break;
    case 'WITHDRAW':
      texts.push(['disclosableReasons', c.disclosableReasons], ['closedReasons', c.closedReasons]);
      break;
    case 'TRANSFER_SPONSOR':
      if (!SPONSOR_ID_PATTERN.test(c.toSponsorId))
        return "toSponsorId must be 1-200 letters, digits or . _ : @ | - (the new sponsor's reference)";
      texts.push(['reason', c.reason]);
      break;
    default:
      break;
  }
  for (const [name, value] of texts) {
    if (blank(value)) return `${name} must not be empty`;
    if (value.length > MAX_TEXT) return `${name} must be at most ${MAX_TEXT} characters`;
  }
  return null;
}

/**
 * Whether a command may act on a clearance now: the table row for its status, the right actor (the holder
 * themself, the clearance's own sponsor), an open task to review, a due appraisal to submit, and four eyes on
 * withdrawal (the adjudicator must not have reviewed the clearance). Pure: the workflow's validators call it.
 */
export function checkClearanceCommand(facts: ClearanceFacts, command: ClearanceCommand): ClearanceVerdict {
  const rows = clearanceTransitions(facts.status, command.type);
  const { actor } = command;
  // Someone else's clearance answers as if it did not exist, as a case one may not see does.
  if (actor.as === 'HOLDER' && actor.subject !== facts.holderId)
    return reject(facts, 'CLEARANCE_NOT_FOUND', 'no such clearance');
  if (actor.as === 'SPONSOR' && actor.subject !== facts.sponsorId)
    return reject(facts, 'CLEARANCE_NOT_FOUND', 'no such clearance');
  // A line manager knows only the clearances they are named for.
  if (actor.as === 'LINE_MANAGER' && (!facts.lineManagerId || actor.subject !== facts.lineManagerId))
    return reject(facts, 'CLEARANCE_NOT_FOUND', 'no such clearance');
  if (rows.length === 0) {
    const why = isEndedClearance(facts.status)
      ? 'the clearance has ended'
      : (NOT_NOW[command.type] ?? 'not allowed now');
    return reject(facts, 'ILLEGAL_TRANSITION', `${command.type} is ${why} (status ${facts.status})`);
  }
  const row = rows.find((r) => r.by === actor.as);
  if (!row) {
    const whom = rows.map((r) => r.by.toLowerCase().replace('_', ' ')).join(' or ');
    return reject(
      facts,
      'ILLEGAL_TRANSITION',
      `${command.type} is for the ${whom}, not the ${actor.as.toLowerCase().replace('_', ' ')}`,
    );
  }
  const problem = shapeProblem(command);
  if (problem) return reject(facts, 'INVALID_COMMAND', problem);
  // Once its renewal's successor is accepted the clearance is being superseded: the clearance-held workflow's own
  // order decides, so an end that comes after the acceptance is refused, and is for the successor instead.
  if (endHeldBySuccession(facts, command.type, row.to))
    return reject(
      facts,
      'ILLEGAL_TRANSITION',
      `${command.type} is not allowed now: the clearance's renewal has been granted and it is being superseded by its successor; act on the successor clearance`,
    );
  switch (command.type) {
    case 'SUBMIT_APPRAISAL':
      if (!facts.appraisal || facts.appraisal.n !== command.n || facts.appraisal.status === 'SUBMITTED')
        return reject(facts, 'ILLEGAL_TRANSITION', `appraisal ${command.n} is not awaiting submission`);
      if (facts.appraisal.parts?.holder)
        return reject(facts, 'ILLEGAL_TRANSITION', `your part of appraisal ${command.n} is in already`);
      break;
    case 'SUBMIT_MANAGER_APPRAISAL': {
      const a = facts.appraisal;
      if (!a || a.n !== command.n || a.status === 'SUBMITTED')
        return reject(facts, 'ILLEGAL_TRANSITION', `appraisal ${command.n} is not awaiting submission`);
      if (!a.parts)
        return reject(facts, 'ILLEGAL_TRANSITION', `appraisal ${command.n} has no line manager's part`);
      if (a.parts.lineManager)
        return reject(
          facts,
          'ILLEGAL_TRANSITION',
          `the line manager's part of appraisal ${command.n} is in already`,
        );
      break;
    }
    case 'NAME_LINE_MANAGER':
      // No one appraises themself, and the sponsor already has their own part in aftercare.
      if (command.lineManagerId === facts.holderId || command.lineManagerId === facts.sponsorId)
        return reject(facts, 'INVALID_COMMAND', 'lineManagerId must be neither the holder nor the sponsor');
      if (command.lineManagerId === facts.lineManagerId)
        return reject(facts, 'ILLEGAL_TRANSITION', 'that line manager is named already');
      break;
    case 'RECORD_REVIEW': {
      const task = facts.tasks.find((t) => t.taskId === command.taskId);
      if (!task || task.status !== 'OPEN')
        return reject(facts, 'TASK_NOT_FOUND', `no open review task ${command.taskId}`);
      // As on a case, an assigned task is worked by its officer alone; an unassigned one is the shared queue's.
      if (task.assignee && task.assignee !== actor.subject)
        return reject(
          facts,
          'NOT_ASSIGNED_OFFICER',
          `only the officer assigned to review task ${task.taskId} may record its outcome`,
        );
      // Our rule: "no change" or new conditions are concluded on the checks' results, so they wait for them
      // (each check ends by its timeout at the latest, so a provider outage delays the review, never jams it);
      // a referral to an adjudicator need not wait.
      if (command.outcome !== 'REFER_TO_ADJUDICATOR' && checksStillRunning(task.checks)) {
        const running = (task.checks ?? []).filter((c) => c.status === 'RUNNING').map((c) => c.checkType);
        return reject(
          facts,
          'ILLEGAL_TRANSITION',
          `the checks re-run for this change are still running (${running.join(', ')}): record ` +
            `${command.outcome} once they are back, or refer the clearance to an adjudicator now`,
        );
      }
      break;
    }
    case 'ASSIGN_REVIEW': {
      const problem = reviewAssignmentProblem(facts, command);
      if (problem) return reject(facts, problem.code, problem.message);
      break;
    }
    case 'CHANGE_CHECK_RESULT': {
      const task = facts.tasks.find((t) => t.taskId === command.taskId);
      const check = task?.checks?.find((c) => c.runId === command.runId);
      if (!check || check.status !== 'RUNNING')
        return reject(facts, 'TASK_NOT_FOUND', `no running check ${command.runId} on task ${command.taskId}`);
      break;
    }
    case 'CLOSE_REFERRAL':
      if (!referralOpen(facts))
        return reject(
          facts,
          'ILLEGAL_TRANSITION',
          'the clearance has no open referral to close: no review has referred it to an adjudicator since it was last restored or left valid',
        );
      // As with withdrawal: the decision on a referral is not for an officer who reviewed the clearance.
      if (facts.reviewers.includes(actor.subject))
        return reject(
          facts,
          'FOUR_EYES_VIOLATION',
          'the referral must be closed by an adjudicator who did not review the clearance',
        );
      break;
    case 'WITHDRAW':
      if (facts.reviewers.includes(actor.subject))
        return reject(
          facts,
          'FOUR_EYES_VIOLATION',
          'the clearance must be withdrawn by an adjudicator who did not review it',
        );
      break;
    case 'APPRAISAL_REMINDER':
    case 'APPRAISAL_OVERDUE':
      if (!facts.appraisal || facts.appraisal.n !== command.n || facts.appraisal.status === 'SUBMITTED')
        return reject(facts, 'ILLEGAL_TRANSITION', `appraisal ${command.n} needs no chasing`);
      break;
    case 'OPEN_RENEWAL':
      if (facts.renewal?.status === 'OPEN')
        return reject(facts, 'ILLEGAL_TRANSITION', 'a renewal case is already open for this clearance');
      if (facts.renewal?.status === 'GRANTED')
        return reject(facts, 'ILLEGAL_TRANSITION', 'the clearance has been renewed already');
      break;
    case 'RENEWAL_GRANTED':
    case 'RENEWAL_REFUSED':
    case 'RENEWAL_CLOSED':
      if (facts.renewal?.status !== 'OPEN' || facts.renewal.caseId !== command.caseId)
        return reject(facts, 'ILLEGAL_TRANSITION', `no open renewal case ${command.caseId}`);
      break;
    case 'RENEWAL_SUCCESSION':
      if (facts.renewal?.status !== 'OPEN' || facts.renewal.caseId !== command.caseId)
        return reject(facts, 'ILLEGAL_TRANSITION', `no open renewal case ${command.caseId}`);
      if (facts.renewal.successionAcceptedAt)
        return reject(
          facts,
          'ILLEGAL_TRANSITION',
          `the succession of renewal case ${command.caseId} is accepted already`,
        );
      break;
    case 'RENEWAL_SUCCESSION_LAPSED':
      if (!successionPending(facts) || facts.renewal?.caseId !== command.caseId)
        return reject(
          facts,
          'ILLEGAL_TRANSITION',
          `no succession of renewal case ${command.caseId} is pending`,
        );
      break;
    case 'TRANSFER_SPONSOR':
      if (command.toSponsorId === facts.sponsorId)
        return reject(facts, 'INVALID_COMMAND', 'toSponsorId is already the sponsor of this clearance');
      // No one sponsors their own clearance, as no one vets their own.
      if (command.toSponsorId === facts.holderId)
        return reject(facts, 'INVALID_COMMAND', 'the holder cannot sponsor their own clearance');
      break;
    default:
      break;
  }
  return { ok: true, from: facts.status, to: row.to };
}

/**
 * Whether the clearance has accepted its granted renewal's successor and awaits the case's outcome (our rule, the
 * clearance-held workflow being the one writer of the clearance's life): from then on it ends only as RENEWED,
 * and withdrawal, a leaver's lapse and expiry are refused (they are for the successor).
 */
export function successionPending(facts: Pick<ClearanceFacts, 'status' | 'renewal'>): boolean {
  return (
    !isEndedClearance(facts.status) &&
    facts.renewal?.status === 'OPEN' &&
    !!facts.renewal.successionAcceptedAt
  );
}

/**
 * Whether an action that would take the clearance to `to` is refused because its successor is pending: any end but
 * the renewal's own grant. The one statement of that rule, for the workflow's check and for what pages offer.
 */
function endHeldBySuccession(
  facts: Pick<ClearanceFacts, 'status' | 'renewal'>,
  action: ClearanceAction,
  to: ClearanceStatus,
): boolean {
  return successionPending(facts) && action !== 'RENEWAL_GRANTED' && isEndedClearance(to);
}

/**
 * Whether the clearance as it is now (its status and its renewal) takes `action` from `by`: the transition table's
 * row, less the ends a pending succession refuses. Pages offer an action on this (the clearance view carries the
 * status and the renewal); checkClearanceCommand then also checks the actor's identity, the input and four eyes.
 */
export function clearanceAllows(
  facts: Pick<ClearanceFacts, 'status' | 'renewal'>,
  action: ClearanceAction,
  by: ClearanceActor,
): boolean {
  const row = clearanceTransition(facts.status, action, by);
  return row !== undefined && !endHeldBySuccession(facts, action, row.to);
}

/** Actions the clearance accepts now, whoever asks: its status's rows, less the ends a pending succession refuses. */
export function clearanceActionsNow(facts: Pick<ClearanceFacts, 'status' | 'renewal'>): ClearanceAction[] {
  const rows = CLEARANCE_TRANSITIONS.filter(
    (t) => t.from === facts.status && !endHeldBySuccession(facts, t.action, t.to),
  );
  return [...new Set(rows.map((t) => t.action))];
}

/**
 * Whether a live clearance past its renewal date still holds (DOMAIN.md is silent; our rule): it stays valid
 * while a renewal case is open, until that case is decided, so a holder is never left uncleared by the vetting
 * service's own delay. Without an open renewal it expires at the renewal date.
 */
export function heldPastRenewalDate(facts: Pick<ClearanceFacts, 'status' | 'renewal'>): boolean {
  return !isEndedClearance(facts.status) && facts.renewal?.status === 'OPEN';
}

/**
 * The status a lookup answers: a live clearance past its renewal date reads EXPIRED (even before the workflow's
 * timer records it), unless an open renewal case holds it.
 */
export function lookupStatus(
  facts: Pick<ClearanceFacts, 'status' | 'renewal'>,
  pastRenewalDate: boolean,
): ClearanceStatus {
  if (!pastRenewalDate || isEndedClearance(facts.status) || heldPastRenewalDate(facts)) return facts.status;
  return 'EXPIRED';
}

/** Whether the line manager's part raises a concern (an explicit one, or conduct they cannot confirm). */
export function managerAppraisalConcern(c: { conductConfirmed: boolean; raisesConcern: boolean }): boolean {
  return c.raisesConcern || !c.conductConfirmed;
}

/**
 * Whose part of this year's appraisal is still outstanding, for the reminders: none once it is complete; on years
 * without parts, the holder's alone; the line manager's only while one is named.
 */
export function outstandingAppraisalParts(facts: Pick<ClearanceFacts, 'appraisal' | 'lineManagerId'>): {
  holder: boolean;
  lineManager: boolean;
} {
  const a = facts.appraisal;
  if (!a || a.status === 'SUBMITTED') return { holder: false, lineManager: false };
  if (!a.parts) return { holder: true, lineManager: false };
  return { holder: !a.parts.holder, lineManager: !!facts.lineManagerId && !a.parts.lineManager };
}

/**
 * Whether a review task may be assigned as asked (the rules of a case's assignment, on a task): an open task of
 * this clearance; an officer takes only an unassigned task, and only for themself (reassigning is a team lead's
 * call); never to its holder or sponsor; not to the officer who has it already. Returns why not, or null.
 */
export function reviewAssignmentProblem(
  facts: Pick<ClearanceFacts, 'tasks' | 'holderId' | 'sponsorId'>,
  command: { actor: ClearanceActorRef; taskId: string; officerId: string },
): { code: ClearanceRejectionCode; message: string } | null {
  const task = facts.tasks.find((t) => t.taskId === command.taskId);
  if (!task) return { code: 'TASK_NOT_FOUND', message: `no review task ${command.taskId}` };
  if (task.status !== 'OPEN')
    return { code: 'ILLEGAL_TRANSITION', message: `review task ${task.taskId} is closed already` };
  if (command.officerId === facts.holderId)
    return { code: 'INVALID_COMMAND', message: 'the officer holds this clearance' };
  if (facts.sponsorId !== null && command.officerId === facts.sponsorId)
    return { code: 'INVALID_COMMAND', message: 'the officer is the sponsor of this clearance' };
  if (task.assignee === command.officerId)
    return {
      code: 'ILLEGAL_TRANSITION',
      message: `review task ${task.taskId} is assigned to ${command.officerId} already`,
    };
  if (command.actor.as === 'VETTING_OFFICER') {
    if (command.officerId !== command.actor.subject)
      return {
        code: 'NOT_ASSIGNED_OFFICER',
        message: 'an officer may take a review task only for themself; a team lead assigns it to others',
      };
    if (task.assignee)
      return {
        code: 'NOT_ASSIGNED_OFFICER',
        message: `review task ${task.taskId} is assigned to another officer; only a team lead may reassign it`,
      };
  }
  return null;
}

/**
 * Whether an officer's referral awaits a senior adjudicator: from a review that referred the clearance until an
 * adjudicator leaves it valid or restores it, or it ends (the referral queue's own moves, adjudicationQueueMove).
 * State carried over from a run before referrals were kept has no `referredAt`: there a review that referred the
 * clearance is taken as still open, so such a referral can be closed rather than stay stuck.
 */
export function referralOpen(facts: Pick<ClearanceFacts, 'status' | 'tasks' | 'referredAt'>): boolean {
  if (isEndedClearance(facts.status)) return false;
  if (facts.referredAt !== undefined) return facts.referredAt !== null;
  return facts.tasks.some((t) => t.outcome === 'REFER_TO_ADJUDICATOR');
}
