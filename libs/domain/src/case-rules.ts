import type { CaseCommand, CaseCommandType, SystemCommand } from './case-commands';
import type { CaseTask } from './case-tasks';
import { allTasksSettled } from './case-tasks';
import type { CaseAction, Stage } from './stage-model';
import type { BaselineState } from './baseline/baseline.types';
import { allowedActions, findTransition, isAssignedOfficerAction, isClosedStage } from './stage-model';

/** Why a command was refused. Each code maps to one HTTP status in the API's error filter. */
export type RejectionCode =
  | 'ILLEGAL_TRANSITION'
  | 'CASE_CLOSED'
  | 'STALE_STAGE'
  | 'NO_OFFICER_ASSIGNED'
  | 'NOT_ASSIGNED_OFFICER'
  | 'FOUR_EYES_VIOLATION'
  | 'QUESTIONNAIRE_NOT_SUBMITTED'
  | 'BASELINE_NOT_SUBMITTED'
  | 'TASK_NOT_FOUND'
  | 'OPEN_TASKS_REMAIN'
  | 'INVALID_COMMAND';

/** A refused command: what was wrong, where the case is, and what it would accept instead. */
export interface Rejection {
  code: RejectionCode;
  message: string;
  stage: Stage;
  allowedActions: CaseAction[];
}

/** The facts about a case that the rules need; a projection of the workflow state. */
export interface CaseFacts {
  stage: Stage;
  assignee: string | null;
  /** Officers who acted on the case before the decision; none of them may decide it. */
  investigatingOfficers: readonly string[];
  /**
   * Which rule set the case runs under. 'v1' cases (started before the DV stages were built) let officers move
   * stages by hand; 'v2' cases need a submitted questionnaire, automated checks and closed tasks.
   */
  rules?: 'v1' | 'v2';
  applicantId?: string | null;
  /** On a case held for sponsorship: the sponsor (opaque user id) the application named, who alone may answer. */
  requestedSponsorId?: string | null;
  questionnaire?: { status: 'AWAITING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED'; version: number };
  tasks?: readonly CaseTask[];
  /** Record checks still waiting for a result. */
  pendingChecks?: number;
  /** The stage clock, when the case has one. */
  clock?: { pausedSince: string | null } | null;
  /** Present when the case runs baseline (BPSS) checks before the questionnaire. */
  baseline?: Pick<BaselineState, 'status'> | null;
}

/** An accepted command: the action it performs and the stage it leads to. */
export interface Accepted {
  action: CaseAction;
  from: Stage;
  to: Stage;
}

export type Verdict = { ok: true; accepted: Accepted } | { ok: false; rejection: Rejection };

function reject(facts: CaseFacts, code: RejectionCode, message: string): Verdict {
  return {
    ok: false,
    rejection: { code, message, stage: facts.stage, allowedActions: allowedActions(facts.stage, facts) },
  };
}

function outcomeOf(command: CaseCommand): string | undefined {
  switch (command.type) {
    case 'DECIDE_RESIDENCY_EXCEPTION':
      return command.decision;
    case 'RECORD_DECISION':
    case 'RECORD_BASELINE_OUTCOME':
      return command.outcome;
    default:
      return undefined;
  }
}

