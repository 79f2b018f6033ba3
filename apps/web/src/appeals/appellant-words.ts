import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';
import type { AppealGround, AppealKind, ApplicantStatus } from '../../../../libs/domain/src';
import { applicantOutcomeFor } from '../../../../libs/domain/src';
import { APPLICANT_STATUS_WORDS } from '../applicant/applicant-status';
import type { ApplicantCase } from '../applicant/applicant-status';

/**
 * An appeal or complaint as the API shows it to its appellant (apps/api AppealView): the coarse applicant
 * vocabulary only, what it is about, the outcome in plain words, a complaint's written response, and the dates
 * they must act by. Staff statuses never reach here.
 */
export interface AppellantAppeal {
  appealId: string;
  kind: AppealKind;
  ground: AppealGround;
  /** The refused application (a refusal only). */
  caseId: string | null;
  /** The withdrawn clearance (a withdrawal only). */
  clearanceId: string | null;
  status: ApplicantStatus;
  outcome: string | null;
  /** A complaint's written response to the appellant, once answered. */
  response: string | null;
  /** Set only while the internal review has upheld the decision and the panel window is open. */
  panelWindowEndsAt: string | null;
  /** Set only while the appellant's own statement of case is due and not yet sent. */
  statementDueAt: string | null;
  lodgedAt: string;
}

/** What is being appealed or complained about: a refused application or a withdrawn clearance. */
export type AppealDecision = 'refusal' | 'withdrawal';

/**
 * The appeal or complaint already made about a decision, if any: one per decision (the API's rule), so the route
 * to make one is not offered again and what was made is shown instead.
 */
export function madeAbout(
  appeals: readonly AppellantAppeal[],
  decision: AppealDecision,
  id: string,
): AppellantAppeal | null {
  const match = (a: AppellantAppeal): boolean =>
    decision === 'refusal'
      ? a.ground === 'REFUSAL' && a.caseId === id
      : a.ground === 'WITHDRAWAL' && a.clearanceId === id;
  return appeals.find(match) ?? null;
}

/** What was made about a decision, as the application's and the clearance's pages show it in place of the route. */
export function madeView(a: AppellantAppeal): object {
  const words = APPLICANT_STATUS_WORDS[a.status];
  return {
    appealId: a.appealId,
    kind: a.kind,
    noun: KIND_WORDS[a.kind].noun,
    lodgedAt: a.lodgedAt,
    tag: words.tag,
    colour: words.colour,
  };
}

/**
 * Whether someone may appeal or complain, or has: an appeal or complaint of theirs, a refusal after vetting, or a
 * withdrawn clearance. It decides whether their navigation offers their appeals and complaints.
 */
export function mayAppeal(facts: {
  appeals: readonly unknown[];
  applications: readonly Pick<ApplicantCase, 'status' | 'outcome' | 'message'>[];
  clearances: readonly { status: string }[];
}): boolean {
  return (
    facts.appeals.length > 0 ||
    facts.applications.some(wasRefused) ||
    facts.clearances.some((c) => c.status === 'WITHDRAWN')
  );
}

/** The API's bound on grounds and statements (TEXT in apps/api appeal.dto.ts). */
export const APPEAL_TEXT_MAX = 4000;

/** An id in an address (an application, a clearance, an appeal): anything but a UUID is a page that does not exist. */
export const opaqueIds = new ParseUUIDPipe({ version: '4', exceptionFactory: () => new NotFoundException() });

export const KIND_WORDS: Record<AppealKind, { noun: string; title: string; send: string; sent: string }> = {
  APPEAL: {
    noun: 'appeal',
    title: 'Appeal against the decision',
    send: 'Send your appeal',
    sent: 'Appeal sent',
  },
  COMPLAINT: {
    noun: 'complaint',
    title: 'Make a complaint about the decision',
    send: 'Send your complaint',
    sent: 'Complaint sent',
  },
};

/**
 * Whether an application the applicant sees was refused after vetting (the only refusal with a route to an
 * appeal or a complaint). The applicant's view has no stage, only the outcome and its message; a baseline
 * failure, an ineligible or an unsponsored application is also "not granted" but has no such route, so the
 * refusal is told apart by the domain's own message for it.
 */
export function wasRefused(c: Pick<ApplicantCase, 'status' | 'outcome' | 'message'>): boolean {
  return (
    c.status === 'DECISION_MADE' &&
    c.outcome === 'NOT_GRANTED' &&
    c.message === applicantOutcomeFor('REFUSED', [], [])?.message
  );
}

