import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ListPage } from '../../../../../libs/contracts/src';
import {
  AppraisalStatus,
  CLEARANCE_STATUSES,
  CONDITION_TYPES,
  ClearanceState,
  ConditionType,
  ClearanceStatus,
  Renewal,
  RenewalStatus,
  REVIEW_OUTCOMES,
  ReviewOutcome,
  ReviewTaskKind,
  CHECK_OUTCOMES,
  CheckOutcome,
  CheckType,
  DV_CHECK_TYPES,
  referralOpen,
} from '../../../../../libs/domain/src';

const TASK_KINDS: ReviewTaskKind[] = ['CHANGE_OF_CIRCUMSTANCES', 'APPRAISAL_CONCERN', 'INCIDENT'];

/** When each part of a two-part appraisal year was submitted (null while outstanding). */
export class AppraisalPartsView {
  @ApiProperty({ nullable: true, type: String }) holder!: string | null;
  @ApiProperty({ nullable: true, type: String }) lineManager!: string | null;
}

/** This year's appraisal, so the holder knows which one to submit. */
export class AppraisalView {
  @ApiProperty({ example: 1 }) n!: number;
  @ApiProperty({ enum: ['DUE', 'SUBMITTED', 'OVERDUE'] }) status!: AppraisalStatus;
  @ApiProperty() dueAt!: string;
  @ApiPropertyOptional({
    type: AppraisalPartsView,
    description:
      "Years with a line manager's part: when each part came in. SUBMITTED once the holder's part and, when a line manager is named, theirs are in",
  })
  parts?: AppraisalPartsView;
}

const RENEWAL_STATUSES: RenewalStatus[] = ['OPEN', 'GRANTED', 'REFUSED', 'CLOSED'];

/** The clearance's latest renewal case, driven through the case routes like any case. */
export class RenewalView {
  @ApiProperty({ format: 'uuid', description: 'The renewal case (GET /cases/{caseId})' }) caseId!: string;
  @ApiProperty({ enum: RENEWAL_STATUSES }) status!: RenewalStatus;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The clearance a granted renewal produced, which supersedes this one (status RENEWED)',
  })
  successorId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'When the clearance accepted the granted renewal’s successor. While the renewal is OPEN with this set, the clearance is being superseded: withdrawal, a leaver and expiry are refused (409 ILLEGAL_TRANSITION) until the renewal’s outcome renews it. Null until then; a renewal CLOSED since (no successor recorded) holds nothing',
  })
  successionAcceptedAt!: string | null;
}

/** The renewal as holder, sponsor and staff see it (who opened it is the vetting team's). */
export function renewalView(renewal: Renewal): RenewalView {
  const { caseId, status, openedAt, closedAt, successorId } = renewal;
  // What a page needs to apply the succession rule (clearanceAllows) itself, as the workflow does.
  return {
    caseId,
    status,
    openedAt,
    closedAt,
    successorId,
    successionAcceptedAt: renewal.successionAcceptedAt ?? null,
  };
}

/** A condition the clearance is held under (both were told them in the decision notice). */
export class ClearanceConditionView {
  @ApiProperty({ enum: CONDITION_TYPES }) type!: ConditionType;
  @ApiProperty({ example: 'Notify travel to the listed countries' }) detail!: string;
}

/**
 * What the holder and the clearance's sponsor see: the coarse status and its dates. No review tasks, no
 * reviewers, no reasons: those are the vetting team's.
 */
export class ClearanceView {
  @ApiProperty({ format: 'uuid' }) clearanceId!: string;
  @ApiProperty({ enum: ['DV'] }) level!: 'DV';
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status!: ClearanceStatus;
  @ApiProperty({ example: '2026-12-01' }) grantedOn!: string;
  @ApiProperty({ example: '2033-12-01' }) renewalDue!: string;
  @ApiProperty({ type: AppraisalView, nullable: true }) appraisal!: AppraisalView | null;
  @ApiProperty({
    type: [ClearanceConditionView],
    description: 'The conditions the clearance is held under now: those of the grant, or of a later review',
  })
  conditions!: ClearanceConditionView[];
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
  @ApiPropertyOptional({
    description: "The holder's line manager (a staff id), once the sponsor has named one",
    example: 'manager-1',
  })
  lineManagerId?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "The sponsor's and the holder's views, beside lineManagerId: the line manager's name from the staff directory (the one the sponsor chose them by); null when the directory no longer knows the id",
    example: 'Jordan Ellis',
  })
  lineManagerName?: string | null;
  @ApiPropertyOptional({
    type: RenewalView,
    description:
      'The latest renewal case, once one has been opened; while it is open the clearance stays valid past its renewal date',
  })
  renewal?: RenewalView;
}

