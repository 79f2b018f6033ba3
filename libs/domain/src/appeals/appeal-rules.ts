import type { ApplicantStatus } from '../access';
import type { AppealAction, AppealActor, AppealGround, AppealKind, AppealStatus } from './appeal-model';
import { appealActionsIn, appealTransition, isFinalAppeal } from './appeal-model';

/** Policy durations (ms), fixed when the appeal is lodged so a policy change never alters a running one. */
export interface AppealTiming {
  /** From the internal outcome, to register intent to go to the panel (policy: 28 days). */
  panelWindowMs: number;
  /** From registration, for the panel secretary to acknowledge it (policy: 7 days). */
  acknowledgeWithinMs: number;
  /** From acknowledgement, for each side's statement of case. */
  statementWithinMs: number;
  /** Target response time of a recruit's complaint. */
  complaintResponseMs: number;
  /**
   * How long before each deadline the one who has to act is reminded (appeal-reminders.ts). Absent on appeals
   * made before lead reminders, which get none.
   */
  reminderLeadMs?: number;
}

/** The panel's recommendation, which the system carries out. */
export const PANEL_RECOMMENDATIONS = [
  'DECISION_STANDS',
  'SET_ASIDE',
  'CLEARANCE_GRANTED_OR_RESTORED',
  'VETTING_RERUN',
] as const;
export type PanelRecommendation = (typeof PANEL_RECOMMENDATIONS)[number];