/**
 * The kind a refusal allows: staff (who hold or held a clearance) appeal; a recruit, never cleared, may only
 * complain (the API's appealIneligibility). A withdrawal is always appealed.
 */
export function kindFor(decision: AppealDecision, heldClearance: boolean): AppealKind {
  return decision === 'withdrawal' || heldClearance ? 'APPEAL' : 'COMPLAINT';
}

/** What is wrong with a required free-text answer (the API's rules: not blank, at most 4000 characters), or null. */
export function appealTextProblem(value: string, enter: string, name: string): string | null {
  if (value === '') return `Enter ${enter}`;
  if (value.length > APPEAL_TEXT_MAX) return `${name} must be ${APPEAL_TEXT_MAX} characters or fewer`;
  return null;
}

/** True while the panel window is open at `now` (the API's clock has the last word, and says 409 after it). */
export function panelWindowOpen(a: Pick<AppellantAppeal, 'panelWindowEndsAt'>, now: number): boolean {
  return a.panelWindowEndsAt !== null && Date.parse(a.panelWindowEndsAt) > now;
}

/** True while the appellant's statement of case is due and its deadline has not passed at `now`. */
export function statementOpen(a: Pick<AppellantAppeal, 'statementDueAt'>, now: number): boolean {
  return a.statementDueAt !== null && Date.parse(a.statementDueAt) > now;
}

/**
 * What happens next, in plain words, from what the appellant may know: the coarse status and the dates. It never
 * says who is considering the appeal or what they found (the notices and these pages stay discreet).
 */
export function nextStep(a: AppellantAppeal, now: number): string {
  const noun = KIND_WORDS[a.kind].noun;
  if (panelWindowOpen(a, now)) {
    return 'The review did not change the decision. If you want the independent panel to consider your appeal, tell us before the deadline. If you do not, your appeal will close.';
  }
  if (a.statementDueAt !== null) {
    return statementOpen(a, now)
      ? 'The independent panel has your appeal. Send your statement of case before the deadline: it is your chance to tell the panel why the decision is wrong.'
      : 'The deadline for your statement of case has passed. The independent panel will consider your appeal without it.';
  }
  switch (a.status) {
    case 'RECEIVED':
    case 'IN_PROGRESS':
    case 'WAITING_FOR_SPONSOR':
    case 'ACTION_NEEDED':
      return a.kind === 'COMPLAINT'
        ? 'Someone who had no part in the decision will look at your complaint and answer it. You do not need to do anything now; we will send you a message when there is news.'
        : `Your ${noun} is being considered by people who had no part in the decision. You do not need to do anything now; we will send you a message when there is news.`;
    case 'DECISION_MADE':
      return a.outcome ?? `A decision has been made on your ${noun}.`;
    case 'CLOSED':
      return a.outcome ?? `Your ${noun} has closed.`;
  }
}

/**
 * Said in place of a complaint's written response when the complaint was answered before responses were kept
 * (the API has none to give): the appellant is not left with an answered complaint and nothing to read. It says
 * nothing of the answer itself, only how to get it.
 */
export const RESPONSE_NOT_KEPT =
  'Your complaint was answered before written responses were shown on this service, so we cannot show it here. Contact the vetting team if you need a copy.';

/** What the "Our response" row says: the written response, or why there is none to show; null: no row yet. */
export function responseWords(
  a: Pick<AppellantAppeal, 'kind' | 'status' | 'response'>,
): { text: string; kept: boolean } | null {
  if (a.response !== null) return { text: a.response, kept: true };
  // A complaint's only end is its answer (the appellant's DECISION_MADE): there it should have one to show.
  if (a.kind === 'COMPLAINT' && a.status === 'DECISION_MADE') return { text: RESPONSE_NOT_KEPT, kept: false };
  return null;
}

/** An appeal or complaint as the list shows it. */
export function appellantView(a: AppellantAppeal, now: number): object {
  const words = APPLICANT_STATUS_WORDS[a.status];
  return {
    ...a,
    kindWords: a.kind === 'APPEAL' ? 'Appeal' : 'Complaint',
    tag: words.tag,
    colour: a.status === 'ACTION_NEEDED' ? 'orange' : a.status === 'CLOSED' ? 'grey' : words.colour,
    next: nextStep(a, now),
    responseWords: responseWords(a),
    mayGoToPanel: panelWindowOpen(a, now),
    mayMakeStatement: statementOpen(a, now),
  };
}