function contentProblem(command: CaseCommand): string | null {
  const blank = (s: string | undefined): boolean => s === undefined || s.trim().length === 0;
  switch (command.type) {
    case 'ASSIGN_OFFICER':
      return blank(command.officerId) ? 'officerId must not be empty' : null;
    case 'DECIDE_RESIDENCY_EXCEPTION':
      return blank(command.notes) ? 'a residency exception decision needs notes explaining it' : null;
    case 'RETURN_QUESTIONNAIRE':
      return command.items.length === 0
        ? 'a returned questionnaire must list at least one item to fix'
        : null;
    case 'COMPLETE_STAGE':
      return blank(command.outcome) ? 'outcome must not be empty' : null;
    case 'RECORD_RECOMMENDATION':
      if (blank(command.assessment)) return 'a recommendation needs an assessment';
      if (command.recommendation === 'GRANT_WITH_CONDITIONS' && !command.conditions?.length)
        return 'GRANT_WITH_CONDITIONS needs at least one proposed condition';
      return null;
    case 'RECORD_DECISION':
      if (command.outcome === 'GRANTED_WITH_CONDITIONS' && !command.conditions?.length)
        return 'GRANTED_WITH_CONDITIONS needs at least one condition';
      if (
        command.outcome === 'REFUSED' &&
        !command.disclosableReasons?.length &&
        !command.nonDisclosableReasons?.length
      )
        return 'a refusal needs reasons';
      return null;
    case 'WITHDRAW':
      return blank(command.reason) ? 'a withdrawal needs a reason' : null;
    case 'DECLINE_SPONSORSHIP':
      return blank(command.reason) ? 'declining a sponsorship request needs a reason' : null;
    case 'OPEN_TASK':
      if (blank(command.title)) return 'a task needs a title';
      // Medical input is only ever sought with the applicant's recorded consent.
      if (command.kind === 'MEDICAL' && command.details.consent !== true)
        return "medical input needs the applicant's consent (details.consent = true)";
      return null;
    case 'CLOSE_TASK':
      return blank(command.outcome) ? 'closing a task needs an outcome' : null;
    case 'WAIVE_TASK':
      return blank(command.reason) ? 'waiving a task needs a reason' : null;
    case 'SUBSTITUTE_REFEREE':
      return blank(command.reason) || blank(command.title)
        ? 'a substitute referee needs a name and a reason'
        : null;
    case 'RETURN_TO_INVESTIGATION':
      return command.reasons.length === 0 ? 'sending a case back needs reasons' : null;
    case 'PAUSE_CLOCK':
    case 'EXTEND_DEADLINE':
      if (blank(command.reason)) return 'say why';
      if (command.type === 'EXTEND_DEADLINE' && !(command.by > 0))
        return 'an extension must be a positive amount';
      return null;
    case 'RECORD_BASELINE_OUTCOME':
      if (command.outcome === 'NEEDS_INFORMATION' && !command.missingItems?.some((i) => !blank(i)))
        return 'asking for more information needs at least one missing item';
      if (command.outcome === 'FAIL' && blank(command.notes))
        return 'a failed baseline check needs notes saying why';
      return null;
    case 'SUBMIT_QUESTIONNAIRE':
    case 'SUBMIT_BASELINE':
    case 'UPDATE_TASK':
    case 'ACCEPT_QUESTIONNAIRE':
    case 'RESUME_CLOCK':
    case 'CONFIRM_SPONSORSHIP':
      return null;
  }
}

/** The baseline (BPSS) rules on top of the table: the applicant's own declaration, an outcome only on one. */
function baselineProblem(
  facts: CaseFacts,
  command: CaseCommand,
): { code: RejectionCode; message: string } | null {
  const status = facts.baseline?.status ?? 'AWAITING';
  switch (command.type) {
    case 'SUBMIT_BASELINE':
      if (facts.applicantId && command.actor !== facts.applicantId)
        return { code: 'NOT_ASSIGNED_OFFICER', message: 'only the applicant may submit their declaration' };
      return status === 'SUBMITTED'
        ? { code: 'ILLEGAL_TRANSITION', message: 'the declaration is already submitted and awaiting review' }
        : null;
    case 'RECORD_BASELINE_OUTCOME':
      if (status !== 'SUBMITTED')
        return {
          code: 'BASELINE_NOT_SUBMITTED',
          message: 'there is no submitted declaration awaiting review',
        };
      // The officer sees the record check's result before passing the applicant.
      if (command.outcome === 'PASS' && (facts.pendingChecks ?? 0) > 0)
        return { code: 'OPEN_TASKS_REMAIN', message: 'the baseline record check has no result yet' };
      return null;
    default:
      return null;
  }
}

/**
 * A case held for sponsorship is answered only by the sponsor its application named; the applicant, not that
 * sponsor (who does not sponsor the case yet), is the one who may withdraw it.
 */
export function sponsorshipProblem(facts: CaseFacts, command: CaseCommand): string | null {
  if (facts.stage !== 'AWAITING_SPONSOR') return null;
  if (command.type === 'CONFIRM_SPONSORSHIP' || command.type === 'DECLINE_SPONSORSHIP') {
    return facts.requestedSponsorId && command.actor === facts.requestedSponsorId
      ? null
      : 'only the sponsor the application names may answer its sponsorship request';
  }
  if (command.type === 'WITHDRAW' && command.requestedBy !== 'APPLICANT')
    return 'a sponsor declines a sponsorship request rather than withdrawing it';
  return null;
}