export const COMPLAINT_OUTCOMES = ['UPHELD', 'NOT_UPHELD'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** The two sides whose statements of case the panel reads. */
export const STATEMENT_SIDES = ['APPELLANT', 'DEPARTMENT'] as const;
export type StatementSide = (typeof STATEMENT_SIDES)[number];

/** What the system did (or has to have done) to carry an outcome out. */
export type AppealEffect = 'RESTORE_CLEARANCE' | 'GRANT_CLEARANCE' | 'RERUN_VETTING' | 'NONE';

export interface AppealActorRef {
  subject: string;
  as: AppealActor;
}

export interface StatementOfCase {
  dueAt: string;
  submittedAt: string | null;
  /** Set by the clock when the deadline passes without it; an extension clears it. */
  overdue: boolean;
  extensions: { by: string; at: string; reason: string; dueAt: string }[];
}

/** An appeal or complaint as the appeal workflow keeps it (and stores it as the read-model snapshot). */
export interface AppealState {
  appealId: string;
  kind: AppealKind;
  ground: AppealGround;
  appellantId: string;
  /** The sponsor of the case or clearance: a party, so never among the staff who see or hear the appeal. */
  sponsorId: string | null;
  caseId: string;
  clearanceId: string | null;
  status: AppealStatus;
  /** The appellant's grounds of appeal or complaint, in their words. */
  grounds: string;
  /** Everyone who took part in the case or the clearance: none of them may hear the appeal. */
  priorInvolvement: string[];
  lodgedAt: string;
  internal: {
    by: string;
    at: string;
    outcome: 'UPHELD' | 'OVERTURNED';
    /** What the hearing looked at: the decision, the process followed and what was disclosed. */
    review: { decision: string; process: string; disclosure: string };
  } | null;
  /** When the window to register intent to go to the panel closes (set by the internal outcome). */
  panelWindowEndsAt: string | null;
  panel: {
    registeredAt: string;
    acknowledgeBy: string;
    acknowledgedAt: string | null;
    acknowledgementOverdue: boolean;
    statements: Record<StatementSide, StatementOfCase> | null;
    recommendation: PanelRecommendation | null;
    recordedBy: string | null;
    /**
     * The panel secretary the appeal names: the one the clock's reminders go to. Named by a secretary
     * (NAME_SECRETARY), or else the first to acknowledge. Absent on appeals from before it was kept; null until
     * someone is named.
     */
    secretaryId?: string | null;
  } | null;
  complaint: {
    respondBy: string;
    overdue: boolean;
    outcome: ComplaintOutcome | null;
    answeredBy: string | null;
    /**
     * The written response, for the appellant (personal data: it lives in the sealed snapshot and in encrypted
     * payloads only). Absent on complaints answered before it was kept.
     */
    response?: string | null;
  } | null;
  /**
   * What the outcome asks of the system, and whether it has been done; once done, the clearance it granted or
   * restored, or the vetting case it opened.
   */
  effect: { kind: AppealEffect; done: boolean; clearanceId?: string; caseId?: string } | null;
  seq: number;
  updatedAt: string;
}

/** A command on an appeal. Free text travels only in encrypted payloads and is never logged. */
export type AppealCommand =
  | {
      type: 'UPHOLD' | 'OVERTURN';
      actor: AppealActorRef;
      reviewOfDecision: string;
      reviewOfProcess: string;
      reviewOfDisclosure: string;
      reasons: string;
    }
  | { type: 'REGISTER_INTENT'; actor: AppealActorRef }
  | { type: 'ACKNOWLEDGE'; actor: AppealActorRef }
  /** A panel secretary names the appeal's secretary (an opaque user id: themself or another secretary). */
  | { type: 'NAME_SECRETARY'; actor: AppealActorRef; secretaryId: string }
  | { type: 'SUBMIT_STATEMENT'; actor: AppealActorRef; statement: string }
  | { type: 'EXTEND_DEADLINE'; actor: AppealActorRef; side: StatementSide; dueAt: string; reason: string }
  | {
      type: 'RECORD_RECOMMENDATION';
      actor: AppealActorRef;
      recommendation: PanelRecommendation;
      reasons: string;
    }
  | { type: 'ANSWER_COMPLAINT'; actor: AppealActorRef; outcome: ComplaintOutcome; response: string }
  | { type: 'WINDOW_CLOSED' | 'ACKNOWLEDGEMENT_OVERDUE' | 'RESPONSE_OVERDUE'; actor: AppealActorRef }
  | { type: 'STATEMENT_OVERDUE'; actor: AppealActorRef; side: StatementSide };

export type AppealRejectionCode =
  | 'APPEAL_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'FOUR_EYES_VIOLATION'
  | 'APPEAL_WINDOW_CLOSED'
  | 'INVALID_COMMAND';

export interface AppealRejection {
  code: AppealRejectionCode;
  message: string;
  status: AppealStatus;
  allowedActions: AppealAction[];
}

export type AppealVerdict = { ok: true; to: AppealStatus } | { ok: false; rejection: AppealRejection };

/** The facts eligibility is decided on. */
export interface AppealEligibilityFacts {
  ground: AppealGround;
  /** Whether the person holds or has held a clearance: staff; a recruit never has. */
  heldClearance: boolean;
  /** The kind the person asks for. */
  requested: AppealKind;
  /** Whether an appeal or complaint about the same decision is already open or decided. */
  alreadyLodged: boolean;
}

/**
 * Who may appeal or complain: staff (who hold or held a clearance) appeal a refusal or withdrawal; recruits,
 * refused and never cleared, may complain but have no route to the panel. One appeal or complaint per decision.
 * Returns why not, or null.
 */
export function appealIneligibility(f: AppealEligibilityFacts): string | null {
  if (f.alreadyLodged) return 'an appeal or complaint about this decision has already been made';
  if (f.requested === 'APPEAL' && f.ground === 'REFUSAL' && !f.heldClearance)
    return 'applicants who have never held a clearance may not appeal a refusal; they may make a complaint';
  if (f.requested === 'COMPLAINT' && f.ground === 'WITHDRAWAL')
    return 'a withdrawal of clearance is appealed, not complained about';
  return null;
}

/** The people a hearing must be independent of. */
export interface AppealParticipants {
  appellantId: string;
  sponsorId: string | null;
  priorInvolvement: readonly string[];
}

/**
 * Independence of the hearing (the conflict-of-interest rules' model): nobody who is the appellant or took part
 * in the case or the clearance (investigated, assigned, decided, reviewed, withdrew) may hear the appeal or answer
 * the complaint. Returns why not, or null.
 */
export function hearingConflict(subject: string, p: AppealParticipants): string | null {
  if (subject === p.appellantId) return 'you may not hear your own appeal';
  if (subject === p.sponsorId) return 'the sponsor of the case may not hear the appeal';
  if (p.priorInvolvement.includes(subject))
    return 'the appeal must be heard by someone with no prior involvement in the case or the clearance';
  return null;
}

/** True while the window to register intent to go to the panel is open at `now` (ms). */
export function panelWindowOpen(state: Pick<AppealState, 'panelWindowEndsAt'>, now: number): boolean {
  return state.panelWindowEndsAt !== null && now <= Date.parse(state.panelWindowEndsAt);
}

const TEXT_LIMIT = 4000;
/** An opaque user id as a command may name one: never free text. */
const SUBJECT = /^[A-Za-z0-9._:@-]{1,200}$/;
const HEARING: readonly AppealAction[] = ['UPHOLD', 'OVERTURN', 'ANSWER_COMPLAINT'];

/** Decides whether `command` may happen to the appeal at `now` (ms); pure, so validators and the API share it. */
export function checkAppealCommand(state: AppealState, command: AppealCommand, now: number): AppealVerdict {
  const refuse = (code: AppealRejectionCode, message: string): AppealVerdict => ({
    ok: false,
    rejection: { code, message, status: state.status, allowedActions: appealActionsIn(state.status) },
  });
  const { actor } = command;
  if (actor.as === 'APPELLANT' && actor.subject !== state.appellantId)
    return refuse('APPEAL_NOT_FOUND', 'no such appeal');
  if (actor.as !== 'APPELLANT' && actor.as !== 'SYSTEM' && actor.subject === state.appellantId)
    return refuse('APPEAL_NOT_FOUND', 'no such appeal');
  const problem = invalidText(command);
  if (problem) return refuse('INVALID_COMMAND', problem);
  if (
    command.type === 'REGISTER_INTENT' &&
    (state.status === 'CLOSED' || (state.status === 'UPHELD' && !panelWindowOpen(state, now)))
  )
    return refuse(
      'APPEAL_WINDOW_CLOSED',
      `the window to register intent to go to the independent panel closed at ${state.panelWindowEndsAt ?? 'the internal outcome'}`,
    );
  const row = appealTransition(state.status, command.type, actor.as);
  if (!row) {
    const any = appealTransition(state.status, command.type);
    return refuse(
      'ILLEGAL_TRANSITION',
      any
        ? `${command.type} is not for ${actor.as}`
        : `${command.type} is not possible while the ${state.kind.toLowerCase()} is ${state.status}`,
    );
  }
  if (HEARING.includes(command.type)) {
    const conflict = hearingConflict(actor.subject, state);
    if (conflict) return refuse('FOUR_EYES_VIOLATION', conflict);
  }
  if (command.type === 'NAME_SECRETARY') {
    // The secretary runs the panel's side of the appeal: independent of it as a hearing is.
    const conflict = hearingConflict(command.secretaryId, state);
    if (conflict)
      return refuse(
        'FOUR_EYES_VIOLATION',
        command.secretaryId === state.appellantId
          ? 'the appellant may not be the panel secretary of their own appeal'
          : 'the panel secretary must have no part in the case or the clearance appealed',
      );
    if (state.panel?.secretaryId === command.secretaryId)
      return refuse('ILLEGAL_TRANSITION', 'that panel secretary is already named on this appeal');
  }
  const statements = state.panel?.statements;
  if (command.type === 'SUBMIT_STATEMENT' && statements) {
    const side = actor.as === 'APPELLANT' ? 'APPELLANT' : 'DEPARTMENT';
    const s = statements[side];
    if (s.submittedAt)
      return refuse('ILLEGAL_TRANSITION', 'this side has already submitted its statement of case');
    if (now > Date.parse(s.dueAt))
      return refuse('APPEAL_WINDOW_CLOSED', `the deadline for this statement of case passed at ${s.dueAt}`);
  }
  if (command.type === 'EXTEND_DEADLINE' && statements) {
    const s = statements[command.side];
    if (s.submittedAt) return refuse('ILLEGAL_TRANSITION', 'that statement of case is already in');
    if (Date.parse(command.dueAt) <= Date.parse(s.dueAt))
      return refuse('INVALID_COMMAND', 'an extension must move the deadline later');
  }
  if (command.type === 'RECORD_RECOMMENDATION' && statements) {
    const awaited = Object.values(statements).some((s) => !s.submittedAt && now <= Date.parse(s.dueAt));
    if (awaited)
      return refuse('ILLEGAL_TRANSITION', 'a statement of case is still awaited within its deadline');
  }
  return { ok: true, to: row.to };
}

function invalidText(command: AppealCommand): string | null {
  const texts: [string, string][] = [];
  switch (command.type) {
    case 'UPHOLD':
    case 'OVERTURN':
      texts.push(
        ['reviewOfDecision', command.reviewOfDecision],
        ['reviewOfProcess', command.reviewOfProcess],
        ['reviewOfDisclosure', command.reviewOfDisclosure],
        ['reasons', command.reasons],
      );
      break;
    case 'SUBMIT_STATEMENT':
      texts.push(['statement', command.statement]);
      break;
    case 'EXTEND_DEADLINE':
      texts.push(['reason', command.reason]);
      if (Number.isNaN(Date.parse(command.dueAt))) return 'dueAt must be a date and time';
      break;
    case 'RECORD_RECOMMENDATION':
      texts.push(['reasons', command.reasons]);
      break;
    case 'ANSWER_COMPLAINT':
      texts.push(['response', command.response]);
      break;
    case 'NAME_SECRETARY':
      if (typeof command.secretaryId !== 'string' || !SUBJECT.test(command.secretaryId))
        return 'secretaryId must be a user id (letters, digits and . _ : @ -, at most 200 characters)';
      break;
    default:
      break;
  }
  for (const [field, text] of texts) {
    if (typeof text !== 'string' || text.trim().length === 0) return `${field} must be given`;
    if (text.length > TEXT_LIMIT) return `${field} must be at most ${TEXT_LIMIT} characters`;
  }
  return null;
}

/** What carrying out an outcome asks of the system, for the appeal's ground. */
export function effectOf(ground: AppealGround, outcome: 'OVERTURNED' | PanelRecommendation): AppealEffect {
  switch (outcome) {
    case 'OVERTURNED':
    case 'CLEARANCE_GRANTED_OR_RESTORED':
    case 'SET_ASIDE':
      return ground === 'WITHDRAWAL' ? 'RESTORE_CLEARANCE' : 'GRANT_CLEARANCE';
    case 'VETTING_RERUN':
      return 'RERUN_VETTING';
    case 'DECISION_STANDS':
      return 'NONE';
  }
}

/** A newly lodged appeal or complaint. */
export function lodgedAppeal(
  facts: Pick<
    AppealState,
    | 'appealId'
    | 'kind'
    | 'ground'
    | 'appellantId'
    | 'sponsorId'
    | 'caseId'
    | 'clearanceId'
    | 'priorInvolvement'
    | 'grounds'
  >,
  timing: AppealTiming,
  at: string,
): AppealState {
  const complaint = facts.kind === 'COMPLAINT';
  return {
    ...facts,
    priorInvolvement: [...new Set(facts.priorInvolvement)],
    status: complaint ? 'COMPLAINT_OPEN' : 'INTERNAL_REVIEW',
    lodgedAt: at,
    internal: null,
    panelWindowEndsAt: null,
    panel: null,
    complaint: complaint
      ? { respondBy: plus(at, timing.complaintResponseMs), overdue: false, outcome: null, answeredBy: null }
      : null,
    effect: null,
    seq: 0,
    updatedAt: at,
  };
}

function plus(at: string, ms: number): string {
  return new Date(Date.parse(at) + ms).toISOString();
}

/** Applies an accepted command (checkAppealCommand said yes) at `at` and returns the new state. */
export function applyAppealCommand(
  state: AppealState,
  command: AppealCommand,
  to: AppealStatus,
  timing: AppealTiming,
  at: string,
): AppealState {
  const next: AppealState = structuredCopy(state);
  next.status = to;
  next.seq = state.seq + 1;
  next.updatedAt = at;
  const by = command.actor.subject;
  switch (command.type) {
    case 'UPHOLD':
    case 'OVERTURN': {
      const outcome = command.type === 'UPHOLD' ? 'UPHELD' : 'OVERTURNED';
      next.internal = {
        by,
        at,
        outcome,
        review: {
          decision: command.reviewOfDecision,
          process: command.reviewOfProcess,
          disclosure: command.reviewOfDisclosure,
        },
      };
      if (outcome === 'UPHELD') next.panelWindowEndsAt = plus(at, timing.panelWindowMs);
      else next.effect = { kind: effectOf(state.ground, 'OVERTURNED'), done: false };
      break;
    }
    case 'REGISTER_INTENT':
      next.panel = {
        registeredAt: at,
        acknowledgeBy: plus(at, timing.acknowledgeWithinMs),
        acknowledgedAt: null,
        acknowledgementOverdue: false,
        statements: null,
        recommendation: null,
        recordedBy: null,
        secretaryId: null,
      };
      break;
    case 'NAME_SECRETARY':
      if (next.panel) next.panel.secretaryId = command.secretaryId;
      break;
    case 'ACKNOWLEDGE':
      if (next.panel) {
        // The first secretary to act is the appeal's, unless one was named before, and if independent of it (as
        // NAME_SECRETARY requires). State only, no new command: recorded histories replay unchanged.
        next.panel.secretaryId = next.panel.secretaryId ?? (hearingConflict(by, state) ? null : by);
        next.panel.acknowledgedAt = at;
        const dueAt = plus(at, timing.statementWithinMs);
        next.panel.statements = {
          APPELLANT: { dueAt, submittedAt: null, overdue: false, extensions: [] },
          DEPARTMENT: { dueAt, submittedAt: null, overdue: false, extensions: [] },
        };
      }
      break;
    case 'ACKNOWLEDGEMENT_OVERDUE':
      if (next.panel) next.panel.acknowledgementOverdue = true;
      break;
    case 'SUBMIT_STATEMENT': {
      const side = command.actor.as === 'APPELLANT' ? 'APPELLANT' : 'DEPARTMENT';
      if (next.panel?.statements) next.panel.statements[side].submittedAt = at;
      break;
    }
    case 'EXTEND_DEADLINE': {
      const s = next.panel?.statements?.[command.side];
      if (s) {
        s.extensions.push({ by, at, reason: command.reason, dueAt: command.dueAt });
        s.dueAt = new Date(Date.parse(command.dueAt)).toISOString();
        s.overdue = false;
      }
      break;
    }
    case 'RECORD_RECOMMENDATION':
      if (next.panel) {
        next.panel.recommendation = command.recommendation;
        next.panel.recordedBy = by;
      }
      next.effect = { kind: effectOf(state.ground, command.recommendation), done: false };
      break;
    case 'ANSWER_COMPLAINT':
      if (next.complaint) {
        next.complaint.outcome = command.outcome;
        next.complaint.answeredBy = by;
        // Kept so the appellant can read it. State only: no new workflow command, so recorded histories replay.
        next.complaint.response = command.response;
      }
      break;
    case 'RESPONSE_OVERDUE':
      if (next.complaint) next.complaint.overdue = true;
      break;
    case 'STATEMENT_OVERDUE': {
      const s = next.panel?.statements?.[command.side];
      if (s) s.overdue = true;
      break;
    }
    default:
      break;
  }
  if (next.effect?.kind === 'NONE') next.effect.done = true;
  return next;
}

function structuredCopy(state: AppealState): AppealState {
  return JSON.parse(JSON.stringify(state)) as AppealState;
}

/**
 * Whose statement of case an action is about, as the appeal's event history records it: the side an overdue mark
 * or an extension names, or the side that submitted. Null for every other action.
 */
export function statementSideOf(command: AppealCommand): StatementSide | null {
  switch (command.type) {
    case 'STATEMENT_OVERDUE':
    case 'EXTEND_DEADLINE':
      return command.side;
    case 'SUBMIT_STATEMENT':
      return command.actor.as === 'APPELLANT' ? 'APPELLANT' : 'DEPARTMENT';
    default:
      return null;
  }
}

/**
 * Who the clock reminds when it marks a deadline of the panel's overdue: the appeal's named panel secretary, for
 * the acknowledgement or a statement of case. Null when nobody is named (the workflow then reminds the panel
 * secretaries as a group, on appeals after its marker) or the command is no such mark.
 */
export function panelReminderFor(state: AppealState, command: AppealCommand): string | null {
  if (command.type !== 'ACKNOWLEDGEMENT_OVERDUE' && command.type !== 'STATEMENT_OVERDUE') return null;
  return state.panel?.secretaryId ?? null;
}

/** The coarse, discreet status the appellant or complainant sees (the applicant-facing vocabulary). */
export function appealStatusForAppellant(
  state: Pick<AppealState, 'status' | 'panel' | 'seq'>,
): ApplicantStatus {
  if (isFinalAppeal(state.status)) return state.status === 'CLOSED' ? 'CLOSED' : 'DECISION_MADE';
  if (state.status === 'UPHELD') return 'DECISION_MADE';
  const own = state.panel?.statements?.APPELLANT;
  if (state.status === 'PANEL_ACKNOWLEDGED' && own && !own.submittedAt) return 'ACTION_NEEDED';
  return state.seq === 0 ? 'RECEIVED' : 'IN_PROGRESS';
}

/**
 * The clock's next move on an appeal: the earliest deadline still to be noted, with the command that notes it
 * (the panel window closing, the acknowledgement or a statement overdue, a complaint's target missed). Null when
 * nothing is waiting on the clock.
 */
export function nextAppealDeadline(state: AppealState): { at: number; command: AppealCommand } | null {
  const actor: AppealActorRef = { subject: 'system', as: 'SYSTEM' };
  const due: { at: number; command: AppealCommand }[] = [];
  if (state.status === 'UPHELD' && state.panelWindowEndsAt)
    due.push({ at: Date.parse(state.panelWindowEndsAt) + 1, command: { type: 'WINDOW_CLOSED', actor } });
  if (state.status === 'PANEL_REGISTERED' && state.panel && !state.panel.acknowledgementOverdue)
    due.push({
      at: Date.parse(state.panel.acknowledgeBy),
      command: { type: 'ACKNOWLEDGEMENT_OVERDUE', actor },
    });
  if (state.status === 'PANEL_ACKNOWLEDGED' && state.panel?.statements) {
    for (const side of STATEMENT_SIDES) {
      const s = state.panel.statements[side];
      if (!s.submittedAt && !s.overdue)
        due.push({ at: Date.parse(s.dueAt) + 1, command: { type: 'STATEMENT_OVERDUE', actor, side } });
    }
  }
  if (state.status === 'COMPLAINT_OPEN' && state.complaint && !state.complaint.overdue)
    due.push({ at: Date.parse(state.complaint.respondBy), command: { type: 'RESPONSE_OVERDUE', actor } });
  due.sort((a, b) => a.at - b.at);
  return due[0] ?? null;
}
