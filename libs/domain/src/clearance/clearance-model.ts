import type { Role } from '../roles';

/**
 * The life of a clearance once granted (DOMAIN.md stage 11): its status model and who may do what to it. Like
 * the case's stage model, this table is the single source of the clearance-held workflow's validators and of
 * the API's route roles.
 */

/**
 * Statuses a clearance can have. VALID and SUSPENDED are live; the others end the clearance. RENEWED means a
 * renewal case granted a successor clearance (its own id, dates and aftercare), which supersedes this one.
 */
export const CLEARANCE_STATUSES = [
  'VALID',
  'SUSPENDED',
  'WITHDRAWN',
  'EXPIRED',
  'LAPSED',
  'RENEWED',
] as const;
export type ClearanceStatus = (typeof CLEARANCE_STATUSES)[number];

/** Statuses from which a clearance never comes back (a new clearance needs a new case). */
export const ENDED_CLEARANCE_STATUSES: readonly ClearanceStatus[] = [
  'WITHDRAWN',
  'EXPIRED',
  'LAPSED',
  'RENEWED',
];

/** True when the clearance has ended (withdrawn, expired or lapsed). */
export function isEndedClearance(status: ClearanceStatus): boolean {
  return ENDED_CLEARANCE_STATUSES.includes(status);
}

/** Everything that can happen to a held clearance. */
export const CLEARANCE_ACTIONS = [
  'REPORT_CHANGE',
  'SUBMIT_APPRAISAL',
  'REPORT_INCIDENT',
  'REPORT_LEAVER',
  'RECORD_REVIEW',
  'ASSIGN_REVIEW',
  'SUSPEND',
  'RESTORE',
  'WITHDRAW',
  'APPRAISAL_DUE',
  'APPRAISAL_REMINDER',
  'APPRAISAL_OVERDUE',
  'EXPIRE',
  'RENEWAL_REMINDER',
  'OPEN_RENEWAL',
  'RENEWAL_GRANTED',
  'RENEWAL_REFUSED',
  'RENEWAL_CLOSED',
  'RENEWAL_SUCCESSION',
  'RENEWAL_SUCCESSION_LAPSED',
  'NAME_LINE_MANAGER',
  'SUBMIT_MANAGER_APPRAISAL',
  'TRANSFER_SPONSOR',
  'CHANGE_CHECK_RESULT',
  'CLOSE_REFERRAL',
] as const;
export type ClearanceAction = (typeof CLEARANCE_ACTIONS)[number];

/**
 * Who acts on a clearance. HOLDER is the person who holds it (any token whose subject is the holder); SPONSOR
 * the sponsor it was granted for; VETTING_OFFICER the aftercare officer who reviews; SENIOR_ADJUDICATOR decides
 * suspension, withdrawal and restoration, and closes a referral that leaves the clearance valid; LINE_MANAGER the
 * holder's line manager, named for this clearance by its sponsor, who completes their part of the annual
 * appraisal; TEAM_LEAD assigns review tasks to the officers of their team; SYSTEM is the workflow's own clock.
 */
export type ClearanceActor =
  'HOLDER' | 'SPONSOR' | 'VETTING_OFFICER' | 'SENIOR_ADJUDICATOR' | 'LINE_MANAGER' | 'TEAM_LEAD' | 'SYSTEM';

/**
 * One row: an action from a status to a status (SAME keeps it), and who may perform it. An action several actors
 * may perform (opening a renewal) has one row per actor.
 */
export interface ClearanceTransition {
  readonly from: ClearanceStatus;
  readonly action: ClearanceAction;
  readonly to: ClearanceStatus;
  readonly by: ClearanceActor;
}

const LIVE: readonly ClearanceStatus[] = ['VALID', 'SUSPENDED'];
const inLive = (action: ClearanceAction, by: ClearanceActor, to?: ClearanceStatus): ClearanceTransition[] =>
  LIVE.map((from) => ({ from, action, to: to ?? from, by }));

