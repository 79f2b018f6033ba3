import { partyTo } from './conflict-of-interest';
import type { BaselineState } from './baseline/baseline.types';
import type { Principal, Role } from './roles';
import type { CaseAction, Stage } from './stage-model';
import { isClosedStage, rolesFor } from './stage-model';

/** How much of a case a principal may see. `null` means nothing — not even that the case exists. */
export type CaseView = 'FULL' | 'SPONSOR' | 'APPLICANT' | null;

/** The facts about a case that decide who may see it. */
export interface CaseAccessFacts {
  stage: Stage;
  assignee: string | null;
  team: string | null;
  sponsorId: string | null;
  applicantId: string | null;
  /** The sponsor a case held in AWAITING_SPONSOR names (see isRequestedSponsor). */
  requestedSponsorId?: string | null;
}

const has = (p: Principal, role: Role): boolean => p.roles.includes(role);

/**
 * Need-to-know: officers see cases assigned to them, team leads their team's cases, adjudicators cases awaiting
 * a decision, sponsors the cases they sponsor (without findings), applicants their own case (coarse status).
 * HR analysts and auditors see no individual case. The widest view a principal's roles give wins, except that
 * the applicant or sponsor of a case sees it only as that party, whatever staff roles they also hold.
 */
export function caseViewFor(principal: Principal, c: CaseAccessFacts): CaseView {
  const party = partyTo(principal.subject, c);
  if (party !== null) return has(principal, party) ? party : null;
  if (has(principal, 'ADMIN')) return 'FULL';
  if (has(principal, 'VETTING_OFFICER') && c.assignee === principal.subject) return 'FULL';
  if (has(principal, 'TEAM_LEAD') && principal.team !== undefined && c.team === principal.team) return 'FULL';
  if (has(principal, 'SENIOR_ADJUDICATOR') && c.stage === 'DECISION') return 'FULL';
  if (has(principal, 'SPONSOR') && c.sponsorId === principal.subject) return 'SPONSOR';
  if (has(principal, 'SPONSOR') && isRequestedSponsor(principal, c)) return 'SPONSOR';
  if (has(principal, 'APPLICANT') && c.applicantId === principal.subject) return 'APPLICANT';
  return null;
}

/**
 * The sponsor a held case names sees it (as a sponsor: stage and dates, no findings) while it waits for their
 * answer, and no other sponsor does: a case nobody sponsors yet is not every sponsor's business.
 */
export function isRequestedSponsor(principal: Principal, c: CaseAccessFacts): boolean {
  return (
    c.stage === 'AWAITING_SPONSOR' && !!c.requestedSponsorId && c.requestedSponsorId === principal.subject
  );
}

/**
 * The cases a principal's list shows: the list equivalent of caseViewFor's FULL view. `all` for an admin;
 * otherwise the union of the queues their roles give (none: an empty list); never a case `party` is the
 * applicant or sponsor of (see partyTo).
 */
export interface QueueScope {
  party: string;
  all: boolean;
  assignee: string | null;
  team: string | null;
  stage: Stage | null;
}

/** The queues a principal works from (see caseViewFor: only FULL views list cases). */
export function queueScopeFor(principal: Principal): QueueScope {
  return {
    party: principal.subject,
    all: has(principal, 'ADMIN'),
    assignee: has(principal, 'VETTING_OFFICER') ? principal.subject : null,
    team: has(principal, 'TEAM_LEAD') && principal.team !== undefined ? principal.team : null,
    stage: has(principal, 'SENIOR_ADJUDICATOR') ? 'DECISION' : null,
  };
}

/** True when a case read falls outside the principal's own queue, so the audit trail needs a reason. */
export function readNeedsReason(principal: Principal, c: CaseAccessFacts): boolean {
  if (partyTo(principal.subject, c) !== null) return false;
  if (has(principal, 'VETTING_OFFICER') && c.assignee === principal.subject) return false;
  if (has(principal, 'TEAM_LEAD') && principal.team !== undefined && c.team === principal.team) return false;
  if (has(principal, 'SENIOR_ADJUDICATOR') && c.stage === 'DECISION') return false;
  if (has(principal, 'SPONSOR') && c.sponsorId === principal.subject) return false;
  if (has(principal, 'SPONSOR') && isRequestedSponsor(principal, c)) return false;
  if (has(principal, 'APPLICANT') && c.applicantId === principal.subject) return false;
  return true;
}

/** The applicant-facing status vocabulary: it never reveals the internal stage. */
export const APPLICANT_STATUSES = [
  'WAITING_FOR_SPONSOR',
  'RECEIVED',
  'IN_PROGRESS',
  'ACTION_NEEDED',
  'DECISION_MADE',
  'CLOSED',
] as const;
export type ApplicantStatus = (typeof APPLICANT_STATUSES)[number];

/**
 * Maps the internal stage to what the applicant is told. In the questionnaire stage the ball is in the
 * applicant's court until they submit; once submitted (and not returned) it is with the vetting team.
 */
export function applicantStatusFor(
  stage: Stage,
  questionnaireStatus?: 'AWAITING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED',
  baselineStatus?: BaselineState['status'],
): ApplicantStatus {
  if (stage === 'AWAITING_SPONSOR') return 'WAITING_FOR_SPONSOR';
  if (stage === 'ELIGIBILITY_SCREENING') return 'RECEIVED';
  if (stage === 'BASELINE_CHECKS') return baselineStatus === 'SUBMITTED' ? 'IN_PROGRESS' : 'ACTION_NEEDED';
  if (stage === 'QUESTIONNAIRE') return questionnaireStatus === 'SUBMITTED' ? 'IN_PROGRESS' : 'ACTION_NEEDED';
  if (stage === 'WITHDRAWN' || stage === 'LAPSED') return 'CLOSED';
  if (isClosedStage(stage)) return 'DECISION_MADE';
  return 'IN_PROGRESS';
}

/** The view of a case each role's relation to it gives (see caseViewFor); null: the role never sees a case. */
const VIEW_OF_ROLE: Readonly<Record<Role, CaseView>> = {
  VETTING_OFFICER: 'FULL',
  TEAM_LEAD: 'FULL',
  SENIOR_ADJUDICATOR: 'FULL',
  ADMIN: 'FULL',
  SPONSOR: 'SPONSOR',
  APPLICANT: 'APPLICANT',
  HR_ANALYST: null,
  AUDITOR: null,
  PANEL_SECRETARY: null,
  // A line manager acts on the clearances they manage only (aftercare), never on a vetting case.
  LINE_MANAGER: null,
};

/** Which views of a case may issue an action: those of the roles the transition table names for it. */
export function viewsThatMayAct(action: CaseAction): Exclude<CaseView, null>[] {
  const views = new Set<Exclude<CaseView, null>>();
  for (const role of rolesFor(action)) {
    const view = VIEW_OF_ROLE[role];
    if (view) views.add(view);
  }
  return [...views];
}
