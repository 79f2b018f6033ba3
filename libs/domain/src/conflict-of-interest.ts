import type { Principal, Role } from './roles';
import type { CaseAction } from './stage-model';

/** Who a case is about and who prepared it: the facts conflict-of-interest rules need. */
export interface CaseParticipants {
  applicantId: string | null;
  sponsorId: string | null;
  /** Officers who acted on the case before the decision (the workflow keeps this set). */
  investigatingOfficers?: readonly string[];
  /** Staff who assigned an officer to the case (from its history). */
  assignedBy?: readonly string[];
}

/** The party a person is to a case: its applicant, its sponsor, or neither (null). */
export type CaseParty = 'APPLICANT' | 'SPONSOR' | null;

/** Actions that decide a case: the second pair of eyes. */
const DECIDING_ACTIONS: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'RECORD_DECISION',
  'RETURN_TO_INVESTIGATION',
]);

/** True for the actions that decide a case, to which the four-eyes rule applies. */
export function isDecidingAction(action: CaseAction): boolean {
  return DECIDING_ACTIONS.has(action);
}

/**
 * Whether the person is the applicant or sponsor of the case. A party sees the case only as that party, never
 * through a staff role they also hold: nobody reads or decides their own (or their sponsored person's) vetting.
 */
export function partyTo(subject: string, c: CaseParticipants): CaseParty {
  if (c.applicantId !== null && c.applicantId === subject) return 'APPLICANT';
  if (c.sponsorId !== null && c.sponsorId === subject) return 'SPONSOR';
  return null;
}

/**
 * Four eyes, whatever staff role the decider holds: nobody who assigned the case or investigated it may decide
 * it or send it back. Returns why not, or null when the action is no conflict. A team lead who is also an
 * adjudicator may therefore not decide a case they assigned.
 */
export function fourEyesConflict(
  principal: Principal,
  action: CaseAction,
  c: CaseParticipants,
): string | null {
  if (!DECIDING_ACTIONS.has(action)) return null;
  if (partyTo(principal.subject, c) !== null) return 'you are a party to this case, so you may not decide it';
  if ((c.investigatingOfficers ?? []).includes(principal.subject))
    return 'the decision must be made by someone who did not investigate the case';
  if ((c.assignedBy ?? []).includes(principal.subject))
    return 'the decision must be made by someone who did not assign the case';
  return null;
}

/**
 * Whether a person may be assigned as the officer on a case: never its applicant or sponsor. Returns why not,
 * or null.
 */
export function assignmentConflict(officerId: string, c: CaseParticipants): string | null {
  const party = partyTo(officerId, c);
  if (party === 'APPLICANT') return 'the officer is the applicant on this case';
  if (party === 'SPONSOR') return 'the officer is the sponsor of this case';
  return null;
}

/** A member of staff as the staff directory knows them: the facts an assignment is checked against. */
export interface StaffMemberFacts {
  userId: string;
  roles: readonly Role[];
  team: string | null;
}

/**
 * Whether `officerId` may be assigned to a case of `caseTeam` with these parties, given what the staff directory
 * holds for them (null: nobody by that id). Never a party to the case; only an existing vetting officer; of the
 * case's team when it has one. Returns why not, naming the problem, or null. A typo (`offcer-1`) is "no such
 * officer", never a silently accepted assignment nobody can work.
 */
export function assigneeProblem(
  officerId: string,
  officer: StaffMemberFacts | null,
  c: CaseParticipants & { team: string | null },
): string | null {
  const conflict = assignmentConflict(officerId, c);
  if (conflict) return conflict;
  if (officer === null) return `no such officer: ${officerId} is not in the staff directory`;
  if (!officer.roles.includes('VETTING_OFFICER')) return `${officerId} is not a vetting officer`;
  if (c.team !== null && officer.team !== c.team)
    return `${officerId} is not an officer of this case's team (${c.team})`;
  return null;
}