/** A record check re-run for a change report, and how it ended. */
export class ChangeCheckView {
  @ApiProperty({ enum: DV_CHECK_TYPES }) checkType!: CheckType;
  @ApiProperty({
    enum: ['RUNNING', 'RESULT', 'TIMED_OUT', 'FAILED', 'CANCELLED'],
    description:
      'RUNNING until the provider answers; TIMED_OUT, FAILED or CANCELLED need an officer like a TRACE',
  })
  status!: 'RUNNING' | 'RESULT' | 'TIMED_OUT' | 'FAILED' | 'CANCELLED';
  @ApiProperty({ enum: CHECK_OUTCOMES, nullable: true, description: 'The provider’s outcome (with RESULT)' })
  outcome!: CheckOutcome | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt!: string | null;
}

export class ReviewTaskView {
  @ApiProperty({ example: 'task-3' }) taskId!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: ReviewTaskKind;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ enum: REVIEW_OUTCOMES, nullable: true }) outcome!: ReviewOutcome | null;
  @ApiProperty({ nullable: true, type: String }) reviewedBy!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The officer the task is assigned to; null while unassigned (any officer may then take it)',
  })
  assignee!: string | null;
  @ApiPropertyOptional({
    type: [ChangeCheckView],
    description:
      'Change reports only: the record checks the change re-runs. While any is RUNNING only REFER_TO_ADJUDICATOR may be recorded',
  })
  checks?: ChangeCheckView[];
}

export class WithdrawalView {
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiProperty() disclosableReasons!: string;
}

/** What officers and adjudicators see: the clearance with its review tasks, reviewers and withdrawal. */
export class ClearanceStaffView extends ClearanceView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() holderId!: string;
  @ApiProperty({ nullable: true, type: String }) sponsorId!: string | null;
  @ApiProperty({ type: [ReviewTaskView] }) tasks!: ReviewTaskView[];
  @ApiProperty({ type: [String], description: 'Officers who reviewed it; none of them may withdraw it' })
  reviewers!: string[];
  @ApiProperty({ type: WithdrawalView, nullable: true }) withdrawal!: WithdrawalView | null;
  @ApiProperty({
    description:
      "An officer's review referred it to a senior adjudicator and no one has yet decided: a senior adjudicator may leave it valid (POST /clearances/:clearanceId/referral-closure), suspend or withdraw it",
  })
  referralOpen!: boolean;
  @ApiProperty() updatedAt!: string;
}

/**
 * What the holder's line manager sees: enough to do their part of the appraisal. The holder by name (the line
 * manager has to know whom they appraise) and opaque id, the status, dates and this year's appraisal; no
 * conditions, tasks, reasons or any other of the holder's personal data.
 */
export class LineManagerClearanceView {
  @ApiProperty({ format: 'uuid' }) clearanceId!: string;
  @ApiProperty({ description: "The holder's id (opaque, as their sign-in has it)" }) holderId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Alex Morgan',
    description:
      "The holder's name as their application gave it (given and family name); null when the granting case recorded none",
  })
  holderName!: string | null;
  @ApiProperty({ enum: ['DV'] }) level!: 'DV';
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status!: ClearanceStatus;
  @ApiProperty({ example: '2026-12-01' }) grantedOn!: string;
  @ApiProperty({ example: '2033-12-01' }) renewalDue!: string;
  @ApiProperty({ type: AppraisalView, nullable: true }) appraisal!: AppraisalView | null;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
}

/**
 * Who a staff id the sponsor typed is, from the staff directory, so they can confirm before naming them: only that
 * one member, and only once the directory has them as a line manager this sponsor may name.
 */
export class LineManagerCandidateView {
  @ApiProperty({ example: 'manager-1', description: 'The staff id, as typed' }) lineManagerId!: string;
  @ApiProperty({ example: 'Maya Collins', description: 'Their name, as the staff directory has it' })
  displayName!: string;
  @ApiProperty({ type: String, nullable: true, example: 'dv-team-1', description: 'Their team, if any' })
  team!: string | null;
}

/**
 * Whom a sponsor's search by name found among the line managers they may name for the clearance, by name: at most
 * ten, and `capped` when more matched (the sponsor narrows the term rather than pages through the directory).
 */
export class LineManagerSearchView {
  @ApiProperty({ type: [LineManagerCandidateView] }) items!: LineManagerCandidateView[];
  @ApiProperty({
    description: 'True when more than the ten listed matched: search again with more of the name',
  })
  capped!: boolean;
}

