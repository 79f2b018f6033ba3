import type { Principal, Role } from './roles';
import type { Stage } from './stage-model';
import { isClosedStage } from './stage-model';

/** How much of a case a principal may see. `null` means nothing — not even that the case exists. */
export type CaseView = 'FULL' | 'SPONSOR' | 'APPLICANT' | null;

/** The facts about a case that decide who may see it. */
export interface CaseAccessFacts {
  stage: Stage;
  assignee: string | null;
  team: string | null;
  sponsorId: string | null;
  applicantId: string | null;
}

const has = (p: Principal, role: Role): boolean => p.roles.includes(role);

/**
 * Need-to-know: officers see cases assigned to them, team leads their team's cases, adjudicators cases awaiting
 * a decision, sponsors the cases they sponsor (without findings), applicants their own case (coarse status).
 * HR analysts and auditors see no individual case. The widest view a principal's roles give wins.
 */
export function caseViewFor(principal: Principal, c: CaseAccessFacts): CaseView {
  if (has(principal, 'ADMIN')) return 'FULL';
  if (has(principal, 'VETTING_OFFICER') && c.assignee === principal.subject) return 'FULL';
  if (has(principal, 'TEAM_LEAD') && principal.team !== undefined && c.team === principal.team) return 'FULL';
  if (has(principal, 'SENIOR_ADJUDICATOR') && c.stage === 'DECISION') return 'FULL';
  if (has(principal, 'SPONSOR') && c.sponsorId === principal.subject) return 'SPONSOR';
  if (has(principal, 'APPLICANT') && c.applicantId === principal.subject) return 'APPLICANT';
  return null;
}

/** True when a case read falls outside the principal's own queue, so the audit trail needs a reason. */
export function readNeedsReason(principal: Principal, c: CaseAccessFacts): boolean {
  if (has(principal, 'VETTING_OFFICER') && c.assignee === principal.subject) return false;
  if (has(principal, 'TEAM_LEAD') && principal.team !== undefined && c.team === principal.team) return false;
  if (has(principal, 'SENIOR_ADJUDICATOR') && c.stage === 'DECISION') return false;
  if (has(principal, 'SPONSOR') && c.sponsorId === principal.subject) return false;
  if (has(principal, 'APPLICANT') && c.applicantId === principal.subject) return false;
  return true;
}

/** The applicant-facing status vocabulary: it never reveals the internal stage. */
export type ApplicantStatus = 'RECEIVED' | 'IN_PROGRESS' | 'ACTION_NEEDED' | 'DECISION_MADE' | 'CLOSED';

/** Maps the internal stage to what the applicant is told. */
export function applicantStatusFor(stage: Stage): ApplicantStatus {
  if (stage === 'ELIGIBILITY_SCREENING') return 'RECEIVED';
  if (stage === 'QUESTIONNAIRE') return 'ACTION_NEEDED';
  if (stage === 'WITHDRAWN' || stage === 'LAPSED') return 'CLOSED';
  if (isClosedStage(stage)) return 'DECISION_MADE';
  return 'IN_PROGRESS';
}
