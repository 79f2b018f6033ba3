import { ApiProperty } from '@nestjs/swagger';
import { OPEN_STAGES } from '../../../../libs/domain/src';

export class StageFigures {
  @ApiProperty({ enum: OPEN_STAGES }) stage!: string;
  @ApiProperty() openCases!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Median days open cases have spent in this stage',
  })
  medianDaysInStage!: number | null;
}

export class OldestCase {
  @ApiProperty() id!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() ageDays!: number;
}

/** Service-level figures. */
export class SlaFigures {
  @ApiProperty({ description: 'The DV target, in working days from questionnaire acceptance to decision' })
  dvTargetWorkingDays!: number;
  @ApiProperty() decidedCases!: number;
  @ApiProperty() decidedWithinTarget!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'decidedWithinTarget / decidedCases' })
  shareDecidedWithinTarget!: number | null;
  @ApiProperty({ type: Object, example: { INVESTIGATION: 2 } }) breachedOpenByStage!: Record<string, number>;
  @ApiProperty({ type: Object, example: { QUESTIONNAIRE: 1 } }) atRiskOpenByStage!: Record<string, number>;
  @ApiProperty({ type: Object, example: { QUESTIONNAIRE: 6.5 } }) medianWorkingDaysByStage!: Record<
    string,
    number | null
  >;
}

/** Aftercare: live clearances and their renewals (issue 12). */
export class AftercareFigures {
  @ApiProperty({ description: 'Live clearances whose annual appraisal is overdue' })
  appraisalsOverdue!: number;
  @ApiProperty({ description: 'The window renewalsDue looks ahead, in days', example: 90 })
  renewalsDueWithinDays!: number;
  @ApiProperty({
    description:
      'Live clearances whose renewal date falls within the window (or has passed while their renewal is open)',
  })
  renewalsDue!: number;
  @ApiProperty({ description: 'Of renewalsDue, those whose renewal case is open' }) renewalsDueOpen!: number;
  @ApiProperty({ description: 'The DV renewal target, in working days (targets.DV_RENEWAL)' })
  renewalTargetWorkingDays!: number;
  @ApiProperty({ description: 'Renewal cases decided whose target was judged' }) renewalsDecided!: number;
  @ApiProperty() renewalsDecidedWithinTarget!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'renewalsDecidedWithinTarget / renewalsDecided' })
  shareRenewalsWithinTarget!: number | null;
  @ApiProperty({
    description: 'The published share of DV renewals that met their target, for comparison',
    example: 0.14,
  })
  publishedShareRenewalsWithinTarget!: number;
}

/** One week of the trend. */
export class WeekFigures {
  @ApiProperty({ description: 'The Monday (UTC) the week starts', example: '2026-11-30' })
  weekStarting!: string;
  @ApiProperty({ description: 'Cases opened that week' }) opened!: number;
  @ApiProperty({ description: 'Cases decided that week whose DV target was judged' }) decided!: number;
  @ApiProperty({ description: 'Of those, decided within the DV target' }) decidedWithinTarget!: number;
}

export class DashboardSummaryView {
  @ApiProperty({ type: SlaFigures }) sla!: SlaFigures;
  @ApiProperty({ type: AftercareFigures }) aftercare!: AftercareFigures;
  @ApiProperty() generatedAt!: string;
  @ApiProperty() openCases!: number;
  @ApiProperty({ type: [StageFigures] }) stages!: StageFigures[];
  @ApiProperty({ type: Object, example: { GRANTED: 12, INELIGIBLE: 3 } }) closedByOutcome!: Record<
    string,
    number
  >;
  @ApiProperty({
    type: [WeekFigures],
    description: 'The last 12 weeks (UTC, Monday first), oldest first; the current week so far is last',
  })
  trend!: WeekFigures[];
  @ApiProperty({
    type: OldestCase,
    nullable: true,
    description: "Team leads (their team's) and admins only; null for HR analysts, who see aggregates only",
  })
  oldestOpenCase!: OldestCase | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The team the figures cover (a team lead's own), or null for every team",
  })
  team!: string | null;
}
