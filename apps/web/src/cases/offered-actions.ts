import { isAssignedOfficerAction, rolesFor } from '../../../../libs/domain/src';
import type { CaseAction, Principal } from '../../../../libs/domain/src';

/** The parts of a case that decide what is offered. */
export interface OfferFacts {
  allowedActions: readonly CaseAction[];
  assignee: string | null;
  investigatingOfficers: readonly string[];
}

/** Actions an adjudicator may take only on a case they did not investigate (four eyes). */
const FOUR_EYES: readonly CaseAction[] = ['RECORD_DECISION', 'RETURN_TO_INVESTIGATION'];

/**
 * The actions to offer this person on this case: what the API says the case accepts now (`allowedActions`),
 * narrowed to what the person may do: a role the transition table allows, the assigned officer for officer
 * actions, and never a decision on a case they investigated. The API checks all of this again on the way in.
 */
export function offeredActions(facts: OfferFacts, user: Pick<Principal, 'subject' | 'roles'>): CaseAction[] {
  return facts.allowedActions.filter((action) => {
    const roles = rolesFor(action).filter((role) => user.roles.includes(role));
    if (roles.length === 0) return false;
    if (isAssignedOfficerAction(action) && roles.every((r) => r === 'VETTING_OFFICER')) {
      if (facts.assignee !== user.subject) return false;
    }
    if (FOUR_EYES.includes(action) && facts.investigatingOfficers.includes(user.subject)) return false;
    return true;
  });
}