function clockRuleProblem(facts: CaseFacts, command: CaseCommand): string | null {
  if (command.type !== 'PAUSE_CLOCK' && command.type !== 'RESUME_CLOCK' && command.type !== 'EXTEND_DEADLINE')
    return null;
  // Cases without a clock have no clock rows in the table, so these commands never get this far for them.
  if (command.type === 'PAUSE_CLOCK' && facts.clock?.pausedSince) return 'the clock is already paused';
  if (command.type === 'RESUME_CLOCK' && !facts.clock?.pausedSince) return 'the clock is not paused';
  return null;
}

/** Task commands need an open task of the right kind, whatever the rule set (a v1 case can have tasks too). */
function taskProblem(
  facts: CaseFacts,
  command: CaseCommand,
): { code: RejectionCode; message: string } | null {
  switch (command.type) {
    case 'UPDATE_TASK':
    case 'CLOSE_TASK':
    case 'WAIVE_TASK':
    case 'SUBSTITUTE_REFEREE': {
      const task = (facts.tasks ?? []).find((t) => t.id === command.taskId);
      if (!task) return { code: 'TASK_NOT_FOUND', message: `the case has no task ${command.taskId}` };
      if (task.status !== 'OPEN')
        return { code: 'ILLEGAL_TRANSITION', message: `task ${task.id} is already ${task.status}` };
      if (command.type === 'SUBSTITUTE_REFEREE' && task.kind !== 'REFEREE')
        return { code: 'INVALID_COMMAND', message: `task ${task.id} is not a referee enquiry` };
      if (facts.stage === 'RECORD_CHECKS' && task.kind !== 'CHECK_REVIEW')
        return {
          code: 'ILLEGAL_TRANSITION',
          message: 'only check reviews can be worked during record checks',
        };
      return null;
    }
    default:
      return null;
  }
}

/** The v2 (DV in depth) rules that sit on top of the transition table. */
function dvRuleProblem(
  facts: CaseFacts,
  command: CaseCommand,
): { code: RejectionCode; message: string } | null {
  const tasks = facts.tasks ?? [];
  const questionnaire = facts.questionnaire?.status ?? 'AWAITING';
  switch (command.type) {
    case 'SUBMIT_QUESTIONNAIRE':
      if (facts.applicantId && command.actor !== facts.applicantId)
        return { code: 'NOT_ASSIGNED_OFFICER', message: 'only the applicant may submit their questionnaire' };
      return questionnaire === 'SUBMITTED'
        ? {
            code: 'ILLEGAL_TRANSITION',
            message: 'the questionnaire is already submitted and awaiting review',
          }
        : null;
    case 'ACCEPT_QUESTIONNAIRE':
    case 'RETURN_QUESTIONNAIRE':
      return questionnaire === 'SUBMITTED'
        ? null
        : {
            code: 'QUESTIONNAIRE_NOT_SUBMITTED',
            message: 'there is no submitted questionnaire awaiting review',
          };
    case 'COMPLETE_STAGE':
      if (facts.stage === 'RECORD_CHECKS' && (facts.pendingChecks ?? 0) > 0)
        return {
          code: 'OPEN_TASKS_REMAIN',
          message: `${facts.pendingChecks} record checks have no result yet`,
        };
      return allTasksSettled(tasks)
        ? null
        : { code: 'OPEN_TASKS_REMAIN', message: 'close or waive (with a reason) every open task first' };
    default:
      return null;
  }
}

/**
 * Decides whether a command may be applied to a case, without changing anything. The workflow's update
 * validators call this, so an illegal command is refused before it reaches the workflow history.
 */
