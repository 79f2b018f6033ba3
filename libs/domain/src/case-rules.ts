import type { CaseCommand } from './case-commands';
import type { CaseAction, Stage } from './stage-model';
import { allowedActions, findTransition, isClosedStage } from './stage-model';

/** Why a command was refused. Each code maps to one HTTP status in the API's error filter. */
export type RejectionCode =
  | 'ILLEGAL_TRANSITION'
  | 'CASE_CLOSED'
  | 'STALE_STAGE'
  | 'NO_OFFICER_ASSIGNED'
  | 'NOT_ASSIGNED_OFFICER'
  | 'FOUR_EYES_VIOLATION'
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
}

/** An accepted command: the action it performs and the stage it leads to. */
export interface Accepted {
  action: CaseAction;
  from: Stage;
  to: Stage;
}

export type Verdict = { ok: true; accepted: Accepted } | { ok: false; rejection: Rejection };

const OFFICER_ACTIONS: readonly CaseAction[] = [
  'DECIDE_RESIDENCY_EXCEPTION',
  'ACCEPT_QUESTIONNAIRE',
  'RETURN_QUESTIONNAIRE',
  'COMPLETE_STAGE',
  'RECORD_RECOMMENDATION',
];

function reject(facts: CaseFacts, code: RejectionCode, message: string): Verdict {
  return {
    ok: false,
    rejection: { code, message, stage: facts.stage, allowedActions: allowedActions(facts.stage) },
  };
}

function outcomeOf(command: CaseCommand): string | undefined {
  switch (command.type) {
    case 'DECIDE_RESIDENCY_EXCEPTION':
      return command.decision;
    case 'RECORD_DECISION':
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
    case 'ACCEPT_QUESTIONNAIRE':
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

  const transition = findTransition(facts.stage, command.type, outcomeOf(command));
  if (!transition) {
    return reject(
      facts,
      'ILLEGAL_TRANSITION',
      `${command.type} is not allowed while the case is in ${facts.stage}`,
    );
  }

  if (OFFICER_ACTIONS.includes(command.type)) {
    if (!facts.assignee) {
      return reject(facts, 'NO_OFFICER_ASSIGNED', 'assign a vetting officer to the case before acting on it');
    }
    if (facts.assignee !== command.actor) {
      return reject(facts, 'NOT_ASSIGNED_OFFICER', 'only the officer assigned to the case may do this');
    }
  }

  if (command.type === 'RECORD_DECISION' && isInvestigator(facts, command.actor)) {
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
  if (OFFICER_ACTIONS.includes(command.type)) set.add(command.actor);
  // An officer assigned at DECISION is the adjudicator's queue owner, not an investigator.
  if (command.type === 'ASSIGN_OFFICER' && facts.stage !== 'DECISION') set.add(command.officerId);
  return [...set];
}