/** The clearances a line manager is named for, newest grant first. */
export class ManagedClearancesView {
  @ApiProperty({ type: [LineManagerClearanceView] }) items!: LineManagerClearanceView[];
}

/** The clearances the caller holds or held, newest first. */
export class HeldClearancesView {
  @ApiProperty({ type: [ClearanceView] }) items!: ClearanceView[];
}

/** One open task in the officers' aftercare review queue. */
export class OpenReviewTaskView {
  @ApiProperty({ format: 'uuid' }) clearanceId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'task-3' }) taskId!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: ReviewTaskKind;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) clearanceStatus!: ClearanceStatus;
  @ApiProperty({ nullable: true, type: String, description: 'The officer the task is assigned to, or null' })
  assignee!: string | null;
  @ApiProperty({ description: 'Whether a record check re-run for the task still awaits its result' })
  awaitingResults!: boolean;
}

export class ReviewTaskPageView implements ListPage<OpenReviewTaskView> {
  @ApiProperty({ type: [OpenReviewTaskView] }) items!: OpenReviewTaskView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** One clearance awaiting a senior adjudicator. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' }) clearanceId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status!: ClearanceStatus;
  @ApiProperty({
    enum: ['REFERRED', 'SUSPENDED'],
    description: 'REFERRED: an officer’s review referred it; SUSPENDED: awaiting restoration or withdrawal',
  })
  reason!: 'REFERRED' | 'SUSPENDED';
  @ApiProperty({ description: 'When it first came to the adjudicators (the queue is oldest first)' })
  awaitingSince!: string;
  @ApiProperty({ example: '2032-01-10' }) renewalDue!: string;
}

export class ReferralPageView implements ListPage<ReferralView> {
  @ApiProperty({ type: [ReferralView] }) items!: ReferralView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** One officer's review that referred the clearance, with its notes. */
export class ReferralNoteView {
  @ApiProperty({ example: 'task-2' }) taskId!: string;
  @ApiProperty({ description: 'The officer who recorded the review (staff id)' }) officerId!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'The review’s notes as the officer wrote them' }) notes!: string;
}

/** The notes behind a clearance's open referral, for the senior adjudicator deciding it. */
export class ReferralNotesView {
  @ApiProperty({ format: 'uuid' }) clearanceId!: string;
  @ApiProperty({
    type: [ReferralNoteView],
    description:
      'The reviews that referred it since it last left the referral queue, oldest first; empty when no referral is open',
  })
  items!: ReferralNoteView[];
}

/** The coarse view of a clearance, for its holder and sponsor. */
export function clearanceView(state: ClearanceState): ClearanceView {
  return {
    clearanceId: state.clearanceId,
    level: state.level,
    status: state.status,
    grantedOn: state.grantedOn,
    renewalDue: state.renewalDue,
    appraisal: appraisalView(state.appraisal),
    conditions: state.conditions.map((c) => ({ ...c })),
    endedAt: state.endedAt,
    ...(state.lineManagerId ? { lineManagerId: state.lineManagerId } : {}),
    ...(state.renewal ? { renewal: renewalView(state.renewal) } : {}),
  };
}

/** The line manager's view (need-to-know: their part of the appraisal, nothing of the vetting file). */
export function lineManagerClearanceView(
  state: ClearanceState,
  holderName: string | null,
): LineManagerClearanceView {
  return {
    clearanceId: state.clearanceId,
    holderId: state.holderId,
    holderName,
    level: state.level,
    status: state.status,
    grantedOn: state.grantedOn,
    renewalDue: state.renewalDue,
    appraisal: appraisalView(state.appraisal),
    endedAt: state.endedAt,
  };
}

function appraisalView(a: ClearanceState['appraisal']): AppraisalView | null {
  if (!a) return null;
  return { n: a.n, status: a.status, dueAt: a.dueAt, ...(a.parts ? { parts: { ...a.parts } } : {}) };
}

/** The full view, for officers and adjudicators. */
export function clearanceStaffView(state: ClearanceState): ClearanceStaffView {
  return {
    ...clearanceView(state),
    caseId: state.caseId,
    holderId: state.holderId,
    sponsorId: state.sponsorId,
    tasks: state.tasks.map(({ checks, assignee, ...t }) => ({
      ...t,
      assignee: assignee ?? null,
      // The run id is the checks' own routing key, not something an officer acts on.
      ...(checks ? { checks: checks.map(({ runId: _runId, ...c }) => ({ ...c })) } : {}),
    })),
    reviewers: [...state.reviewers],
    withdrawal: state.withdrawal ? { ...state.withdrawal } : null,
    referralOpen: referralOpen(state),
    updatedAt: state.updatedAt,
  };
}
