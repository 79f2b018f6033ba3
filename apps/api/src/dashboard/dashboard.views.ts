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
