import type { StaffMemberFacts } from '../conflict-of-interest';

/** Who a review task is for, as the queue's filter asks: the caller, nobody yet, or anyone (no filter). */
export const REVIEW_ASSIGNEE_FILTERS = ['me', 'none'] as const;
export type ReviewAssigneeFilter = (typeof REVIEW_ASSIGNEE_FILTERS)[number];

/**
 * Whether `officerId` may be assigned a clearance's review task, given what the staff directory holds for them
 * (null: nobody by that id), as a case's assignee is checked (`assigneeProblem`): never the clearance's holder or
 * sponsor; only an existing vetting officer; of the team lead's team when a team lead assigns (`team`; null when
 * an officer takes the task themself, since review tasks belong to no team). Returns why not, or null. A typo
 * (`offcer-1`) is "no such officer", never an assignment nobody can work.
 */
export function reviewAssigneeProblem(
  officerId: string,
  officer: StaffMemberFacts | null,
  c: { holderId: string; sponsorId: string | null; team: string | null },
): string | null {
  if (officerId === c.holderId) return 'the officer holds this clearance';
  if (c.sponsorId !== null && officerId === c.sponsorId)
    return 'the officer is the sponsor of this clearance';
  if (officer === null) return `no such officer: ${officerId} is not in the staff directory`;
  if (!officer.roles.includes('VETTING_OFFICER')) return `${officerId} is not a vetting officer`;
  if (c.team !== null && officer.team !== c.team)
    return `${officerId} is not an officer of your team (${c.team})`;
  return null;
}