export function evaluateCommand(facts: CaseFacts, command: CaseCommand): Verdict {
  if (isClosedStage(facts.stage)) {
    return reject(
      facts,
      'CASE_CLOSED',
      `the case is closed (${facts.stage}); no further actions are possible`,
    );
  }
  const problem = contentProblem(command);
  if (problem) return reject(facts, 'INVALID_COMMAND', problem);

  if (command.type === 'COMPLETE_STAGE' && command.stage !== facts.stage) {
    return reject(
      facts,
      'STALE_STAGE',
      `you asked to complete ${command.stage} but the case is now in ${facts.stage}; reload and try again`,
    );
  }

  const transition = findTransition(facts.stage, command.type, outcomeOf(command), facts);
  if (!transition || !transition.by.some((actor) => actor !== 'SYSTEM')) {
    return reject(
      facts,
      'ILLEGAL_TRANSITION',
      `${command.type} is not allowed while the case is in ${facts.stage}${whyNot(facts, command.type)}`,
    );
  }

  const sponsorship = sponsorshipProblem(facts, command);
  if (sponsorship) return reject(facts, 'NOT_ASSIGNED_OFFICER', sponsorship);

  if (isAssignedOfficerAction(command.type)) {
    if (!facts.assignee) {
      return reject(facts, 'NO_OFFICER_ASSIGNED', 'assign a vetting officer to the case before acting on it');
    }
    if (facts.assignee !== command.actor) {
      return reject(facts, 'NOT_ASSIGNED_OFFICER', 'only the officer assigned to the case may do this');
    }
  }

  const clockProblem = clockRuleProblem(facts, command);
  if (clockProblem) return reject(facts, 'ILLEGAL_TRANSITION', clockProblem);

  const task = taskProblem(facts, command);
  if (task) return reject(facts, task.code, task.message);

  if (facts.rules === 'v2') {
    const problem = dvRuleProblem(facts, command);
    if (problem) return reject(facts, problem.code, problem.message);
  }
  const baseline = baselineProblem(facts, command);
  if (baseline) return reject(facts, baseline.code, baseline.message);

  if (
    (command.type === 'RECORD_DECISION' || command.type === 'RETURN_TO_INVESTIGATION') &&
    isInvestigator(facts, command.actor)
  ) {
    return reject(
      facts,
      'FOUR_EYES_VIOLATION',
      'the decision must be made by a senior adjudicator who did not investigate the case',
    );
  }

  return { ok: true, accepted: { action: transition.action, from: facts.stage, to: transition.to } };
}

function isInvestigator(facts: CaseFacts, actor: string): boolean {
  return facts.investigatingOfficers.includes(actor);
}

/** The investigating-officer set after an accepted command (officer actions make their actor an investigator). */
export function investigatorsAfter(facts: CaseFacts, command: CaseCommand): string[] {
  const set = new Set(facts.investigatingOfficers);
  if (isAssignedOfficerAction(command.type)) set.add(command.actor);
  // An officer assigned at DECISION is the adjudicator's queue owner, not an investigator.
  if (command.type === 'ASSIGN_OFFICER' && facts.stage !== 'DECISION') set.add(command.officerId);
  return [...set];
}

/** A hint for an action the table has for the stage but not for this kind of case. */
function whyNot(facts: CaseFacts, action: CaseAction): string {
  if (!findTransition(facts.stage, action, undefined)) return '';
  if (action === 'PAUSE_CLOCK' || action === 'RESUME_CLOCK' || action === 'EXTEND_DEADLINE')
    return ': this case has no stage clock';
  return ' under the rules this case runs on';
}

/**
 * Decides whether the workflow may make a move by itself now: a `SYSTEM` row of the table must allow it, and
 * record checks end only once every check has a result and every check review is settled.
 */
export function evaluateSystemCommand(facts: CaseFacts, command: SystemCommand): Verdict {
  if (isClosedStage(facts.stage)) {
    return reject(facts, 'CASE_CLOSED', `the case is closed (${facts.stage})`);
  }
  const transition = findTransition(facts.stage, command.type, undefined, facts);
  if (!transition || !transition.by.includes('SYSTEM')) {
    return reject(facts, 'ILLEGAL_TRANSITION', `${command.type} is not possible in ${facts.stage}`);
  }
  if (command.type === 'COMPLETE_RECORD_CHECKS') {
    if ((facts.pendingChecks ?? 0) > 0)
      return reject(facts, 'OPEN_TASKS_REMAIN', `${facts.pendingChecks} record checks have no result yet`);
    if (!allTasksSettled(facts.tasks ?? [], ['CHECK_REVIEW']))
      return reject(facts, 'OPEN_TASKS_REMAIN', 'a check review is still open');
  }
  return { ok: true, accepted: { action: transition.action, from: facts.stage, to: transition.to } };
}

