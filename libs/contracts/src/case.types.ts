import type {
  CaseAction,
  CaseCommand,
  CaseFacts,
  CaseTask,
  DecisionCondition,
  DecisionOutcome,
  OpenStage,
  Recommendation,
  RiskLevel,
  Stage,
} from '../../domain/src';
import type { CheckType } from '../../domain/src/record-checks';
import type { BaselinePolicy, BaselineState } from '../../domain/src/baseline';
import type { AftercareTiming } from '../../domain/src/clearance';
import type { ClockPolicy } from '../../domain/src/clock';
import type {
  EligibilityApplication,
  EligibilityPolicy,
  EligibilityResult,
} from '../../domain/src/eligibility';

/** An application as submitted: the eligibility facts plus who the applicant is. Dates are ISO strings. */
export interface ApplicationInput extends EligibilityApplication {
  givenName: string;
  familyName: string;
  email: string;
  sponsorId?: string | null;
}

/** Milliseconds each open stage may take before it is due; enters the workflow as input, never read inside it. */
export type StageDurations = Partial<Record<OpenStage, number>>;

/** Everything a case workflow needs to start. */
export interface VettingCaseInput {
  caseId: string;
  application: ApplicationInput;
  policy: EligibilityPolicy;
  stageDurationsMs: StageDurations;
  /** When the API received the application (ISO instant); eligibility is judged as of this date. */
  receivedAt: string;
  /** The applicant's user id (token subject); absent in cases started before authentication. */
  applicantId?: string | null;
  /** The vetting team that owns the case (scopes team leads). */
  team?: string | null;
  /** DV-stage policy; absent in cases started before the DV stages were built. */
  dv?: DvPolicy;
  /** Stage clocks; absent in cases started before clocks existed (they run without reminders). */
  clock?: CaseClockInput;
  /**
   * Present on a renewal case (kind RENEWAL): the clearance it renews. Such a case skips eligibility screening,
   * starts with the questionnaire draft pre-filled, measures its own DV renewal target, and tells the clearance
   * how it ended.
   */
  renewal?: {
    clearanceId: string;
    previousCaseId: string;
    /**
     * How long a grant waits for the clearance-held workflow to answer its request to record a successor before
     * asking again (absent: DEFAULT_SUCCESSION_ANSWER_MS). Tests shorten it.
     */
    successionAnswerMs?: number;
  };
  /**
   * Present on an application that named no invitation: the case opens held in AWAITING_SPONSOR until the
   * sponsor it names (an opaque user id, their sponsor reference) confirms the post needs DV, declines, or the
   * hold lapses after `confirmWithinMs` (SPONSOR_CONFIRMATION_MS).
   */
  sponsorHold?: {
    requestedSponsorId: string;
    confirmWithinMs: number;
    /** Remind the sponsor once, this long before the hold lapses (absent or 0: no reminder; older cases). */
    remindBeforeLapseMs?: number;
  };
}

/** What a renewal case needs from the policy in force when it opens (the worker's configuration). */
export type NewCasePolicy = Pick<VettingCaseInput, 'policy' | 'stageDurationsMs' | 'team' | 'dv' | 'clock'>;

/** The clock policy a case runs under, fixed at its start, and who receives escalations. */
export interface CaseClockInput {
  policy: ClockPolicy;
  /** The team lead escalations go to (opaque user id); null means escalations are recorded but not sent. */
  teamLeadId: string | null;
}

/** A span of time the vetting-owned clock did not count (waiting on the applicant or a third party). */
export interface WaitingSegment {
  from: string;
  to: string;
}

/** The stage clock of a case: its due times, whether it is paused, and the two running totals. */
export interface CaseClock {
  policyVersion: string;
  stageGoalAt: string | null;
  stageAtRiskAt: string | null;
  stageDeadlineAt: string | null;
  pausedSince: string | null;
  pauseReason: string | null;
  /** Time the vetting service owned, and time spent waiting on others, up to the last recorded event. */
  vettingMs: number;
  waitingMs: number;
  segmentStartedAt: string;
  /** Waiting spans since the DV clock started, for measuring the DV target exactly. */
  waitingSegments: WaitingSegment[];
  /** Reminder keys already sent: each reminder goes out once, whatever retries or restarts happen. */
  sent: string[];
  /** Whether the case was decided within the DV target (null until decided). */
  targetMet: boolean | null;
}

