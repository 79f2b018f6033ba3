import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ALL_STAGES, APPLICANT_STATUSES, CASE_ACTIONS } from '../../../../../libs/domain/src';
import type { ApplicantStatus, CaseAction, Stage } from '../../../../../libs/domain/src';
import type {
  ApplicationInput,
  CaseClock,
  CheckSummary,
  DecisionRecord,
  QuestionnaireState,
  RecommendationRecord,
} from '../../../../../libs/contracts/src';
import type { BaselinePolicy, BaselineState, CaseTask } from '../../../../../libs/domain/src';
import type { EligibilityResult } from '../../../../../libs/domain/src';

/** One row of a case list. */
export class CaseSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALL_STAGES }) stage!: Stage;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty({ nullable: true, type: String }) assignee!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() stageEnteredAt!: string;
  @ApiProperty({ nullable: true, type: String }) stageDueAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ description: 'Whole days since the case opened (until it closed)' }) ageDays!: number;
  @ApiProperty({ description: 'Whole days in the current stage' }) daysInStage!: number;
  @ApiProperty({ enum: ['ON_TRACK', 'AT_RISK', 'BREACHED'], nullable: true }) slaState!:
    'ON_TRACK' | 'AT_RISK' | 'BREACHED' | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the assignee is reminded' }) stageGoalAt!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) clockPausedSince!: string | null;
  @ApiProperty({ description: 'Time the vetting service owned so far (ms)' }) vettingClockMs!: number;
  @ApiProperty({ description: 'Time spent waiting on the applicant or third parties (ms)' })
  waitingClockMs!: number;
  @ApiProperty({ description: 'Read-model row version; grows with every recorded transition' })
  version!: number;
}

/** One entry of a case history. */
export class CaseEventView {
  @ApiProperty() seq!: number;
  @ApiProperty() actor!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ nullable: true, type: String }) fromStage!: string | null;
  @ApiProperty() toStage!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: Object }) payload!: Record<string, unknown>;
}

/**
 * A write for this case that the database refused for good: the case went on without it (the refused value is
 * never shown, nor any SQL; only which step, when, and what it leaves missing).
 */
export class CaseAlertView {
  @ApiProperty({ example: 'recordTransition', description: 'The activity whose write was refused' })
  activity!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ description: 'What it leaves missing, in words for the officers' }) meaning!: string;
  @ApiProperty({ description: 'What to do about it' }) advice!: string;
}

/** A case with its eligibility result, the actions it accepts now, and its full history. */
export class CaseDetailView extends CaseSummaryView {
  @ApiProperty({ type: [String] }) investigatingOfficers!: string[];
  @ApiPropertyOptional({ type: Object, nullable: true }) eligibility!: EligibilityResult | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) application!: ApplicationInput | null;
  @ApiProperty({ enum: CASE_ACTIONS, isArray: true }) allowedActions!: CaseAction[];
  @ApiProperty({ enum: ['v1', 'v2'], description: 'v1: a case started before the DV stages existed' })
  rules!: 'v1' | 'v2';
  @ApiProperty({ type: Object }) questionnaire!: QuestionnaireState;
  @ApiProperty({ type: [Object], description: 'Open and settled work items' }) tasks!: CaseTask[];
  @ApiProperty({ type: [Object] }) checks!: CheckSummary[];
  @ApiPropertyOptional({ type: Object, nullable: true }) recommendation!: RecommendationRecord | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) decision!: DecisionRecord | null;
  @ApiPropertyOptional({
    type: Object,
    nullable: true,
    description:
      'Baseline (BPSS) checks: status, what was asked for, the outcome; null when the case has none',
  })
  baseline!: BaselineState | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the DV service clock started' })
  dvClockStartedAt!: string | null;
  @ApiProperty({ type: [CaseEventView] }) history!: CaseEventView[];
  @ApiProperty({
    type: [CaseAlertView],
    description: 'Writes the database refused for good and nobody has resolved yet, oldest first',
  })
  alerts!: CaseAlertView[];
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'Another open case for the same identity under another account, found at intake: for an officer to look into',
  })
  possibleDuplicateOf!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'On a renewal case, the clearance it renews (its staff page: GET /clearances/{id}); null on a first application',
  })
  renewalOf!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'On a vetting re-run a panel recommended, the appeal that called for it (its staff page: GET /appeals/{id}); ' +
      'null otherwise',
  })
  rerunOfAppeal!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'officer-1': 'Olivia Hughes' },
    description:
      'Display names of the staff this case names (its officer, investigating officers, the people in its ' +
      'history), by user id, so pages can show names without the staff directory; anyone else is absent',
  })
  staffNames!: Record<string, string>;
}

/** A page of cases. */
export class CaseListView {
  @ApiProperty({ type: [CaseSummaryView] }) items!: CaseSummaryView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'officer-1': 'Olivia Hughes' },
    description: "Display names of this page's assigned officers, by user id (no one else's)",
  })
  staffNames!: Record<string, string>;
}

/** What a sponsor sees: stage, dates and outcome of cases they sponsor; no findings. */
export class SponsorCaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALL_STAGES }) stage!: Stage;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() stageEnteredAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
}