// A principal who neither investigated the case nor is anyone in particular, for probing the rules.
const PROBE = 'probe:not-a-principal';

/**
 * The commands that stand for "someone may do this now": each with the right actor (the assigned officer, the
 * applicant, an adjudicator who did not investigate) and valid content, one per open task for task actions.
 */
function probesFor(action: CaseCommandType, facts: CaseFacts): CaseCommand[] {
  const officer = facts.assignee ?? PROBE;
  const openTasks = (facts.tasks ?? []).filter((t) => t.status === 'OPEN').map((t) => t.id);
  switch (action) {
    case 'ASSIGN_OFFICER':
      return [{ type: action, actor: PROBE, officerId: PROBE }];
    case 'DECIDE_RESIDENCY_EXCEPTION':
      return [{ type: action, actor: officer, decision: 'ALLOW', notes: PROBE }];
    case 'SUBMIT_QUESTIONNAIRE':
      return [{ type: action, actor: facts.applicantId ?? PROBE, content: {} }];
    case 'ACCEPT_QUESTIONNAIRE':
    case 'RESUME_CLOCK':
      return [{ type: action, actor: officer }];
    case 'RETURN_QUESTIONNAIRE':
      return [{ type: action, actor: officer, items: [PROBE] }];
    case 'COMPLETE_STAGE':
      return isClosedStage(facts.stage)
        ? []
        : [{ type: action, actor: officer, stage: facts.stage, outcome: PROBE }];
    case 'OPEN_TASK':
      return [{ type: action, actor: officer, kind: 'ENQUIRY', title: PROBE, details: {} }];
    case 'UPDATE_TASK':
      return openTasks.map((taskId) => ({ type: action, actor: officer, taskId, details: {} }));
    case 'CLOSE_TASK':
      return openTasks.map((taskId) => ({ type: action, actor: officer, taskId, outcome: PROBE }));
    case 'WAIVE_TASK':
      return openTasks.map((taskId) => ({ type: action, actor: officer, taskId, reason: PROBE }));
    case 'SUBSTITUTE_REFEREE':
      return openTasks.map((taskId) => ({
        type: action,
        actor: officer,
        taskId,
        title: PROBE,
        details: {},
        reason: PROBE,
      }));
    case 'RECORD_RECOMMENDATION':
      return [{ type: action, actor: officer, recommendation: 'GRANT', assessment: PROBE }];
    case 'RETURN_TO_INVESTIGATION':
      return [{ type: action, actor: PROBE, reasons: [PROBE] }];
    case 'RECORD_DECISION':
      return [{ type: action, actor: PROBE, outcome: 'GRANTED' }];
    case 'WITHDRAW':
      return [{ type: action, actor: PROBE, requestedBy: 'APPLICANT', reason: PROBE }];
    case 'PAUSE_CLOCK':
      return [{ type: action, actor: officer, waitingOn: 'APPLICANT', reason: PROBE }];
    case 'EXTEND_DEADLINE':
      return [{ type: action, actor: PROBE, by: 1, reason: PROBE }];
    case 'SUBMIT_BASELINE':
      return [{ type: action, actor: facts.applicantId ?? PROBE, declaration: {} }];
    case 'RECORD_BASELINE_OUTCOME':
      return [{ type: action, actor: officer, outcome: 'NEEDS_INFORMATION', missingItems: [PROBE] }];
    case 'CONFIRM_SPONSORSHIP':
      return [{ type: action, actor: facts.requestedSponsorId ?? PROBE }];
    case 'DECLINE_SPONSORSHIP':
      return [{ type: action, actor: facts.requestedSponsorId ?? PROBE, reason: PROBE }];
  }
}

/**
 * The actions the case would accept right now from someone entitled to them: an action offered is an action
 * accepted. Computed by asking evaluateCommand itself, so it cannot drift from the rules.
 */
export function availableActions(facts: CaseFacts): CaseAction[] {
  return allowedActions(facts.stage, facts).filter((action) =>
    probesFor(action as CaseCommandType, facts).some((probe) => evaluateCommand(facts, probe).ok),
  );
}
