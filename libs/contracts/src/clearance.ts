import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DecisionCondition } from '../../domain/src/case-tasks';
import type { RenewedClearanceEnd } from '../../domain/src/case-commands';
import type {
  AftercareTiming,
  ClearanceCommand,
  ClearanceRejection,
  ClearanceState,
} from '../../domain/src/clearance';

/** What starts a clearance-held workflow (and what each continued run carries on with). */
export interface ClearanceHeldInput {
  clearanceId: string;
  caseId: string;
  /** The holder's opaque user id (token subject); never a name. */
  holderId: string;
  sponsorId: string | null;
  grantedOn: string;
  renewalDue: string;
  conditions: DecisionCondition[];
  /** Aftercare timing, fixed at the grant so a policy change never alters a running clearance. */
  timing: AftercareTiming;
  /** When the first run started (ISO instant); compressed years count from here. Set by the first run. */
  startedAt?: string;
  /** The appraisal this run waits for (1 in the first run; each continue-as-new moves to the next). */
  year?: number;
  /** The state carried over from the previous run. */
  carried?: ClearanceState;
}

/** Failure type of a refused clearance update; details[0] is a ClearanceRejection. */
export const CLEARANCE_REJECTED_FAILURE_TYPE = 'ClearanceCommandRejected';
export type { ClearanceRejection };

/** A person (holder, sponsor, officer, adjudicator) acts on a held clearance; validated before it enters history. */
export const clearanceCommandUpdate = defineUpdate<ClearanceState, [ClearanceCommand]>('clearanceCommand');
/** The held clearance as the workflow holds it. */
export const getClearanceQuery = defineQuery<ClearanceState>('getClearance');

/** How a renewal case ended, as the case tells the clearance it renews. */
export interface RenewalOutcome {
  caseId: string;
  /** The case's closing stage: a grant (with or without conditions), a refusal, or closed without a decision. */
  outcome: 'GRANTED' | 'REFUSED' | 'CLOSED';
  /** The clearance the grant produced (null when the grant recorded no followed clearance). */
  successorId: string | null;
  /** The adjudicator who decided, and the reasons the holder may be told (a refusal withdraws the clearance). */
  decidedBy: string | null;
  disclosableReasons: string;
}

/**
 * The renewal case tells the clearance it renews how it ended. A signal, because a workflow cannot send an
 * Update; the clearance-held workflow checks it against its rules like any command (an unknown case is ignored).
 */
export const renewalOutcomeSignal = defineSignal<[RenewalOutcome]>('renewalOutcome');

/** The clearance a renewal case renews has ended (withdrawn, lapsed, expired): the case has nothing to renew. */
export interface RenewedClearanceEnded {
  clearanceId: string;
  reason: RenewedClearanceEnd;
}

/**
 * The clearance-held workflow tells its open renewal case that the clearance ended; the case withdraws itself
 * (a system move in the transition table). A signal for the same reason as renewalOutcome.
 */
export const renewedClearanceEndedSignal = defineSignal<[RenewedClearanceEnded]>('renewedClearanceEnded');

/** A granted renewal case asks the clearance it renews whether it may record a successor. */
export interface RenewalSuccessionAsked {
  caseId: string;
}

/**
 * The clearance-held workflow is the one writer of the clearance's life, so it alone says whether a renewal's
 * successor may be recorded: accepted while the clearance is live (and from then on it is being superseded),
 * refused once it has ended. A signal, answered by renewalSuccessionAnsweredSignal, because a workflow cannot send
 * an Update. Asking again is safe: the answer for a case never changes.
 */
export const renewalSuccessionAskedSignal = defineSignal<[RenewalSuccessionAsked]>('renewalSuccessionAsked');

/** The clearance's answer to a renewal case's request to record a successor. */
export interface RenewalSuccessionAnswer {
  clearanceId: string;
  accepted: boolean;
  /** Why it was refused (the clearance's status and the rule), for the log; absent when accepted. */
  reason?: string;
}

/** The clearance-held workflow answers renewalSuccessionAskedSignal (see there). */
export const renewalSuccessionAnsweredSignal =
  defineSignal<[RenewalSuccessionAnswer]>('renewalSuccessionAnswered');

/** How long a renewal case waits for the answer before asking again, when its input does not say. */
export const DEFAULT_SUCCESSION_ANSWER_MS = 60_000;
/** How many times a renewal case asks before it gives up and records no successor (the safe side). */
export const SUCCESSION_ASKS = 3;