/** What an applicant sees: the coarse status only. */
export class ApplicantCaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: APPLICANT_STATUSES })
  status!: ApplicantStatus;
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'What the officer asked you to fix or send: questionnaire items, or baseline information',
  })
  itemsToFix?: string[];
  @ApiPropertyOptional({
    enum: ['AWAITING', 'SUBMITTED', 'NEEDS_INFORMATION'],
    description:
      'While the case is in its baseline (BPSS) checks: whether your declaration is awaited, submitted, or ' +
      'needs more information (itemsToFix then says what); absent in every other stage',
  })
  baselineStatus?: 'AWAITING' | 'SUBMITTED' | 'NEEDS_INFORMATION';
  @ApiPropertyOptional({
    type: Object,
    example: { historyYears: 3, maxUnexplainedGapDays: 28, abroadYears: 3, abroadMinimumMonths: 6 },
    description:
      'With baselineStatus: the figures your declaration is judged by (years of employment history, the longest ' +
      'gap left unexplained in days, the years and shortest stay in months of time abroad), fixed when the case ' +
      'started',
  })
  baselinePolicy?: BaselinePolicy;
  @ApiPropertyOptional({
    enum: ['GRANTED', 'NOT_GRANTED'],
    description: 'Once decided: whether clearance was granted (ineligible applications are not granted)',
  })
  outcome?: 'GRANTED' | 'NOT_GRANTED';
  @ApiPropertyOptional({ description: 'Once decided: the outcome in words' })
  message?: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'The reasons you may be told: the disclosable reasons for a refusal, or the rules not met',
  })
  reasons?: string[];
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only on the renewal of a clearance you hold: that clearance (GET /clearances/mine lists it); absent on a ' +
      'first application',
  })
  renewalOf?: string;
}

/** The applicant's own last baseline (BPSS) declaration, to start from when they are asked for more. */
export class BaselineDeclarationView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Your last declaration as you sent it (POST …/baseline/submission); null before the first',
  })
  declaration!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt!: string | null;
}

/** The applicant's baseline (BPSS) declaration so far, saved to come back to (PUT …/baseline/draft). */
export class BaselineDraftView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Your answers as you saved them, incomplete as they may be; null when nothing is saved',
  })
  content!: Record<string, unknown> | null;
  @ApiProperty({ description: 'Grows by one with every save; 0 when nothing is saved' }) version!: number;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
}

/** What an officer gets back from an action: the case as the workflow holds it after the action. */
export class CaseSnapshotView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ALL_STAGES }) stage!: Stage;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty({ nullable: true, type: String }) outcome!: string | null;
  @ApiProperty({ nullable: true, type: String }) assignee!: string | null;
  @ApiProperty({ type: [String] }) investigatingOfficers!: string[];
  @ApiProperty() openedAt!: string;
  @ApiProperty() stageEnteredAt!: string;
  @ApiProperty({ nullable: true, type: String }) stageDueAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: 'integer' }) lastEventSeq!: number;
  @ApiProperty({ type: Object, nullable: true }) eligibility!: EligibilityResult | null;
  @ApiProperty({ nullable: true, type: String }) team!: string | null;
  @ApiProperty({ nullable: true, type: String }) sponsorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) applicantId!: string | null;
  @ApiProperty({ enum: ['v1', 'v2'] }) rules!: 'v1' | 'v2';
  @ApiProperty({ type: Object }) questionnaire!: QuestionnaireState;
  @ApiProperty({ type: [Object] }) tasks!: CaseTask[];
  @ApiProperty({ type: [Object] }) checks!: CheckSummary[];
  @ApiProperty({ type: Object, nullable: true }) recommendation!: RecommendationRecord | null;
  @ApiProperty({ type: Object, nullable: true }) decision!: DecisionRecord | null;
  @ApiProperty({ nullable: true, type: String }) dvClockStartedAt!: string | null;
  @ApiProperty({ type: Object, nullable: true }) clock!: CaseClock | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) baseline?: BaselineState | null;
}

/** A page of the applicant's own applications, newest first, each in the coarse applicant vocabulary. */
export class ApplicantCaseListView {
  @ApiProperty({ type: [ApplicantCaseView] }) items!: ApplicantCaseView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** A page of the cases a sponsor sponsors, newest first: stage, dates and outcome, never findings. */
export class SponsoredCaseListView {
  @ApiProperty({ type: [SponsorCaseView] }) items!: SponsorCaseView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** Who a sponsorship request is from: enough to recognise the candidate, nothing about their vetting. */
export class SponsorshipApplicantView {
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'The start date the applicant gave for the post (ISO date)' })
  intendedStartDate!: string;
}

/** An application held for the sponsor it names: who it is from, when it came, until when it waits. */
export class SponsorshipRequestView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the request lapses unanswered' })
  respondBy!: string | null;
  @ApiProperty({ type: SponsorshipApplicantView }) applicant!: SponsorshipApplicantView;
}

/** One page of the sponsorship requests that name you, oldest first. */
export class SponsorshipRequestListView {
  @ApiProperty({ type: [SponsorshipRequestView] }) items!: SponsorshipRequestView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
}

/** An application as its applicant is told about it: the coarse status, and the case id to follow it by. */
export class SubmittedApplicationView extends ApplicantCaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
}

/** An action answers with the case as the caller may see it: whole for officers, coarse for the others. */
export const ACTION_RESULT = {
  oneOf: [CaseSnapshotView, SponsorCaseView, ApplicantCaseView].map((m) => ({ $ref: getSchemaPath(m) })),
};
