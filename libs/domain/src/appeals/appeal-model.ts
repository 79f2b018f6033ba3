import type { Role } from '../roles';

/**
 * Appeals and complaints (issue 12): a member of staff whose clearance is refused or withdrawn appeals, first
 * internally and then, if still refused, to the independent panel; a recruit (refused, never cleared) may only
 * complain. Like the case's stage model, this table is the single source of the appeal workflow's validators and
 * of the API's route roles.
 */

/** An appeal goes to the internal hearing and then perhaps the panel; a complaint gets an answer. */
export const APPEAL_KINDS = ['APPEAL', 'COMPLAINT'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** What is appealed against: a refusal of clearance (a vetting case's decision) or a withdrawal of one. */
export const APPEAL_GROUNDS = ['REFUSAL', 'WITHDRAWAL'] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

/** Statuses of an appeal or complaint (the staff vocabulary; appellants see appealStatusForAppellant). */
export const APPEAL_STATUSES = [
  'INTERNAL_REVIEW',
  'OVERTURNED',
  'UPHELD',
  'PANEL_REGISTERED',
  'PANEL_ACKNOWLEDGED',
  'PANEL_DECIDED',
  'CLOSED',
  'COMPLAINT_OPEN',
  'COMPLAINT_ANSWERED',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Statuses after which nothing more happens. */
export const FINAL_APPEAL_STATUSES: readonly AppealStatus[] = [
  'OVERTURNED',
  'PANEL_DECIDED',
  'CLOSED',
  'COMPLAINT_ANSWERED',
];

export function isFinalAppeal(status: AppealStatus): boolean {
  return FINAL_APPEAL_STATUSES.includes(status);
}

/** Everything that can happen to an appeal or complaint. */
export const APPEAL_ACTIONS = [
  'UPHOLD',
  'OVERTURN',
  'REGISTER_INTENT',
  'ACKNOWLEDGE',
  'NAME_SECRETARY',
  'SUBMIT_STATEMENT',
  'EXTEND_DEADLINE',
  'RECORD_RECOMMENDATION',
  'ANSWER_COMPLAINT',
  'WINDOW_CLOSED',
  'ACKNOWLEDGEMENT_OVERDUE',
  'STATEMENT_OVERDUE',
  'RESPONSE_OVERDUE',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

/**
 * Who acts. APPELLANT is the person appealing or complaining (by subject); APPEAL_OFFICER hears the internal
 * appeal or answers the complaint and must have had no part in the case or the clearance; DEPARTMENT puts the
 * department's statement of case to the panel; PANEL_SECRETARY runs the panel's side; SYSTEM is the clock.
 */
export type AppealActor = 'APPELLANT' | 'APPEAL_OFFICER' | 'DEPARTMENT' | 'PANEL_SECRETARY' | 'SYSTEM';

export interface AppealTransition {
  readonly from: AppealStatus;
  readonly action: AppealAction;
  readonly to: AppealStatus;
  readonly by: AppealActor;
}

/** The appeal transition table. */
export const APPEAL_TRANSITIONS: readonly AppealTransition[] = [
  { from: 'INTERNAL_REVIEW', action: 'UPHOLD', to: 'UPHELD', by: 'APPEAL_OFFICER' },
  { from: 'INTERNAL_REVIEW', action: 'OVERTURN', to: 'OVERTURNED', by: 'APPEAL_OFFICER' },
  { from: 'UPHELD', action: 'REGISTER_INTENT', to: 'PANEL_REGISTERED', by: 'APPELLANT' },
  { from: 'UPHELD', action: 'WINDOW_CLOSED', to: 'CLOSED', by: 'SYSTEM' },
  { from: 'PANEL_REGISTERED', action: 'ACKNOWLEDGE', to: 'PANEL_ACKNOWLEDGED', by: 'PANEL_SECRETARY' },
  { from: 'PANEL_REGISTERED', action: 'ACKNOWLEDGEMENT_OVERDUE', to: 'PANEL_REGISTERED', by: 'SYSTEM' },
  // A panel secretary names the appeal's secretary (themself, or another secretary taking it over): the one the
  // clock's reminders go to. Until then, the first to acknowledge is named.
  { from: 'PANEL_REGISTERED', action: 'NAME_SECRETARY', to: 'PANEL_REGISTERED', by: 'PANEL_SECRETARY' },
  { from: 'PANEL_ACKNOWLEDGED', action: 'NAME_SECRETARY', to: 'PANEL_ACKNOWLEDGED', by: 'PANEL_SECRETARY' },
  { from: 'PANEL_ACKNOWLEDGED', action: 'SUBMIT_STATEMENT', to: 'PANEL_ACKNOWLEDGED', by: 'APPELLANT' },
  { from: 'PANEL_ACKNOWLEDGED', action: 'SUBMIT_STATEMENT', to: 'PANEL_ACKNOWLEDGED', by: 'DEPARTMENT' },
  { from: 'PANEL_ACKNOWLEDGED', action: 'EXTEND_DEADLINE', to: 'PANEL_ACKNOWLEDGED', by: 'PANEL_SECRETARY' },
  { from: 'PANEL_ACKNOWLEDGED', action: 'STATEMENT_OVERDUE', to: 'PANEL_ACKNOWLEDGED', by: 'SYSTEM' },
  { from: 'PANEL_ACKNOWLEDGED', action: 'RECORD_RECOMMENDATION', to: 'PANEL_DECIDED', by: 'PANEL_SECRETARY' },
  { from: 'COMPLAINT_OPEN', action: 'ANSWER_COMPLAINT', to: 'COMPLAINT_ANSWERED', by: 'APPEAL_OFFICER' },
  { from: 'COMPLAINT_OPEN', action: 'RESPONSE_OVERDUE', to: 'COMPLAINT_OPEN', by: 'SYSTEM' },
];

/** The row for an action from a status by an actor, if the table has one. */
export function appealTransition(
  from: AppealStatus,
  action: AppealAction,
  by?: AppealActor,
): AppealTransition | undefined {
  return APPEAL_TRANSITIONS.find((t) => t.from === from && t.action === action && (!by || t.by === by));
}

/** Actions an appeal accepts in a status, whoever asks. */
export function appealActionsIn(status: AppealStatus): AppealAction[] {
  return [...new Set(APPEAL_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action))];
}

/** Token roles an actor acts with (APPELLANT is checked by subject; the department's case is an adjudicator's). */
export function appealRolesFor(actor: AppealActor): Role[] {
  switch (actor) {
    case 'APPELLANT':
      return ['APPLICANT'];
    case 'APPEAL_OFFICER':
    case 'DEPARTMENT':
      return ['SENIOR_ADJUDICATOR'];
    case 'PANEL_SECRETARY':
      return ['PANEL_SECRETARY'];
    case 'SYSTEM':
      return [];
  }
}