/** Policy for the DV stages, fixed when a case starts so a policy change never alters a running case. */
export interface DvPolicy {
  /** Record checks to run, by check type. */
  checks: CheckType[];
  /** How long a provider may take before the check becomes an officer task. */
  checkTimeoutMs: number;
  /** How often to poll providers that do not call back. */
  checkPollIntervalMs: number;
  /** Years until a DV clearance is due for renewal review (shorter if the decision says so). */
  clearanceReviewYears: number;
  /**
   * Aftercare timing for the clearance-held workflow a grant starts; absent in cases started before aftercare
   * existed (their clearances are recorded but not followed).
   */
  aftercare?: AftercareTiming;
  /**
   * The baseline (BPSS) figures (BPSS_*) the case's declaration is judged by; absent in cases started before
   * they were configurable, which run under DEFAULT_BASELINE_POLICY.
   */
  baseline?: BaselinePolicy;
}

/** Where a record check stands, as the case sees it. */
export interface CheckSummary {
  checkType: string;
  status: 'PENDING' | 'RESOLVED';
  outcome: string | null;
  resolvedAt: string | null;
}

/** The investigating officer's recommendation. */
export interface RecommendationRecord {
  recommendation: Recommendation;
  assessment: string;
  risk: RiskLevel | null;
  conditions: DecisionCondition[];
  by: string;
  at: string;
}

/** The adjudicator's decision; non-disclosable reasons never leave officer views. */
export interface DecisionRecord {
  outcome: DecisionOutcome;
  conditions: DecisionCondition[];
  reviewDueDate: string | null;
  disclosableReasons: string[];
  nonDisclosableReasons: string[];
  by: string;
  at: string;
}

/** The questionnaire's review state (its content lives in questionnaire_version, not here). */
export interface QuestionnaireState {
  status: 'AWAITING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
  version: number;
  submittedAt: string | null;
  acceptedAt: string | null;
  returnedItems: string[];
  /** When it was last returned to the applicant (applicant chasers count from here). */
  returnedAt?: string | null;
}

/** The case as the workflow holds it; written to the read-model after every transition. */
export interface CaseSnapshot {
  caseId: string;
  stage: Stage;
  status: 'OPEN' | 'CLOSED';
  outcome:
    DecisionOutcome | 'INELIGIBLE' | 'WITHDRAWN' | 'LAPSED' | 'NOT_SPONSORED' | 'BASELINE_FAILED' | null;
  assignee: string | null;
  investigatingOfficers: string[];
  openedAt: string;
  stageEnteredAt: string;
  stageDueAt: string | null;
  closedAt: string | null;
  lastEventSeq: number;
  eligibility: EligibilityResult | null;
  /** Who may see the case: see caseViewFor in libs/domain/src/access.ts. */
  team: string | null;
  sponsorId: string | null;
  /**
   * On a case opened without an invitation: the sponsor (opaque user id) the application named, who alone may
   * confirm or decline it while it is held in AWAITING_SPONSOR. Absent on cases that started with a sponsor.
   */
  requestedSponsorId?: string | null;
  applicantId: string | null;
  /** 'v1' for cases started before the DV stages existed (see CaseFacts.rules). */
  rules: 'v1' | 'v2';
  questionnaire: QuestionnaireState;
  tasks: CaseTask[];
  checks: CheckSummary[];
  recommendation: RecommendationRecord | null;
  decision: DecisionRecord | null;
  /** The DV service-level clock starts when the questionnaire is accepted. */
  dvClockStartedAt: string | null;
  clock: CaseClock | null;
  /** The clearance a renewal case renews; absent (or null) on a first application. */
  renewalOf?: string | null;
  /**
   * Baseline (BPSS) checks before the questionnaire; absent (or null) on cases started before them and on
   * renewals, which skip the stage.
   */
  baseline?: BaselineState | null;
}

/** One history entry, as recorded by the persistence activity; (caseId, seq) is its idempotency key. */
export interface CaseEventRecord {
  caseId: string;
  seq: number;
  actor: string;
  action: CaseAction | 'OPEN_CASE';
  fromStage: Stage | null;
  toStage: Stage;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** Input of the activity that persists a transition: the event plus the state it produced. */
export interface RecordTransitionInput {
  event: CaseEventRecord;
  snapshot: CaseSnapshot;
  /** Present only on the opening event, so the read-model can show officers what was applied for. */
  application?: ApplicationInput;
}

/** How a case workflow ends. */
export interface CaseResult {
  caseId: string;
  stage: Stage;
  closedAt: string;
}

export type { CaseCommand };

/** The facts the domain rules read, as a projection of a case snapshot (the workflow's or the read-model's). */
export function caseFactsOf(snapshot: CaseSnapshot): CaseFacts {
  return { ...snapshot, pendingChecks: snapshot.checks.filter((c) => c.status === 'PENDING').length };
}
