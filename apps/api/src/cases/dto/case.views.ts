import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_STAGES, CASE_ACTIONS } from '../../../../../libs/domain/src';
import type { ApplicantStatus, CaseAction, Stage } from '../../../../../libs/domain/src';
import type {
  ApplicationInput,
  CheckSummary,
  DecisionRecord,
  QuestionnaireState,
  RecommendationRecord,
} from '../../../../../libs/contracts/src';
import type { CaseTask } from '../../../../../libs/domain/src';
import type { EligibilityResult } from '../../../../../libs/domain/src/eligibility';

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
  @ApiProperty({ nullable: true, type: String, description: 'When the DV service clock started' })
  dvClockStartedAt!: string | null;
  @ApiProperty({ type: [CaseEventView] }) history!: CaseEventView[];
}

/** A page of cases. */
export class CaseListView {
  @ApiProperty({ type: [CaseSummaryView] }) items!: CaseSummaryView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalPages!: number;
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
  @ApiProperty({ enum: ['RECEIVED', 'IN_PROGRESS', 'ACTION_NEEDED', 'DECISION_MADE', 'CLOSED'] })
  status!: ApplicantStatus;
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional({ type: [String], description: 'Questionnaire items the officer asked you to fix' })
  itemsToFix?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'The reasons for the decision that can be shared with you',
  })
  reasons?: string[];
}