/** The clearance transition table. */
export const CLEARANCE_TRANSITIONS: readonly ClearanceTransition[] = [
  ...inLive('REPORT_CHANGE', 'HOLDER'),
  ...inLive('SUBMIT_APPRAISAL', 'HOLDER'),
  ...inLive('REPORT_INCIDENT', 'SPONSOR'),
  ...inLive('REPORT_LEAVER', 'SPONSOR', 'LAPSED'),
  // The line manager: named (or changed) by the sponsor; completes their part of the annual appraisal.
  ...inLive('NAME_LINE_MANAGER', 'SPONSOR'),
  ...inLive('SUBMIT_MANAGER_APPRAISAL', 'LINE_MANAGER'),
  ...inLive('RECORD_REVIEW', 'VETTING_OFFICER'),
  // Review tasks are assigned as cases are: a team lead assigns (and reassigns) an officer of their team. Unlike a
  // case, an officer may also take an unassigned task themself, as the shared queue worked before assignment.
  ...inLive('ASSIGN_REVIEW', 'VETTING_OFFICER'),
  ...inLive('ASSIGN_REVIEW', 'TEAM_LEAD'),
  { from: 'VALID', action: 'SUSPEND', to: 'SUSPENDED', by: 'SENIOR_ADJUDICATOR' },
  { from: 'SUSPENDED', action: 'RESTORE', to: 'VALID', by: 'SENIOR_ADJUDICATOR' },
  ...inLive('WITHDRAW', 'SENIOR_ADJUDICATOR', 'WITHDRAWN'),
  // A referral the adjudicator decides needs nothing more: the clearance stays valid and leaves their queue. Only
  // from VALID: a suspended clearance waits to be restored or withdrawn instead.
  { from: 'VALID', action: 'CLOSE_REFERRAL', to: 'VALID', by: 'SENIOR_ADJUDICATOR' },
  ...inLive('APPRAISAL_DUE', 'SYSTEM'),
  ...inLive('APPRAISAL_REMINDER', 'SYSTEM'),
  ...inLive('APPRAISAL_OVERDUE', 'SYSTEM'),
  ...inLive('EXPIRE', 'SYSTEM', 'EXPIRED'),
  // Renewal: reminders ahead of the renewal date; a renewal case opened by the sponsor, an officer or the clock
  // (only on a valid clearance: a suspended one waits for the adjudicator); the renewal case's outcome.
  ...inLive('RENEWAL_REMINDER', 'SYSTEM'),
  { from: 'VALID', action: 'OPEN_RENEWAL', to: 'VALID', by: 'SPONSOR' },
  { from: 'VALID', action: 'OPEN_RENEWAL', to: 'VALID', by: 'VETTING_OFFICER' },
  { from: 'VALID', action: 'OPEN_RENEWAL', to: 'VALID', by: 'SYSTEM' },
  ...inLive('RENEWAL_GRANTED', 'SYSTEM', 'RENEWED'),
  // A refused renewal withdraws the clearance, so the holder has the appeal route as after any withdrawal.
  ...inLive('RENEWAL_REFUSED', 'SYSTEM', 'WITHDRAWN'),
  ...inLive('RENEWAL_CLOSED', 'SYSTEM'),
  // The granted renewal case asks to record its successor; the clearance accepts while live and from then on no
  // longer ends any other way (checkClearanceCommand): the successor supersedes it.
  ...inLive('RENEWAL_SUCCESSION', 'SYSTEM'),
  // An accepted succession whose outcome never came (and no successor was stored) is let go, so the clearance is
  // held as before instead of waiting for it for ever; its renewal case stays open and may still decide.
  ...inLive('RENEWAL_SUCCESSION_LAPSED', 'SYSTEM'),
  // The holder moves to a post another sponsor answers for: the sponsor hands the clearance over, or an officer
  // records it as an aftercare outcome (the old sponsor may have gone). The clearance itself carries on.
  ...inLive('TRANSFER_SPONSOR', 'SPONSOR'),
  ...inLive('TRANSFER_SPONSOR', 'VETTING_OFFICER'),
  // A record check re-run for a change report has ended; its result goes on the report's review task.
  ...inLive('CHANGE_CHECK_RESULT', 'SYSTEM'),
];

/** The rows for an action from a status (one per actor who may perform it); empty when the table has none. */
export function clearanceTransitions(from: ClearanceStatus, action: ClearanceAction): ClearanceTransition[] {
  return CLEARANCE_TRANSITIONS.filter((t) => t.from === from && t.action === action);
}

/** The row for an action from a status, for `by` when given, if the table has one. */
export function clearanceTransition(
  from: ClearanceStatus,
  action: ClearanceAction,
  by?: ClearanceActor,
): ClearanceTransition | undefined {
  return clearanceTransitions(from, action).find((t) => by === undefined || t.by === by);
}

/** Every actor who may perform an action, in table order. */
export function clearanceActorsFor(action: ClearanceAction): ClearanceActor[] {
  const actors = CLEARANCE_TRANSITIONS.filter((t) => t.action === action).map((t) => t.by);
  if (actors.length === 0) throw new Error(`no transition for ${action}`);
  return [...new Set(actors)];
}

/** The actor an action needs, for actions only one actor may perform (the first in table order otherwise). */
export function clearanceActorFor(action: ClearanceAction): ClearanceActor {
  const [actor] = clearanceActorsFor(action);
  if (!actor) throw new Error(`no transition for ${action}`);
  return actor;
}

/** Token roles that may call an action's route (HOLDER is checked by subject, not by role). */
export function clearanceRolesFor(action: ClearanceAction): Role[] {
  return clearanceActorsFor(action).flatMap((actor): Role[] => {
    if (actor === 'SYSTEM') return [];
    if (actor === 'HOLDER') return ['APPLICANT'];
    return [actor];
  });
}

/** Actions the clearance accepts in a status, whoever asks. */
export function clearanceActionsIn(status: ClearanceStatus): ClearanceAction[] {
  return [...new Set(CLEARANCE_TRANSITIONS.filter((t) => t.from === status).map((t) => t.action))];
}
